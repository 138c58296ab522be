"""Runner events into history rows: what each event means for the database.

A :class:`Tracker` keeps, per host port, the Context as the host last described it (the
Collected context plus every pair's ``changes``) and the run being recorded, and writes rows
as events arrive: a run row at ``Started``, the instances and plugins at ``Collected`` (or at
the start, for a validate/publish/action run), a pair row and its records at ``PairDone``, the
outcome at ``Finished`` / ``HostUnreachable`` / ``JobFailed``. Nothing is held back for the end
of the run: what was applied is in the database once the writer commits its batch, so a crash
leaves everything up to the last batch.

Pair times: the runner stamps each ``PairDone`` with the wall-clock times around its round trip;
an event without them (0) falls back to the time the GUI drained it (at most one drain, ~16 ms,
late) as its end and that end minus the duration the host measured as its start.

Thread: the writer thread only (it owns the connection).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..engine import events as ev
from ..engine import pairs
from .outcomes import verdict, warning_records

log = logging.getLogger(__name__)



Thumbnail = Callable[[str], "tuple[str, bytes] | None"]  # an image path -> (mime, small bytes) or None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=repr)


@dataclass
class HostState:
    """One host as the history knows it: its Context now, and the run being recorded."""

    context: dict = field(default_factory=lambda: {"id": None, "name": "Context", "data": {}})
    instances: dict[str, dict] = field(default_factory=dict)  # id -> wire instance, host order
    plugins: list[dict] = field(default_factory=list)
    run_id: int | None = None
    pair_seq: int = 0
    record_seq: int = 0
    records_kept: int = 0
    dropped: int = 0
    errors: int = 0
    lost: int = 0  # pairs whose reply was lost: their outcome is unknown, not an error
    crashed: int = 0  # pairs whose plugin broke: a pipeline error, not a failure (outcomes.is_crash)
    warnings: int = 0
    comment: str = ""
    facts: dict | None = None  # what the UI knows of the host (name, pid), asked once per run
    dirty: set[str] = field(default_factory=set)  # instance ids to write
    gone: set[str] = field(default_factory=set)  # instance ids to delete
    context_dirty: bool = False  # the Context's own data changed since the last write
    order_dirty: bool = False  # the host re-sorted: every row's position is rewritten
    positions: dict[str, int] = field(default_factory=dict)  # id -> row position (gaps are fine)
    next_position: int = 0
    thumbnails: dict[str, str] = field(default_factory=dict)  # instance id -> path stored for this run
    shrunk: dict[str, tuple[str, bytes] | None] = field(default_factory=dict)  # path -> its small copy, this run

    def place(self) -> None:
        """Positions in the host's order, from scratch."""
        self.positions = {instance_id: index for index, instance_id in enumerate(self.instances)}
        self.next_position = len(self.positions)


