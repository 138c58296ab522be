"""The history database: its tables, their version and the migrations between versions.

The version lives in ``PRAGMA user_version``. :data:`MIGRATIONS` is the list of steps; step
*n* (1-based) turns a version *n-1* database into version *n*, so a new database runs them all
and an old one only the steps it lacks, each in one transaction. A database written by a newer
pyblish-qml (a version we do not know) is refused, never touched.

Tables (version 2):

- ``runs``: one row per reset/validate/publish/action run — op, start/end time, outcome
  (``running`` while it runs; ``incomplete`` when its UI died), host facts, comment, counts,
  records dropped by the size bound, the plugins (wire dicts, JSON) and the Context's own data.
- ``instances``: the run's instances (wire dicts, JSON) in the host's order, as they stood
  last (kept current pair by pair).
- ``pairs``: one row per (plugin, instance) pair or action: outcome, duration, start/end,
  the error (JSON).
- ``runs.scene_changed`` (version 4): when the window saw the host's scene change after this run
  (the host's last) validated it; NULL when it did not.
- ``records``: the log records of each pair (the whole record, JSON), up to the per-run bound.
- ``farm_tasks`` (version 4): each handed-off instance's farm state per attempt; ``pairs.ran_on``
  says where a pair ran (``local`` or ``farm``), ``pairs.attempt`` its farm attempt.
- ``thumbnails`` (version 7): each instance's ``data["thumbnail"]`` as a small image (mime, bytes),
  made on the writer thread by the function the window gives (``record/writer.py``).

Thread: any; a connection is used on the thread that opened it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

MIGRATIONS: list[str] = [
    # 1: the first history (pyblish-qml 1.x early builds): runs, pairs and records.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        op TEXT NOT NULL,
        started REAL NOT NULL,
        ended REAL,
        outcome TEXT NOT NULL,
        host_name TEXT NOT NULL DEFAULT '',
        host_port INTEGER,
        user TEXT NOT NULL DEFAULT '',
        current_file TEXT NOT NULL DEFAULT '',
        comment TEXT NOT NULL DEFAULT '',
        context TEXT NOT NULL DEFAULT '{}',
        plugins TEXT NOT NULL DEFAULT '[]',
        pair_count INTEGER NOT NULL DEFAULT 0,
        error_count INTEGER NOT NULL DEFAULT 0,
        warning_count INTEGER NOT NULL DEFAULT 0,
        record_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE pairs (
        run_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        plugin_id TEXT NOT NULL,
        instance_id TEXT,
        action_id TEXT,
        success INTEGER NOT NULL,
        duration_ms REAL NOT NULL DEFAULT 0,
        ended REAL,
        error TEXT,
        PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE records (
        run_id INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        pair_seq INTEGER NOT NULL,
        levelno INTEGER NOT NULL,
        message TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
    ) WITHOUT ROWID;
    """,
    # 2: where the run came from (pid, machine, cwd, which UI wrote it), how it ended, the
    # instances as rows of their own, pair start times, and the size bound's count.
    """
    ALTER TABLE runs ADD COLUMN host_pid INTEGER;
    ALTER TABLE runs ADD COLUMN machine TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN cwd TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN ui_pid INTEGER;
    ALTER TABLE runs ADD COLUMN message TEXT NOT NULL DEFAULT '';
    ALTER TABLE runs ADD COLUMN stopped TEXT;
    ALTER TABLE runs ADD COLUMN records_dropped INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE runs ADD COLUMN instance_count INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE pairs ADD COLUMN started REAL;
    CREATE TABLE instances (
        run_id INTEGER NOT NULL,
        instance_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, instance_id)
    ) WITHOUT ROWID;
    CREATE INDEX runs_started ON runs (started);
    """,
    # 3: pairs whose reply was lost (they may have run in the host) are counted apart from errors.
    """
    ALTER TABLE runs ADD COLUMN lost_count INTEGER NOT NULL DEFAULT 0;
    """,
    # 4: publishing on the farm (docs/farm.md): where each pair ran and in which attempt, and each
    # handed-off instance's farm state per attempt (pyblish_qml/farm/intake.py writes them).
    """
    ALTER TABLE pairs ADD COLUMN ran_on TEXT NOT NULL DEFAULT 'local';
    ALTER TABLE pairs ADD COLUMN attempt INTEGER;
    CREATE TABLE farm_tasks (
        run_id INTEGER NOT NULL,
        instance_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        task_key TEXT NOT NULL,
        state TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        bundle TEXT NOT NULL,
        lines_read INTEGER NOT NULL DEFAULT 0,
        updated REAL,
        PRIMARY KEY (run_id, instance_id, attempt)
    ) WITHOUT ROWID;
    """,
    # 5: pairs whose plugin crashed (a pipeline error: record/outcomes.py) are counted apart from failures.
    """
    ALTER TABLE runs ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0;
    """,
    # 6: when the host's scene changed after this run validated it (issue 24): its results went stale.
    """
    ALTER TABLE runs ADD COLUMN scene_changed REAL;
    """,
    # 7: each instance's thumbnail as the run had it (docs/thumbnails.md), small (a JPEG of ~160 px):
    # the file the path named may be gone by the time anyone reads the run back.
    """
    CREATE TABLE thumbnails (
        run_id INTEGER NOT NULL,
        instance_id TEXT NOT NULL,
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (run_id, instance_id)
    ) WITHOUT ROWID;
    """,
]

