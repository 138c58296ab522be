"""Toggles and option values kept with the scene: they survive a Reset, and a restart of the window
and of the host when the host keeps them (here the standalone host's ``--keep`` sidecar file;
host/keeper.py). Real host processes, a real controller."""

from __future__ import annotations

import json

from helpers import isolated_env

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State
from pyblish_qml.host import keeper


def open_window(host, qtbot) -> Controller:
    controller = Controller()
    controller.show_host(host.port, {})
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                    timeout=15000)
    return controller


def by_name(controller: Controller, name: str) -> dict:
    return next(i for i in controller.models.instance_model.items() if i["name"] == name)


def test_toggles_and_options_survive_a_reset_and_a_restart_of_window_and_host(host_factory, qtbot, tmp_path):
    sidecar = tmp_path / "shot.pyblish.json"
    log = tmp_path / "host.log"
    env = isolated_env(PYBLISH_TEST_LOG=str(log))
    host = host_factory("options", "--keep", str(sidecar), env=env)
    controller = open_window(host, qtbot)
    try:
        model = controller.options_panel.model
        model.show([by_name(controller, "shot020")["id"]])
        model.set_value("ExtractRender", "quality", 2)  # High
        controller.toggles.set_toggled("instance", [by_name(controller, "shot030")["id"]], False)
        qtbot.waitUntil(lambda: sidecar.exists() and bool(json.loads(sidecar.read_text())["toggles"]["instances"]),
                        timeout=5000)
        kept = json.loads(sidecar.read_text())
        assert kept == {"options": {"shot020": {"ExtractRender": {"quality": "high"}}},
                        "toggles": {"instances": {"shot030": False}, "plugins": {}}}

        controller.reset()  # a Reset collects afresh: the collector ticks shot030 again, the kept choice wins
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                        timeout=15000)
        qtbot.waitUntil(lambda: by_name(controller, "shot030")["isToggled"] is False, timeout=5000)
    finally:
        controller.shutdown()
        host.stop()

    host = host_factory("options", "--keep", str(sidecar), env=env)  # a new host process, a new window
    controller = open_window(host, qtbot)
    try:
        qtbot.waitUntil(lambda: by_name(controller, "shot030")["isToggled"] is False, timeout=5000)
        model = controller.options_panel.model
        model.show([by_name(controller, "shot020")["id"]])
        assert model.item("ExtractRender/quality")["text"] == "High" and model.item("ExtractRender/quality")["changed"]
        log.write_text("")
        controller.publish()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "publish",
                        timeout=15000)
        lines = log.read_text().splitlines()
        assert any(line.startswith("values ExtractRender shot020 ") and '"quality": "high"' in line for line in lines)
        assert not any(" shot030 " in line for line in lines)  # kept unticked: not published
    finally:
        controller.shutdown()


def test_the_default_keeper_keeps_per_scene_file_in_the_user_folder_and_nothing_without_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))

    scene = [""]

    class Context:
        data = {"currentFile": "/set/by/a/collector.ma"}  # too late for a Reset's load: never the key

    keeper.save(Context, {"toggles": {"instances": {"a": False}}})
    assert keeper.load(Context) is None and not (tmp_path / "data").exists()  # no scene file: nothing kept
    keeper.register_scene_file(lambda: scene[0])  # what an integration registers
    try:
        scene[0] = str(tmp_path / "shot010.blend")
        keeper.save(Context, {"toggles": {"instances": {"a": False}}})
        assert keeper.load(Context)["toggles"] == {"instances": {"a": False}}
        assert keeper.load(Context)["scene"] == str(tmp_path / "shot010.blend")
        scene[0] = str(tmp_path / "shot020.blend")
        assert keeper.load(Context) is None  # another scene, its own choice
    finally:
        keeper.register_scene_file(None)