class Tracker:
    """Applies batches of runner events to an open history connection (see the module doc)."""

    def __init__(self, connection: sqlite3.Connection, max_records: int,
                 host_facts: Callable[[int], dict] | None = None, thumbnail: Thumbnail | None = None):
        self._db = connection
        self._thumbnail = thumbnail  # path -> (mime, small image bytes) or None; None: none kept
        self.max_records = max_records
        self._host_facts = host_facts or (lambda port: {})
        self._hosts: dict[int, HostState] = {}
        self.last_runs: dict[int, int] = {}  # port -> id of its newest run (read from any thread)
        self.started: list[tuple[int, int]] = []  # (port, run id) of runs begun since the writer last looked
        self._handlers: dict[type, Callable[[HostState, Any, float], bool]] = {
            ev.Started: self._started, ev.TotalKnown: self._nothing, ev.Collected: self._collected,
            ev.Processing: self._nothing, ev.PairDone: self._pair_done, ev.Compatibility: self._nothing,
            ev.Finished: self._finished, ev.HostUnreachable: self._ended_badly, ev.JobFailed: self._ended_badly,
            ev.SceneChanged: self._scene_changed,
        }

    def apply(self, stamp: float, comment: str, events: list[ev.Event]) -> int:
        """Write one drain of events (inside the caller's transaction); returns how many runs ended."""
        ended = 0
        touched: set[int] = set()
        for event in events:
            handler = self._handlers.get(type(event))
            if handler is None:
                raise TypeError("the history does not know the runner event %r" % (event,))
            state = self._hosts.setdefault(event.port, HostState())
            state.comment = comment
            touched.add(event.port)
            ended += bool(handler(state, event, stamp))
        for port in touched:
            self._write_progress(self._hosts[port])
        return ended

    def open_runs(self) -> list[int]:
        return [state.run_id for state in self._hosts.values() if state.run_id is not None]

    # ------------------------------------------------------------------ handlers

    def _nothing(self, state: HostState, event: ev.Event, stamp: float) -> bool:
        return False  # progress only: nothing the record needs

    def _started(self, state: HostState, event: ev.Started, stamp: float) -> bool:
        if state.run_id is not None:  # a run that never said it ended
            self._close(state, stamp, "incomplete", "A new run started before this one ended.")
        if event.op == "reset":
            state.context = {"id": None, "name": "Context", "data": {}}
            state.instances = {}
        state.place()
        state.pair_seq = state.record_seq = state.records_kept = state.dropped = 0
        state.errors = state.lost = state.crashed = state.warnings = 0
        state.facts = None
        cursor = self._db.execute(
            "INSERT INTO runs (op, started, outcome, ui_pid, comment, plugins, context) "
            "VALUES (?, ?, 'running', ?, ?, ?, ?)",
            (event.op, stamp, os.getpid(), state.comment, dumps(state.plugins), dumps(self._context_row(state))))
        state.run_id = cursor.lastrowid
        state.thumbnails = {}
        state.shrunk = {}
        self.last_runs[event.port] = state.run_id
        self.started.append((event.port, state.run_id))
        self._rewrite(state, event.port)
        return False

    def _rewrite(self, state: HostState, port: int) -> None:
        """The run's host facts now, and every instance (and its position) at the next write."""
        self._write_host(state, port)
        state.dirty = set(state.instances)
        state.order_dirty = True

    def _collected(self, state: HostState, event: ev.Collected, stamp: float) -> bool:
        context = event.context
        state.context = {"id": context.get("id"), "name": context.get("name") or "Context",
                         "data": dict(context.get("data") or {})}
        state.instances = {child["id"]: _copy_instance(child) for child in context.get("children") or ()}
        state.place()
        state.plugins = list(event.plugins)
        if state.run_id is not None:
            self._db.execute("DELETE FROM instances WHERE run_id = ?", (state.run_id,))
            self._db.execute("UPDATE runs SET plugins = ?, context = ? WHERE id = ?",
                             (dumps(state.plugins), dumps(self._context_row(state)), state.run_id))
            self._rewrite(state, event.port)
        return False

    def _pair_done(self, state: HostState, event: ev.PairDone, stamp: float) -> bool:
        result = event.result
        context_changed = self._apply_changes(state, result.get("changes") or {})
        if state.run_id is None:
            return False  # a pair outside any run: its changes still count for the next one
        state.context_dirty |= context_changed  # written once per batch
        state.pair_seq += 1
        seq = state.pair_seq
        duration = float(result.get("duration") or 0.0)
        error = result.get("error")
        instance_id = result.get("instance")
        if instance_id == state.context.get("id"):
            instance_id = None
        self._db.execute(
            "INSERT INTO pairs (run_id, seq, plugin_id, instance_id, action_id, success, duration_ms, started, ended, "
            "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (state.run_id, seq, result.get("plugin") or "", instance_id, result.get("action"),
             int(error is None), duration, *pair_times(event, duration, stamp), dumps(error) if error else None))
        outcome = verdict(result)  # counted as the window and every report count it (record/outcomes.py)
        state.lost += outcome == "lost"
        state.errors += outcome == "failed"
        state.crashed += outcome == "crashed"
        state.warnings += len(warning_records(result))
        rows = []
        for record in result.get("records") or ():
            levelno = int(record.get("levelno") or 0)
            state.record_seq += 1
            if state.records_kept >= self.max_records:
                state.dropped += 1
                continue
            state.records_kept += 1
            rows.append((state.run_id, state.record_seq, seq, levelno, str(record.get("message") or ""),
                         dumps(record)))
        if rows:
            self._db.executemany("INSERT INTO records (run_id, seq, pair_seq, levelno, message, data) "
                                 "VALUES (?, ?, ?, ?, ?, ?)", rows)
        return False

    def _finished(self, state: HostState, event: ev.Finished, stamp: float) -> bool:
        if state.run_id is None:
            return False
        if event.stopped == pairs.USER_STOP:
            outcome = "stopped"  # the user's stop says most: the run did not go on, whatever failed
        elif event.failed:
            outcome = "failed"  # including a publish the host's test stopped after failed validation
        elif event.stopped:
            outcome = "stopped"
        else:
            outcome = "passed"
        message = ""
        if event.stopped:
            message = "Stopped." if event.stopped == pairs.USER_STOP else "Stopped due to %s." % event.stopped
        self._close(state, stamp, outcome, message, event.stopped, event.port)
        return True

    def _scene_changed(self, state: HostState, event: ev.SceneChanged, stamp: float) -> bool:
        """The window saw the scene change after the host's last run validated it: noted on that run."""
        run_id = self.last_runs.get(event.port)
        if run_id is not None:
            self._db.execute("UPDATE runs SET scene_changed = ? WHERE id = ? AND scene_changed IS NULL",
                             (stamp, run_id))
        return False

    def _ended_badly(self, state: HostState, event: ev.HostUnreachable | ev.JobFailed, stamp: float) -> bool:
        if state.run_id is None:
            return False  # a toggle or comment that failed: no run to end
        outcome = "unreachable" if isinstance(event, ev.HostUnreachable) else "error"
        message = event.message
        if isinstance(event, ev.JobFailed) and event.traceback:
            message += "\n" + event.traceback
        self._close(state, stamp, outcome, message, port=event.port)
        return True

    # ------------------------------------------------------------------ rows

    def _close(self, state: HostState, stamp: float, outcome: str, message: str, stopped: str | None = None,
               port: int | None = None) -> None:
        self._write_progress(state)
        if port is not None:
            self._write_host(state, port)  # collectors may have set currentFile and the like
        self._db.execute("UPDATE runs SET ended = ?, outcome = ?, message = ?, stopped = ?, comment = ?, "
                         "context = ? WHERE id = ?",
                         (stamp, outcome, message, stopped, state.comment, dumps(self._context_row(state)),
                          state.run_id))
        state.run_id = None

    def _write_host(self, state: HostState, port: int) -> None:
        data = state.context["data"]
        if state.facts is None:
            state.facts = self._host_facts(port) or {}
        facts = state.facts
        self._db.execute(
            "UPDATE runs SET host_name = ?, host_port = ?, host_pid = ?, user = ?, machine = ?, current_file = ?, "
            "cwd = ? WHERE id = ?",
            (str(data.get("hostName") or facts.get("name") or ""), int(data.get("port") or port),
             _int(data.get("pid") or facts.get("pid")), str(data.get("user") or ""),
             str(data.get("machine") or socket.gethostname()),  # hosts talk over loopback: this machine
             str(data.get("currentFile") or ""), str(data.get("cwd") or ""), state.run_id))

    def _write_progress(self, state: HostState) -> None:
        if state.run_id is None:
            return
        if state.order_dirty:
            self._db.execute("DELETE FROM instances WHERE run_id = ?", (state.run_id,))
            state.dirty = set(state.instances)
            state.place()
        elif state.gone:
            self._db.executemany("DELETE FROM instances WHERE run_id = ? AND instance_id = ?",
                                 [(state.run_id, instance_id) for instance_id in state.gone])
        if state.dirty:
            self._db.executemany(
                "INSERT OR REPLACE INTO instances (run_id, instance_id, position, data) VALUES (?, ?, ?, ?)",
                [(state.run_id, instance_id, state.positions[instance_id], dumps(state.instances[instance_id]))
                 for instance_id in state.dirty if instance_id in state.instances])
            self._write_thumbnails(state)
        state.dirty = set()
        state.gone = set()
        state.order_dirty = False
        if state.context_dirty:
            self._db.execute("UPDATE runs SET context = ? WHERE id = ?", (dumps(state.context), state.run_id))
            state.context_dirty = False
        self._db.execute(
            "UPDATE runs SET pair_count = ?, error_count = ?, lost_count = ?, crash_count = ?, warning_count = ?, "
            "record_count = ?, records_dropped = ?, instance_count = ?, comment = ? WHERE id = ?",
            (state.pair_seq, state.errors, state.lost, state.crashed, state.warnings, state.records_kept, state.dropped,
             len(state.instances), state.comment, state.run_id))

    def _write_thumbnails(self, state: HostState) -> None:
        """A small copy of each changed instance's ``data["thumbnail"]`` (read and shrunk here, on the
        writer thread; once per path and run)."""
        if self._thumbnail is None:
            return
        for instance_id in state.dirty:
            path = ((state.instances.get(instance_id) or {}).get("data") or {}).get("thumbnail")
            if not isinstance(path, str) or not path or state.thumbnails.get(instance_id) == path:
                continue
            state.thumbnails[instance_id] = path
            if path in state.shrunk:  # instances sharing a picture: read and shrunk once per run
                small = state.shrunk[path]
            else:
                started = time.perf_counter()
                try:
                    small = self._thumbnail(path)
                except Exception:  # a broken image must not stop the history
                    log.warning("could not keep the thumbnail %s in the history", path, exc_info=True)
                    small = None
                state.shrunk[path] = small
                self._pace(time.perf_counter() - started)
            if small is not None:
                self._db.execute("INSERT OR REPLACE INTO thumbnails (run_id, instance_id, mime, data) "
                                 "VALUES (?, ?, ?, ?)", (state.run_id, instance_id, small[0], small[1]))

    THUMBNAIL_SHARE = 0.5  # of a core, at most, for reading pictures: the window needs the rest

    def _pace(self, spent: float) -> None:
        """Rest after reading a picture, so the reading takes at most THUMBNAIL_SHARE of a core.

        A collection of 10,000 instances with pictures is seconds of decoding right after the
        collection, exactly when the artist scrolls the list; on a 2-core machine that decoding
        beside Qt's own image thread starved the GUI thread (78 gaps over 16 ms in 500 scroll
        steps, 11 with the history off; docs/performance.md). The record is later, not lost."""
        if spent > 0.0005:
            time.sleep(spent * (1.0 - self.THUMBNAIL_SHARE) / self.THUMBNAIL_SHARE)

    @staticmethod
    def _context_row(state: HostState) -> dict:
        return state.context

    def _apply_changes(self, state: HostState, changes: dict) -> bool:
        """Keep the host's Context current (as :mod:`..proxies` does); True if its own data changed."""
        for instance in changes.get("added") or ():  # appended: after every position so far
            state.instances[instance["id"]] = _copy_instance(instance)
            state.positions[instance["id"]] = state.next_position
            state.next_position += 1
            state.dirty.add(instance["id"])
            state.gone.discard(instance["id"])
        for instance_id in changes.get("removed") or ():
            if state.instances.pop(instance_id, None) is not None:
                state.positions.pop(instance_id, None)
                state.dirty.discard(instance_id)
                state.gone.add(instance_id)
        if changes.get("order"):
            known = state.instances
            state.instances = {i: known[i] for i in changes["order"] if i in known}
            state.instances.update({i: v for i, v in known.items() if i not in state.instances})
            state.order_dirty = True
        for change in changes.get("changed") or ():
            instance = state.instances.get(change.get("id"))
            if instance is None:
                continue
            _merge(instance["data"], change)
            if "children" in change:
                instance["children"] = list(change["children"])
            if "name" in change:
                instance["name"] = change["name"]
            state.dirty.add(change["id"])
        context_change = changes.get("context")
        if context_change:
            _merge(state.context["data"], context_change)
            return True
        return False


def _merge(data: dict, change: dict) -> None:
    data.update(change.get("data") or {})
    for key in change.get("removedKeys") or ():
        data.pop(key, None)


def _copy_instance(instance: dict) -> dict:
    return {"id": instance["id"], "name": instance.get("name") or "", "data": dict(instance.get("data") or {}),
            "children": list(instance.get("children") or ())}


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def pair_times(event: ev.PairDone, duration_ms: float, stamp: float) -> tuple[float, float]:
    """(started, ended) of a pair: the runner's stamps, or the drain's time when it has none."""
    if event.ended:
        return (event.started or event.ended - duration_ms / 1000.0), event.ended
    return stamp - duration_ms / 1000.0, stamp
