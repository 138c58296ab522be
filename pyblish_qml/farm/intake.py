"""The farm's results back into the run they belong to, in the SQLite history.

:func:`intake` reads a bundle's output folder and writes what is new into the history the
manifest names (``history``, ``runId``): each farm pair as a row of ``pairs`` marked
``ran_on = 'farm'`` with its attempt (plugin and instance ids mapped to the window's by the
manifest: names on the worker, ids here), its records, the run's counts (recounted: the latest
result of each (plugin, instance), so a re-run that fixed a failure leaves no error in History's
row), and each instance's state per attempt in ``farm_tasks``. A task lost on the farm becomes
one failed pair "lost on farm" for that instance (counted as an error), never a pass; a task lost only by its silence
(:mod:`.outputs`) that reports again loses that pair again (and the count), so the record never
keeps a false "lost". How far each task's file was read
is kept in ``farm_tasks.lines_read``, in the same transaction, so calling it again — from the
window's farm watcher, ``pyblish-qml farm status``, or a window opened later — adds only what is
new.

The run may be the Publish the window runs here at the same time (docs/farm.md, "One run in the
record"): while its window is still writing it (``outcome = 'running'`` and its UI process alive),
nothing is taken — :func:`intake` returns None and the caller looks again — so the history writer
stays the only writer of a live run (its pair numbers and counts), and the farm's pairs follow the
local ones once it has ended. A run a crashed window left ``running`` is taken at once.

Thread: any; it opens its own connection (the history writer thread keeps its own).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from pathlib import Path

from ..record.outcomes import LOST_ON_FARM, count, latest
from ..record.schema import HistoryUnavailable, connect
from ..record.writer import process_alive
from . import manifest as manifests
from .outputs import (
    FarmState,
    TaskState,
    attempt_dir,
    lost_after_of,
    read_lines,
    submission_alive,
    submissions,
    task_state,
)

log = logging.getLogger(__name__)

LOST_PLUGIN = LOST_ON_FARM
WARNING, ERROR = 30, 40


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=repr)


def intake(bundle: Path, history: Path | None = None, states: list[TaskState] | None = None) -> int | None:
    """Bring ``bundle``'s new farm results into its run; returns how many pairs were added (or taken
    back), None while the run is still being written by its window (nothing taken: look again).
    ``states``: :func:`~.outputs.all_states` as the caller read them, so what it shows (a lost task's
    message) is what the record gets."""
    manifest = manifests.read(bundle)
    run_id = manifest.get("runId")
    path = history or manifest.get("history")
    if run_id is None or not path:
        return 0
    try:
        connection = connect(Path(path), timeout=5.0)
    except HistoryUnavailable as error:
        log.warning("farm results not recorded: %s", error)
        return 0
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            known = {(state.attempt, state.key): state for state in states or ()}
            added = _intake(connection, Path(bundle), manifest, int(run_id), known)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return added
    finally:
        connection.close()


def _intake(db: sqlite3.Connection, bundle: Path, manifest: dict, run_id: int, known: dict) -> int | None:
    run = db.execute("SELECT outcome, ui_pid FROM runs WHERE id = ?", (run_id,)).fetchone()
    if run is None:
        return 0  # pruned, or another history
    if run[0] == "running" and process_alive(run[1]):
        return None  # the window is still writing this run (its local Publish): after it ends
    plugin_ids = window_plugin_ids(manifest)
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM pairs WHERE run_id = ?", (run_id,)).fetchone()[0]
    record_seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM records WHERE run_id = ?", (run_id,)).fetchone()[0]
    counts = {"pairs": 0, "errors": 0, "lost": 0, "warnings": 0, "records": 0}
    lost_after = lost_after_of(manifest)
    taken = 0
    for submission in submissions(bundle):
        attempt = int(submission["attempt"])
        alive = submission_alive(bundle, attempt)
        for key in submission.get("instances") or ():
            entry = manifests.instance(manifest, key)
            row = db.execute("SELECT state, lines_read FROM farm_tasks WHERE run_id = ? AND instance_id = ? AND "
                             "attempt = ?", (run_id, entry["id"], attempt)).fetchone()
            before, read = (row[0], row[1]) if row else (None, 0)
            lines = read_lines(attempt_dir(bundle, attempt) / ("%s.jsonl" % key))
            for line in lines[read:]:
                if line.get("kind") != "pair":
                    continue
                seq += 1
                record_seq = _pair(db, run_id, seq, record_seq, line, entry, plugin_ids, attempt, counts)
            state = known.get((attempt, key)) or task_state(bundle, attempt, key, alive, lost_after)
            if state.state is FarmState.LOST and before != FarmState.LOST.value:
                seq += 1
                _lost_pair(db, run_id, seq, entry, attempt, state.message)
                counts["pairs"] += 1
                counts["errors"] += 1  # an instance that did not publish: an error, shown with the others
            elif before == FarmState.LOST.value and state.state is not FarmState.LOST:
                back = _take_back_lost(db, run_id, entry, attempt)  # it was only silent: it reports again
                counts["pairs"] -= back
                counts["errors"] -= back
                taken += back
            db.execute("INSERT OR REPLACE INTO farm_tasks (run_id, instance_id, attempt, task_key, state, message, "
                       "bundle, lines_read, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (run_id, entry["id"], attempt, key, state.state.value, state.message, str(bundle), len(lines),
                        time.time()))
    if any(counts.values()) or taken:  # the counts recounted, not added to: a later attempt replaces
        db.execute("UPDATE runs SET record_count = record_count + ? WHERE id = ?", (counts["records"], run_id))
        _recount(db, run_id)
    return counts["pairs"] + 2 * taken  # pairs added, and pairs taken back


def window_plugin_ids(manifest: dict) -> dict[str, str]:
    """Plugin name -> the workstation window's plugin id (ids differ per process; names match)."""
    return {plugin["name"]: plugin["id"] for plugin in manifest.get("plugins") or () if plugin.get("name")}


