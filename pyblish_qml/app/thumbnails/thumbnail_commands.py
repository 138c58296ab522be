"""What the thumbnails' QML calls, on an object it creates: ``ThumbnailCommands { id: thumbs }``.

As :mod:`..commands` explains, compiled bindings call methods without a guard only on an object
they know by id; this forwards each call to the :class:`~.thumbnails_panel.ThumbnailsPanel` of
the window's controller (``Controller.options.thumbnailPanel``).

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtQml import QmlElement, qmlEngine

from ..controller import Controller
from .thumbnails_panel import ThumbnailsPanel, is_image_file

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class ThumbnailCommands(QObject):
    def _panel(self) -> ThumbnailsPanel:
        engine = qmlEngine(self)
        found = engine.singletonInstance("Pyblish", "Controller") if engine is not None else None
        controller = found if isinstance(found, Controller) else Controller.current()
        return controller.options_panel.thumbnails

    @Slot(str)
    def paste(self, item_id: str) -> None:
        self._panel().paste(item_id)

    @Slot(str, "QList<QUrl>", result=bool)
    def drop(self, item_id: str, urls: list[QUrl]) -> bool:
        return self._panel().drop(item_id, [url.toLocalFile() for url in urls])

    @Slot(str, "QList<QUrl>", result=bool)
    def acceptsDrop(self, item_id: str, urls: list[QUrl]) -> bool:
        return self._panel().accepts_drop(item_id, [url.toLocalFile() for url in urls])

    @Slot("QList<QUrl>", result=bool)
    def carriesImages(self, urls: list[QUrl]) -> bool:
        """A drag of image files: an instance's thumbnail, not a report file for the History."""
        return any(is_image_file(url.toLocalFile()) for url in urls)

    @Slot(str)
    def grabRegion(self, item_id: str) -> None:
        self._panel().grab_region(item_id)

    @Slot(float, float, float, float)
    def finishGrab(self, x: float, y: float, width: float, height: float) -> None:
        self._panel().finish_grab(x, y, width, height)

    @Slot()
    def cancelGrab(self) -> None:
        self._panel().cancel_grab()

    @Slot(str)
    def capture(self, item_id: str) -> None:
        self._panel().capture(item_id)

    @Slot(str)
    def clear(self, item_id: str) -> None:
        self._panel().clear(item_id)