VERSION = len(MIGRATIONS)
DATABASE_NAME = "history.sqlite3"


class HistoryUnavailable(RuntimeError):
    """The history database cannot be used; the message says why and what to do."""


def default_path() -> Path:
    """``history.sqlite3`` in the per-user data folder (``~/.local/share/pyblish-qml`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("pyblish-qml", appauthor=False)) / DATABASE_NAME


def connect(path: Path, timeout: float = 2.0, migrate: bool = True) -> sqlite3.Connection:
    """Open (creating if needed) the history at ``path`` in WAL mode, migrated to :data:`VERSION`.

    Raises :class:`HistoryUnavailable` with a message for the user when the file is not a
    database, is locked by another process for longer than ``timeout``, or was written by a
    newer pyblish-qml.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(str(path), timeout=timeout, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as error:
        raise HistoryUnavailable("The run history %s cannot be opened (%s); runs are not recorded." % (
            path, error)) from None
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            connection.execute("PRAGMA auto_vacuum=INCREMENTAL")  # a new file: pruning can give space back
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a crashed process loses nothing committed
        if version > VERSION:
            raise HistoryUnavailable(
                "The run history %s was written by a newer pyblish-qml (schema %d; this one knows %d); "
                "runs are not recorded. Update pyblish-qml, or move the file aside." % (path, version, VERSION))
        if version < VERSION and migrate:
            _migrate(connection, version)
    except HistoryUnavailable:
        connection.close()
        raise
    except sqlite3.Error as error:
        connection.close()
        raise HistoryUnavailable(describe(path, error)) from None
    return connection


def describe(path: Path, error: sqlite3.Error) -> str:
    """What to tell the user about a database error."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return ("The run history %s is locked by another program (%s); runs are not recorded. "
                "Close the other program, then restart pyblish-qml." % (path, text))
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError) or \
            "malformed" in text or "not a database" in text:
        return ("The run history %s is damaged (%s); runs are not recorded. Move the file aside "
                "(pyblish-qml then starts a new history) or send it to support." % (path, text))
    return "The run history %s cannot be used (%s); runs are not recorded." % (path, text)


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    for number in range(version + 1, VERSION + 1):
        log.info("run history: migrating to schema %d", number)
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                connection.execute(statement)
            connection.execute("PRAGMA user_version=%d" % number)
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
