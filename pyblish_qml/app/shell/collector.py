"""Python's cyclic garbage collector, paced so a full collection does not land inside a run; and
:func:`trim_heap`, which hands freed heap back to the system after a big reply.

A full (generation 2) collection looks at every object the UI holds: 10-20 ms of holding the
GIL, so the GUI thread misses a frame whichever thread set it off (issue 15: the longest
GUI-thread gap of a publish). Reference counting frees almost everything anyway; what the
collector finds are cycles. So:

- shortly after start-up and after each run, once the window is idle, one full
  collection (:meth:`Collector.settle`), then ``gc.freeze()``: what survived (modules, the QML's
  Python objects, the rows, the host's proxies) is left out of automatic collections;
- when a run starts, ``gc.freeze()`` again: collections during the run look at the run's own
  new objects only, so they stay short.

Cycles among frozen objects (a reset's old proxies) wait for the next settle, at most a run
plus :data:`SETTLE_AFTER_MS` later. Only the UI process does this; the host is left alone.

Thread: GUI thread (a ``QTimer``); the collections it starts hold the GIL like any other.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc

from PySide6.QtCore import QObject, QTimer

SETTLE_AFTER_MS = 1500  # after a run ends, wait this long for the next one before collecting in full


class Collector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_AFTER_MS)
        self._timer.timeout.connect(self.settle)

    def begin(self) -> None:
        """At start-up: what starting made leaves automatic collections at once (``gc.freeze()``
        costs next to nothing, a full collection 10-20 ms before the first frame); the full
        collection follows once the window has been idle for :data:`SETTLE_AFTER_MS`."""
        gc.freeze()
        if not self._running:
            self._timer.start()

    def settle(self) -> None:
        """One full collection of everything, then leave what survived out of automatic ones."""
        self._timer.stop()
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def set_running(self, running: bool) -> None:
        """A run started (only its new objects are collected until it ends) or ended (settle soon)."""
        if running == self._running:
            return
        self._running = running
        if running:
            self._timer.stop()
            gc.freeze()
        else:
            self._timer.start()


def trim_heap() -> None:
    """Give freed heap memory back (glibc keeps it after a 100,000-record reply is gone)."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
