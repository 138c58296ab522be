"""The writer thread: the only thread that writes the history.

The GUI hands it drains of runner events through a queue (:meth:`HistoryWriter.put`, which
never blocks); the thread takes everything waiting, applies it with a :class:`~.tracker.Tracker`
in one transaction and commits, so a 1,000-pair publish is a few dozen small transactions, and
a crash of the UI (or the host) leaves every committed batch: the run shows as ``incomplete``
(the next writer marks runs whose UI process is gone). Runs that end are followed by pruning
(:mod:`.retention`).

When the database cannot be used (damaged, locked, too new, a disk error), :attr:`status` says
so in a sentence for the window, the reason is logged once, and events are dropped: the app
works on without history.

Thread: ``put``, ``flush``, ``close`` and ``status`` from any thread; the rest on the writer thread.
"""

from __future__ import annotations

import logging
import os
import queue
import sqlite3
import threading
from pathlib import Path
from typing import Callable

from ..engine.hosts import process_exists
from . import retention as keep
from .schema import HistoryUnavailable, connect, describe
from .tracker import Thumbnail, Tracker

log = logging.getLogger(__name__)

MAX_BATCH = 200  # drains per transaction at most
INCOMPLETE = "The window closed or crashed before this run ended."


class HistoryWriter:
    def __init__(self, path: Path, retention: keep.Retention | None = None,
                 host_facts: Callable[[int], dict] | None = None, timeout: float = 2.0,
                 thumbnail: Thumbnail | None = None):
        self.path = Path(path)
        self._timeout = timeout  # how long a write waits for another program's lock
        self.retention = retention or keep.Retention()
        self._host_facts = host_facts
        self._thumbnail = thumbnail  # shrinks an instance's thumbnail for the history (the window gives it)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._status = ""
        self._opened = threading.Event()
        self._tracker: Tracker | None = None
        self._thread = threading.Thread(target=self._run, name="pyblish-qml-history", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ any thread

    @property
    def status(self) -> str:
        """Empty while the history works; else why it does not (for the window)."""
        return self._status

    @property
    def available(self) -> bool:
        self._opened.wait()
        return not self._status

    def last_run_id(self, port: int) -> int | None:
        """The id of the newest run recorded for the host on ``port`` (as far as the writer got)."""
        tracker = self._tracker
        return tracker.last_runs.get(port) if tracker is not None else None

    def put(self, stamp: float, comment: str, events: list) -> None:
        """Queue one drain of events (GUI thread; O(1), never blocks)."""
        self._queue.put((stamp, comment, events))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far is committed (or dropped); False on timeout."""
        done = threading.Event()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        """Commit what is queued and stop the thread."""
        self._queue.put(None)
        self._thread.join(timeout)

    # ------------------------------------------------------------------ writer thread

    def _fail(self, text: str) -> None:
        if not self._status:
            log.warning(text)
        self._status = text

    def _run(self) -> None:
        connection = self._open()
        self._opened.set()
        tracker = Tracker(connection, self.retention.max_records, self._host_facts,
                          self._thumbnail) if connection else None
        self._tracker = tracker
        while True:
            batch, markers, closing = self._take()
            if batch and tracker is not None and not self._written(connection, tracker, batch):
                tracker = None  # the history stopped; the window goes on
            for marker in markers:
                marker.set()
            if closing:
                break
            # Let go of the drains before waiting for the next: the last one of a run may hold a
            # reply with 100,000 records, which would otherwise live until the next run.
            batch = None
        if connection is not None:
            connection.close()

    def _open(self) -> sqlite3.Connection | None:
        """The history's connection, swept of runs a dead UI left open; None (and why) if unusable."""
        try:
            connection = connect(self.path, timeout=self._timeout)
            self._sweep(connection)
            return connection
        except HistoryUnavailable as error:
            self._fail(str(error))
        except sqlite3.Error as error:
            self._fail(describe(self.path, error))
        return None

    def _take(self) -> tuple[list, list, bool]:
        """Wait for work, then take everything queued (up to a batch): drains, flush markers, the end."""
        item = self._queue.get()
        batch: list = []
        markers: list[threading.Event] = []
        while True:
            if item is None:
                return batch, markers, True
            if isinstance(item, threading.Event):
                markers.append(item)
            else:
                batch.append(item)
            if len(batch) >= MAX_BATCH:
                return batch, markers, False
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return batch, markers, False

    def _written(self, connection: sqlite3.Connection, tracker: Tracker, batch: list) -> bool:
        """Write one batch; False when the history can no longer be written (said in the status)."""
        try:
            self._write(connection, tracker, batch)
            return True
        except sqlite3.Error as error:
            self._fail(describe(self.path, error))
        except Exception:  # a bug here must not take the window down; it stops the history
            log.exception("the run history failed; runs are no longer recorded")
            self._fail("The run history failed (see the log); runs are no longer recorded.")
        return False

    def _write(self, connection: sqlite3.Connection, tracker: Tracker, batch: list) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            ended = 0
            for stamp, comment, events in batch:
                ended += tracker.apply(stamp, comment, events)
            pruned = keep.prune(connection, self.retention, tuple(tracker.open_runs())) if ended else 0
            connection.execute("COMMIT")
            if pruned:
                connection.executescript("PRAGMA incremental_vacuum;")  # free pages back to the disk (run to the end)
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _sweep(self, connection: sqlite3.Connection) -> None:
        """Mark runs left ``running`` by a UI process that is gone as ``incomplete``; prune."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            rows = connection.execute("SELECT id, ui_pid FROM runs WHERE outcome = 'running'").fetchall()
            connection.executemany(
                "UPDATE runs SET outcome = 'incomplete', message = ? WHERE id = ?",
                [(INCOMPLETE, run_id) for run_id, pid in rows if not process_alive(pid)])
            keep.prune(connection, self.retention)
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


def process_alive(pid: int | None) -> bool:
    """Whether a process with ``pid`` runs (False for None: unknown writers count as gone)."""
    if not pid:
        return False
    if pid == os.getpid():
        return True
    return bool(process_exists(pid))  # unknown (not POSIX): a run left open elsewhere is marked incomplete
