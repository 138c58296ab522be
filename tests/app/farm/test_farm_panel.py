"""The window's farm (no window): Publish with instances marked for the farm validates here, hands them
off on a thread of its own, publishes the rest here, and shows their farm states as a real
``openjd run`` reports them — back into the same run's history."""

from __future__ import annotations

import json
import threading
import time

import pytest
from farm.farm_helpers import WorkstationHost, write_scene

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State
from pyblish_qml.record.recorder import Recorder
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

pytestmark = pytest.mark.slow


def test_publish_hands_off_the_marked_instance_and_publishes_the_other_here(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    scene = write_scene(tmp_path, [{"name": "chairA", "farm": True}, {"name": "deskC"}, {"name": "lampD"}])
    host = WorkstationHost(tmp_path, scene)
    controller = Controller()
    controller.recorder = Recorder(HistoryWriter(tmp_path / "history.sqlite3"))
    try:
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=15000)
        ids = {row["name"]: row["id"] for row in controller.models.instance_model.items() if not row["isContext"]}
        farm = controller.farm_panel
        assert farm.isOnFarm(ids["chairA"]) and not farm.isOnFarm(ids["deskC"])  # the pipeline's default
        farm.setOnFarm(ids["lampD"], True)  # the artist's toggle
        assert farm.isOnFarm(ids["lampD"])
        rows = controller.models.instanceRows  # what a row's farm mark reads: one role (app/farm/farm_marks.py)
        mark_role = next(r for r, n in rows.roleNames().items() if bytes(n.data()) == b"farmMark")
        marks = {key: rows.data(rows.index(row, 0), mark_role) for row, key in enumerate(rows.keys())}
        assert marks[ids["lampD"]].onFarm and marks[ids["chairA"]].onFarm and not marks[ids["deskC"]].onFarm
        assert marks[ids["deskC"]] is marks[ids["deskC"]] and marks[ids["lampD"]].state == ""  # shared, not handed off

        threads = []
        original = farm._hand_off
        monkeypatch.setattr(farm, "_hand_off", lambda *a: (threads.append(threading.current_thread()), original(*a)))
        began = time.perf_counter()
        controller.publish()
        blocked = time.perf_counter() - began
        with qtbot.waitSignal(farm.finished, timeout=90000) as finished:
            pass
        assert threads and threads[0] is not threading.main_thread()  # the hand-off never ran on the GUI thread
        assert blocked < 0.1
        assert finished.args[0] == "The farm finished: 2 of 2 published."
        assert farm.farmState(ids["chairA"]) == "done" and farm.farmState(ids["lampD"]) == "done"
        assert farm.farmState(ids["deskC"]) == ""
        done = rows.data(rows.index(rows.keys().index(ids["chairA"]), 0), mark_role)  # the role followed the farm
        assert (done.state, done.tone) == ("done", farm.farmTone(ids["chairA"]))
        assert farm.bundle and farm.bundle in farm.message
        publish = tmp_path / "publish"
        qtbot.waitUntil(lambda: (publish / "deskC.json.local").exists(), timeout=15000)  # here, target "local"
        assert (publish / "chairA.json.integrated").exists() and not (publish / "chairA.json.local").exists()
        assert not (publish / "deskC.json.integrated").exists()  # never went to the farm
        assert json.loads((publish / "lampD.json").read_text())["targets"] == ["default", "farm"]

        controller.recorder.flush(5)
        manifest = json.loads((tmp_path / "bundles").glob("*/manifest.json").__next__().read_text())
        store = RunStore(tmp_path / "history.sqlite3")
        report = store.load(manifest["runId"])
        assert report.run["op"] == "publish"  # the Publish that ran deskC here, not the validation before it
        assert {task["state"] for task in report.run["farm"]} == {"done"}
        assert {report.instance_label(p["instance"]) for p in report.pairs if p.get("ranOn")} == {"chairA", "lampD"}
        assert "deskC" in {report.instance_label(p["instance"]) for p in report.pairs if not p.get("ranOn")}
        store.close()
    finally:
        controller.shutdown()
        controller.recorder.close()
        host.close()


def test_a_refused_hand_off_is_no_green_run_and_the_next_one_counts_only_its_own(qtbot, tmp_path, monkeypatch):
    """"Publish on farm" refused (the command submitter has no command): the run says nothing was handed
    off and is red, Publish stays; handed off again (local submitter): handing off, then its states only."""
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.setenv("PYBLISH_QML_FARM_SUBMITTER", "command")
    monkeypatch.delenv("PYBLISH_QML_FARM_COMMAND", raising=False)
    host = WorkstationHost(tmp_path, write_scene(tmp_path, [{"name": "chairA", "farm": True}]))
    controller = Controller()
    controller.recorder = Recorder(HistoryWriter(tmp_path / "history.sqlite3"))
    status = controller.status
    try:
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: status.state == State.Ready, timeout=15000)
        farm = controller.farm_panel
        controller.farm_publish()
        qtbot.waitUntil(lambda: farm.message.startswith("Not handed off: the command submitter needs"), timeout=30000)
        assert status.message == "Validated here; nothing was handed off to the farm."
        assert status.outcome == "failed" and controller.models.report.summary == status.message
        assert status.canPublish  # nothing was published: Publish stays

        monkeypatch.setenv("PYBLISH_QML_FARM_SUBMITTER", "local")
        said = []
        status.messageChanged.connect(lambda: said.append(status.message))
        controller.farm_publish()
        with qtbot.waitSignal(farm.finished, timeout=90000):
            pass
        qtbot.waitUntil(lambda: status.message == "Validated here; 1 of 1 published on the farm.", timeout=5000)
        assert "Validated here; handing 1 off to the farm." in said  # not the refusal's, nor old states
        assert not [text for text in said if "nothing was handed off" in text]
        assert status.outcome == "passed" and not status.canPublish and status.primaryAction == "reset"
    finally:
        controller.shutdown()
        controller.recorder.close()
        host.close()
