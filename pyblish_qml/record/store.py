"""Reading the history: the runs newest first, and one run loaded whole as a :class:`~.report.Report`.

This is the API a History page builds on::

    store = RunStore()                      # the user's history (schema.default_path())
    runs = store.list_runs(limit=200, text="chair", outcome="failed", host="maya")
    report = store.load(runs[0].id)         # context, instances, plugins, pairs with records
    events = report.events()                # fold into a window's models, read-only

Readers never block the writer (WAL). Every method raises
:class:`~.schema.HistoryUnavailable` (with a sentence for the user) when the database cannot
be read. A run still ``running`` whose UI process is gone reads as ``incomplete``.

Thread: any, one store per thread (each opens its own connection). Listing 1,000 runs and
loading a 1,000-pair run are measured in tests/benchmarks/record_bench.py.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .report import Report, image_uri
from .schema import HistoryUnavailable, connect, default_path, describe
from .writer import process_alive

SUMMARY_COLUMNS = ("id, op, outcome, started, ended, host_name, host_port, host_pid, user, machine, current_file, "
                   "cwd, comment, message, stopped, pair_count, error_count, warning_count, record_count, "
                   "records_dropped, instance_count, ui_pid, lost_count, crash_count")

# The end of a run that never ended: its last pair's (found through the primary key, not a scan).
LAST_PAIR = ("CASE WHEN ended IS NULL THEN (SELECT ended FROM pairs WHERE run_id = runs.id ORDER BY seq DESC LIMIT 1) "
             "END")


@dataclass(frozen=True)
class RunSummary:
    """One line of the history list."""

    id: int
    op: str
    outcome: str
    started: float
    ended: float | None  # None: never ended (incomplete or still running)
    duration: float  # seconds, to the end (or to the last recorded pair)
    host_name: str
    host_port: int | None
    host_pid: int | None
    user: str
    machine: str
    current_file: str
    cwd: str
    comment: str
    message: str
    stopped: str | None
    pairs: int
    errors: int
    warnings: int
    records: int
    records_dropped: int
    instances: int
    lost: int = 0  # pairs whose reply was lost: they may have run in the host (not errors)
    crashed: int = 0  # pairs whose plugin broke: a pipeline error (not the artist's failures)
    thumbnail: str = ""  # its first instance's thumbnail, a small image as a data: URI ("" none)

    def run_dict(self) -> dict:
        """The ``run`` object of a report (docs/report-format.md)."""
        return {"id": self.id, "op": self.op, "outcome": self.outcome, "started": self.started, "ended": self.ended,
                "duration": self.duration, "message": self.message, "stopped": self.stopped, "comment": self.comment,
                "host": {"name": self.host_name, "port": self.host_port, "pid": self.host_pid, "user": self.user,
                         "machine": self.machine, "currentFile": self.current_file, "cwd": self.cwd},
                "counts": {"pairs": self.pairs, "errors": self.errors, "crashed": self.crashed, "lost": self.lost,
                           "warnings": self.warnings,
                           "records": self.records, "recordsDropped": self.records_dropped,
                           "instances": self.instances}}


class RunStore:
    def __init__(self, path: Path | None = None, timeout: float = 0.5):
        self.path = Path(path) if path is not None else default_path()
        self._timeout = timeout
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = connect(self.path, timeout=self._timeout)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def exists(self) -> bool:
        """Whether there is a history yet (reading never creates one)."""
        return self._db is not None or self.path.exists()

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        if not self.exists():
            return []
        try:
            return self._connection().execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise HistoryUnavailable(describe(self.path, error)) from None

    def list_runs(self, limit: int | None = None, text: str = "", outcome: str = "",
                  host: str = "") -> list[RunSummary]:
        """Runs newest first; ``text`` matches host, file, user, comment, message and op; ``outcome``
        one of report.OUTCOMES (``incomplete`` includes runs whose UI died); ``host`` the host name."""
        where, args = [], []
        if text:
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(" + " OR ".join("%s LIKE ? ESCAPE '\\'" % column for column in (
                "host_name", "current_file", "user", "comment", "message", "op", "machine")) + ")")
            args += [like] * 7
        if outcome == "incomplete":
            where.append("outcome IN ('incomplete', 'running')")
        elif outcome:
            where.append("outcome = ?")
            args.append(outcome)
        if host:
            where.append("host_name = ?")
            args.append(host)
        sql = "SELECT %s, %s FROM runs" % (SUMMARY_COLUMNS, LAST_PAIR)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += " LIMIT %d" % int(limit)
        runs = self._with_thumbnails([_summary(row) for row in self._query(sql, tuple(args))])
        if outcome == "incomplete":
            runs = [run for run in runs if run.outcome == "incomplete"]
        elif outcome == "running":
            runs = [run for run in runs if run.outcome == "running"]
        return runs

    def _with_thumbnails(self, runs: list[RunSummary]) -> list[RunSummary]:
        """Each run with the thumbnail of its first instance that had one (a History row shows it)."""
        if not runs:
            return runs
        ids = [run.id for run in runs]
        found = {run_id: image_uri(mime, bytes(data)) for run_id, mime, data in self._query(
            "SELECT t.run_id, t.mime, t.data FROM thumbnails t JOIN instances i ON i.run_id = t.run_id "
            "AND i.instance_id = t.instance_id WHERE t.run_id BETWEEN ? AND ? ORDER BY t.run_id, i.position DESC",
            (min(ids), max(ids)))}  # the last row per run wins: the first instance in the host's order
        return [dataclasses.replace(run, thumbnail=found[run.id]) if run.id in found else run for run in runs]

    def summary(self, run_id: int) -> RunSummary:
        rows = self._query("SELECT %s, %s FROM runs WHERE id = ?" % (SUMMARY_COLUMNS, LAST_PAIR),
                           (int(run_id),))
        if not rows:
            raise KeyError("no run %s in the history" % run_id)
        return _summary(rows[0])

    def last_run_id(self) -> int | None:
        rows = self._query("SELECT MAX(id) FROM runs")
        return rows[0][0] if rows else None  # no rows: no history file yet

    def hosts(self) -> list[str]:
        """Host names in the history (for a filter)."""
        return [row[0] for row in self._query("SELECT DISTINCT host_name FROM runs WHERE host_name != '' "
                                              "ORDER BY host_name")]

    def load(self, run_id: int) -> Report:
        """One run, whole: what :meth:`Report.events` needs to show it again."""
        summary = self.summary(run_id)
        run_id = summary.id
        context_json, plugins_json = self._query("SELECT context, plugins FROM runs WHERE id = ?", (run_id,))[0]
        instances = [json.loads(data) for (data,) in self._query(
            "SELECT data FROM instances WHERE run_id = ? ORDER BY position", (run_id,))]
        records: dict[int, list[dict]] = {}
        for pair_seq, data in self._query("SELECT pair_seq, data FROM records WHERE run_id = ? ORDER BY seq",
                                          (run_id,)):
            records.setdefault(pair_seq, []).append(json.loads(data))
        pairs = [dict({"seq": seq, "plugin": plugin, "instance": instance, "action": action, "success": bool(success),
                       "duration": duration, "started": started, "ended": ended,
                       "error": json.loads(error) if error else None, "records": records.get(seq, [])},
                      **({"ranOn": ran_on, "attempt": attempt} if ran_on != "local" else {}))
                 for seq, plugin, instance, action, success, duration, started, ended, error, ran_on, attempt
                 in self._query("SELECT seq, plugin_id, instance_id, action_id, success, duration_ms, started, ended, "
                                "error, ran_on, attempt FROM pairs WHERE run_id = ? ORDER BY seq", (run_id,))]
        context = json.loads(context_json or "{}")
        context.setdefault("data", {})
        run = summary.run_dict()
        farm = [{"instance": instance, "attempt": attempt, "task": key, "state": state, "message": message,
                 "bundle": bundle} for instance, attempt, key, state, message, bundle in self._query(
            "SELECT instance_id, attempt, task_key, state, message, bundle FROM farm_tasks WHERE run_id = ? "
            "ORDER BY attempt, task_key", (run_id,))]
        if farm:  # docs/farm.md: the run's instances handed off to the farm, per attempt
            run["farm"] = farm
        thumbnails = {instance_id: image_uri(mime, bytes(data)) for instance_id, mime, data in self._query(
            "SELECT instance_id, mime, data FROM thumbnails WHERE run_id = ?", (run_id,))}
        return Report(run, context, instances, json.loads(plugins_json or "[]"), pairs, thumbnails)


def _summary(row: tuple) -> RunSummary:
    (run_id, op, outcome, started, ended, host_name, host_port, host_pid, user, machine, current_file, cwd, comment,
     message, stopped, pair_count, errors, warnings, records, dropped, instances, ui_pid, lost, crashed,
     last_pair) = row
    if outcome == "running" and not process_alive(ui_pid):
        outcome, message = "incomplete", message or "The window closed or crashed before this run ended."
    end = ended if ended is not None else last_pair
    return RunSummary(run_id, op, outcome, started, ended, max(0.0, (end or started) - started), host_name or "",
                      host_port, host_pid, user or "", machine or "", current_file or "", cwd or "", comment or "",
                      message or "", stopped, pair_count or 0, errors or 0, warnings or 0, records or 0, dropped or 0,
                      instances or 0, lost or 0, crashed or 0)
