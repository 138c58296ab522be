"""The bundle's output folder: what each task wrote, and each instance's farm state from it.

``output/attempt-N/`` holds, per submission (attempt): ``submission.json`` (who submitted which
tasks, and the local submitter's pid), ``finished.json`` (written when a local submission's
``openjd run`` has ended), ``hosts.jsonl`` (one line per host a session started: the proof that a
session holds its host open), and per task ``<key>.jsonl``: a ``start`` line, one ``pair`` line
per (plugin, instance) pair as it ends, and an ``end`` line. Lines are appended and flushed as
they happen, so a worker killed mid-task leaves everything up to its last pair — and no ``end``:
that task is *lost on farm*, never passed.

While a task runs, its ``<key>.beat`` is touched every few seconds (:class:`Heartbeat`). A task of
another machine (a studio's farm) cannot be looked up by pid: a started task that has written
nothing, heartbeat included, for longer than the manifest's ``settings.lostAfter`` is lost on farm
too — a *silent* verdict that a later heartbeat takes back (the task was only slow, or the share
was away). A task that never started stays queued however long the farm's queue is.

Thread: any. A :class:`TaskLog` belongs to one worker process; its heartbeat is a thread of its own.
"""

from __future__ import annotations

import enum
import json
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.hosts import process_exists
from .manifest import DEFAULT_LOST_AFTER


class FarmState(str, enum.Enum):
    """An instance's state on the farm, as the window and the record show it."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    LOST = "lost"


ENDED = (FarmState.DONE, FarmState.FAILED, FarmState.LOST)


def attempt_dir(bundle: Path, attempt: int) -> Path:
    return Path(bundle) / "output" / ("attempt-%d" % attempt)


def append_line(path: Path, value: dict) -> None:
    """One JSON line, flushed to the file at once (a kill right after loses nothing before it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(value, ensure_ascii=True, separators=(",", ":"), default=repr) + "\n")
        handle.flush()


def read_lines(path: Path) -> list[dict]:
    """The complete lines of a JSON-lines file (a line cut short by a kill is left out)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    out = []
    for line in text.splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def write_json(path: Path, value: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(value, indent=1, default=repr), encoding="utf-8")
    temporary.replace(path)


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def heartbeat_every(lost_after: float) -> float:
    """How often a running task touches its heartbeat: several beats fit in ``lost_after``."""
    return min(30.0, max(0.2, float(lost_after) / 6.0))


def beat_path(bundle: Path, attempt: int, key: str) -> Path:
    return attempt_dir(bundle, attempt) / ("%s.beat" % key)


class Heartbeat:
    """Touches one file every ``every`` seconds on a thread of its own, until :meth:`stop`: the sign
    of life a reader on another machine has of a task (a stopped or dead worker touches nothing)."""

    def __init__(self, path: Path, every: float):
        self.path, self.every = Path(path), every
        self._stop = threading.Event()

    def start(self) -> None:
        self.touch()
        threading.Thread(target=self._beat, name="pyblish-qml-farm-heartbeat", daemon=True).start()

    def touch(self) -> None:
        try:
            os.utime(self.path)
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()
        except OSError:
            pass  # the share is away for a moment: the next beat tries again

    def _beat(self) -> None:
        while not self._stop.wait(self.every):
            self.touch()

    def stop(self) -> None:
        self._stop.set()


class TaskLog:
    """What one task writes as it goes (worker process), its heartbeat included while it runs."""

    def __init__(self, bundle: Path, attempt: int, key: str, lost_after: float = DEFAULT_LOST_AFTER):
        self.path = attempt_dir(bundle, attempt) / ("%s.jsonl" % key)
        self.attempt = attempt
        self.heartbeat = Heartbeat(beat_path(bundle, attempt, key), heartbeat_every(lost_after))

    def start(self, host_pid: int | None, session: str, pid: int | None = None) -> None:
        """``pid``: the task's own process (the driver's client, :mod:`.driver`), else this one.
        The heartbeat starts before the line: a started task always has one to be judged by."""
        self.heartbeat.start()
        append_line(self.path, {"kind": "start", "time": time.time(), "pid": pid or os.getpid(), "hostPid": host_pid,
                                "machine": socket.gethostname(), "session": session, "attempt": self.attempt})

    def pair(self, result: dict, plugin: dict, instance_name: str | None, phase: str, started: float,
             ended: float) -> None:
        append_line(self.path, {"kind": "pair", "phase": phase, "plugin": plugin, "instanceName": instance_name,
                                "result": result, "started": started, "ended": ended})

    def end(self, state: FarmState, message: str = "") -> None:
        append_line(self.path, {"kind": "end", "state": state.value, "message": message, "time": time.time()})
        self.heartbeat.stop()

    def stop(self) -> None:
        """The task is over however it ended (an exception too): no more heartbeats."""
        self.heartbeat.stop()


@dataclass
class TaskState:
    """One instance's task in one attempt, as its files tell."""

    key: str
    attempt: int
    state: FarmState
    message: str = ""
    pairs: list[dict] = field(default_factory=list)
    started: float | None = None
    ended: float | None = None
    silent: bool = False  # lost only because nothing was heard for lostAfter: a heartbeat takes it back


