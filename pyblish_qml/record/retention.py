"""How much history to keep: the last N runs, runs of the last N days, N records per run.

The writer prunes after every run that ends (and once when it opens the database), in its own
thread, so pruning never holds up the window. A run still being recorded is never pruned, nor
the newest run (ids are SQLite rowids: with the newest kept, an id is never given out twice).

Thread: the writer thread (it owns the connection).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

DEFAULT_MAX_RUNS = 500
DEFAULT_MAX_DAYS = 90
DEFAULT_MAX_RECORDS = 20_000  # per run; beyond it records are counted (runs.records_dropped), not kept


@dataclass(frozen=True)
class Retention:
    max_runs: int = DEFAULT_MAX_RUNS  # 0: no limit
    max_days: float = DEFAULT_MAX_DAYS  # 0: no limit
    max_records: int = DEFAULT_MAX_RECORDS

    @classmethod
    def from_preferences(cls, values: dict) -> Retention:
        """From the user's preferences (``historyMaxRuns``, ``historyMaxDays``, ``historyMaxRecords``);
        a missing or invalid value keeps its default."""

        def number(key: str, default: float, kind: type) -> float:
            value = values.get(key, default)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                return default
            return kind(value)

        return cls(int(number("historyMaxRuns", DEFAULT_MAX_RUNS, int)),
                   number("historyMaxDays", DEFAULT_MAX_DAYS, float),
                   int(number("historyMaxRecords", DEFAULT_MAX_RECORDS, int)) or DEFAULT_MAX_RECORDS)


def prune(connection: sqlite3.Connection, retention: Retention, keep: tuple[int, ...] = (),
          now: float | None = None) -> int:
    """Delete the runs beyond ``retention`` (never those in ``keep``); returns how many went.
    Runs inside the caller's transaction."""
    doomed: set[int] = set()
    if retention.max_runs:
        doomed.update(row[0] for row in connection.execute(
            "SELECT id FROM runs ORDER BY id DESC LIMIT -1 OFFSET ?", (retention.max_runs,)))
    if retention.max_days:
        cutoff = (now if now is not None else time.time()) - retention.max_days * 86400.0
        doomed.update(row[0] for row in connection.execute("SELECT id FROM runs WHERE started < ?", (cutoff,)))
    doomed.difference_update(keep)
    newest = connection.execute("SELECT MAX(id) FROM runs").fetchone()[0]
    doomed.discard(newest)  # the newest run always stays, so run ids are never given out twice
    if not doomed:
        return 0
    ids = [(run_id,) for run_id in sorted(doomed)]
    for table, column in (("records", "run_id"), ("pairs", "run_id"), ("instances", "run_id"), ("thumbnails", "run_id"),
                          ("runs", "id")):
        connection.executemany("DELETE FROM %s WHERE %s = ?" % (table, column), ids)
    return len(ids)
