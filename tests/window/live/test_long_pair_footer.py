"""Say what runs (issue 24, point 3), against a real host process and the real window under Xvfb:
a pair that takes longer than ~0.3 s is named in the footer with its seconds, its rows pulse, and
Stop says which pair it waits for. Screenshots at 430×600 and wide."""

from __future__ import annotations

import xmlrpc.client

import pytest
from helpers import free_port, isolated_env
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, click, find, needs_display, resize

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = needs_display


@pytest.fixture
def slow_window(qapp, tmp_path, host_factory, qtbot):
    """A user-started window showing a real host whose validator takes 4 s per instance."""
    host = host_factory("walkaway", env=isolated_env(PYBLISH_TEST_PAIR_SECONDS="4"))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
    assert proxy.show(host.port, {"ContextLabel": "Python"}) is True
    qtbot.waitUntil(lambda: application.controller.status.state == State.Ready
                    and application.controller.models.instances.rowCount() > 2, timeout=20000)
    yield application
    application.controller.stop()
    ARTIFACTS.mkdir(exist_ok=True)
    application.window.grabWindow().save(str(ARTIFACTS / "long-pair-last.png"))
    application.shutdown()


def test_a_long_pair_is_named_with_its_seconds_its_rows_pulse_and_stop_says_what_it_waits_for(
        slow_window, qtbot, docs_image):
    ui, status = slow_window, slow_window.controller.status
    resize(ui, qtbot, 430, 600)
    click(ui, find(ui, "validateButton"))
    qtbot.waitUntil(lambda: status.headline == "Running Normals face outward on Chair…", timeout=10000)
    elapsed = find(ui, "pairElapsed")
    assert find(ui, "statusMessage").property("text") == "Running Normals face outward on Chair…"

    # the row being processed pulses: its wash is shown and its opacity moves
    wash = find(ui, "runningWash", find(ui, "plugin:Normals face outward"))
    assert wash.isVisible()
    seen = set()
    for _ in range(12):
        seen.add(round(wash.opacity(), 2))
        qtbot.wait(60)
    assert len(seen) >= 4 and max(seen) - min(seen) > 0.08, seen
    assert find(ui, "runningWash", find(ui, "instance:Chair")).isVisible()
    assert not find(ui, "runningWash", find(ui, "instance:Table")).isVisible()

    # the seconds tick in their own label; the message (for state()) carries them too
    qtbot.waitUntil(lambda: elapsed.property("text") == "1 s", timeout=3000)
    assert elapsed.isVisible()
    assert status.message == "Running Normals face outward on Chair — 1 s…"
    qtbot.waitUntil(lambda: elapsed.property("text") == "2 s", timeout=3000)
    assert status.headline == "Running Normals face outward on Chair…"  # unchanged: no fade every second
    QTest.mouseMove(ui.window, QPoint(5, 5))
    qtbot.wait(300)
    ui.window.grabWindow().save(docs_image("long-pair-footer.png"))
    resize(ui, qtbot, 1100, 640)
    qtbot.wait(300)
    ui.window.grabWindow().save(docs_image("long-pair-footer-wide.png"))

    # Stop names the pair it waits for, at once and while it waits
    click(ui, find(ui, "stopButton"))
    assert status.state == State.Stopping
    assert status.headline.startswith("Stopping: waiting for Normals face outward on Chair to finish"), status.headline
    qtbot.wait(300)
    assert status.state == State.Stopping  # the 4 s pair is still running
    ui.window.grabWindow().save(docs_image("long-pair-stopping-wide.png"))
    qtbot.waitUntil(lambda: status.state == State.Ready, timeout=10000)
    assert status.message == "Stopped." and elapsed.property("text") == ""
    assert not find(ui, "runningWash", find(ui, "plugin:Normals face outward")).isVisible()


def test_a_quick_pair_is_not_named(qapp, tmp_path, host_factory, qtbot):
    """Pairs under ~0.3 s never put their names in the footer: the state's own words stay."""
    host = host_factory("walkaway", env=isolated_env(PYBLISH_TEST_PAIR_SECONDS="0.05"))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    try:
        application.controller.show_host(host.port, {})
        status = application.controller.status
        qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Ready"), timeout=20000)
        said = []
        status.messageChanged.connect(lambda: said.append(status.message))
        application.controller.validate()
        qtbot.waitUntil(lambda: status.state == State.Ready, timeout=20000)
        assert not [m for m in said if m.startswith("Running")], said
    finally:
        application.shutdown()
