"""The notice when a run the artist walked away from ends (issue 24, point 1).

:class:`CompletionNotice` watches the run status. When a validation, a publish or a partial run
ends that took at least ``NOTICE_AFTER_SECONDS``, while the window is not the focused one and
the artist has not turned notices off, it tells :attr:`~CompletionNotice.announce` the outcome
in words ("Publish failed" — "Publish finished with errors: Normals face outward on Chair.")
and :attr:`~CompletionNotice.alert` (the window's attention hint). Who shows the words — the
tray, else the desktop's notification service — is the application's wiring.

Thread: GUI thread only.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from ..live.run_status import RunStatus
from ..live.state import State

NOTICE_AFTER_SECONDS = 4.0  # shorter runs end while the artist is still looking: no notice
NOTIFIED = {"validate": "Validation", "publish": "Publish", "plugin": "Plugin run", "plugins": "Plugin run",
            "rerun": "Re-run", "sanity": "Sanity check"}
OUTCOMES = {"failed": "%s failed", "stopped": "%s stopped", "warning": "%s passed with warnings", "passed": "%s passed",
            "running": "%s done here; the farm goes on"}  # its farm part still runs (app/farm/farm_verdict.py)
DONE = {("publish", "passed"): "Published", ("publish", "warning"): "Published with warnings"}


class NoticeOwner(Protocol):
    """What the notice asks of the application that shows it."""

    def window_focused(self) -> bool: ...  # the window has the keyboard: the artist is looking at it

    def notices_wanted(self) -> bool: ...  # the artist's preference

    def shown_host(self) -> str: ...  # how the window names its host ("blender — chair.blend (pid 42)")


def notice_words(op: str, outcome: str, message: str, host: str) -> tuple[str, str]:
    """(title, text) of the notice for a run of ``op`` that ended with ``outcome``."""
    run = NOTIFIED.get(op, "Run")
    title = DONE.get((op, outcome)) or OUTCOMES.get(outcome, "%s ended") % run
    return title, "%s\n%s" % (message, host) if host else message


class CompletionNotice(QObject):
    announce = Signal(str, str)  # title, text: a run ended while the artist looked elsewhere
    alert = Signal()  # the window asks for attention (taskbar, window list)

    def __init__(self, status: RunStatus, owner: NoticeOwner, parent: QObject | None = None,
                 after: float = NOTICE_AFTER_SECONDS):
        super().__init__(parent)
        self._status = status
        self._owner = owner
        self.after = after
        self._started: float | None = None  # when the run in flight began
        self.last: tuple[str, str] | None = None  # the last notice given (for the log and tests)
        status.stateChanged.connect(self._state_changed)

    def _state_changed(self) -> None:
        status = self._status
        if status.isRunning:
            if self._started is None:
                self._started = time.monotonic()
            return
        if self._started is None:
            return
        taken, self._started = time.monotonic() - self._started, None
        op = status.run.last_op or ""
        if status.state != State.Ready or op not in NOTIFIED or taken < self.after:
            return
        if self._owner.window_focused() or not self._owner.notices_wanted():
            return
        self.last = notice_words(op, status.outcome, status.message, self._owner.shown_host())
        self.announce.emit(*self.last)
        self.alert.emit()
