"""The project's icons for QML, drawn in the colour the theme asks for.

Monochrome icons are drawn in one grey (``MONO``). To show them in another colour (the light
theme's dark text), this provider swaps that grey in the SVG source before rendering. That way
there is no shader effect: Qt's software renderer, used on machines without OpenGL, draws no
shader effects at all, and icons tinted by one simply vanished there.

QML asks for ``image://pyblish-icons/<name>`` (as drawn) or ``image://pyblish-icons/<name>/<rrggbb>``.
``fa:<name>`` is a Font Awesome icon (an ``Action.icon``, see ``font_awesome.py``) drawn from the
bundled font in that colour; a name the font does not have draws the project's ``action`` icon.

Thread: called by Qt's image loading; it reads only immutable state and its own cache lock.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QQmlImageProviderBase
from PySide6.QtQuick import QQuickImageProvider
from PySide6.QtSvg import QSvgRenderer

from .font_awesome import FontAwesome

PROVIDER = "pyblish-icons"
MONO = b"#c9ced6"
_NAME = re.compile(r"^[a-z0-9-]+$")
_COLOUR = re.compile(r"^[0-9a-fA-F]{6}$")
DEFAULT_SIZE = 16
FONT_AWESOME = "fa:"
FALLBACK = "action"  # what an Action.icon the font does not know shows


class IconProvider(QQuickImageProvider):
    def __init__(self, folder: Path, fonts: Path | None = None):
        super().__init__(QQmlImageProviderBase.ImageType.Image)
        self._folder = Path(folder)
        self._font_awesome = FontAwesome(fonts) if fonts is not None else None
        self._sources: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def svg(self, name: str, colour: str = "") -> bytes:
        """The SVG source of one icon, its monochrome grey replaced by ``colour`` (rrggbb)."""
        if not _NAME.match(name):
            raise KeyError(name)
        with self._lock:
            source = self._sources.get(name)
            if source is None:
                source = self._sources[name] = (self._folder / (name + ".svg")).read_bytes()
        if colour and _COLOUR.match(colour):
            source = source.replace(MONO, b"#" + colour.lower().encode())
        return source

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:  # noqa: A002 - Qt's
        name, _, colour = id.partition("/")
        width = requestedSize.width() if requestedSize.width() > 0 else DEFAULT_SIZE
        height = requestedSize.height() if requestedSize.height() > 0 else width
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        if name.startswith(FONT_AWESOME):
            outline = self._font_awesome.path(name[len(FONT_AWESOME):], min(width, height)) \
                if self._font_awesome is not None else None
            if outline is not None:
                painter = QPainter(image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.translate((width - min(width, height)) / 2, (height - min(width, height)) / 2)
                tint = "#" + colour if _COLOUR.match(colour) else MONO.decode()
                painter.fillPath(outline, QColor(tint))
                painter.end()
                return image
            name = FALLBACK
        try:
            renderer = QSvgRenderer(QByteArray(self.svg(name, colour)))
        except (KeyError, OSError):
            return image  # an unknown icon draws nothing rather than breaking the view
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, width, height))
        painter.end()
        return image