def plugin_id_of(plugin_ids: dict[str, str], line: dict) -> str:
    """The id a worker's pair line is kept under: the window's, or ``farm:<name>`` for a plugin
    the workstation did not have (a farm-only one) — the record and the live Report alike."""
    name = (line.get("plugin") or {}).get("name") or (line.get("result") or {}).get("plugin")
    return plugin_ids.get(name) or "farm:%s" % name


def _recount(db: sqlite3.Connection, run_id: int) -> None:
    """The run's stored counts (History's row) as its Report counts them: the latest result of each
    (plugin, instance) — a re-run's attempt 2 replaces attempt 1's failure, a later farm pair an
    instance's "lost on farm" (record/outcomes.py: count, latest; app/history/past_run.py)."""
    warned: dict[int, list[dict]] = {}
    for pair_seq, levelno in db.execute("SELECT pair_seq, levelno FROM records WHERE run_id = ? AND levelno >= ?",
                                        (run_id, WARNING)):
        warned.setdefault(pair_seq, []).append({"levelno": levelno})
    pairs = [dict({"plugin": plugin, "instance": instance, "action": action, "error": json.loads(error) if error
                   else None, "records": warned.get(seq, [])}, **({"ranOn": ran_on} if ran_on != "local" else {}))
             for seq, plugin, instance, action, error, ran_on in db.execute(
                 "SELECT seq, plugin_id, instance_id, action_id, error, ran_on FROM pairs WHERE run_id = ? "
                 "ORDER BY seq", (run_id,))]
    op = db.execute("SELECT op FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
    counted = count(latest(pairs) if op != "act" else pairs)
    db.execute("UPDATE runs SET pair_count = ?, error_count = ?, crash_count = ?, lost_count = ?, warning_count = ? "
               "WHERE id = ?", (counted.pairs, counted.failed, counted.crashed, counted.lost, counted.warnings, run_id))


def _take_back_lost(db: sqlite3.Connection, run_id: int, entry: dict, attempt: int) -> int:
    """Remove the "lost on farm" pair of a task that turned out to be alive; how many went (0 or 1)."""
    return db.execute("DELETE FROM pairs WHERE run_id = ? AND plugin_id = ? AND instance_id = ? AND attempt = ? "
                      "AND ran_on = 'farm'", (run_id, LOST_PLUGIN, entry["id"], attempt)).rowcount


def _pair(db: sqlite3.Connection, run_id: int, seq: int, record_seq: int, line: dict, entry: dict,
          plugin_ids: dict, attempt: int, counts: dict) -> int:
    result = line.get("result") or {}
    plugin_id = plugin_id_of(plugin_ids, line)
    instance_id = entry["id"] if line.get("instanceName") == entry["name"] else None
    error = result.get("error")
    db.execute("INSERT INTO pairs (run_id, seq, plugin_id, instance_id, action_id, success, duration_ms, started, "
               "ended, error, ran_on, attempt) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, 'farm', ?)",
               (run_id, seq, plugin_id, instance_id, int(error is None), float(result.get("duration") or 0.0),
                line.get("started"), line.get("ended"), _dumps(error) if error else None, attempt))
    counts["pairs"] += 1
    counts["errors"] += error is not None
    rows = []
    for record in result.get("records") or ():
        record_seq += 1
        levelno = int(record.get("levelno") or 0)
        counts["warnings"] += WARNING <= levelno < ERROR
        counts["records"] += 1
        rows.append((run_id, record_seq, seq, levelno, str(record.get("message") or ""), _dumps(record)))
    db.executemany("INSERT INTO records (run_id, seq, pair_seq, levelno, message, data) VALUES (?, ?, ?, ?, ?, ?)",
                   rows)
    return record_seq


def lost_error(attempt: int, message: str) -> dict:
    """The error of the failed pair a task lost on the farm becomes (the window's live Report makes the same)."""
    text = "lost on farm (attempt %d): %s" % (attempt, message)
    return {"message": text, "traceback": text, "type": "LostOnFarm", "fname": None, "line_number": None,
            "func": None, "exc": None, "logger": "", "thread": ""}


def _lost_pair(db: sqlite3.Connection, run_id: int, seq: int, entry: dict, attempt: int, message: str) -> None:
    error = lost_error(attempt, message)
    now = time.time()
    db.execute("INSERT INTO pairs (run_id, seq, plugin_id, instance_id, action_id, success, duration_ms, started, "
               "ended, error, ran_on, attempt) VALUES (?, ?, ?, ?, NULL, 0, 0, ?, ?, ?, 'farm', ?)",
               (run_id, seq, LOST_PLUGIN, entry["id"], now, now, _dumps(error), attempt))
