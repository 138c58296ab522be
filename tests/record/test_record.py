"""The run history: real hosts recorded through the real runner and controller, real SQLite files.

Opening, migrating (a version-1 database made by hand), damaged / locked / too-new databases,
retention, the per-run record bound, report files (JSON round trip, text), the CLI in its own
process, and replaying a stored run into a second controller's models.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
import weakref
from pathlib import Path

import pytest
from helpers import REPO, isolated_env, wait_for
from record_events import run_events

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State
from pyblish_qml.engine import events as ev
from pyblish_qml.engine.hosts import HostRegistry
from pyblish_qml.record import schema
from pyblish_qml.record.recorder import Recorder, registry_facts
from pyblish_qml.record.report import Report, ReportError
from pyblish_qml.record.retention import Retention
from pyblish_qml.record.schema import HistoryUnavailable
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.summary import text_summary
from pyblish_qml.record.writer import HistoryWriter


def record(path: Path, *runs: list, **writer_args) -> HistoryWriter:
    writer = HistoryWriter(path, **writer_args)
    for events in runs:
        writer.put(time.time(), "", events)
    assert writer.flush(30)
    return writer


# ---------------------------------------------------------------------- the real thing


class Recorded:
    """A real host, a real controller whose drains go to a real history file."""

    def __init__(self, host_factory, qtbot, tmp_path: Path, suite: str = "record", **env: str):
        self.db = tmp_path / "history.sqlite3"
        self.host = host_factory(suite, env=isolated_env(**env))
        self.qtbot = qtbot
        registry = HostRegistry()
        registry.register(self.host.port, pid=self.host.process.pid)
        self.controller = Controller(registry)
        self.recorder = Recorder(HistoryWriter(self.db, host_facts=registry_facts(registry)),
                                 lambda: self.controller.comment)
        self.controller.recorder = self.recorder
        self.controller.show_host(self.host.port, {})
        self.wait()

    def wait(self) -> None:
        self.qtbot.waitUntil(lambda: self.controller.status.state == State.Ready, timeout=15000)

    def close(self) -> None:
        self.controller.shutdown()
        self.recorder.close()


    def runs(self) -> list:
        assert self.recorder.flush(10)
        store = RunStore(self.db)
        try:
            return store.list_runs()
        finally:
            store.close()

    def load(self, run_id: int):
        store = RunStore(self.db)
        try:
            return store.load(run_id)
        finally:
            store.close()


@pytest.fixture
def recording(host_factory, qtbot, tmp_path, qapp):
    made = []

    def make(suite: str = "record", **env: str) -> Recorded:
        made.append(Recorded(host_factory, qtbot, tmp_path, suite, **env))
        return made[-1]

    yield make
    for each in made:
        each.close()


@pytest.fixture
def recorded(recording):
    return recording()


def outcome_of(rows: list[dict]) -> dict:
    return {row["name"]: (row["hasError"], row["hasWarning"], row["passedCount"], row["failedCount"]) for row in rows}


def test_every_run_is_recorded_pair_by_pair_with_the_host_facts(recorded):
    recorded.controller.setComment("first take")
    recorded.controller.validate()
    recorded.wait()
    assert recorded.recorder.flush(10)
    store = RunStore(recorded.db)
    validate, reset = store.list_runs()
    assert (reset.op, reset.outcome, reset.pairs, reset.errors) == ("reset", "passed", 4, 0)  # ours + pyblish's three
    assert (validate.op, validate.outcome) == ("validate", "failed")
    assert validate.pairs == recorded.controller.run.done == 7
    assert (validate.errors, validate.warnings, validate.instances) == (3, 1, 3)
    assert validate.records == 11  # 2 debug + 5 info + 1 warning (camera) + 3 gate infos
    for run in (reset, validate):
        assert (run.host_name, run.host_port, run.host_pid) == ("python", recorded.host.port, recorded.host.process.pid)
        assert run.current_file == "/shots/sh010/scene_v003.ma"
        assert run.cwd == str(REPO) and run.user and run.machine
        assert run.ended is not None and run.ended >= run.started
    assert validate.comment == "first take"

    assert recorded.recorder.last_run_id(recorded.host.port) == validate.id
    assert store.load(reset.id).context["data"]["currentFile"] == "/shots/sh010/scene_v003.ma"  # a pair's change
    report = store.load(validate.id)
    names = {p["id"]: p["name"] for p in report.plugins}
    failed = [(names[p["plugin"]], report.instance_label(p["instance"]), p["error"]["message"])
              for p in report.pairs if p["error"]]
    assert failed == [("ValidateNames", "chair", "chair has no _GEO suffix"),
                      ("ValidateNames", "table", "table has no _GEO suffix"),
                      ("ValidateUnits", "Context", "scene units are inches")]
    assert all(p["started"] <= p["ended"] and p["duration"] >= 0 for p in report.pairs)
    assert [i["name"] for i in report.instances] == ["chair", "table", "shotCam"]
    assert report.instances[0]["data"]["frameRange"] == [1001, 1100]
    assert report.context["data"]["currentFile"] == "/shots/sh010/scene_v003.ma"
    debug = [r for p in report.pairs for r in p["records"] if r["levelno"] == 10]
    assert [r["message"] for r in debug] == ["checking <chair> & friends", "checking <table> & friends"]
    assert "ValidateNames" in text_summary(report) and "chair: chair has no _GEO suffix" in text_summary(report)
    store.close()


def test_a_stored_run_replays_into_the_same_models_the_window_showed(recorded, qapp):
    recorded.controller.validate()
    recorded.wait()
    assert recorded.recorder.flush(10)
    store = RunStore(recorded.db)
    report = store.load(store.last_run_id())
    live = recorded.controller.models
    past = Controller()  # no host: a window showing the past run read-only
    try:
        past._folder.fold(report.events(0), 0)
        verbs = {p["name"]: p["verb"] for p in live.plugin_model.items()}
        assert {k: v for k, v in outcome_of(past.models.plugin_model.items()).items() if verbs[k] != "Collect"} == \
            {k: v for k, v in outcome_of(live.plugin_model.items()).items() if verbs[k] != "Collect"}
        assert outcome_of(past.models.instance_model.items()) == outcome_of(live.instance_model.items())

        def entries(model) -> list[tuple]:
            items = model.items()
            start = max(i for i, item in enumerate(items) if item["message"] == "Validating…")
            return [(e["kind"], e["levelno"], e["message"], e["pluginLabel"], e["instanceLabel"])
                    for e in items[start:] if e["kind"] != "message"]

        assert entries(past.models.terminal_model) == entries(live.terminal_model)
        assert past.status.state == State.Ready
    finally:
        past.shutdown()
        store.close()


def test_an_action_run_is_recorded_with_what_it_changed(recording):
    s = recording("actions")
    s.controller.validate()
    s.wait()
    validate = next(p for p in s.controller.models.plugin_model.items() if p["name"] == "ValidateWithActions")
    repair = next(a for a in validate["visibleActions"] if a["label"] == "Repair")
    s.controller.runAction(validate["id"], repair["id"])
    s.wait()
    act, validated, reset = s.runs()
    assert (act.op, act.outcome, act.pairs, validated.outcome, reset.op) == ("act", "passed", 1, "failed", "reset")
    report = s.load(act.id)
    (pair,) = report.pairs
    assert (pair["plugin"], pair["action"], pair["success"]) == (validate["id"], repair["id"], True)
    assert [r["message"] for r in pair["records"]] == ["repaired"]
    assert report.instances[0]["data"]["fixed"] is True  # the action's change reached the record
    assert "fixed" not in s.load(validated.id).instances[0]["data"]


def test_a_run_stopped_by_the_user_and_a_host_that_dies_mid_run(recording, tmp_path):
    gate = tmp_path / "gate"
    s = recording(PYBLISH_TEST_GATE=str(gate))
    s.controller.validate()
    s.qtbot.waitUntil(lambda: s.runs()[0].op == "validate" and s.runs()[0].pairs == 4, timeout=15000)
    s.controller.stop()
    gate.touch()  # the pair in flight finishes; nothing after it starts
    s.wait()
    stopped = s.runs()[0]
    assert (stopped.outcome, stopped.stopped, stopped.pairs, stopped.message) == (
        "stopped", "stopped by user", 5, "Stopped.")
    gate.unlink()
    s.controller.validate()
    s.qtbot.waitUntil(lambda: s.runs()[0].id != stopped.id and s.runs()[0].pairs == 4, timeout=15000)
    s.host.process.kill()  # the host dies while its gate validator runs
    s.wait()
    lost = s.runs()[0]
    # The pair in flight when the host died is recorded too, as a lost reply (docs/security.md):
    # counted as unknown, apart from the three validators that failed
    assert (lost.outcome, lost.pairs, lost.errors, lost.lost) == ("unreachable", 5, 3, 1)
    assert "did not answer" in lost.message and lost.ended is not None
    last = s.load(lost.id).pairs[-1]
    assert "reply lost" in last["error"]["message"] and last["success"] is False


def test_instances_added_removed_and_resorted_keep_the_host_order(recording):
    s = recording("record_structure")
    s.controller.validate()
    s.wait()
    order = [s.controller.models.instance_model.item(i)["name"] for i in s.controller.host_order()]
    assert order == ["g", "f", "e", "c", "a", "h"]
    validated, reset = s.runs()
    for run in (reset, validated):
        report = s.load(run.id)
        assert [i["name"] for i in report.instances] == order
        assert {i["name"]: bool(i["data"].get("seen")) for i in report.instances} == {
            "g": False, "f": True, "e": True, "c": True, "a": True, "h": False}
        assert run.instances == 6


def test_a_damaged_history_says_so_and_the_window_works_without_it(host_factory, qtbot, tmp_path, qapp, caplog):
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    host = host_factory("record")
    controller = Controller()
    recorder = controller.recorder = Recorder(HistoryWriter(db))
    try:
        assert not recorder.writer.available
        assert "damaged" in recorder.status and str(db) in recorder.status
        assert any("damaged" in r.getMessage() for r in caplog.records)
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.op is None, timeout=15000)
        controller.validate()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.done == 7, timeout=15000)
        assert recorder.flush(10)
        assert db.read_bytes().startswith(b"this is not a database")  # untouched, for support
        with pytest.raises(HistoryUnavailable, match="damaged"):
            RunStore(db).list_runs()
    finally:
        controller.shutdown()
        recorder.close()


# ---------------------------------------------------------------------- opening and migrating

V1 = """
CREATE TABLE runs (id INTEGER PRIMARY KEY, op TEXT NOT NULL, started REAL NOT NULL, ended REAL,
    outcome TEXT NOT NULL, host_name TEXT NOT NULL DEFAULT '', host_port INTEGER, user TEXT NOT NULL DEFAULT '',
    current_file TEXT NOT NULL DEFAULT '', comment TEXT NOT NULL DEFAULT '', context TEXT NOT NULL DEFAULT '{}',
    plugins TEXT NOT NULL DEFAULT '[]', pair_count INTEGER NOT NULL DEFAULT 0, error_count INTEGER NOT NULL DEFAULT 0,
    warning_count INTEGER NOT NULL DEFAULT 0, record_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE pairs (run_id INTEGER NOT NULL, seq INTEGER NOT NULL, plugin_id TEXT NOT NULL, instance_id TEXT,
    action_id TEXT, success INTEGER NOT NULL, duration_ms REAL NOT NULL DEFAULT 0, ended REAL, error TEXT,
    PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
CREATE TABLE records (run_id INTEGER NOT NULL, seq INTEGER NOT NULL, pair_seq INTEGER NOT NULL,
    levelno INTEGER NOT NULL, message TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, seq)) WITHOUT ROWID;
INSERT INTO runs VALUES (1, 'publish', 1700000000.0, 1700000002.5, 'failed', 'maya', 9001, 'ann', '/a.ma',
    'old comment', '{"id": "c", "name": "Context", "data": {"label": "Context"}}',
    '[{"id": "p1", "name": "ValidateOld", "label": "Validate Old", "order": 1.0}]', 1, 1, 0, 1);
INSERT INTO pairs VALUES (1, 1, 'p1', NULL, NULL, 0, 2500.0, 1700000002.5, '{"message": "old failure"}');
INSERT INTO records VALUES (1, 1, 1, 20, 'old record', '{"levelno": 20, "message": "old record"}');
PRAGMA user_version = 1;
"""


def test_a_version_1_history_is_migrated_and_keeps_its_runs(tmp_path):
    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(str(db))
    old.executescript(V1)
    old.close()
    connection = schema.connect(db)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION == 7
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    columns = {row[1] for row in connection.execute("PRAGMA table_info(runs)")}
    assert {"host_pid", "machine", "cwd", "ui_pid", "records_dropped", "instance_count", "lost_count"} <= columns
    assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'instances'").fetchone()
    assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'farm_tasks'").fetchone()  # 4: the farm
    assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'thumbnails'").fetchone()  # 7
    assert {"ran_on", "attempt"} <= {row[1] for row in connection.execute("PRAGMA table_info(pairs)")}
    connection.close()
    store = RunStore(db)
    (run,) = store.list_runs()
    assert (run.op, run.outcome, run.host_name, run.comment, run.duration) == ("publish", "failed", "maya",
                                                                               "old comment", 2.5)
    assert (run.errors, run.lost) == (1, 0)
    report = store.load(1)
    assert report.pairs[0]["error"] == {"message": "old failure"} and report.pairs[0]["started"] is None
    assert report.pairs[0]["records"] == [{"levelno": 20, "message": "old record"}]
    store.close()
    writer = record(db, run_events(instances=2, plugins=1), retention=Retention(max_days=0))  # records on top
    assert [r.id for r in RunStore(db).list_runs()] == [2, 1]  # (with 90 days kept, the 2023 run would go)
    writer.close()
    writer = record(db, run_events(instances=2, plugins=1))  # 90 days: the 2023 run goes, ids go on
    assert [r.id for r in RunStore(db).list_runs()] == [3, 2]
    writer.close()


def test_a_fresh_history_runs_every_migration(tmp_path):
    connection = schema.connect(tmp_path / "new" / "history.sqlite3")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == schema.VERSION
    connection.close()


def test_a_history_from_a_newer_version_is_refused_untouched(tmp_path):
    db = tmp_path / "future.sqlite3"
    future = sqlite3.connect(str(db))
    future.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, spaceship TEXT)")
    future.execute("PRAGMA user_version = 99")
    future.commit()
    future.close()
    writer = HistoryWriter(db)
    assert not writer.available and "newer pyblish-qml" in writer.status
    writer.close()
    check = sqlite3.connect(str(db))
    assert check.execute("PRAGMA user_version").fetchone()[0] == 99
    check.close()


def test_a_history_locked_by_another_process_says_so(tmp_path):
    db = tmp_path / "history.sqlite3"
    schema.connect(db).close()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('locked', flush=True)\n"
        "sys.stdin.read()\n"), str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        writer = HistoryWriter(db, timeout=0.2)
        writer.put(time.time(), "", run_events(instances=2, plugins=1))
        assert writer.flush(30)
        assert "locked by another program" in writer.status
        writer.close()
    finally:
        holder.stdin.close()
        holder.wait(10)


# ---------------------------------------------------------------------- retention and bounds


def test_retention_keeps_the_last_runs_and_days(tmp_path):
    db = tmp_path / "history.sqlite3"
    writer = record(db, *[run_events(instances=3, plugins=2) for _ in range(5)],
                    retention=Retention(max_runs=3, max_days=1))
    store = RunStore(db)
    assert [r.id for r in store.list_runs()] == [5, 4, 3]
    aged = sqlite3.connect(str(db))
    aged.execute("UPDATE runs SET started = started - 2 * 86400 WHERE id = 3")
    aged.commit()
    aged.close()
    writer.put(time.time(), "", run_events(instances=3, plugins=2))
    assert writer.flush(30)
    assert [r.id for r in store.list_runs()] == [6, 5, 4]
    check = sqlite3.connect(str(db))
    for table in ("pairs", "records", "instances"):
        assert check.execute("SELECT COUNT(*) FROM %s WHERE run_id NOT IN (SELECT id FROM runs)" % table
                             ).fetchone()[0] == 0
        assert check.execute("SELECT COUNT(DISTINCT run_id) FROM %s" % table).fetchone()[0] == 3
    assert check.execute("PRAGMA freelist_count").fetchone()[0] == 0  # the pruned runs' pages went back
    check.execute("UPDATE runs SET started = started - 2 * 86400")
    check.commit()
    check.close()
    writer.close()
    HistoryWriter(db, Retention(max_runs=3, max_days=1)).close()  # prunes on opening; the newest stays
    assert [r.id for r in store.list_runs()] == [6]
    store.close()


def test_retention_from_preferences_with_defaults_for_bad_values():
    assert Retention.from_preferences({}) == Retention(500, 90, 20000)
    assert Retention.from_preferences({"historyMaxRuns": 10, "historyMaxDays": 7.5, "historyMaxRecords": 50}) == \
        Retention(10, 7.5, 50)
    assert Retention.from_preferences({"historyMaxRuns": "many", "historyMaxDays": -1, "historyMaxRecords": True}) \
        == Retention()


def test_records_beyond_the_bound_are_counted_not_kept(tmp_path):
    db = tmp_path / "history.sqlite3"
    writer = record(db, run_events(instances=4, plugins=1, records_per_pair=3),
                    retention=Retention(max_records=5))
    store = RunStore(db)
    report = store.load(1)
    assert sum(len(p["records"]) for p in report.pairs) == 5
    assert report.run["counts"]["records"] == 5 and report.run["counts"]["recordsDropped"] == 7
    assert "7 more dropped" in text_summary(report)
    writer.close()
    store.close()


def test_listing_filters_by_text_outcome_and_host(tmp_path):
    db = tmp_path / "history.sqlite3"
    writer = record(db, run_events(instances=2, plugins=1), run_events(instances=2, plugins=1, fail_every=2),
                    run_events(port=9002, instances=2, plugins=1, finish=False))
    store = RunStore(db)
    assert [r.outcome for r in store.list_runs()] == ["running", "failed", "passed"]
    assert [r.id for r in store.list_runs(outcome="failed")] == [2]
    assert [r.id for r in store.list_runs(text="a.ma")] == [3, 2, 1]
    assert store.list_runs(text="nothing%like_this") == []
    assert [r.id for r in store.list_runs(host="bench", limit=1)] == [3]
    assert store.hosts() == ["bench"]
    writer.close()
    store.close()


# ---------------------------------------------------------------------- report files and CLI


def test_json_report_round_trip_and_bad_files(tmp_path):
    db = tmp_path / "history.sqlite3"
    record(db, run_events(instances=5, plugins=3, records_per_pair=2, fail_every=4)).close()
    report = RunStore(db).load(1)
    path = tmp_path / "run.json"
    report.save(path)
    again = Report.from_file(path)
    assert again == report
    assert json.loads(path.read_text())["format"] == "pyblish-qml-report"
    for text, problem in (("[]", "not a pyblish-qml report"), ("{", "not valid JSON"),
                          ('{"format": "pyblish-qml-report", "version": 7}', "newer"),
                          ('{"format": "pyblish-qml-report", "version": 1, "run": {}, "context": {}}', "no 'op'")):
        with pytest.raises(ReportError, match=problem):
            Report.from_json(text)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pyblish_qml", "report", *args], capture_output=True, text=True,
                          env=isolated_env(), cwd=str(REPO), timeout=60)


def test_cli_lists_and_exports_runs(tmp_path):
    db = tmp_path / "history.sqlite3"
    record(db, run_events(instances=2, plugins=2), run_events(instances=3, plugins=2, fail_every=3)).close()
    listing = cli("--database", str(db), "list")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    assert len(lines) == 2 and lines[0].split()[0] == "2" and "failed" in lines[0] and "passed" in lines[1]
    out = tmp_path / "last.json"
    exported = cli("--database", str(db), "export", "--last", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert Report.from_file(out) == RunStore(db).load(2)
    page = tmp_path / "one.html"
    assert cli("--database", str(db), "export", "--run", "1", "--format", "html", "-o", str(page)).returncode == 0
    assert Report.from_file(page) == RunStore(db).load(1)  # the page carries its data
    text = cli("--database", str(db), "export", "--run", "2", "--format", "text")
    assert text.returncode == 0 and text.stdout.startswith("Pyblish report: Publish failed")
    shown = cli("show", str(out))
    assert shown.returncode == 0 and shown.stdout == text.stdout
    missing = cli("--database", str(db), "export", "--run", "99")
    assert missing.returncode == 1 and "no run 99" in missing.stderr
    nowhere = tmp_path / "none" / "history.sqlite3"
    empty = cli("--database", str(nowhere), "list")
    assert empty.returncode == 0 and "no runs" in empty.stderr and not nowhere.exists()
    assert cli("--database", str(nowhere), "export").returncode == 1 and not nowhere.parent.exists()
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("garbage" * 1000)
    broken = cli("--database", str(bad), "list")
    assert broken.returncode == 2 and "damaged" in broken.stderr


def test_the_documented_report_format_is_the_one_written(tmp_path):
    text = (REPO / "docs" / "report-format.md").read_text()
    documented = json.loads(text.split("```json", 1)[1].split("```", 1)[0])
    db = tmp_path / "history.sqlite3"
    record(db, run_events(instances=2, plugins=1, records_per_pair=1, fail_every=2)).close()
    written = RunStore(db).load(1).to_dict()
    assert documented["format"] == written["format"] and documented["version"] == written["version"]
    assert set(documented) == set(written)
    assert set(documented["run"]) == set(written["run"])
    for key in ("host", "counts"):
        assert set(documented["run"][key]) == set(written["run"][key])
    failed = next(p for p in written["pairs"] if p["error"])
    assert set(documented["pairs"][0]) == set(failed)
    assert set(documented["pairs"][0]["error"]) == set(failed["error"])
    assert set(documented["pairs"][0]["records"][0]) == set(failed["records"][0])


class _Drain(list):
    """A drain of events that can be watched with a weak reference."""


def test_the_writer_lets_go_of_a_drain_once_written(tmp_path):
    """The last drain of a run (a reply of 100,000 records, say) must not live on in the writer
    thread until the next drain arrives (issue 15: the UI's memory after a chatty plugin)."""
    writer = HistoryWriter(tmp_path / "history.sqlite3")
    drain = _Drain([ev.TotalKnown(9001, 3)])
    watched = weakref.ref(drain)
    writer.put(time.time(), "", drain)
    del drain
    assert writer.flush(30)
    wait_for(lambda: watched() is None, 10, "the writer to drop the drain")
    writer.close()
