"""Image work off the GUI thread: a chosen picture is read, made thumbnail-sized and written as PNG.

A pasted clipboard image, a dropped file, a screen region or the host's capture all end as one
PNG of at most :data:`MAX_SIDE` pixels a side at the path :class:`~.chosen.ChosenThumbnails` gave.
Decoding a 4K file or encoding a PNG takes tens of milliseconds: that runs here, on one worker
thread, and the result comes back to the GUI thread as the ``done`` signal (queued: the object
lives on the GUI thread). :func:`shrunk` is also what the run history stores (small JPEG bytes,
``record/writer.py`` runs it on its own thread).

Thread: ``submit_*`` on the GUI thread; the work on the worker thread; ``done`` is delivered on
the GUI thread.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter

MAX_SIDE = 1024  # a thumbnail, not the render: the review system gets the real media
RECORD_SIDE = 160  # what the history keeps per instance (a few KB)


class ImageJobs(QObject):
    done = Signal(str, str, str)  # instance name, path written ("" when it failed), why it failed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyblish-qml-thumbnails")

    def submit_image(self, name: str, image: QImage, path: str) -> None:
        """An image already in memory (the clipboard, a screen grab): scaled and written off the GUI thread."""
        self._pool.submit(self._save_image, name, QImage(image), path)

    def submit_file(self, name: str, source: str, path: str) -> None:
        """An image file (dropped, or written by the host's capture hook): read, scaled, written."""
        self._pool.submit(self._save_file, name, source, path)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _save_image(self, name: str, image: QImage, path: str) -> None:
        if image.isNull():
            self.done.emit(name, "", "The image is empty.")
            return
        self._write(name, fitted(image), path)

    def _save_file(self, name: str, source: str, path: str) -> None:
        image, error = read_scaled(source, MAX_SIDE)
        if image is None:
            self.done.emit(name, "", error)
            return
        self._write(name, image, path)

    def _write(self, name: str, image: QImage, path: str) -> None:
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
        except OSError as error:
            self.done.emit(name, "", "Cannot write %s: %s" % (path, error))
            return
        if not image.save(path, "PNG"):
            self.done.emit(name, "", "Cannot write %s." % path)
            return
        self.done.emit(name, path, "")


def fitted(image: QImage, side: int = MAX_SIDE) -> QImage:
    """At most ``side`` pixels a side, aspect kept (smaller images stay as they are)."""
    if image.width() <= side and image.height() <= side:
        return image
    return image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


def read_scaled(path: str, side: int) -> tuple[QImage | None, str]:
    """The file's image at most ``side`` pixels a side (JPEGs decode at the smaller size directly)."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # a phone's JPEG turned as it was shot
    if not reader.canRead():
        return None, "%s is not an image this window can read." % os.path.basename(path)
    size = reader.size()
    if size.isValid() and (size.width() > side or size.height() > side):
        reader.setScaledSize(size.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return None, "%s could not be read: %s" % (os.path.basename(path), reader.errorString())
    return fitted(image, side), ""


def shrunk(path: str) -> tuple[str, bytes] | None:
    """(mime type, bytes) of a small JPEG of the image at ``path`` for the run history; None when
    it cannot be read. Any thread (QImage needs no GUI thread)."""
    image, _ = read_scaled(path, RECORD_SIDE)
    if image is None:
        return None
    if image.hasAlphaChannel():  # JPEG has none: transparent parts on the report's white, not black
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", 85):
        return None
    return "image/jpeg", bytes(data.data())
