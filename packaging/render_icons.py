"""Render packaging/icons/pyblish-qml.svg to the PNG sizes desktops ask for (run after editing it)."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 32, 48, 64, 128, 256)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it
    folder = Path(__file__).parent / "icons"
    renderer = QSvgRenderer(str(folder / "pyblish-qml.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / ("pyblish-qml-%d.png" % size)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
