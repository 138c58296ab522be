"""The farm's files watched off the GUI thread: each instance's farm state, and a bundle to pick up again.

A :class:`FarmWatch` thread reads a bundle's outputs every half second, brings what is new into the
run's history (:func:`pyblish_qml.farm.intake.intake`, idempotent) and tells the window each
instance's state and message (:attr:`FarmWatch.update`) until every task has ended — a task lost
only by its silence (no heartbeat for ``lostAfter``: it may report again) is watched on. When the window
opens again on a scene whose bundle the farm went on with meanwhile, :meth:`FarmWatch.pick_up`
finds that bundle (:func:`pyblish_qml.farm.bundle.find_unfinished`), maps its task keys to the
instances collected now (by id in the same host, else by name) and tells :attr:`FarmWatch.found`.
Reading files and SQLite never happens on the GUI thread: a slow share stalls no frame.

Thread: the GUI thread calls in; the work runs on threads of its own; results come back by queued
signals.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...farm import bundle as bundles
from ...farm import intake, manifest
from ...farm.outputs import ENDED, FarmState, all_states, latest_states
from ...record.schema import HistoryUnavailable
from ...record.store import RunStore
from .farm_report import FarmPair, farm_pairs

WATCH_INTERVAL = 0.5
SILENT_INTERVAL = 5.0  # when only tasks lost by silence are left: a slower look, for as long as the window is open


@dataclass(frozen=True)
class FarmUpdate:
    """What the files say now, by the window's instance ids."""

    states: dict  # instance id -> FarmState
    messages: dict  # instance id -> the task's last word ("" while it runs)
    added: int  # pairs brought into the history by this look
    deferred: bool = False  # the run is still being written here (its local Publish): nothing taken yet
    silent: frozenset = frozenset()  # instance ids lost only by silence: a heartbeat may take it back
    pairs: tuple[FarmPair, ...] = ()  # every attempt's pairs, as the record gets them (farm_report.py)
    bundle: str = ""

    @property
    def settled(self) -> bool:
        """Every task has ended or is lost and the run's record has it: what the artist is told (the
        farm's part is over for now)."""
        return bool(self.states) and all(state in ENDED for state in self.states.values()) and not self.deferred

    @property
    def ended(self) -> bool:
        """Settled for good (no task lost only by silence): look no more."""
        return self.settled and not self.silent


@dataclass(frozen=True)
class PickedUp:
    """A bundle found again after the window reopened: its folder and its keys by instance id."""

    bundle: str
    keys: dict  # instance id -> task key
    op: str = ""  # the run's own op (validate or publish: the hand-off's), "" when the record has no such run
    failed: bool = False  # its local part failed


def look(bundle: Path, keys: dict[str, str]) -> FarmUpdate:
    """Bring new results into the history and read each instance's state (any thread but the GUI)."""
    every = all_states(bundle)
    added = intake.intake(bundle, states=every)  # the record gets what the window shows
    by_key = {key: instance_id for instance_id, key in keys.items()}
    states, messages, silent = {}, {}, set()
    for key, state in latest_states(bundle, every).items():
        if key in by_key:
            states[by_key[key]] = state.state
            messages[by_key[key]] = state.message
            if state.silent:
                silent.add(by_key[key])
    return FarmUpdate(states, messages, added or 0, added is None, frozenset(silent),
                      farm_pairs(every, by_key, manifest.read(bundle)), str(bundle))


def keys_for(found: Path, instances: list[dict]) -> dict[str, str]:
    """The bundle's task keys by the ids of the instances collected now: same id, else same name."""
    by_id = {row["id"]: row for row in instances}
    by_name = {row.get("name"): row["id"] for row in instances}
    keys = {}
    for entry in manifest.read(found)["instances"]:
        instance_id = entry["id"] if entry["id"] in by_id else by_name.get(entry.get("name"))
        if instance_id is not None:
            keys[instance_id] = entry["key"]
    return keys


def recorded_run(history: str, run_id: object) -> tuple[str, bool]:
    """The op of the run a bundle's results go into, and whether its local part failed ("" when unknown)."""
    if run_id is None:
        return "", False
    store = RunStore(Path(history), timeout=5.0)
    try:
        run = store.summary(int(str(run_id)))
        return run.op, run.outcome == "failed"
    except (KeyError, ValueError, HistoryUnavailable):
        return "", False
    finally:
        store.close()


class FarmWatch(QObject):
    update = Signal(object)  # FarmUpdate, from the watcher thread
    found = Signal(object)  # PickedUp, from the pick-up thread
    failed = Signal(str)  # a sentence: the files could not be read

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._stop = threading.Event()

    def watch(self, bundle: Path, keys: dict[str, str]) -> None:
        """Watch ``bundle`` (instead of any other) until its tasks have all ended."""
        self._stop.set()
        stop = self._stop = threading.Event()
        threading.Thread(target=self._watching, args=(Path(bundle), dict(keys), stop), name="pyblish-qml-farm-watch",
                         daemon=True).start()

    def _watching(self, bundle: Path, keys: dict[str, str], stop: threading.Event) -> None:
        last: tuple | None = None
        while not stop.is_set():
            try:
                now = look(bundle, keys)
            except (OSError, manifest.ManifestError) as error:
                self.failed.emit("The farm's files cannot be read: %s" % error)
                return
            seen = (now.states, now.messages, len(now.pairs))
            if seen != last or now.added:
                self.update.emit(now)
                last = seen
            if now.ended:
                return
            stop.wait(SILENT_INTERVAL if now.settled else WATCH_INTERVAL)

    def pick_up(self, history: str | None, scene: str, instances: list[dict]) -> None:
        """Look for a bundle of this scene the farm went on with while the window was closed."""
        if not history:
            return

        def find() -> None:
            try:
                found = bundles.find_unfinished(history, scene, {row["id"] for row in instances})
                if found is None:
                    return
                keys = keys_for(found, instances)
                now = look(found, keys)
            except (OSError, manifest.ManifestError):
                return
            if keys and (not now.ended or now.added):  # unfinished, or results the history had not yet
                self.found.emit(PickedUp(str(found), keys, *recorded_run(history, manifest.read(found).get("runId"))))

        threading.Thread(target=find, name="pyblish-qml-farm-pickup", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()


__all__ = ["FarmState", "FarmUpdate", "FarmWatch", "PickedUp", "look"]
