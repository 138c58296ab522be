"""Thumbnails in the window: each instance's picture on its row and its Perspective page, and the
artist's ways to set one — paste, drop a file, grab a region of the screen, the host's Capture.

An instance's thumbnail is ``instance.data["thumbnail"]`` (a path a collector set) unless the
artist chose another (:class:`~.chosen.ChosenThumbnails`, kept by name across Resets). The rows
read it through the instance model's ``thumbnail`` role (a file URL; QML loads it asynchronously
at row size: qml/Pyblish/thumbnails/RowThumbnail.qml). Whatever the source, the image becomes a
PNG off the GUI thread (:class:`~.image_jobs.ImageJobs`); the host's Capture runs in the host
(``update("pyblishQmlCapture", ...)``, host/capture.py) on a thread of its own here. Before a run
:meth:`ThumbnailsPanel.writes` gives the paths the host has not had (docs/thumbnails.md). What
the panel asks of its owner is :class:`ThumbnailsOwner`.

Thread: GUI thread; the Capture's call to the host on a short-lived thread (its answer comes back
as a queued signal).
"""

from __future__ import annotations

import os
import threading
from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtGui import QGuiApplication, QImageReader
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...options import CAPTURE_KEY
from ...rpc_client import Proxy
from ..lists.models import InstanceModel
from ..overview.views import ItemDetail
from .chosen import ChosenThumbnails
from .image_jobs import ImageJobs
from .screen_grab import ScreenGrab

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

CAPTURE_TIMEOUT = 120.0  # seconds: a DCC's render may take a while


class ThumbnailsOwner(Protocol):
    """What the panel asks of the window (the controller)."""

    def shown_port(self) -> int | None: ...  # the host whose Context is shown

    def toggles_locked(self) -> bool: ...  # a run is on, or a past run is shown: nothing changes


