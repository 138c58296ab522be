"""A region of the screen as a thumbnail: the whole screen is grabbed once, frozen, and shown in a
full-screen window where the artist drags the region (qml/Pyblish/thumbnails/RegionGrab.qml).

The window is a process of its own, so the DCC's viewport is just pixels on the screen to it;
Qt's screen grab reads them (under X11: the root window; Wayland compositors refuse it, and the
grab comes back empty: :meth:`ScreenGrab.freeze` then says so). Grabbing first and choosing
afterwards needs no translucent window (no compositor under Xvfb or a bare X server) and shows
exactly the pixels the crop will keep. ``image://pyblishgrab/<n>`` serves the frozen grab to
the overlay; the crop is in screen pixels (device pixels on a scaled screen).

Thread: GUI thread (Qt grabs screens there); the provider is called from QML's image thread
and only reads the frozen image (QImage is implicitly shared, read-only here).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQuick import QQuickImageProvider

PROVIDER = "pyblishgrab"
_FROZEN: dict[str, QImage] = {}  # the one frozen grab, by its generation


class ScreenFrames(QQuickImageProvider):
    """``image://pyblishgrab/<n>``: the screen as it was frozen (the overlay's background)."""

    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        image = _FROZEN.get(image_id, QImage())
        if image.isNull():
            image = QImage(1, 1, QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.black)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


class ScreenGrab:
    """The frozen screen and its generation (a new URL each time: QML caches images by URL)."""

    def __init__(self):
        self.generation = 0
        self.geometry = QRect()  # the screen's place on the desktop, logical pixels

    def freeze(self, screen=None) -> str:
        """Grab the screen the window is on now; "" when it worked, else why not (in words)."""
        screen = screen or QGuiApplication.primaryScreen()
        if screen is None:
            return "There is no screen to grab."
        pixmap = screen.grabWindow(0)
        if pixmap.isNull():
            return "This desktop does not let programs grab the screen (Wayland): paste a screenshot instead."
        self.generation += 1
        _FROZEN.clear()
        _FROZEN[str(self.generation)] = pixmap.toImage()
        self.geometry = screen.geometry()
        return ""

    @property
    def url(self) -> str:
        return "image://%s/%d" % (PROVIDER, self.generation) if self.generation else ""

    def crop(self, x: float, y: float, width: float, height: float) -> QImage:
        """The region (logical pixels of the overlay, which covers the screen) of the frozen grab."""
        image = _FROZEN.get(str(self.generation), QImage())
        if image.isNull() or self.geometry.width() <= 0:
            return QImage()
        scale = image.width() / self.geometry.width()  # device pixels per logical pixel
        rect = QRect(round(x * scale), round(y * scale), round(width * scale), round(height * scale))
        return image.copy(rect.intersected(image.rect()))

    def release(self) -> None:
        _FROZEN.clear()
