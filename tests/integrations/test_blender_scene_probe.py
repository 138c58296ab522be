"""Stale validation in a real Blender (issue 24, point 4): Debian's Blender in background mode with
the integration's scene probe (a depsgraph counter, read without waiting for Blender's main
thread), beating to the real window under Xvfb. An unchanged scene keeps its results; a mesh
edited after validating greys them under "Scene changed since validation", Publish asks to
validate again, and the run history notes the change on the validation's run."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import xmlrpc.client
from pathlib import Path

import pytest
from helpers import REPO, SUITES, free_port, isolated_env
from PySide6.QtCore import QObject

sys.path.insert(0, str(REPO / "tests" / "window"))
from window_helpers import click, find, needs_display, resize

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = [needs_display, pytest.mark.skipif(not shutil.which("blender"), reason=(
    "Blender is not installed (apt-get install blender); scripts/bootstrap.sh --test installs it"))]


@pytest.fixture
def blender_shown(qapp, qtbot, tmp_path, monkeypatch):
    history = tmp_path / "history.sqlite3"
    monkeypatch.setenv("PYBLISH_QML_HISTORY_PATH", str(history))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    process = subprocess.Popen(
        ["blender", "-b", "--factory-startup", "--python", str(REPO / "tests" / "fixtures" / "blender_scene_host.py"),
         "--", str(REPO), sysconfig.get_paths()["purelib"], str(SUITES / "blender")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=str(tmp_path),
        env=isolated_env(PYBLISH_QML_PORT=str(application.port)))
    try:
        port = None
        for line in process.stdout:  # Blender prints its banner first
            if "pyblish host service listening on" in line:
                port = int(line.rsplit(":", 1)[1].split("/")[0])
                break
        assert port, "Blender exited: %s" % process.poll()
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
        assert proxy.show(port, {"ContextLabel": "Blender", "WindowTitle": "Pyblish (Blender)"}) is True
        qtbot.waitUntil(lambda: application.controller.status.state == State.Ready
                        and application.controller.models.instances.rowCount() > 2, timeout=30000)
        yield application, process, history
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        application.shutdown()


def validated(ui, qtbot) -> None:
    """Wait for a validation to have run and ended (three quick pairs may start and end in one frame)."""
    qtbot.waitUntil(lambda: ui.controller.run.last_op == "validate" and ui.controller.status.state == State.Ready,
                    timeout=30000)
    assert ui.controller.run.validated, ui.controller.status.message


def validate(ui, qtbot) -> None:
    click(ui, find(ui, "validateButton"))
    validated(ui, qtbot)


def noted(history: Path) -> list:
    with sqlite3.connect(str(history)) as db:
        return db.execute("SELECT op, scene_changed IS NOT NULL FROM runs ORDER BY id").fetchall()


def test_a_mesh_edited_in_blender_after_validating_shows_the_banner_and_publish_asks(blender_shown, qtbot,
                                                                                     docs_image):
    ui, blender, history = blender_shown
    watch, banner = ui.controller.scene, find(ui, "sceneBanner")
    resize(ui, qtbot, 430, 600)
    validate(ui, qtbot)
    qtbot.wait(1500)  # seven beats from an unchanged scene
    assert not watch.sceneChanged and not banner.isVisible()

    blender.stdin.write("move\n")  # the artist edits the Cube's mesh
    blender.stdin.flush()
    assert blender.stdout.readline().startswith("moved; scene changes:")
    qtbot.waitUntil(lambda: watch.sceneChanged and banner.isVisible(), timeout=5000)
    ui.window.grabWindow().save(docs_image("stale-validation-blender.png"))

    click(ui, find(ui, "publishButton"))
    dialog = ui.window.findChild(QObject, "sceneChangedDialog")
    qtbot.waitUntil(lambda: dialog.property("opened") is True, timeout=3000)
    qtbot.wait(200)
    ui.window.grabWindow().save(docs_image("stale-validation-ask.png"))  # the question at 430 px
    assert ui.controller.status.state == State.Ready and not ui.controller.run.published  # nothing ran
    assert ui.recorder.flush(5)
    assert noted(history) == [("reset", False), ("validate", True)]  # the validation's results went stale

    states = []
    ui.controller.status.stateChanged.connect(lambda: states.append(ui.controller.status.state))
    click(ui, find(ui, "sceneValidateOnly"))  # the dialog's default: validate again
    qtbot.waitUntil(lambda: State.Validating in states and ui.controller.status.state == State.Ready, timeout=30000)
    assert ui.controller.run.validated and not ui.controller.run.published
    assert not watch.sceneChanged and not banner.isVisible()


def test_an_unchanged_blender_scene_shows_no_banner_and_publishes(blender_shown, qtbot):
    ui, blender, history = blender_shown
    validate(ui, qtbot)
    qtbot.wait(1500)
    assert not ui.controller.scene.sceneChanged and not find(ui, "sceneBanner").isVisible()
    click(ui, find(ui, "publishButton"))
    qtbot.waitUntil(lambda: ui.controller.run.published, timeout=30000)
    assert not ui.window.findChild(QObject, "sceneChangedDialog").property("opened")
    assert ui.recorder.flush(5)
    assert [changed for _, changed in noted(history)] == [False, False, False]


def test_a_toggle_after_validating_in_blender_shows_no_banner_and_an_edit_after_it_does(blender_shown, qtbot):
    """Issues 21 and 24: the window's toggle is kept in the scene's custom property (the keeper), and
    that write is no scene change; the artist's mesh edit afterwards still is one."""
    ui, blender, history = blender_shown
    watch, banner = ui.controller.scene, find(ui, "sceneBanner")
    validate(ui, qtbot)
    cube = next(item for item in ui.controller.models.instance_model.items() if item["label"] == "Cube")
    ui.controller.toggles.instance(cube["id"])  # the artist unticks the Cube after validating
    qtbot.waitUntil(lambda: not next(item for item in ui.controller.models.instance_model.items()
                                     if item["id"] == cube["id"])["isToggled"], timeout=3000)
    qtbot.wait(1500)  # the keeper's write reached Blender; seven beats since
    assert not watch.sceneChanged and not banner.isVisible()

    blender.stdin.write("kept\n")  # what the scene's property holds now
    blender.stdin.flush()
    line = blender.stdout.readline()
    assert line.startswith("kept ") and '"Cube": false' in line.replace("\\", ""), line

    blender.stdin.write("move\n")  # the artist edits the Cube's mesh
    blender.stdin.flush()
    assert blender.stdout.readline().startswith("moved; scene changes:")
    qtbot.waitUntil(lambda: watch.sceneChanged and banner.isVisible(), timeout=5000)
