"""Runner events into the models, in batches: at most ~60 drains a second, ~8 ms of GUI work each.

The runner thread only appends to its outbox and wakes the GUI thread; :class:`EventPump` drains
the outbox on a single-shot timer, hands the events to the run history (O(1), its own writer
thread) and lets :class:`~.folding.EventFolder` fold them into the models within a time budget;
whatever is left is folded by the next drain, right after the window renders a frame
(docs/architecture.md, "Threads").

Thread: GUI thread; :attr:`EventPump.wake` may be emitted from any thread (it is queued).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..shell.collector import trim_heap
from ..window_models import WindowModels
from .folding import EventFolder

if TYPE_CHECKING:
    from ..controller import Controller

BATCH_INTERVAL_MS = 16  # at most ~60 model updates a second while running
DRAIN_BUDGET_S = 0.008  # one drain's GUI work; the rest waits for the next, right after a frame
TRIM_DELAYS_MS = (500, 3000)  # the heap is trimmed again once the history's writer let go too


class EventPump(QObject):
    wake = Signal()  # from the runner thread: events are waiting

    def __init__(self, controller: Controller, folder: EventFolder, models: WindowModels):
        super().__init__(controller)
        self._controller = controller
        self._folder = folder
        self._models = models
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
        controller, folder = self._controller, self._folder
        events = controller.runner.drain()
        if not events and not folder.pending:
            return
        if events and controller.recorder is not None:
            controller.recorder.consume(events)  # O(1): queued for the history's writer thread
        switcher = controller.switcher
        if switcher.presence.busy and any(event.port == switcher.port for event in events):
            switcher.host_recovered(switcher.port)  # it answered
        with controller.state_lock:
            folder.fold(events, switcher.port, DRAIN_BUDGET_S)
            self._models.overview.follow_compatibility()  # it may have arrived
        controller.status.progressChanged.emit()
        if folder.take_trim():  # once the history's writer has let go of the reply too
            for delay in TRIM_DELAYS_MS:
                QTimer.singleShot(delay, trim_heap)
        if folder.pending and not self.timer.isActive():
            self.timer.start(0)
        else:
            self.timer.setInterval(BATCH_INTERVAL_MS)
