"""Stale validation (issue 24, point 4): has the host's scene changed since the shown validation?

Hosts that register a scene probe (host/scene.py) send a token with their heartbeat; the control
server passes a changed one on (:meth:`SceneWatch.scene_seen`). :class:`SceneWatch` keeps the
token the shown host had when the results on screen were validated, and :attr:`sceneChanged`
is true once the host's token differs: the window greys the results under "Scene changed since
validation", and Publish asks to validate again first (or, with the ``revalidateOnPublish``
preference, validates again by itself). A host without a probe never looks changed.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from .run_progress import RunProgress
from .run_status import RunStatus

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

VALIDATING = frozenset({"validate", "plugin", "plugins", "rerun", "sanity"})  # runs that check the scene


class SceneOwner(Protocol):
    """What the watch asks of the window (the controller)."""

    def shown_port(self) -> int | None: ...  # the host whose run is on screen

    def revalidate_wanted(self) -> bool: ...  # the artist's revalidateOnPublish preference


@QmlElement
@QmlUncreatable("the controller makes one")
class SceneWatch(QObject):
    changed = Signal()
    publishAsked = Signal()  # Publish on a changed scene: the window asks to validate again

    def __init__(self, status: RunStatus, owner: SceneOwner, parent: QObject | None = None):
        super().__init__(parent)
        self._status = status
        self._owner = owner
        self._tokens: dict[int, str] = {}  # port -> the host's last scene token
        self._validated: str | None = None  # the shown host's token when the shown results were validated
        self._was_running = False
        self._stale = False
        status.stateChanged.connect(self._state_changed)

    def scene_seen(self, port: int, token: str) -> None:
        """A host's scene token changed (from its heartbeat)."""
        self._tokens[port] = token
        self._update()

    def _state_changed(self) -> None:
        running, run = self._status.isRunning, self._status.run
        if running and not self._was_running:  # a run begins
            if run.op == "reset":
                self._validated = None
            elif run.op in VALIDATING or (run.op == "publish" and not run.validated):
                self._validated = self._tokens.get(self._owner.shown_port() or 0)
        self._was_running = running
        self._update()

    def _update(self) -> None:
        port = self._owner.shown_port() or 0
        stale = (self._validated is not None and port in self._tokens and self._tokens[port] != self._validated
                 and not self._status.run.published)
        if stale != self._stale:
            self._stale = stale
            self.changed.emit()

    def clear_to_publish(self, run: RunProgress) -> bool:
        """Publish may start: the scene did not change, or the artist lets it validate again.

        Otherwise the window is asked to ask (:attr:`publishAsked`) and False comes back."""
        if not self._stale:
            return True
        if not self._owner.revalidate_wanted():
            self.publishAsked.emit()
            return False
        self.revalidate(run)
        return True

    def revalidate(self, run: RunProgress) -> None:
        """The next publish validates again (the artist chose it, or the preference does)."""
        run.validated = False
        self._validated = None
        self._update()

    @Property(bool, notify=changed, final=True)
    def sceneChanged(self) -> bool:
        """The host's scene changed since the results on screen were validated."""
        return self._stale
