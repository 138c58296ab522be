"""One run in the record: Publish with some instances here and some on the farm is ONE run — the
Publish that runs the others here — with its local pairs and the farm's, each marked where it ran,
in the window's live report and timeline, in History and in ``pyblish-qml report export`` (a real
host process, a real ``openjd run``, a real SQLite history, the real command line).

The local publish is held open (its extractor waits for a file) until the farm has finished: the
farm's pairs wait for the window to end its run (the history writer stays the only writer of a live
run), then follow the local ones in the same run, counted once, numbered after them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from farm.farm_helpers import WorkstationHost, write_scene

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State
from pyblish_qml.farm.outputs import ENDED, latest_states
from pyblish_qml.record.recorder import Recorder
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

pytestmark = pytest.mark.slow


def test_local_and_farm_pairs_are_one_run_in_the_window_history_and_export(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    release = tmp_path / "release-local-publish"
    scene = write_scene(tmp_path, [{"name": "chairA", "farm": True}, {"name": "deskC", "waitFor": str(release)},
                                   {"name": "lampD", "farm": True}, {"name": "sofaE"}])
    host = WorkstationHost(tmp_path, scene)
    history = tmp_path / "history.sqlite3"
    controller = Controller()
    controller.recorder = Recorder(HistoryWriter(history))
    store = RunStore(history)
    try:
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=15000)
        farm = controller.farm_panel
        controller.publish()
        qtbot.waitUntil(lambda: bool(farm.bundle), timeout=30000)
        bundle = tmp_path / "bundles" / farm.bundle.rsplit("/", 1)[-1]
        manifest = json.loads((bundle / "manifest.json").read_text())
        run_id = manifest["runId"]

        # The farm ends while the local Publish still runs: its pairs wait for the window's run to end.
        qtbot.waitUntil(lambda: len(latest_states(bundle)) == 2
                        and all(s.state in ENDED for s in latest_states(bundle).values()), timeout=90000)
        live = store.load(run_id)
        assert live.run["op"] == "publish" and live.run["outcome"] == "running"
        assert controller.status.state != State.Ready  # still publishing here
        assert not [pair for pair in live.pairs if pair.get("ranOn")]  # nothing written into a live run

        release.write_text("go")
        with qtbot.waitSignal(farm.finished, timeout=30000) as finished:
            pass
        assert finished.args[0] == "The farm finished: 2 of 2 published."
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=15000)
        controller.recorder.flush(5)
        # The run's one sentence (footer and Report headline) has both parts; green: both passed.
        assert controller.status.message == "Published here; 2 of 2 published on the farm."
        assert controller.models.report.summary == controller.status.message
        assert controller.status.outcome == "passed"

        # The window's run (what Report, Timeline and "export this run" read) is the one with both.
        report = controller.live_report()
        assert report is not None and report.run["id"] == run_id
        where = {(report.instance_label(p["instance"]), p.get("ranOn", "local")) for p in report.pairs
                 if p["instance"] is not None}
        assert {"chairA", "lampD"} == {name for name, ran in where if ran == "farm"}
        assert {"deskC", "sofaE"} == {name for name, ran in where if ran == "local"}
        assert report.run["counts"]["pairs"] == len(report.pairs)  # counted once: the writer's and the farm's
        seqs = [pair["seq"] for pair in report.pairs]
        assert seqs == sorted(set(seqs))
        first_farm = next(i for i, p in enumerate(report.pairs) if p.get("ranOn"))
        assert all(p.get("ranOn") == "farm" for p in report.pairs[first_farm:])  # after the local ones
        assert {(task["task"], task["state"]) for task in report.run["farm"]} == {("chairA", "done"),
                                                                                  ("lampD", "done")}

        # History: the newest run of this host is that publish; the validation before it has no farm pairs.
        newest, before = store.list_runs(limit=2)
        assert (newest.id, newest.op) == (run_id, "publish") and before.op == "validate"
        assert not [p for p in store.load(before.id).pairs if p.get("ranOn")]

        # The live timeline: local lanes, then the farm's, from the same run.
        controller.history.show_live_timeline()
        timeline = controller.history.timeline
        qtbot.waitUntil(lambda: any(lane.farm for lane in timeline.lanes), timeout=10000)
        assert any(not lane.farm for lane in timeline.lanes)

        # One export on the command line shows both, each marked where it ran.
        out = tmp_path / "run.json"
        done = subprocess.run([sys.executable, "-m", "pyblish_qml", "report", "--database", str(history), "export",
                               "--run", str(run_id), "--format", "json", "-o", str(out)],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        exported = json.loads(out.read_text())
        names = {i["id"]: i["name"] for i in exported["instances"]}
        marks = {(names.get(p["instance"]), p.get("ranOn", "local")) for p in exported["pairs"] if p["instance"]}
        assert marks >= {("chairA", "farm"), ("lampD", "farm"), ("deskC", "local"), ("sofaE", "local")}
        assert not {name for name, ran in marks if ran == "farm"} & {"deskC", "sofaE"}
        text = subprocess.run([sys.executable, "-m", "pyblish_qml", "report", "--database", str(history), "export",
                               "--run", str(run_id)], capture_output=True, text=True, timeout=60).stdout
        here, there = (sum(1 for p in exported["pairs"] if p.get("ranOn") != "farm"),
                       sum(1 for p in exported["pairs"] if p.get("ranOn") == "farm"))
        assert here and there and "Where:    %d pairs here, %d on the farm" % (here, there) in text, text
    finally:
        release.write_text("go")
        store.close()
        controller.shutdown()
        controller.recorder.close()
        host.close()
