"""Why a plugin will not run (issue 23, point 5), in the real window against a real host process.

A plugin excluded by pyblish's targets (``targets = ["farm"]``), one whose families match no
instance, and one whose instances are all toggled off are greyed with the reason on their row
("farm only", "no look instance", "its instances are off") instead of "idle · not yet" at full
strength. While plugins are faded for the current instance, a note over the plugin list names
that instance (its row may be scrolled or collapsed away) and clears it.
"""

from __future__ import annotations

import xmlrpc.client

import pytest
from helpers import free_port, isolated_env
from window_helpers import click, find, needs_display, resize

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences

pytestmark = needs_display


@pytest.fixture
def ui(qapp, qtbot, tmp_path, monkeypatch, host_factory):
    monkeypatch.setenv("PYBLISH_QML_HISTORY", "0")
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "ui.json"))
    application.start()
    application.show()
    try:
        host = host_factory("discovery", env=isolated_env(PYBLISH_QML_PORT=str(application.port)))
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
        assert proxy.show(host.port, {"ContextLabel": "Shot", "HiddenSections": []}) is True
        controller = application.controller
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset",
                        timeout=20000)
        resize(application, qtbot, 880, 640)
        yield application
    finally:
        application.shutdown()


def note_of(ui, label: str) -> str:
    note = find(ui, "rowNote", find(ui, "plugin:" + label))
    return note.property("text") if note.isVisible() else ""


def test_plugins_that_will_not_run_are_greyed_with_the_reason(ui, qtbot, docs_image):
    plugins = {p["label"]: p for p in ui.controller.models.plugin_model.items()}
    assert "Maya units" not in plugins  # pyblish itself drops a plugin for another host at discovery
    assert note_of(ui, "Submit to farm") == "farm only"
    assert note_of(ui, "Extract lookdev") == "no look instance"
    assert note_of(ui, "Frames in range") == ""  # it will run: no note, full strength
    rows = {p["label"]: p for p in ui.controller.models.plugin_model.items()}
    assert rows["Submit to farm"]["status"] == "idle"  # greyed by the note's reason, not "idle" at full strength
    qtbot.wait(400)  # the bar's width animation ends
    ui.window.grabWindow().save(docs_image("never-run-plugins-wide.png"))

    for name in ("sh010_anim", "sh010_cam"):  # every instance off: the validator of them will not run
        ui.controller.toggles.instance(next(i["id"] for i in ui.controller.models.instance_model.items()
                                            if i["label"] == name))
    qtbot.waitUntil(lambda: note_of(ui, "Frames in range") == "its instances are off", timeout=3000)


def test_a_note_names_the_instance_the_plugins_are_faded_for(ui, qtbot):
    note = find(ui, "fadedNote")
    assert not note.isVisible()
    click(ui, find(ui, "instance:sh010_cam"))
    qtbot.waitUntil(note.isVisible, timeout=3000)
    assert find(ui, "fadedNoteText").property("text") == "Faded: not run on sh010_cam"
    click(ui, find(ui, "fadedNoteClear"))
    qtbot.waitUntil(lambda: not note.isVisible(), timeout=3000)
    assert ui.controller.models.overview.fadedPlugins == []
