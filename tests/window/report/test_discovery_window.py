"""What discovery found (issue 23, points 5 and 6), in the real window against real host processes.

A plugin file that fails to import (a missing studio library; a syntax error on
PYBLISHPLUGINPATH) is listed on the Report after each reset with its file, error and
traceback, counted in the tab and named in the footer, and kept in the run's record; with the
studio's StrictDiscovery setting Publish is off and the Report says why. A host with no plugins
at all says so on the Overview, with where it looked, and Publish is not drawn as the next step.
"""

from __future__ import annotations

import xmlrpc.client
from pathlib import Path

import pytest
from helpers import free_port, isolated_env
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_helpers import click, find, needs_display, resize, walk

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.summary import text_summary

pytestmark = needs_display
BROKEN = '"""A syntax error."""\n\nimport pyblish.api\n\n\nclass ExtractBroken(pyblish.api.InstancePlugin:\n    pass\n'


@pytest.fixture
def window(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_HISTORY_PATH", str(tmp_path / "history.sqlite3"))
    ui = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "settings.json"))
    ui.start()
    ui.show()
    try:
        yield ui
    finally:
        ui.shutdown()


def connect(ui, qtbot, host_factory, suite, settings: dict | None = None, **env) -> None:
    host = host_factory(suite, env=isolated_env(PYBLISH_QML_PORT=str(ui.port), **env))
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port, allow_none=True)
    assert proxy.show(host.port, {"ContextLabel": "Shot", **(settings or {})}) is True
    qtbot.waitUntil(lambda: ui.controller.status.state == State.Ready and ui.controller.run.last_op == "reset",
                    timeout=20000)
    resize(ui, qtbot, 880, 640)


def texts(root) -> list[str]:
    return [str(item.property("text")) for item in walk(root) if item.isVisible() and item.property("text")]


def with_broken(tmp_path: Path) -> str:
    folder = tmp_path / "studio_plugins"
    folder.mkdir()
    (folder / "extract_broken.py").write_text(BROKEN)
    return str(folder)


def test_plugin_files_that_failed_to_import_are_listed_counted_and_recorded(window, qtbot, host_factory, tmp_path,
                                                                            docs_image):
    ui, controller = window, window.controller
    connect(ui, qtbot, host_factory, "discovery", PYBLISHPLUGINPATH=with_broken(tmp_path))
    status = controller.status
    assert status.message == "Ready. 2 instances collected. 2 plugin files failed to load: see the Report."
    assert find(ui, "tab:Report").property("text") == "Report (2)"
    click(ui, find(ui, "tab:Report"))
    qtbot.waitUntil(lambda: find(ui, "loadFailures").isVisible(), timeout=3000)
    shown = "\n".join(texts(find(ui, "loadFailures")))
    assert "2 plugin files failed to load" in shown
    assert "ModuleNotFoundError: No module named 'studio_pipeline_lib'" in shown
    assert "validate_studio.py, line 4" in shown  # where, in the file's own name and line
    assert "SyntaxError" in shown and "extract_broken.py" in shown
    assert str(tmp_path / "studio_plugins" / "extract_broken.py") in shown  # the full path, for support
    assert 'File "%s' % (Path(__file__).parents[2] / "fixtures" / "suites" / "discovery" / "validate_studio.py") \
        in shown  # the traceback names the file, not pyblish's "<string>"
    assert not find(ui, "reportEmpty").isVisible()
    assert find(ui, "reportSummary").property("text") == (
        "2 plugin files failed to load: their checks will not run. Validate to see what the others say.")
    assert "SyntaxError: invalid syntax (extract_broken.py, line 6)" in shown
    assert status.outcome == "warning"  # a skipped plugin file is no green bar
    assert not find(ui, "strictDiscovery").isVisible()  # not strict: Publish stays on
    assert status.canPublish and status.primaryAction == "publish"
    for width, height, wide in ((430, 600, ""), (1400, 900, "-wide")):
        resize(ui, qtbot, width, height)
        qtbot.wait(300)
        ui.window.grabWindow().save(docs_image("report-load-failures%s.png" % wide))

    # in the record: the run's Context data keeps them; after another reset they are listed again
    controller.reset()
    qtbot.waitUntil(lambda: status.state == State.Ready and controller.models.report.discovery.failedCount == 2,
                    timeout=20000)
    assert ui.recorder.flush(5)
    store = RunStore(Path(tmp_path / "history.sqlite3"))
    try:
        report = store.load(store.last_run_id())
    finally:
        store.close()
    failures = report.context["data"]["pyblishDiscoveryFailures"]
    assert sorted(Path(f["file"]).name for f in failures) == ["extract_broken.py", "validate_studio.py"]
    assert all(f["traceback"] for f in failures)
    copied = text_summary(report)  # "Copy report" for the TD says it too
    assert "Plugin files that failed to load (2): their plugins did not run" in copied
    assert "validate_studio.py: ModuleNotFoundError: No module named 'studio_pipeline_lib'" in copied


def test_strict_discovery_turns_publish_off_while_a_plugin_failed_to_load(window, qtbot, host_factory):
    ui, controller = window, window.controller
    connect(ui, qtbot, host_factory, "discovery", {"StrictDiscovery": True})
    status = controller.status
    assert not status.canPublish and not find(ui, "publishButton").isEnabled()
    assert status.primaryAction == ""
    assert status.canValidate  # the checks that did load still run
    click(ui, find(ui, "tab:Report"))
    strict = find(ui, "strictDiscovery")
    qtbot.waitUntil(strict.isVisible, timeout=3000)
    assert strict.property("text").startswith("Strict discovery: 1 plugin file failed to load")
    QTest.keyClick(ui.window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # the shortcut too
    qtbot.wait(200)
    assert controller.run.last_op == "reset"


def test_an_empty_pipeline_says_where_it_looked_and_publish_is_not_the_next_step(window, qtbot, host_factory,
                                                                               tmp_path, docs_image):
    ui, controller = window, window.controller
    empty = tmp_path / "no_plugins_here"
    empty.mkdir()
    connect(ui, qtbot, host_factory, empty, PYBLISHPLUGINPATH=str(tmp_path / "studio" / "missing"))
    status = controller.status
    page = find(ui, "noPlugins")
    qtbot.waitUntil(page.isVisible, timeout=3000)
    searched = find(ui, "noPluginsSearched").property("text")
    assert "registered:\n  %s" % empty in searched
    assert "PYBLISHPLUGINPATH (not found):\n  %s" % (tmp_path / "studio" / "missing") in searched
    assert "pyblish's own (built-in collectors):" in searched  # why "none" can mean three collectors
    assert status.message == "No plugins found: the Overview says where the host looked."
    assert status.outcome == "warning"  # not a green bar
    assert status.primaryAction == ""
    assert not find(ui, "publishButton").property("drawnFilled")
    for theme in ("dark", "light"):
        controller.preferences.setTheme(theme)
        for width, height, wide in ((430, 600, ""), (1400, 900, "-wide")):
            resize(ui, qtbot, width, height)
            qtbot.wait(300)
            ui.window.grabWindow().save(docs_image("no-plugins%s%s.png" % ("-light" if theme == "light" else "",
                                                                         wide)))
    controller.preferences.setTheme("dark")
