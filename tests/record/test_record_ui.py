"""The run history of a real UI process: killed with SIGKILL in the middle of a run, its history
still holds the run (marked incomplete, every pair recorded before the kill, the database intact);
and with recording off (PYBLISH_QML_HISTORY=0) nothing is written."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from helpers import UIProcess, isolated_env, ready, wait_for

from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import INCOMPLETE, HistoryWriter

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")


def UI(data_home: Path, **env: str) -> UIProcess:
    """A real UI process whose history lives under ``data_home``."""
    return UIProcess(env=dict(XDG_DATA_HOME=str(data_home), **env))


def running_validate(db: Path) -> tuple | None:
    if not db.exists():
        return None
    connection = sqlite3.connect(str(db), timeout=5)
    try:
        return connection.execute("SELECT id, pair_count, error_count FROM runs WHERE op = 'validate' "
                                  "AND outcome = 'running'").fetchone()
    except sqlite3.OperationalError:
        return None  # not created yet
    finally:
        connection.close()


def test_killing_the_ui_mid_run_leaves_the_run_in_history_marked_incomplete(tmp_path, host_factory):
    gate = tmp_path / "gate"
    host = host_factory("record", env=isolated_env(PYBLISH_TEST_GATE=str(gate)))
    ui = UI(tmp_path / "data")
    db = tmp_path / "data" / "pyblish-qml" / "history.sqlite3"  # the per-user data folder (platformdirs)
    try:
        ui.proxy.show(host.port, {})
        wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 4, 30, "collection")
        ui.proxy.validate()
        # Four pairs run before the gate validator blocks in the host; wait until they are committed.
        row = wait_for(lambda: (r := running_validate(db)) and r[1] == 4 and r, 30, "4 pairs in the history")
        assert ui.proxy.state()["state"] == "validating"
        ui.process.send_signal(signal.SIGKILL)
        assert ui.process.wait(10) == -signal.SIGKILL
    finally:
        gate.touch()  # let the host go on
        ui.stop()

    connection = sqlite3.connect(str(db))
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    store = RunStore(db)
    validate, reset = store.list_runs()
    assert (reset.op, reset.outcome) == ("reset", "passed")
    assert (validate.id, validate.op, validate.outcome, validate.ended) == (row[0], "validate", "incomplete", None)
    assert (validate.pairs, validate.errors) == (4, 3) and validate.message == INCOMPLETE
    report = store.load(validate.id)
    assert [p["error"]["message"] for p in report.pairs if p["error"]] == [
        "chair has no _GEO suffix", "table has no _GEO suffix", "scene units are inches"]
    assert report.run["outcome"] == "incomplete" and report.context["data"]["currentFile"]
    store.close()
    # The next UI marks it in the file too (the dead UI's pid is gone).
    writer = HistoryWriter(db)
    assert writer.available
    writer.close()
    check = sqlite3.connect(str(db))
    assert check.execute("SELECT outcome FROM runs WHERE id = ?", (validate.id,)).fetchone()[0] == "incomplete"
    check.close()


@pytest.mark.parametrize("recording", ["1", "0"])
def test_a_ui_records_its_runs_and_quits_cleanly_unless_recording_is_off(tmp_path, host_factory, recording):
    host = host_factory("record")
    ui = UI(tmp_path / "data", PYBLISH_QML_HISTORY=recording)
    try:
        ui.proxy.show(host.port, {})
        wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 4, 30, "collection")
        ui.proxy.validate()
        wait_for(lambda: (s := ready(ui.proxy, host.port)) and s["failed"], 30, "validation")
        ui.proxy.quit()
        assert ui.process.wait(30) == 0, ui.output()
    finally:
        ui.stop()
    db = tmp_path / "data" / "pyblish-qml" / "history.sqlite3"
    if recording == "0":
        assert not db.exists()
        return
    runs = RunStore(db).list_runs()
    assert [(r.op, r.outcome, r.pairs, r.host_port) for r in runs] == [("validate", "failed", 7, host.port),
                                                                        ("reset", "passed", 4, host.port)]
    assert runs[0].host_pid == host.process.pid  # from the UI's host registry (heartbeats)


def test_a_ui_with_a_damaged_history_logs_why_and_publishes_on(tmp_path, host_factory):
    db = tmp_path / "data" / "pyblish-qml" / "history.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"\x00garbage" * 4096)
    host = host_factory("record")
    ui = UI(tmp_path / "data")
    try:
        ui.proxy.show(host.port, {})
        wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 4, 30, "collection")
        ui.proxy.validate()
        wait_for(lambda: (s := ready(ui.proxy, host.port)) and s["failed"] and s["progress"][0] == 7, 30,
                 "validation")
        ui.proxy.quit()
        assert ui.process.wait(30) == 0
        assert "The run history %s is damaged" % db in ui.output()
    finally:
        ui.stop()
    assert db.read_bytes() == b"\x00garbage" * 4096
