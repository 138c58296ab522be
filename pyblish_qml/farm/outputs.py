"""The bundle's output folder: what each task wrote, and each instance's farm state from it.

``output/attempt-N/`` holds, per submission (attempt): ``submission.json`` (who submitted which
tasks, and the local submitter's pid), ``finished.json`` (written when a local submission's
``openjd run`` has ended), ``hosts.jsonl`` (one line per host a session started: the proof that a
session holds its host open), and per task ``<key>.jsonl``: a ``start`` line, one ``pair`` line
per (plugin, instance) pair as it ends, and an ``end`` line. Lines are appended and flushed as
they happen, so a worker killed mid-task leaves everything up to its last pair — and no ``end``:
that task is *lost on farm*, never passed.

Thread: any. A :class:`TaskLog` belongs to one worker process.
"""

from __future__ import annotations

import enum
import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine.hosts import process_exists


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


class TaskLog:
    """What one task writes as it goes (worker process)."""

    def __init__(self, bundle: Path, attempt: int, key: str):
        self.path = attempt_dir(bundle, attempt) / ("%s.jsonl" % key)
        self.attempt = attempt

    def start(self, host_pid: int | None, session: str, pid: int | None = None) -> None:
        """``pid``: the task's own process (the driver's client, :mod:`.driver`), else this one."""
        append_line(self.path, {"kind": "start", "time": time.time(), "pid": pid or os.getpid(), "hostPid": host_pid,
                                "machine": socket.gethostname(), "session": session, "attempt": self.attempt})

    def pair(self, result: dict, plugin: dict, instance_name: str | None, phase: str, started: float,
             ended: float) -> None:
        append_line(self.path, {"kind": "pair", "phase": phase, "plugin": plugin, "instanceName": instance_name,
                                "result": result, "started": started, "ended": ended})

    def end(self, state: FarmState, message: str = "") -> None:
        append_line(self.path, {"kind": "end", "state": state.value, "message": message, "time": time.time()})


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


def task_state(bundle: Path, attempt: int, key: str, alive: bool | None = None) -> TaskState:
    lines = read_lines(attempt_dir(bundle, attempt) / ("%s.jsonl" % key))
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
        return TaskState(key, attempt, FarmState.RUNNING, "", pairs, start.get("time"))
    return TaskState(key, attempt, FarmState.LOST, "The worker stopped mid-task (it died or was killed); "
                     "lost on farm: this instance did not publish.", pairs, start.get("time"))


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


def latest_states(bundle: Path) -> dict[str, TaskState]:
    """Each instance's state from the newest attempt that had its task."""
    out: dict[str, TaskState] = {}
    for submission in submissions(bundle):
        attempt = int(submission["attempt"])
        alive = submission_alive(bundle, attempt)
        for key in submission.get("instances") or ():
            out[key] = task_state(bundle, attempt, key, alive)
    return out


def hosts_started(bundle: Path, attempt: int) -> list[dict[str, Any]]:
    return read_lines(attempt_dir(bundle, attempt) / "hosts.jsonl")
