"""The farm as the window sees it: which instances go to the farm, the hand-off, their farm states.

Each instance's "publish on the farm" toggle is the artist's choice, defaulting to the pipeline's
``instance.data["farm"]`` (docs/farm.md). :meth:`FarmPanel.handOff` runs
:func:`pyblish_qml.farm.handoff.hand_off` on a thread of its own — the host's save, the bundle, the
submission: never on the GUI thread — and its result comes back by a queued signal. A watcher
thread then reads the bundle's outputs every half second, brings new results into the run's
history (:func:`pyblish_qml.farm.intake.intake`) and posts each instance's farm state; when every
task has ended, :attr:`finished` tells the window (the completion notice).

What it needs from its owner is :class:`FarmOwner`; what it tells is a signal.

Thread: GUI thread, except the hand-off and watcher threads named above.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from ...farm import handoff, intake, manifest, submitters
from ...farm.outputs import ENDED, FarmState, latest_states

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

WATCH_INTERVAL = 0.5


class FarmOwner(Protocol):
    def farm_snapshot(self) -> dict: ...  # GUI thread: {"context": wire Context, "plugins", "port", "comment"}

    def farm_run_id(self) -> int | None: ...  # hand-off thread: the run the hand-off belongs to

    def farm_history(self) -> str | None: ...  # the history file the results go back into


@QmlElement
class FarmPanel(QObject):
    changed = Signal()  # toggles, states, the bundle or the message changed
    handedOff = Signal(str)  # the bundle's folder
    finished = Signal(str)  # the farm part of the run ended: a sentence for the notice
    _arrived = Signal(object)  # from the hand-off thread
    _states = Signal(object)  # from the watcher thread

    def __init__(self, owner: FarmOwner, parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._toggles: dict[str, bool] = {}  # the artist's choices: instance id -> on the farm
        self._data: dict[str, dict] = {}  # instance id -> data (for the pipeline's default)
        self._states_by_id: dict[str, str] = {}
        self._keys: dict[str, str] = {}  # instance id -> task key of the current bundle
        self._bundle = ""
        self._message = ""
        self._revision = 0
        self._busy = False
        self._watch_stop = threading.Event()
        self.last_handoff: handoff.Handoff | None = None
        self._arrived.connect(self._handed_off)
        self._states.connect(self._take_states)

    # ------------------------------------------------------------------ QML

    @Property(int, notify=changed, final=True)
    def revision(self) -> int:
        """Changes whenever anything here does: bindings that call the slots below read it."""
        return self._revision

    @Property(str, notify=changed, final=True)
    def bundle(self) -> str:
        return self._bundle

    @Property(str, notify=changed, final=True)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=changed, final=True)
    def busy(self) -> bool:
        return self._busy

    @Slot(str, result=bool)
    def isOnFarm(self, instance_id: str) -> bool:
        return manifest.wants_farm({"id": instance_id, "data": self._data.get(instance_id) or {}}, self._toggles)

    @Slot(str, bool)
    def setOnFarm(self, instance_id: str, on: bool) -> None:
        self._toggles[instance_id] = bool(on)
        self._bump()

    @Slot(str, result=str)
    def farmState(self, instance_id: str) -> str:
        """queued, running, done, failed, lost — or "" (not handed off)."""
        return self._states_by_id.get(instance_id, "")

    # ------------------------------------------------------------------ the controller

    def know(self, instances: list[dict]) -> None:
        """The instance rows after a collection (their data holds the pipeline's default)."""
        self._data = {row["id"]: dict(row.get("data") or {}) for row in instances}
        self._toggles = {key: value for key, value in self._toggles.items() if key in self._data}
        self._bump()

    def marked(self, toggled_on: dict[str, bool]) -> list[str]:
        """The instances to hand off: toggled on for publishing, and on the farm."""
        return [i for i in self._data if toggled_on.get(i, True) and self.isOnFarm(i)]

    def hand_off(self, instance_ids: list[str]) -> None:
        """Save, bundle and submit on a thread of its own; :attr:`handedOff` (or the message) follows."""
        if self._busy or not instance_ids:
            return
        self._busy = True
        self._message = "Handing %d instance(s) off to the farm…" % len(instance_ids)
        self._bump()
        snapshot = self._owner.farm_snapshot()
        thread = threading.Thread(target=self._hand_off, args=(snapshot, list(instance_ids)),
                                  name="pyblish-qml-farm-handoff", daemon=True)
        thread.start()

    def _hand_off(self, snapshot: dict, ids: list[str]) -> None:
        """The hand-off thread."""
        try:
            done = handoff.hand_off(snapshot["context"], snapshot["plugins"], ids, port=snapshot["port"],
                                    comment=snapshot.get("comment") or "", run_id=self._owner.farm_run_id(),
                                    history=self._owner.farm_history())
            self._arrived.emit(done)
        except (handoff.HandoffRefused, submitters.SubmitError, OSError) as error:
            self._arrived.emit(str(error))

    def _handed_off(self, result: object) -> None:
        self._busy = False
        if isinstance(result, str):
            self._message = "Not handed off: %s" % result
            self._bump()
            return
        self.last_handoff = result
        self._bundle = result.bundle
        self._keys = dict(result.keys)
        self._states_by_id.update({i: FarmState.QUEUED.value for i in self._keys})
        self._message = "Handed off to the farm (%s) in %.0f ms: %s" % (result.submission.submitter,
                                                                         1000 * result.seconds, result.bundle)
        self._bump()
        self.handedOff.emit(result.bundle)
        self._watch(Path(result.bundle), dict(self._keys))

    @Slot()
    def rerunFailed(self) -> None:
        """Re-submit the failed and lost instances' tasks as one new attempt (off the GUI thread)."""
        if not self._bundle:
            return
        keys = [self._keys[i] for i, state in self._states_by_id.items()
                if i in self._keys and state in (FarmState.FAILED.value, FarmState.LOST.value)]
        if not keys:
            return
        bundle, wanted = Path(self._bundle), dict(self._keys)

        def rerun() -> None:
            try:
                submitters.submit(bundle, keys)
            except submitters.SubmitError as error:
                self._states.emit({"message": str(error)})
                return
            self._watch(bundle, wanted)

        threading.Thread(target=rerun, name="pyblish-qml-farm-rerun", daemon=True).start()

    # ------------------------------------------------------------------ the watcher thread

    def _watch(self, bundle: Path, keys: dict[str, str]) -> None:
        self._watch_stop.set()
        stop = self._watch_stop = threading.Event()
        threading.Thread(target=self._watching, args=(bundle, keys, stop), name="pyblish-qml-farm-watch",
                         daemon=True).start()

    def _watching(self, bundle: Path, keys: dict[str, str], stop: threading.Event) -> None:
        by_key = {key: instance_id for instance_id, key in keys.items()}
        last: dict | None = None
        while not stop.is_set():
            intake.intake(bundle)
            states = {by_key[key]: state.state.value for key, state in latest_states(bundle).items() if key in by_key}
            if states != last:
                self._states.emit({"states": states})
                last = states
            if states and all(FarmState(value) in ENDED for value in states.values()):
                return
            stop.wait(WATCH_INTERVAL)

    def _take_states(self, update: dict) -> None:
        if "message" in update:
            self._message = update["message"]
        states = update.get("states") or {}
        self._states_by_id.update(states)
        self._bump()
        if states and all(FarmState(value) in ENDED for value in states.values()):
            done = sum(1 for value in states.values() if value == FarmState.DONE.value)
            self.finished.emit("The farm finished: %d of %d published%s." % (
                done, len(states), "" if done == len(states) else "; re-run the failed ones on the farm"))

    def shutdown(self) -> None:
        self._watch_stop.set()

    def _bump(self) -> None:
        self._revision += 1
        self.changed.emit()
