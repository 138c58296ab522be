"""The writer thread: the only thread that writes the history.

The GUI hands it drains of runner events through a queue (:meth:`HistoryWriter.put`, which
never blocks); the thread takes everything waiting, applies it with a :class:`~.tracker.Tracker`
in one transaction and commits, so a 1,000-pair publish is a few dozen small transactions, and
a crash of the UI (or the host) leaves every committed batch: the run shows as ``incomplete``
(the next writer marks runs whose UI process is gone). Runs that end are followed by pruning
(:mod:`.retention`).

A :class:`RunTicket` names one run for a caller on another thread without asking for "the last
run" (which races with the next run starting): the GUI queues it among the drains at the moment it
decides, and the writer settles it at that point of the stream — the run that starts next on the
port (``next_run``), or the one that last started there (the run that just ended). The farm's
hand-off takes its run this way (docs/farm.md, "One run in the record").

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


class RunTicket:
    """A run chosen at a point in the stream of drains; :meth:`wait` gives its id (any thread)."""

    def __init__(self, port: int | None, next_run: bool):
        self.port, self.next_run = port, next_run
        self.fallback: int | None = None  # the run that last started before the ticket (writer thread)
        self._run_id: int | None = None
        self._settled = threading.Event()

    def settle(self, run_id: int | None) -> None:
        self._run_id = run_id
        self._settled.set()

    def wait(self, timeout: float | None = None) -> int | None:
        """The run's id once the writer has committed its start; on timeout the run before the ticket
        (a next run that never started: its job failed first), None when nothing was recorded."""
        return self._run_id if self._settled.wait(timeout) else self.fallback


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
        self._tickets: list[RunTicket] = []  # waiting for the next run on their port (writer thread)
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

    def ticket(self, ticket: RunTicket) -> RunTicket:
        """Queue ``ticket`` after everything queued so far (GUI thread; O(1)); see :class:`RunTicket`."""
        self._queue.put(ticket)
        return ticket

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
            if tracker is None:
                for ticket in [item for item in batch if isinstance(item, RunTicket)] + self._tickets:
                    ticket.settle(None)
                self._tickets = []
            for marker in markers:
                marker.set()
            if closing:
                break
            # Let go of the drains before waiting for the next: the last one of a run may hold a
            # reply with 100,000 records, which would otherwise live until the next run.
            batch = None
        for ticket in self._tickets:  # closing: the next run never came
            ticket.settle(ticket.fallback)
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
            elif isinstance(item, RunTicket):
                batch.append(item)  # in its place among the drains
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
            settled: list[tuple[RunTicket, int | None]] = []
            for item in batch:
                if isinstance(item, RunTicket):
                    item.fallback = tracker.last_runs.get(item.port)
                    if item.next_run:
                        self._tickets.append(item)
                    else:
                        settled.append((item, item.fallback))
                    continue
                ended += tracker.apply(*item)
                for port, run_id in tracker.started:
                    settled += [(ticket, run_id) for ticket in self._tickets if ticket.port == port]
                    self._tickets = [ticket for ticket in self._tickets if ticket.port != port]
                tracker.started.clear()
            pruned = keep.prune(connection, self.retention, tuple(tracker.open_runs())) if ended else 0
            connection.execute("COMMIT")
            for ticket, run_id in settled:  # once the run's row is there for other connections
                ticket.settle(run_id)
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
