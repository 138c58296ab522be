"""The farm as the window sees it: which instances go to the farm, the hand-off, their farm states.

Each instance's "publish on the farm" toggle is the artist's choice, defaulting to the pipeline's
``instance.data["farm"]`` (docs/farm.md). :meth:`FarmPanel.hand_off` runs
:func:`pyblish_qml.farm.handoff.hand_off` on a thread of its own — the host's save, the bundle, the
submission: never on the GUI thread — and its result comes back by a queued signal. The run the
farm's pairs go into is chosen on the GUI thread when the hand-off starts: the Publish that starts
here next (its local pairs and the farm's in one run), or the validation that just ended when
nothing publishes here — a :class:`~pyblish_qml.record.writer.RunTicket`, never "the last run". A
:class:`~.farm_watch.FarmWatch` then reads the bundle's outputs off the GUI thread, brings new
results into the run's history and posts each instance's farm state; when every task has ended,
:attr:`FarmPanel.finished` tells the window (the completion notice). When the window opens again
on a scene the farm went on with, :meth:`FarmPanel.pick_up` finds that bundle and watches it.

What it needs from its owner is :class:`FarmOwner`; what it tells is a signal. The words and tones
the rows show for each :class:`~pyblish_qml.farm.outputs.FarmState` are decided here, once.

Thread: GUI thread, except the hand-off thread and the watcher's threads named above.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Property, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...farm import handoff, manifest, submitters
from ...farm.outputs import FarmState
from ...record.farm_words import FarmTally, tally
from ...record.writer import RunTicket
from .farm_watch import FarmUpdate, FarmWatch, PickedUp

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

# What a row says for each state, and the status colour it takes (Theme.statusColor).
WORDS = {FarmState.QUEUED: "queued", FarmState.RUNNING: "running", FarmState.DONE: "done",
         FarmState.FAILED: "failed", FarmState.LOST: "lost"}
TONES = {FarmState.QUEUED: "idle", FarmState.RUNNING: "running", FarmState.DONE: "passed",
         FarmState.FAILED: "failed", FarmState.LOST: "failed"}
REDO = (FarmState.FAILED, FarmState.LOST)
RUN_WAIT_S = 30.0  # how long the hand-off waits for the local Publish's run to be recorded


class FarmOwner(Protocol):
    def farm_snapshot(self) -> dict: ...  # GUI thread: {"context": wire Context, "plugins", "port", "comment"}

    def farm_run(self, next_run: bool) -> RunTicket | None: ...  # GUI thread: the run the results go into

    def farm_history(self) -> str | None: ...  # the history file the results go back into


@QmlElement
@QmlUncreatable("the controller's farm: FarmCommands reaches it")
class FarmPanel(QObject):
    changed = Signal()  # toggles, states, the bundle or the message changed
    handedOff = Signal(str)  # the bundle's folder
    resultsArrived = Signal()  # farm pairs went into the run's history
    finished = Signal(str)  # the farm part of the run ended: a sentence for the notice
    reported = Signal(object)  # a FarmUpdate, before the states change: the farm's pairs for the Report
    pickedUp = Signal(object)  # a PickedUp: a bundle of this scene followed again (a reopened window)
    proceed = Signal()  # from the hand-off thread: the scene is saved (or nothing went): publish the rest here
    _arrived = Signal(object)  # from the hand-off thread

    def __init__(self, owner: FarmOwner, parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._toggles: dict[str, bool] = {}  # the artist's choices: instance id -> on the farm
        self._data: dict[str, dict] = {}  # instance id -> data (for the pipeline's default)
        self._names: dict[str, str] = {}
        self._states: dict[str, FarmState] = {}
        self._messages: dict[str, str] = {}  # instance id -> the task's last word
        self._keys: dict[str, str] = {}  # instance id -> task key of the current bundle
        self._bundle = ""
        self._message = ""
        self._revision = 0
        self._busy = False
        self._handing = 0  # instances being handed off now
        self._refused = ""  # why the last hand-off handed nothing off
        self._announced = True  # the current states' end was told (finished)
        self.last_handoff: handoff.Handoff | None = None
        self.watch = FarmWatch(self)
        self.watch.update.connect(self._take)
        self.watch.found.connect(self._picked_up)
        self.watch.failed.connect(self._say)
        self._arrived.connect(self._handed_off)

    # ------------------------------------------------------------------ QML (through FarmCommands)

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

    @Property(str, notify=changed, final=True)
    def summary(self) -> str:
        """The footer's farm line: the message while handing off or refused, else the states counted."""
        if self._busy or not self._states:
            return self._message
        counts = [(word, sum(1 for s in self._states.values() if s is state)) for state, word in WORDS.items()]
        return "Farm: " + ", ".join("%d %s" % (n, word) for word, n in counts if n)

    @Property(int, notify=changed, final=True)
    def farmCount(self) -> int:
        """How many collected instances are marked for the farm now."""
        return sum(1 for i in self._data if self.isOnFarm(i))

    @Property(int, notify=changed, final=True)
    def redoCount(self) -> int:
        """How many handed-off instances failed or were lost (what "Re-run failed on farm" sends)."""
        return sum(1 for i, state in self._states.items() if state in REDO and i in self._keys)

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
        state = self._states.get(instance_id)
        return WORDS[state] if state is not None else ""

    @Slot(str, result=str)
    def farmTone(self, instance_id: str) -> str:
        """The status colour of the instance's farm state (Theme.statusColor), "" when none."""
        state = self._states.get(instance_id)
        return TONES[state] if state is not None else ""

    @Slot(str, result=str)
    def farmDetail(self, instance_id: str) -> str:
        """A sentence for the tooltip: the state and the task's last word."""
        state = self._states.get(instance_id)
        if state is None:
            return ""
        said = self._messages.get(instance_id) or ""
        head = "Lost on farm" if state is FarmState.LOST else "On the farm: %s" % WORDS[state]
        return head + (" — " + said if said else "")

    @Slot()
    def copyBundlePath(self) -> None:
        if self._bundle:
            QGuiApplication.clipboard().setText(self._bundle)
            self._say("Copied the bundle's path: %s" % self._bundle)

    @Slot()
    def openBundle(self) -> None:
        """The bundle's folder in the desktop's file manager (it starts detached: nothing waits)."""
        if self._bundle:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._bundle))

    # ------------------------------------------------------------------ the controller

    def know(self, instances: list[dict]) -> None:
        """The instance rows after a collection (their data holds the pipeline's default)."""
        self._data = {row["id"]: dict(row.get("data") or {}) for row in instances}
        self._names = {row["id"]: str(row.get("name") or "") for row in instances}
        self._toggles = {key: value for key, value in self._toggles.items() if key in self._data}
        self._bump()

    def tally(self) -> FarmTally:
        """The current bundle's instances by farm state (or the hand-off under way, or refused)."""
        if self._busy or self._refused:  # not the states of an earlier bundle
            return tally([], self._handing if self._busy else 0, "" if self._busy else self._refused)
        return tally([self._states[i] for i in self._keys if i in self._states])

    def marked(self, toggled_on: dict[str, bool]) -> list[str]:
        """The instances to hand off: toggled on for publishing, and on the farm."""
        return [i for i in self._data if toggled_on.get(i, True) and self.isOnFarm(i)]

    def hand_off(self, instance_ids: list[str], publish_here: bool = False) -> None:
        """Save, bundle and submit on a thread of its own; :attr:`handedOff` (or the message) follows.
        ``publish_here``: a Publish of the other instances starts here next, and the farm's pairs go
        into that run; else into the run that just ended (the validation)."""
        if self._busy or not instance_ids:
            self.proceed.emit()  # nothing goes to the farm now: the others publish here at once
            return
        self._busy, self._handing, self._refused = True, len(instance_ids), ""
        self._message = "Handing %d instance(s) off to the farm…" % len(instance_ids)
        self._bump()
        snapshot = self._owner.farm_snapshot()
        run = self._owner.farm_run(publish_here)
        thread = threading.Thread(target=self._hand_off, args=(snapshot, list(instance_ids), run),
                                  name="pyblish-qml-farm-handoff", daemon=True)
        thread.start()

    def _hand_off(self, snapshot: dict, ids: list[str], run: RunTicket | None) -> None:
        """The hand-off thread (it waits for the host and the history writer, never the GUI)."""
        told = []

        def saved() -> int | None:  # the scene is saved: the local Publish may start; its run's id
            self.proceed.emit()
            told.append(True)
            return run.wait(RUN_WAIT_S) if run is not None else None

        try:
            done = handoff.hand_off(snapshot["context"], snapshot["plugins"], ids, port=snapshot["port"],
                                    comment=snapshot.get("comment") or "", run=saved,
                                    history=self._owner.farm_history())
            self._arrived.emit(done)
        except (handoff.HandoffRefused, submitters.SubmitError, manifest.ManifestError, OSError) as error:
            self._arrived.emit(str(error))
        finally:
            if not told:
                self.proceed.emit()  # nothing was handed off: the others publish here all the same

    def _handed_off(self, result: object) -> None:
        self._busy = False
        if isinstance(result, str):
            self._message = "Not handed off: %s" % result
            self._refused = result
            self._bump()
            return
        assert isinstance(result, handoff.Handoff)
        self.last_handoff = result
        self._follow(result.bundle, dict(result.keys))
        self._message = "Handed off to the farm (%s) in %.0f ms: %s" % (result.submission.submitter,
                                                                         1000 * result.seconds, result.bundle)
        self._bump()
        self.handedOff.emit(result.bundle)

    def _follow(self, bundle: str, keys: dict[str, str]) -> None:
        self._bundle, self._keys, self._refused = bundle, keys, ""
        self._states.update({i: FarmState.QUEUED for i in keys})
        self._announced = False
        self.watch.watch(Path(bundle), keys)

    def pick_up(self, scene: str) -> None:
        """After a collection: the farm may have gone on with this scene while the window was closed."""
        if not self._bundle:
            rows = [{"id": i, "name": name} for i, name in self._names.items()]
            self.watch.pick_up(self._owner.farm_history(), scene, rows)

    def _picked_up(self, found: PickedUp) -> None:
        if self._bundle:
            return
        self._states = {}
        self._follow(found.bundle, dict(found.keys))
        self.pickedUp.emit(found)
        self._message = "Picked up the farm's results again: %s" % found.bundle
        self._bump()

    @Slot()
    def rerunFailed(self) -> None:
        """Re-submit the failed and lost instances' tasks as one new attempt (off the GUI thread)."""
        redo = [i for i, state in self._states.items() if i in self._keys and state in REDO]
        if not self._bundle or not redo:
            return
        bundle, keys = Path(self._bundle), dict(self._keys)
        self._states.update({i: FarmState.QUEUED for i in redo})
        self._announced = False
        self._message = "Re-running %d instance(s) on the farm…" % len(redo)
        self._bump()

        def rerun() -> None:
            try:
                submitters.submit(bundle, [keys[i] for i in redo])
            except submitters.SubmitError as error:
                self.watch.failed.emit(str(error))
                return
            self.watch.watch(bundle, keys)

        threading.Thread(target=rerun, name="pyblish-qml-farm-rerun", daemon=True).start()

    # ------------------------------------------------------------------ what the watcher says

    def _take(self, update: FarmUpdate) -> None:
        self.reported.emit(update)
        self._states.update(update.states)
        self._messages.update(update.messages)
        if not update.settled:
            self._announced = False  # a task runs (again: a silent one reported): its end is news
        self._bump()
        if update.added:
            self.resultsArrived.emit()
        if update.settled and not self._announced:
            self._announced = True
            done = sum(1 for state in update.states.values() if state is FarmState.DONE)
            self.finished.emit("The farm finished: %d of %d published%s." % (
                done, len(update.states), "" if done == len(update.states) else "; re-run the failed ones on the farm"))

    def _say(self, text: str) -> None:
        self._message = text
        self._bump()

    def shutdown(self) -> None:
        self.watch.stop()

    def _bump(self) -> None:
        self._revision += 1
        self.changed.emit()
