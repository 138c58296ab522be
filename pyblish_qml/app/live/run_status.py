"""The run state machine as the window sees it: the state, its message, what may start now, progress.

:class:`RunStatus` owns the current :class:`~.state.RunState.State` and the footer's message;
the controller moves it with :meth:`RunStatus.enter`. A pair that runs longer than
``LONG_PAIR_SECONDS`` is named in the footer ("Running Normals on Chair") with the seconds it
has taken (:attr:`RunStatus.elapsed`, ticking apart from the message so the message does not
flash every second); while stopping, the message says which pair the stop waits for. What may
start (``canPublish`` ...) is decided here once, for the buttons, shortcuts and the controller's
own guards alike.

Thread: GUI thread only.
"""

from __future__ import annotations

import time
from typing import Protocol

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..farm.farm_verdict import farm_outcome
from .run_progress import RunProgress
from .state import MESSAGES, RUNNING, RunState, State

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

LONG_PAIR_SECONDS = 0.3  # a pair running longer is named in the footer, with its seconds
TICK_MS = 100  # how often a running pair's time is looked at (a message changes at most once a second)
RUN_NAMES = {"reset": "collection", "validate": "validation", "publish": "publish", "act": "action"}


class StatusOwner(Protocol):
    """What the status asks of the window it describes (the controller)."""

    def has_live_host(self) -> bool: ...  # a live host is shown (not gone, no past run on screen)

    def blocked_reason(self) -> str: ...  # why nothing may start, when the host cannot run anything

    def strict_discovery(self) -> bool: ...  # the studio's "strict discovery": no Publish while a plugin failed to load


