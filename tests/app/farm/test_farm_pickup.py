"""A window that opens again picks up the farm's results: the farm went on (real ``openjd run``)
while no window watched; a new controller on the same history and scene finds the bundle after its
collection, brings the results into the same run and shows each instance's farm state."""

from __future__ import annotations

from pathlib import Path

import pytest
from farm.farm_helpers import Workstation, WorkstationHost, wait_ended, write_scene

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State
from pyblish_qml.record.recorder import Recorder
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

pytestmark = pytest.mark.slow


def test_a_reopened_window_picks_up_the_bundle_the_farm_went_on_with(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    history = tmp_path / "history.sqlite3"
    scene = write_scene(tmp_path, [{"name": "chairA", "farm": True}, {"name": "deskC"}])
    host = WorkstationHost(tmp_path, scene)
    station = Workstation(host.port, history)
    station.collect()
    _, done = station.validate_and_hand_off(["chairA"], tmp_path / "bundles")
    station.close()  # the first window closes right after the hand-off
    wait_ended(Path(done.bundle), 1)  # the farm finished while no window watched

    controller = Controller()
    controller.recorder = Recorder(HistoryWriter(history))
    try:
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=15000)
        farm = controller.farm_panel
        qtbot.waitUntil(lambda: farm.bundle == done.bundle, timeout=10000)
        ids = {row["name"]: row["id"] for row in controller.models.instance_model.items() if not row["isContext"]}
        qtbot.waitUntil(lambda: farm.farmState(ids["chairA"]) == "done", timeout=10000)
        assert farm.farmState(ids["deskC"]) == ""
        assert farm.message == "Picked up the farm's results again: %s" % done.bundle
        run_id = station.writer.last_run_id(host.port)
        store = RunStore(history)
        report = store.load(run_id)
        assert {task["task"]: task["state"] for task in report.run["farm"]} == {"chairA": "done"}
        assert {report.instance_label(p["instance"]) for p in report.pairs if p.get("ranOn")} == {"chairA"}
        store.close()
    finally:
        controller.shutdown()
        controller.recorder.close()
        host.close()
