"""A run named by a ticket, never "the last run": the GUI queues a ticket among its drains when it
decides (the farm's hand-off), and the writer settles it at that point of the stream — even when
the writer has not caught up yet, or the next run is already queued behind the ticket (the race
"the last run" had). Real SQLite, the real writer thread."""

from __future__ import annotations

import time
from pathlib import Path

from pyblish_qml.engine import events as ev
from pyblish_qml.record.recorder import Recorder
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

PORT, OTHER = 9001, 9002


def run(op: str, port: int = PORT) -> list:
    return [ev.Started(port, op), ev.Finished(port, op)]


def ids_by_op(path: Path) -> dict[str, list[int]]:
    store = RunStore(path)
    try:
        out: dict[str, list[int]] = {}
        for summary in reversed(store.list_runs()):
            out.setdefault(summary.op, []).append(summary.id)
        return out
    finally:
        store.close()


def test_the_next_run_is_the_one_that_starts_after_the_ticket_not_the_last_one(tmp_path):
    recorder = Recorder(HistoryWriter(tmp_path / "h.sqlite3"))
    try:
        recorder.consume(run("validate"))
        ticket = recorder.run_ticket(PORT, next_run=True)  # the GUI decides: the Publish it starts next
        recorder.consume([ev.Started(OTHER, "publish")])  # another host's run does not count
        assert ticket.wait(0.3) == ticket.fallback  # not started yet: waiting gives the run before it
        recorder.consume([ev.Started(PORT, "publish")])
        publish = ticket.wait(10)
        recorder.consume([ev.Finished(PORT, "publish"), *run("reset")])  # later runs change nothing
        assert recorder.flush(10)
        ids = ids_by_op(tmp_path / "h.sqlite3")
        assert publish == ids["publish"][1] and ticket.wait(0) == publish
        assert ticket.fallback == ids["validate"][0]
    finally:
        recorder.close()


def test_the_run_that_just_ended_even_with_the_next_one_queued_right_behind(tmp_path):
    """The old race: "the last run" read on another thread while the local Publish was starting."""
    writer = HistoryWriter(tmp_path / "h.sqlite3")
    recorder = Recorder(writer)
    try:
        for _ in range(50):  # a backlog the writer has not caught up with
            recorder.consume(run("reset"))
        recorder.consume(run("validate"))
        ended = recorder.run_ticket(PORT, next_run=False)
        following = recorder.run_ticket(PORT, next_run=True)
        recorder.consume(run("publish"))  # queued before the writer settled either ticket
        recorder.consume(run("validate"))
        assert recorder.flush(30)
        ids = ids_by_op(tmp_path / "h.sqlite3")
        assert ended.wait(5) == ids["validate"][0]
        assert following.wait(5) == ids["publish"][0]
        assert writer.last_run_id(PORT) == ids["validate"][1]  # what "the last run" would have said
    finally:
        recorder.close()


def test_a_ticket_is_settled_only_once_the_runs_row_is_committed(tmp_path):
    path = tmp_path / "h.sqlite3"
    recorder = Recorder(HistoryWriter(path))
    try:
        ticket = recorder.run_ticket(PORT, next_run=True)
        recorder.consume([ev.Started(PORT, "publish")])
        run_id = ticket.wait(10)
        store = RunStore(path)  # another connection, as the farm's intake opens
        try:
            assert store.load(run_id).run["outcome"] == "running"
        finally:
            store.close()
    finally:
        recorder.close()


def test_history_off_or_closed_settles_tickets(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_HISTORY", "0")
    assert Recorder.for_user().run_ticket(PORT, next_run=True).wait(0) is None
    recorder = Recorder(HistoryWriter(tmp_path / "h.sqlite3"))
    recorder.consume(run("validate"))
    pending = recorder.run_ticket(PORT, next_run=True)
    began = time.monotonic()
    recorder.close()  # the next run never came: the run before the ticket
    assert pending.wait(0) is not None and pending.wait(0) == pending.fallback
    assert time.monotonic() - began < 5
