"""Stale validation (issue 24, point 4), with a real host process whose TD registered a scene
probe (tests/fixtures/scene_probe_host.py: the "scene" is a file) and the real window under Xvfb:
an unchanged scene keeps its results; a change after validating greys them under "Scene changed
since validation", and Publish asks to validate again first. Screenshots at 430×600 and wide."""

from __future__ import annotations

import sys
import xmlrpc.client

import pytest
from helpers import FIXTURES, REPO, SUITES, HostProcess, free_port, isolated_env
from PySide6.QtCore import QObject, QPoint
from PySide6.QtTest import QTest
from window_helpers import click, find, needs_display, resize

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = needs_display


class ProbeHost(HostProcess):
    """The standalone host with a scene probe, beating every 0.2 s to the UI on ``ui_port``."""

    def __init__(self, scene, ui_port: int, kept=None):
        command = [sys.executable, str(FIXTURES / "scene_probe_host.py"), "--plugin-path", str(SUITES / "walkaway"),
                   "--port", "0", "--no-show", "--heartbeat-interval", "0.2"]
        env = {"PYBLISH_TEST_SCENE_FILE": str(scene), "PYBLISH_QML_PORT": str(ui_port)}
        if kept is not None:  # the kept choices live in the scene: the keeper's writes move the token
            command += ["--keep", str(kept)]
            env["PYBLISH_TEST_KEPT_FILE"] = str(kept)
        self._launch(command, isolated_env(**env), REPO)


@pytest.fixture(params=[False])
def probed(request, qapp, tmp_path, qtbot):
    scene = tmp_path / "scene.txt"
    scene.write_text("Chair at 0 0 0", encoding="utf-8")
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    host = ProbeHost(scene, application.port, tmp_path / "kept.json" if request.param else None)
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
    assert proxy.show(host.port, {"ContextLabel": "Python"}) is True
    qtbot.waitUntil(lambda: application.controller.status.state == State.Ready
                    and application.controller.models.instances.rowCount() > 2, timeout=20000)
    yield application, scene
    host.stop()
    application.shutdown()


def validate(ui, qtbot) -> None:
    click(ui, find(ui, "validateButton"))
    qtbot.waitUntil(lambda: ui.controller.status.isRunning, timeout=5000)
    qtbot.waitUntil(lambda: ui.controller.status.state == State.Ready, timeout=20000)
    assert ui.controller.run.validated


def test_a_scene_changed_after_validating_greys_the_results_and_publish_asks_to_validate_again(
        probed, qtbot, docs_image):
    ui, scene = probed
    watch, banner, pages = ui.controller.scene, find(ui, "sceneBanner"), find(ui, "pages")
    resize(ui, qtbot, 430, 600)
    validate(ui, qtbot)
    qtbot.wait(1000)  # five heartbeats with the same token: the scene did not change
    assert not watch.sceneChanged and not banner.isVisible() and pages.opacity() == 1.0

    scene.write_text("Chair at 0 0 1", encoding="utf-8")  # the artist moves the chair
    qtbot.waitUntil(lambda: watch.sceneChanged, timeout=5000)
    qtbot.waitUntil(lambda: banner.isVisible() and pages.opacity() < 0.5, timeout=3000)
    assert find(ui, "sceneChangedText").property("text").startswith("Scene changed since validation")
    QTest.mouseMove(ui.window, QPoint(5, 5))
    qtbot.wait(300)
    ui.window.grabWindow().save(docs_image("stale-validation.png"))
    resize(ui, qtbot, 1100, 640)
    qtbot.wait(200)
    ui.window.grabWindow().save(docs_image("stale-validation-wide.png"))

    # Publish asks; the artist chooses to validate and publish: the validators run again
    states = []
    ui.controller.status.stateChanged.connect(lambda: states.append(ui.controller.status.state))
    click(ui, find(ui, "publishButton"))
    dialog = ui.window.findChild(QObject, "sceneChangedDialog")
    qtbot.waitUntil(lambda: dialog.property("opened") is True, timeout=3000)
    assert ui.controller.status.state == State.Ready  # nothing started before the answer
    qtbot.wait(200)
    ui.window.grabWindow().save(docs_image("stale-validation-ask-wide.png"))
    click(ui, find(ui, "sceneValidateAndPublish"))
    qtbot.waitUntil(lambda: ui.controller.status.isRunning, timeout=5000)
    qtbot.waitUntil(lambda: ui.controller.status.state == State.Ready, timeout=20000)
    assert ui.controller.run.published, ui.controller.status.message
    assert not watch.sceneChanged and not banner.isVisible()
    assert states[0] == State.Validating and State.Extracting in states  # validators ran again, then extraction


def test_the_preference_validates_a_changed_scene_again_without_asking(probed, qtbot):
    ui, scene = probed
    ui.controller.preferences.setSwitch("revalidateOnPublish", True)
    validate(ui, qtbot)
    scene.write_text("Table removed", encoding="utf-8")
    qtbot.waitUntil(lambda: ui.controller.scene.sceneChanged, timeout=5000)
    states = []
    ui.controller.status.stateChanged.connect(lambda: states.append(ui.controller.status.state))
    click(ui, find(ui, "publishButton"))
    qtbot.waitUntil(lambda: ui.controller.run.published, timeout=20000)
    assert ui.window.findChild(QObject, "sceneChangedDialog").property("opened") is False
    assert State.Validating in states  # validated again as part of the publish



@pytest.mark.parametrize("probed", [True], indirect=True)
def test_a_toggle_after_validating_keeps_the_choice_in_the_scene_without_the_banner(probed, qtbot, tmp_path):
    """Issues 21 and 24: the toggle is written into the scene (the keeper), which moves the probe's
    token; the host writes it quietly, so the window does not say the scene changed. The artist's
    edit afterwards still does."""
    ui, scene = probed
    watch, banner = ui.controller.scene, find(ui, "sceneBanner")
    validate(ui, qtbot)
    qtbot.wait(600)
    assert not watch.sceneChanged
    instance = next(item for item in ui.controller.models.instance_model.items() if item.get("optional", True))
    kept = tmp_path / "kept.json"
    ui.controller.toggles.instance(instance["id"])  # the artist unticks an instance after validating
    qtbot.waitUntil(lambda: kept.is_file() and instance["label"] in kept.read_text(encoding="utf-8"), timeout=5000)
    qtbot.wait(1000)  # five beats after the keeper's write
    assert not watch.sceneChanged and not banner.isVisible()

    scene.write_text("Chair at 0 0 1", encoding="utf-8")  # the artist moves the chair
    qtbot.waitUntil(lambda: watch.sceneChanged and banner.isVisible(), timeout=5000)
