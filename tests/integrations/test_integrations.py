"""DCC integrations: Maya, Nuke and Houdini against thread-faithful stand-ins; Blender for real."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sysconfig
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pyblish.api
import pytest
from helpers import REPO, SUITES, UIProcess, isolated_env, ready, start_blender_host, wait_for
from helpers import stop_process as _stop

import pyblish_qml
from pyblish_qml.engine.session import HostSession


def publish_through_the_service(scene) -> list[dict]:
    port = pyblish_qml.install(port=0)
    session = HostSession(port)
    session.reset()
    results = session.publish()
    assert [i.name for i in session.context] == ["pCube1", "pSphere1", "camera1"]
    assert all(r["success"] for r in results), [r["error"] for r in results if r["error"]]
    assert {i.data["extractedOn"] for i in session.context} == {scene.main.thread.name}
    assert set(scene.touched_from) == {scene.main.thread.name}  # the scene never saw another thread
    return results


@pytest.mark.parametrize("kind", ["maya", "nuke", "houdini"])
def test_plugins_run_on_the_stand_in_main_thread(standin, kind):
    parts = standin(kind)
    integration = importlib.import_module("pyblish_qml.integrations.%s" % kind)
    integration.setup()
    try:
        assert kind in pyblish.api.registered_hosts()
        assert "pyblish_qml" in pyblish.api.registered_guis()
        publish_through_the_service(parts["scene"])
        assert integration.settings()["ContextLabel"] == kind.title()
    finally:
        integration.teardown()
    assert kind not in pyblish.api.registered_hosts()


def test_maya_file_menu_publish(standin):
    parts = standin("maya")
    from pyblish_qml.integrations import maya

    maya.setup()
    try:
        items = parts["modules"]["maya"].menu_items
        item = items[maya.MENU_ITEM]
        assert item["label"] == "Publish" and item["parent"] == "MayaWindow|mainFileMenu"
        assert item["insertAfter"] == "saveAsItem"
        item["command"]()  # the artist clicks File > Publish
        assert parts["shows"] == [{"ContextLabel": "Maya", "WindowTitle": "Pyblish (Maya)"}]
    finally:
        maya.teardown()
    assert maya.MENU_ITEM not in parts["modules"]["maya"].menu_items


def test_nuke_file_menu_publish(standin):
    parts = standin("nuke")
    from pyblish_qml.integrations import nuke

    nuke.setup()
    try:
        file_menu = parts["modules"]["nuke"].file_menu
        assert [i.name() for i in file_menu.items()] == ["New Comp...", "Save Comp As...", "Publish", "Quit"]
        file_menu.findItem("Publish").command()
        assert parts["shows"] == [{"ContextLabel": "Nuke", "WindowTitle": "Pyblish (Nuke)"}]
    finally:
        nuke.teardown()
    assert parts["modules"]["nuke"].file_menu.findItem("Publish") is None


def test_houdini_menu_file_is_valid_and_calls_show():
    from pyblish_qml.integrations import houdini

    xml = Path(houdini.menu_folder()) / "MainMenuCommon.xml"
    root = ElementTree.parse(xml).getroot()
    item = root.find("./menuBar/subMenu[@id='file_menu']/scriptItem")
    assert item.findtext("label") == "Publish"
    assert "integration.show()" in item.findtext("scriptCode")


def test_outside_its_dcc_setup_says_what_is_missing():
    from pyblish_qml.integrations import maya

    with pytest.raises(ImportError, match="runs inside Maya"):
        maya.setup()


# -------------------------------------------------------------------------------- Blender, for real


@pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed (apt-get install blender); "
                    "scripts/bootstrap.sh --test installs it")
def test_blender_for_real(tmp_path):
    process, port = start_blender_host(tmp_path, "--factory-startup")
    try:
        session = HostSession(port)
        session.reset()
        results = session.publish()
        assert sorted(i.name for i in session.context) == ["Camera", "Cube", "Light"]
        assert all(r["success"] for r in results), [r["error"] for r in results if r["error"]]
        assert all(i.data["onMainThread"] for i in session.context)
        assert all(i.data.get("extractedOnMainThread") for i in session.context)
        assert session.context.data["hostName"] == "blender"
        names = [session.plugins_by_id[r["plugin"]].__name__ for r in results]
        assert names.count("ValidateOnMainThread") == 3 and names.count("ExtractTransforms") == 3
    finally:
        _stop(process)
    assert os.path.isdir(tmp_path)


@pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed (apt-get install blender); "
                    "scripts/bootstrap.sh --test installs it")
@pytest.mark.skipif(not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
                    reason="a GUI Blender needs an X display and xdotool (run under Xvfb)")
def test_blender_gui_file_menu_publishes_through_the_ui(tmp_path):
    """A GUI Blender, driven by keys: F3, "publish", Enter finds and runs File ▸ Publish, which
    shows the running UI; it collects and publishes with the plugins on Blender's main thread,
    drained by the bpy.app.timers queue (not serve_forever)."""
    ui = UIProcess(offscreen=False)
    env = isolated_env(PYBLISH_QML_PORT=str(ui.port))
    process = subprocess.Popen(
        ["blender", "--factory-startup", "--python", str(REPO / "tests" / "fixtures" / "blender_host.py"),
         "--", str(REPO), sysconfig.get_paths()["purelib"], str(SUITES / "blender")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=str(tmp_path))
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("blender window ready"):
                break
        output = "".join(lines)
        assert "blender window ready" in output, output
        port = int(output.split("listening on 127.0.0.1:")[1].split("/")[0])
        assert 9001 <= port < 9100  # handed out by the UI's find_available_port
        assert ui.proxy.state()["host"] is None  # nothing shown yet: the menu does that

        # No window manager under Xvfb: keys go to the window under the pointer (Blender's).
        # Escape closes the splash; F3 is Blender's menu search, which finds "File › Publish…".
        for command in (["mousemove", "800", "500"], ["key", "Escape"], ["key", "F3"],
                        ["type", "--delay", "30", "publish"], ["key", "Return"]):
            subprocess.run(["xdotool", *command], check=True, timeout=30)
        state = wait_for(lambda: ready(ui.proxy, port), 60, "File ▸ Publish to show the UI and collect")
        assert state["instances"] == 4 and state["visible"] is True  # Context + Camera, Cube, Light
        assert [h["name"] for h in state["hosts"]] == ["blender"]
        assert ui.proxy.publish() is True
        state = wait_for(lambda: (s := ready(ui.proxy)) and (s["published"] or s["failed"]) and s, 60, "publish")
        assert state["published"] and not state["failed"], ui.output()  # validators assert the main thread
        assert state["progress"] == [6, 6]
        artifacts = REPO / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        subprocess.run(["import", "-window", "root", str(artifacts / "blender-gui.png")], check=False, timeout=30)
    finally:
        _stop(process)
        ui.stop()