@QmlElement
@QmlUncreatable("the controller makes one")
class ThumbnailsPanel(QObject):
    """The Perspective's thumbnail (``url``), what the artist may do to it, and the region grab."""

    changed = Signal()
    grabChanged = Signal()
    _captured = Signal(str, str, str)  # instance name, file the host wrote, error (from the capture thread)

    def __init__(self, owner: ThumbnailsOwner, instances: InstanceModel, detail: ItemDetail,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._instances = instances
        self._detail = detail
        self.chosen = ChosenThumbnails()
        self.jobs = ImageJobs(self)
        self.jobs.done.connect(self._saved)
        self.grab = ScreenGrab()
        self._grab_for = ""  # the instance the region grab is for
        self._busy = False
        self._message = ""
        self._captured.connect(self._host_captured)
        detail.changed.connect(self.changed)  # its row changed (a new choice, data from a plugin)
        detail.selectionChanged.connect(self.changed)
        instances.modelReset.connect(self._collected)
        instances.rowsInserted.connect(lambda *_: self._apply_choices())

    # ---------------------------------------------------------------- what QML shows

    def _shown(self) -> dict | None:
        return self._instances.item(self._detail.itemId) if self._detail.kind == "instance" else None

    @Property(str, notify=changed, final=True)
    def url(self) -> str:
        """The Perspective's instance's thumbnail as a file URL ("" when it has none)."""
        return str((self._shown() or {}).get("thumbnail") or "")

    @Property(bool, notify=changed, final=True)
    def chosenHere(self) -> bool:
        """The artist chose the picture (it replaces the collector's)."""
        return bool(self.chosen.path(self._name(self._detail.itemId))) if self._shown() else False

    @Property(bool, notify=changed, final=True)
    def canSet(self) -> bool:
        item = self._shown()
        return item is not None and not item.get("isContext") and not self._owner.toggles_locked()

    @Property(bool, notify=changed, final=True)
    def canCapture(self) -> bool:
        """The host registered a capture hook (host/capture.py stamps the Context)."""
        context = next((row for row in self._instances.items()[:1] if row.get("isContext")), None)
        return bool(((context or {}).get("data") or {}).get(CAPTURE_KEY)) and self.canSet

    @Property(bool, notify=changed, final=True)
    def busy(self) -> bool:
        return self._busy

    @Property(str, notify=changed, final=True)
    def message(self) -> str:
        """Why the last attempt did not work, in words ("" when it did)."""
        return self._message

    @Property(str, notify=grabChanged, final=True)
    def grabSource(self) -> str:
        """The frozen screen the region grab shows ("" when no grab is on)."""
        return self.grab.url if self._grab_for else ""

    # ---------------------------------------------------------------- what the artist does

    def paste(self, item_id: str) -> None:
        """The clipboard's image (a screenshot tool's, a browser's), or an image file copied in a file manager."""
        clipboard = QGuiApplication.clipboard()
        image = clipboard.image()
        if not image.isNull():
            self._start(item_id, lambda name, path: self.jobs.submit_image(name, image, path))
            return
        files = [url.toLocalFile() for url in (clipboard.mimeData().urls() if clipboard.mimeData() else [])]
        files = [path for path in files if path and is_image_file(path)]
        if files:
            self._start(item_id, lambda name, path: self.jobs.submit_file(name, files[0], path))
        else:
            self._say("There is no image on the clipboard.")

    def drop(self, item_id: str, files: list[str]) -> bool:
        """Files dropped on the instance's row or page; False when none of them is an image."""
        files = [path for path in files if path and is_image_file(path)]
        if not files:
            self._say("Drop an image file (PNG, JPEG ...).")
            return False
        self._start(item_id, lambda name, path: self.jobs.submit_file(name, files[0], path))
        return True

    def accepts_drop(self, item_id: str, files: list[str]) -> bool:
        """An instance whose picture may change now, and a drag carrying an image file (judged by
        its name: the file is not read until dropped)."""
        return self._allowed(item_id) and any(is_image_file(path) for path in files)

    def grab_region(self, item_id: str) -> None:
        """Freeze the screen and open the region grab (the artist drags; Esc cancels)."""
        if not self._allowed(item_id):
            return
        why = self.grab.freeze()
        if why:
            self._say(why)
            return
        self._grab_for = item_id
        self.grabChanged.emit()

    def finish_grab(self, x: float, y: float, width: float, height: float) -> None:
        item_id, self._grab_for = self._grab_for, ""
        self.grabChanged.emit()
        image = self.grab.crop(x, y, width, height) if width >= 4 and height >= 4 else None
        self.grab.release()
        if image is None or image.isNull():
            self._say("The region was too small; drag a rectangle over what the thumbnail should show.")
            return
        self._start(item_id, lambda name, path: self.jobs.submit_image(name, image, path))

    def cancel_grab(self) -> None:
        self._grab_for = ""
        self.grab.release()
        self.grabChanged.emit()

    def capture(self, item_id: str) -> None:
        """Ask the host's capture hook for a picture of the scene (a viewport render, a playblast)."""
        port = self._owner.shown_port()
        if port is None or not self._allowed(item_id):
            return
        name = self._name(item_id)
        target = self.chosen.next_path(name)[:-4] + "-capture.png"
        self._busy = True
        self._message = ""
        self.changed.emit()
        threading.Thread(target=self._ask_host, args=(port, name, target), daemon=True,
                         name="pyblish-qml-capture").start()

    def clear(self, item_id: str) -> None:
        """Back to the collector's picture (or none)."""
        name = self._name(item_id)
        self.chosen.forget(name)
        self._show_choice(name, "")

    # ---------------------------------------------------------------- what the window does with it

    def writes(self) -> list[tuple]:
        """(instance id, "thumbnail", path) the host must have before the run (docs/thumbnails.md)."""
        return self.chosen.writes(self._instances.items())

    def shutdown(self) -> None:
        self.jobs.shutdown()

    # ---------------------------------------------------------------- inside

    def _allowed(self, item_id: str) -> bool:
        item = self._instances.item(item_id)
        return item is not None and not item.get("isContext") and not self._owner.toggles_locked()

    def _start(self, item_id: str, submit) -> None:
        if not self._allowed(item_id):
            return
        name = self._name(item_id)
        self._busy = True
        self._message = ""
        self.changed.emit()
        submit(name, self.chosen.next_path(name))

    def _saved(self, name: str, path: str, error: str) -> None:
        self._busy = False
        self._message = error
        if path:
            self.chosen.choose(name, path)
            self._show_choice(name, path)
        self.changed.emit()

    def _ask_host(self, port: int, name: str, target: str) -> None:
        try:
            proxy = Proxy("http://127.0.0.1:%d/pyblish" % port, timeout=CAPTURE_TIMEOUT)
            try:
                proxy.update(CAPTURE_KEY, {"path": target, "instance": name})
            finally:
                proxy.close()
        except Exception as error:  # the host went, or refused: said on the page
            self._captured.emit(name, "", "The host could not capture: %s" % error)
            return
        if os.path.isfile(target):
            self._captured.emit(name, target, "")
        else:
            self._captured.emit(name, "", "The host's capture wrote no image (see the host's log).")

    def _host_captured(self, name: str, source: str, error: str) -> None:
        if not source:
            self._saved(name, "", error)
            return
        self.jobs.submit_file(name, source, self.chosen.next_path(name))

    def _show_choice(self, name: str, path: str) -> None:
        """The rows of instances with this name show the choice (or their collector's again)."""
        self._instances.update_items({item["id"]: {"chosenThumbnail": path} for item in self._instances.items()
                                      if not item.get("isContext") and str(item.get("name") or "") == name})

    def _apply_choices(self) -> None:
        chosen = self.chosen.chosen()
        if chosen:
            self._instances.update_items({item["id"]: {"chosenThumbnail": chosen[item["name"]]}
                                          for item in self._instances.items()
                                          if not item.get("isContext") and item.get("name") in chosen})

    def _collected(self) -> None:
        self.chosen.collected()
        self._apply_choices()
        self.changed.emit()

    def _name(self, item_id: str) -> str:
        return str((self._instances.item(item_id) or {}).get("name") or "")

    def _say(self, text: str) -> None:
        self._message = text
        self.changed.emit()


_READABLE: set[str] = set()


def is_image_file(path: str) -> bool:
    """A file whose name says it is an image Qt can read (its content is read off the GUI thread)."""
    if not _READABLE:
        _READABLE.update(bytes(name.data()).decode().lower() for name in QImageReader.supportedImageFormats())
    return os.path.isfile(path) and os.path.splitext(path)[1][1:].lower() in _READABLE