def submission_alive(bundle: Path, attempt: int) -> bool:
    """Whether the submission of ``attempt`` may still run tasks.

    A local submission is alive while its ``openjd run`` wrapper runs (no ``finished.json``, its
    pid there); a remote one (no pid) while it has no ``finished.json``: the scheduler decides."""
    folder = attempt_dir(bundle, attempt)
    if (folder / "finished.json").exists():
        return False
    submission = read_json(folder / "submission.json") or {}
    pid = submission.get("pid")
    if pid and submission.get("machine") == socket.gethostname():
        return bool(process_exists(int(pid)))
    return True


def task_state(bundle: Path, attempt: int, key: str, alive: bool | None = None,
               lost_after: float | None = None) -> TaskState:
    """``alive``: :func:`submission_alive` (looked up when None); ``lost_after``: the manifest's
    ``settings.lostAfter`` (read when None)."""
    folder = attempt_dir(bundle, attempt)
    lines = read_lines(folder / ("%s.jsonl" % key))
    alive = submission_alive(bundle, attempt) if alive is None else alive
    pairs = [line for line in lines if line.get("kind") == "pair"]
    start = next((line for line in lines if line.get("kind") == "start"), None)
    end = next((line for line in lines if line.get("kind") == "end"), None)
    if end is not None:
        state = FarmState(end.get("state"))
        return TaskState(key, attempt, state, end.get("message") or "", pairs, start and start.get("time"),
                         end.get("time"))
    if start is None:
        if alive:
            return TaskState(key, attempt, FarmState.QUEUED)
        return TaskState(key, attempt, FarmState.LOST, "The submission ended before this task ran.")
    worker_dead = start.get("machine") == socket.gethostname() and process_exists(start.get("pid")) is False
    if alive and not worker_dead:
        quiet = silence(folder, key)
        limit = lost_after if lost_after is not None else read_lost_after(bundle)
        if quiet is not None and quiet > limit:
            return TaskState(key, attempt, FarmState.LOST, "No word from the worker for %s (no heartbeat): lost on "
                             "farm, unless the worker reports again." % _span(quiet), pairs,
                             start.get("time"), silent=True)
        return TaskState(key, attempt, FarmState.RUNNING, "", pairs, start.get("time"))
    return TaskState(key, attempt, FarmState.LOST, "The worker stopped mid-task (it died or was killed); "
                     "lost on farm: this instance did not publish.", pairs, start.get("time"))


def silence(folder: Path, key: str) -> float | None:
    """Seconds since the task last wrote anything (a line or a heartbeat); None for a task without a
    heartbeat file (a worker of an older pyblish-qml: never judged by silence)."""
    try:
        beat = os.stat(folder / ("%s.beat" % key)).st_mtime
    except OSError:
        return None
    try:
        beat = max(beat, os.stat(folder / ("%s.jsonl" % key)).st_mtime)
    except OSError:
        pass
    return max(0.0, time.time() - beat)


def read_lost_after(bundle: Path) -> float:
    manifest = read_json(Path(bundle) / "manifest.json") or {}
    return lost_after_of(manifest)


def lost_after_of(manifest: dict) -> float:
    """The manifest's ``settings.lostAfter`` in seconds (docs/farm.md, "Lost on farm")."""
    try:
        return float((manifest.get("settings") or {}).get("lostAfter") or DEFAULT_LOST_AFTER)
    except (TypeError, ValueError):
        return DEFAULT_LOST_AFTER


def _span(seconds: float) -> str:
    return "%d min" % (seconds // 60) if seconds >= 120 else "%d s" % seconds


def submissions(bundle: Path) -> list[dict]:
    """Every submission of the bundle, first attempt first."""
    out = []
    for folder in sorted((Path(bundle) / "output").glob("attempt-*"), key=_attempt_number):
        submission = read_json(folder / "submission.json")
        if submission is not None:
            out.append(submission)
    return out


def _attempt_number(folder: Path) -> int:
    try:
        return int(folder.name.split("-", 1)[1])
    except (IndexError, ValueError):
        return 0


def all_states(bundle: Path) -> list[TaskState]:
    """Every task of every attempt, first attempt first, in its submission's order (the order
    :mod:`.intake` records their pairs in)."""
    out: list[TaskState] = []
    lost_after = read_lost_after(bundle)
    for submission in submissions(bundle):
        attempt = int(submission["attempt"])
        alive = submission_alive(bundle, attempt)
        out.extend(task_state(bundle, attempt, key, alive, lost_after) for key in submission.get("instances") or ())
    return out


def latest_states(bundle: Path, states: list[TaskState] | None = None) -> dict[str, TaskState]:
    """Each instance's state from the newest attempt that had its task (``states``: :func:`all_states`)."""
    return {state.key: state for state in (all_states(bundle) if states is None else states)}


def hosts_started(bundle: Path, attempt: int) -> list[dict[str, Any]]:
    return read_lines(attempt_dir(bundle, attempt) / "hosts.jsonl")
