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
plus :data:`SETTLE_AFTER_MS` later. "Idle" means no frame drawn for :data:`QUIET_MS` (a watched
window, :meth:`Collector.watch`): an artist scrolling the list just collected keeps drawing
frames, and a full collection of a 10,000-instance session (~120 ms) in the middle of that
scroll was its longest stall (docs/performance.md); it waits, at most :data:`LONGEST_WAIT_S`.
Only the UI process does this; the host is left alone.

Thread: GUI thread (a ``QTimer``); the collections it starts hold the GIL like any other.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import time

from PySide6.QtCore import QObject, QTimer

SETTLE_AFTER_MS = 1500  # after a run ends, wait this long for the next one before collecting in full
QUIET_MS = 400  # ...and until no frame was drawn for this long (scrolling, an animation)
LONGEST_WAIT_S = 30.0  # ...but never longer than this after the settle was due (cycles only wait)


class Collector(QObject):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_AFTER_MS)
        self._timer.timeout.connect(self._due)
        self._last_frame = 0.0  # time.monotonic() of the watched window's last frame
        self._due_since: float | None = None

    def watch(self, window: QObject) -> None:
        """Settle only once ``window`` (a QQuickWindow) has drawn no frame for QUIET_MS."""
        window.frameSwapped.connect(self._frame)  # type: ignore[attr-defined]

    def _frame(self) -> None:
        self._last_frame = time.monotonic()

    def _due(self) -> None:
        now = time.monotonic()
        if self._due_since is None:
            self._due_since = now
        busy = now - self._last_frame < QUIET_MS / 1000.0
        if busy and now - self._due_since < LONGEST_WAIT_S:
            self._timer.start(QUIET_MS)  # once: the interval is set again by the next start()
            return
        self.settle()

    def begin(self) -> None:
        """At start-up: what starting made leaves automatic collections at once (``gc.freeze()``
        costs next to nothing, a full collection 10-20 ms before the first frame); the full
        collection follows once the window has been idle for :data:`SETTLE_AFTER_MS`."""
        gc.freeze()
        if not self._running:
            self._timer.start(SETTLE_AFTER_MS)

    def settle(self) -> None:
        """One full collection of everything, then leave what survived out of automatic ones."""
        self._timer.stop()
        self._timer.setInterval(SETTLE_AFTER_MS)
        self._due_since = None
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
            self._due_since = None
            gc.freeze()
        else:
            self._timer.start(SETTLE_AFTER_MS)


def trim_heap() -> None:
    """Give freed heap memory back (glibc keeps it after a 100,000-record reply is gone)."""
    try:
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
