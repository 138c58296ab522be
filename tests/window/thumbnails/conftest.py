"""The thumbnails window tests' fixtures: a real UI in this process showing a real host process
serving the thumbnails suite (tests/fixtures/suites/thumbnails), fresh after a Reset per test."""

from __future__ import annotations

import pytest
from helpers import HostProcess, free_port, isolated_env
from thumbnail_helpers import picture

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences


@pytest.fixture(scope="module")
def shown(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("thumbnails")
    log = folder / "host.log"
    thumb = picture(folder / "collected.png", 640, 360, "#e07b39", "#3a6ea5")
    host = HostProcess("thumbnails", env=isolated_env(PYBLISH_TEST_LOG=str(log), PYBLISH_TEST_THUMB=thumb))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(folder / "settings.json"))
    application.start()
    application.controller.show_host(host.port, {"ContextLabel": "Shots"})
    application.log = log
    application.folder = folder
    application.collected = thumb
    try:
        yield application
    finally:
        application.shutdown()
        host.stop()


@pytest.fixture
def ui(shown, qtbot):
    controller = shown.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    if controller.run.last_op != "reset":
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                        timeout=20000)
    shown.log.write_text("")
    shown.window.show()
    qtbot.waitExposed(shown.window)
    return shown
