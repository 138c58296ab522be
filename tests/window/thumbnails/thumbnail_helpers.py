"""What the thumbnail tests share: pictures of a known size and colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter


def picture(path, width: int, height: int, left: str, right: str) -> str:
    """A PNG with a horizontal gradient (a test's 'render')."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(left))
    gradient.setColorAt(1, QColor(right))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    image.save(str(path))
    return str(path)
