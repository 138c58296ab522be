"""Runner events into the models, in batches: at most ~60 drains a second, ~8 ms of GUI work each.

The runner thread only appends to its outbox and wakes the GUI thread; :class:`EventPump` drains
the outbox on a single-shot timer, hands the events to the run history (O(1), its own writer
thread) and lets :class:`~.folding.EventFolder` fold them into the models within a time budget;
whatever is left is folded by the next drain, right after the window renders a frame
(docs/architecture.md, "Threads"). What it needs from its owner is :class:`PumpOwner`; what it
tells is a signal.

Thread: GUI thread; :attr:`EventPump.wake` may be emitted from any thread (it is queued).
"""

from __future__ import annotations

import threading
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ...engine.events import Event
from ..overview.overview_state import OverviewState
from ..shell.collector import trim_heap
from .folding import EventFolder

BATCH_INTERVAL_MS = 16  # at most ~60 model updates a second while running
DRAIN_BUDGET_S = 0.008  # one drain's GUI work; the rest waits for the next, right after a frame
TRIM_DELAYS_MS = (500, 3000)  # the heap is trimmed again once the history's writer let go too


class PumpOwner(Protocol):
    """What the pump asks of the window it feeds (the controller)."""

    state_lock: threading.RLock  # held while a drain changes what state() reports

    def take_events(self) -> list[Event]: ...  # the runner's outbox, emptied

    def record(self, events: list[Event]) -> None: ...  # to the run history, if there is one

    def shown_port(self) -> int | None: ...  # the host whose run the models show


class EventPump(QObject):
    wake = Signal()  # from the runner thread: events are waiting
    answered = Signal(int)  # the shown host's events arrived: it is not busy (before the fold)
    drained = Signal()  # a drain changed the models: the progress follows

    def __init__(self, owner: PumpOwner, folder: EventFolder, overview: OverviewState,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._folder = folder
        self._overview = overview
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(BATCH_INTERVAL_MS)
        self.timer.timeout.connect(self.drain)
        self.wake.connect(self._on_wake)  # queued when emitted from the runner thread

    @Slot()
    def _on_wake(self) -> None:
        if not self.timer.isActive():
            self.timer.start()

    @Slot()
    def drain(self) -> None:
        """Fold the waiting runner events into the models, for at most ~8 ms."""
        owner, folder = self._owner, self._folder
        events = owner.take_events()
        if not events and not folder.pending:
            return
        if events:
            owner.record(events)  # O(1): queued for the history's writer thread
        port = owner.shown_port()
        if any(event.port == port for event in events):
            self.answered.emit(port)
        with owner.state_lock:
            folder.fold(events, port, DRAIN_BUDGET_S)
            self._overview.follow_compatibility()  # it may have arrived
        self.drained.emit()
        if folder.take_trim():  # once the history's writer has let go of the reply too
            for delay in TRIM_DELAYS_MS:
                QTimer.singleShot(delay, trim_heap)
        if folder.pending and not self.timer.isActive():
            self.timer.start(0)
        else:
            self.timer.setInterval(BATCH_INTERVAL_MS)