@QmlElement
@QmlUncreatable("the controller makes one")
class RunStatus(QObject):
    stateChanged = Signal()
    progressChanged = Signal()
    outcomeChanged = Signal()  # state or progress changed: the outcome may have
    messageChanged = Signal()  # the message or the running pair's seconds changed

    def __init__(self, progress: RunProgress, owner: StatusOwner, parent: QObject | None = None):
        super().__init__(parent)
        self.run = progress
        self._has_host = owner.has_live_host
        self._blocked_reason = owner.blocked_reason
        self._strict = owner.strict_discovery
        self._state = State.Idle
        self._message = "Waiting for a host…"
        self._elapsed = ""  # "4 s": how long the pair named in the message has run ("" when none is)
        self._busy_message = ""  # said while the host does not answer; cleared when it does
        self._before_busy = ""
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._tick)
        self.stateChanged.connect(self.outcomeChanged)
        self.progressChanged.connect(self.outcomeChanged)
        self.stateChanged.connect(self.messageChanged)

    def enter(self, state: State, message: str | None = None) -> None:
        """Enter ``state``; the message defaults to the state's own (or stays)."""
        self._state = state
        self._message = message if message is not None else MESSAGES.get(state, self._message)
        self._elapsed = ""
        if state == State.Stopping and message is None and self.run.pair_label:
            self._message = self._waiting_for()
        if state in RUNNING and not self._ticker.isActive():
            self._ticker.start()
        elif state not in RUNNING:
            self._ticker.stop()
        self.stateChanged.emit()

    def say(self, message: str) -> None:
        """A new message, the state unchanged."""
        self._message = message
        self._elapsed = ""
        self.stateChanged.emit()

    def say_busy(self, message: str) -> None:
        """The host stopped answering: say so until :meth:`clear_busy` (the ticker keeps it)."""
        if not self._busy_message:
            self._before_busy = self._message
        self._busy_message = message
        self.say(message)

    def forget_busy(self) -> None:
        """Another host is shown, or this one has gone: its busy message is no longer the word."""
        self._busy_message = ""

    def clear_busy(self) -> None:
        """The host answers again: the busy message goes at once, the one before comes back."""
        if not self._busy_message:
            return
        busy, self._busy_message = self._busy_message, ""
        if self._message == busy:
            self.say(self.run.pair_text if self._state in RUNNING and self.run.pair_text else self._before_busy)

    def refresh(self) -> None:
        """What may start changed outside the state (the host went, a reply was lost)."""
        self.stateChanged.emit()

    def _waiting_for(self) -> str:
        return "Stopping: waiting for %s to finish…" % self.run.pair_label

    def _tick(self) -> None:
        """While running: a pair that takes long is named, with the whole seconds it has taken."""
        if not self.run.pair_text or self._state not in RUNNING or self._busy_message:
            return
        taken = time.monotonic() - self.run.pair_started
        if taken < LONG_PAIR_SECONDS:
            return
        headline = self._waiting_for() if self._state == State.Stopping else self.run.pair_text + "…"
        elapsed = "%d s" % taken if taken >= 1 else ""
        if headline != self._message:
            self._message, self._elapsed = headline, elapsed
            self.stateChanged.emit()
        elif elapsed != self._elapsed:
            self._elapsed = elapsed
            self.messageChanged.emit()

    @Property(RunState.State, notify=stateChanged, final=True)
    def state(self) -> State:
        return self._state

    @Property(str, notify=messageChanged, final=True)
    def message(self) -> str:
        """What the window says now; a long pair's with its seconds ("Running X on Y — 4 s…")."""
        if self._elapsed:
            return "%s — %s…" % (self._message.rstrip("…"), self._elapsed)
        return self._message

    @Property(str, notify=stateChanged, final=True)
    def headline(self) -> str:
        """The message without a long pair's seconds: the footer fades it in only when it changes."""
        return self._message

    @Property(str, notify=messageChanged, final=True)
    def elapsed(self) -> str:
        """How long the pair the message names has run ("4 s"; "" when no pair has run a second)."""
        return self._elapsed

    @Property(bool, notify=stateChanged, final=True)
    def isRunning(self) -> bool:
        return self._state in RUNNING

    @Property(bool, notify=stateChanged, final=True)
    def hostLive(self) -> bool:
        """A host that can run things is shown (not gone)."""
        return self._has_host()

    @Property(str, notify=stateChanged, final=True)
    def blockedReason(self) -> str:
        """Why the host's commands cannot run now ("" when they can): for the buttons' tooltips."""
        if self._has_host() and self.run.stale and self._state not in RUNNING:
            return self.run.stale_why or ("A reply from the host was lost: Reset to collect again before "
                                          "validating or publishing.")
        return self._blocked_reason()

    @Property(bool, notify=stateChanged, final=True)
    def canReset(self) -> bool:
        return self._has_host() and self._state not in RUNNING

    @Property(bool, notify=stateChanged, final=True)
    def canValidate(self) -> bool:
        return self._has_host() and self._state == State.Ready and not self.run.published and not self.run.stale

    @Property(bool, notify=stateChanged, final=True)
    def canPublish(self) -> bool:
        return (self._has_host() and self._state == State.Ready and not self.run.published and not self.run.stale
                and not self.publishBlocked)

    @Property(str, notify=stateChanged, final=True)
    def publishBlocked(self) -> str:
        """Why Publish alone may not run ("" when it may): the studio's strict discovery while a
        plugin file failed to load (its checks would be missing from the publish)."""
        if self._strict() and self.run.load_failures:
            return ("Strict discovery: %d plugin file%s failed to load, so this publish would miss checks. "
                    "Fix %s (see the Report) and Reset." % (self.run.load_failures,
                                                            "" if self.run.load_failures == 1 else "s",
                                                            "it" if self.run.load_failures == 1 else "them"))
        return ""

    @Property(bool, notify=stateChanged, final=True)
    def canToggle(self) -> bool:
        """Toggles and actions reach the host: a live host, no run in flight."""
        return self._has_host() and self._state not in RUNNING

    @Property(bool, notify=stateChanged, final=True)
    def canRunPartial(self) -> bool:
        """Run one plugin or a sanity check: a collected host, nothing running."""
        return self._has_host() and self._state == State.Ready

    @Property(bool, notify=stateChanged, final=True)
    def canRerunFailed(self) -> bool:
        return self.canRunPartial and bool(self.run.failed_pairs)

    @Property(int, notify=stateChanged, final=True)
    def failedPairs(self) -> int:
        """How many pairs failed in the last run (what Re-run failed runs)."""
        return len(self.run.failed_pairs)

    @Property(bool, notify=stateChanged, final=True)
    def canStop(self) -> bool:
        return self._state in RUNNING and self._state != State.Stopping

    @Property(int, notify=progressChanged, final=True)
    def progress(self) -> int:
        return self.run.done

    @Property(int, notify=progressChanged, final=True)
    def total(self) -> int:
        return max(self.run.total, self.run.done)

    @Property(str, notify=outcomeChanged, final=True)
    def outcome(self) -> str:
        """How the current or last run went, for the progress bar's colour: none, running,
        passed, warning, failed or stopped — its farm part included (app/farm/farm_verdict.py)."""
        return farm_outcome(self._local_outcome(), self.run.farm)

    def _local_outcome(self) -> str:
        run = self.run
        if not self._has_host() or self._state in (State.Idle, State.Dead):
            return "none"
        if self._state in RUNNING:
            return "failed" if run.run_failed else "running"
        if run.last_op is None or (run.done == 0 and not run.run_failed):
            return "none"
        if run.plugins_found == 0:
            return "warning"  # an empty pipeline "passing" its collection is no success
        if run.run_failed:
            return "failed"
        if run.stopped:
            return "stopped"
        return "warning" if run.run_warned or run.load_failures else "passed"  # a skipped plugin file is no pass

    @Property(str, notify=stateChanged, final=True)
    def primaryAction(self) -> str:
        """The button drawn as the next sensible step: publish, validate, reset or "" (none).

        A validation that failed (or an action, often a repair) is followed by validating again;
        a failure past validation or a finished publish by collecting again; a Publish the studio's
        strict discovery holds back is no next step.
        """
        choice = self._next_step()
        return "" if choice == "publish" and self.publishBlocked else choice

    def _next_step(self) -> str:
        run = self.run
        if run.stale_why:
            return "reset"  # the host was reset behind the window's back: collect again
        if not self._has_host() or self._state != State.Ready or run.plugins_found == 0:
            return ""  # nothing is the next step of an empty pipeline
        if run.published:
            return "reset"
        if run.last_op == "act":
            return "validate"
        if run.last_op == "reset":
            return "reset" if run.run_failed else "publish"
        if run.run_failed:
            return "validate" if run.failed_phase in (None, State.Validating) else "reset"
        return "publish"

    @Property(str, notify=stateChanged, final=True)
    def runName(self) -> str:
        """What runs now, in words ("collection", "validation", "publish", "action"; "" between runs)."""
        if self._state not in RUNNING:
            return ""
        return RUN_NAMES.get(self.run.op or "", "run")

