"""Launch modes: preferences that persist, the log file, the tray under Xvfb, the GUI entry point."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path

import pytest
from helpers import REPO, free_port, isolated_env

from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell import preferences as prefs_module
from pyblish_qml.app.shell.preferences import DEFAULTS, Preferences, add_log_file

needs_display = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")


def test_preferences_round_trip(tmp_path):
    path = tmp_path / "config" / "settings.json"
    first = Preferences(path)
    assert first.values == DEFAULTS and first.problem is None
    first.set("windowGeometry", [10, 20, 800, 600])
    first.set("terminalLevels", dict(DEFAULTS["terminalLevels"], debug=False))
    first.set("collapsedSections", ["Collect", "Integrate"])
    first.set("theme", "light")
    assert first.save()
    second = Preferences(path)
    assert second.values == first.values
    with pytest.raises(KeyError):
        second.set("nonsense", 1)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe garbage"])
def test_a_corrupt_settings_file_is_reported_moved_aside_and_replaced(tmp_path, content):
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    loaded = Preferences(path)
    assert loaded.values == DEFAULTS
    assert "could not be read" in loaded.problem and str(path) in loaded.problem
    assert (tmp_path / "settings.json.corrupt").read_bytes() == content
    assert json.loads(path.read_text()) == DEFAULTS


def test_wrongly_typed_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": 7, "windowGeometry": [1, 2, 3, 4], "unknown": True}))
    loaded = Preferences(path)
    assert loaded.get("theme") == "dark" and loaded.get("windowGeometry") == [1, 2, 3, 4]
    assert loaded.problem is None


def test_unwritable_settings_folder_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    loaded = Preferences(blocker / "settings.json")
    assert loaded.save() is False  # reported in the log, nothing raised


def test_rotating_log_file(tmp_path):
    path = add_log_file(logging.INFO, folder=tmp_path / "log")
    try:
        logging.getLogger("pyblish_qml.test").warning("written to the log file ✓")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert "written to the log file ✓" in path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_user_folders_come_from_platformdirs():
    assert prefs_module.config_dir().name == "pyblish-qml"
    assert str(prefs_module.config_dir()).startswith(os.environ["XDG_CONFIG_HOME"])
    assert "pyblish-qml" in str(prefs_module.log_dir())


# --------------------------------------------------------------------------------------------- tray


@pytest.fixture
def tray_host():
    """trayer: a real XEmbed system tray on the Xvfb display."""
    if not os.environ.get("DISPLAY"):
        pytest.skip("needs an X display (run under Xvfb)")
    if not shutil.which("trayer"):
        pytest.skip("trayer (a minimal system tray) is not installed; scripts/bootstrap.sh --test installs it")
    process = subprocess.Popen(["trayer", "--edge", "top", "--widthtype", "request", "--SetDockType", "false"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from PySide6.QtWidgets import QSystemTrayIcon

    deadline = time.monotonic() + 10
    while not QSystemTrayIcon.isSystemTrayAvailable() and time.monotonic() < deadline:
        time.sleep(0.05)
    yield process
    process.terminate()
    process.wait()


@pytest.fixture
def tray_app(qapp, tray_host, tmp_path, monkeypatch):
    from pyblish_qml.app.application import Application

    application = Application(free_port(), mode="tray", app=qapp, preferences=Preferences(tmp_path / "s.json"))
    quits = []
    monkeypatch.setattr(application.app, "quit", lambda: quits.append(True))
    application.quits = quits
    application.start()
    yield application
    application.shutdown()


def test_tray_menu_lists_show_hosts_and_quit_and_its_actions_work(tray_app, host_factory, qtbot):
    tray = tray_app.tray
    assert tray is not None and tray.icon.isVisible()
    assert tray_app.window.isVisible()  # started from the desktop: the waiting window shows
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Show", "No hosts connected", "Quit"]

    notes = []
    tray_app.controller.notify.connect(lambda title, text: notes.append(title))
    host = host_factory("scenario", env=isolated_env(PYBLISH_QML_PORT=str(tray_app.port)), show=True)
    qtbot.waitUntil(lambda: tray_app.controller.status.state == State.Ready and tray_app.controller.host == host.port,
                    timeout=20000)
    qtbot.waitUntil(lambda: len(tray.host_actions()) == 1, timeout=5000)
    assert tray.host_actions()[0].text() == "python (pid %d) (alive)" % host.process.pid  # DCC, scene, pid

    tray_app.window.close()  # closing hides to the tray; the process stays
    qtbot.waitUntil(lambda: not tray_app.window.isVisible(), timeout=5000)
    assert tray_app.quits == []
    [show] = [a for a in tray.menu.actions() if a.text() == "Show"]
    show.trigger()
    qtbot.waitUntil(tray_app.window.isVisible, timeout=5000)

    tray.host_actions()[0].trigger()
    assert tray_app.controller.host == host.port

    host.process.kill()
    qtbot.waitUntil(lambda: "Host closed" in notes, timeout=8000)
    qtbot.waitUntil(lambda: "(gone)" in tray.menu.actions()[3].text(), timeout=5000)
    [quit_action] = [a for a in tray.menu.actions() if a.text() == "Quit"]
    quit_action.trigger()
    qtbot.waitUntil(lambda: tray_app.quits == [True], timeout=5000)  # outlived its host until told


# ---------------------------------------------------------------------------------- GUI entry point


@needs_display
def test_gui_entry_point_starts_to_a_window_even_without_a_tray():
    script = Path(sys.executable).with_name("pyblish-qml-gui")
    if not script.exists():
        pytest.skip("pyblish-qml-gui is not installed in this environment (pip install -e .)")
    port = free_port()
    env = isolated_env(PYBLISH_QML_PORT=str(port))
    env.pop("QT_QPA_PLATFORM", None)
    process = subprocess.Popen([str(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, cwd=str(REPO))
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % port)
    try:
        deadline = time.monotonic() + 30
        state = None
        while time.monotonic() < deadline:
            try:
                state = proxy.state()
                if state["visible"]:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        assert state and state["visible"] is True
        assert state["host"] is None  # waiting for a host
        # Qt says "visible" when it asks X to map the window; X may map it a moment later
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Pyblish"],
                                   capture_output=True, text=True)
            if found.returncode == 0 and found.stdout.strip():
                break
            time.sleep(0.1)
        assert found.returncode == 0 and found.stdout.strip(), "no visible window named Pyblish"
        proxy.quit()
        output, _ = process.communicate(timeout=15)
        assert process.returncode == 0
        assert "no system tray" in output
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_waiting_window_starts_a_python_host_for_users_without_a_dcc(qapp, qtbot, tmp_path, monkeypatch):
    """The "Start a Python host" button: a real host process serving PYBLISHPLUGINPATH shows up."""
    from helpers import SUITES

    from pyblish_qml.app.application import Application

    monkeypatch.setenv("PYBLISHPLUGINPATH", str(SUITES / "regroup"))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "s.json"))
    application.start()
    pid = None
    try:
        assert application.controller.host == 0  # waiting
        assert application.controller.switcher.start_python_host(application.controller.control_port) is True
        qtbot.waitUntil(lambda: application.controller.host != 0 and application.controller.status.state == State.Ready,
                        timeout=30000)
        names = {i["name"] for i in application.controller.models.instance_model.items()}
        assert {"chair", "hero", "table"} <= names
        pid = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % application.controller.host).ping()["pid"]
    finally:
        if pid:
            os.kill(pid, 15)
        application.shutdown()
