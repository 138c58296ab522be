"""pyblish-qml 1.x integrations run unchanged: a 1.x-style script against a real UI, and the
pieces of 1.x's host API (settings, targets, modal, helpers) one by one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import xmlrpc.client

import pytest
from helpers import FIXTURES, SUITES, answers, free_port, isolated_env, ready, wait_for
from host_pythons import session_python
from test_host_api import FakeUI

import pyblish_qml
from pyblish_qml import api, rpc_client
from pyblish_qml import settings as qml_settings
from pyblish_qml.host import dispatch, lifecycle, modal, targets
from pyblish_qml.host.service import HostService


@pytest.fixture
def clean(monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_PORT", str(free_port()))
    yield
    qml_settings.reset()
    targets.set_session_targets(None)
    lifecycle.register_python_executable(None)
    lifecycle.uninstall()


# ------------------------------------------------------------------ a 1.x script, unchanged, with a real UI


@pytest.fixture(scope="module")
def python37():
    return session_python((3, 7))


def _window(title: str) -> dict:
    """The X window with this exact title: its geometry, as xdotool reports it."""
    found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % title],
                           capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout.split():
        return {}
    out = subprocess.run(["xdotool", "getwindowgeometry", "--shell", found.stdout.split()[0]],
                         capture_output=True, text=True, check=True).stdout
    return {key: int(value) for key, value in (line.split("=") for line in out.split()) if key != "SCREEN"}


@pytest.mark.skipif(not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
                    reason="the window's title and size are read from X (run under Xvfb)")
@pytest.mark.parametrize("where", ["main", "py3.7"])
def test_a_1x_integration_script_runs_unchanged(where, request, tmp_path):
    python = sys.executable if where == "main" else str(request.getfixturevalue("python37"))
    env = isolated_env(PYBLISH_QML_MODAL="1", PYBLISH_QML_PYSIDE2="/opt/modules/pyside2")
    env.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)  # the script registers it, as 1.x's README says
    env.pop("QT_QPA_PLATFORM", None)  # a real window, to read its title and size from X
    log = tempfile.TemporaryFile(mode="w+")
    script = subprocess.Popen([python, str(FIXTURES / "integration_1x.py"), sys.executable,
                               str(SUITES / "hostside")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=log, text=True, env=env, cwd=str(tmp_path))
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%s" % env["PYBLISH_QML_PORT"], allow_none=True)
    ui_pid = None
    try:
        state = wait_for(lambda: answers(proxy) and ready(proxy), 60, "show() to start the UI and collect")
        ui_pid = proxy.ping()["pid"]
        assert state["instances"] == 3 and state["visible"]
        window = wait_for(lambda: _window("Studio Publish"), 20, "the window titled by pyblish_qml.settings")
        assert (window["WIDTH"], window["HEIGHT"]) == (520, 640)
        assert proxy.publish() is True
        state = wait_for(lambda: (s := ready(proxy)) and (s["published"] or s["failed"]) and s, 60, "publish")
        assert state["published"] and not state["failed"], state
        assert state["progress"] == [6, 6]  # targets=["studio"]: + ValidateStudioOnly, - ExtractDefaultOnly
        context = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % state["host"]).context()
        assert context["data"]["pyblishTargets"] == ["studio"]
        for instance in context["children"]:
            assert instance["data"]["studioValidated"] is True and "defaultExtracted" not in instance["data"]
            assert instance["data"]["extractedOn"] == "MainThread"  # modal: the blocked caller served it
        assert script.poll() is None  # still blocked in show()

        assert proxy.hide() is True  # the artist closes the window
        assert script.stdout.readline() == "show returned\n"
        for command in ("validate", "hide", "quit"):
            script.stdin.write(command + "\n")
            script.stdin.flush()
            assert script.stdout.readline() == "%s -> True\n" % command
        wait_for(lambda: not answers(proxy), 20, "quit() from the host to close the UI")
        assert script.wait(timeout=20) == 0
        log.seek(0)
        output = log.read()
        for line in ("register_pyqt5('/opt/modules/python-qt5') is ignored", "PYBLISH_QML_PYSIDE2 is ignored",
                     "show(parent=<__main__.MainWindow object"):
            assert output.count(line) == 1, output
    finally:
        if script.poll() is None:
            script.kill()
            script.wait()
        log.close()
        if ui_pid is not None:
            try:
                os.kill(ui_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# ------------------------------------------------------------------ the pieces, against a recording UI


class RecordingUI(FakeUI):
    """A real control server that also records show() and the commands."""

    def __init__(self):
        super().__init__(free_port())
        self.shows: list = []
        self.commands: list = []
        self.visible = True
        self.server.register_function(lambda port, settings=None: self.shows.append((port, settings)) or True,
                                      "show")
        for name in ("publish", "validate", "hide", "quit"):
            self.server.register_function(lambda name=name: self.commands.append(name) or True, name)
        self.server.register_function(lambda: {"visible": self.visible, "host": self.shows[-1][0]}, "state")


def test_settings_set_before_show_are_sent_and_win_over_the_integrations(clean, monkeypatch):
    ui = RecordingUI()
    monkeypatch.setenv("PYBLISH_QML_PORT", str(ui.port))
    qml_settings.WindowTitle = "Studio Publish"
    qml_settings.WindowSize = (520, 640)
    qml_settings.HiddenSections.append("Extract")  # edited in place, as 1.x allowed
    assert pyblish_qml.show(auto_validate=True) is True
    port, sent = ui.shows[-1]
    assert port == lifecycle.installed_port()
    assert sent == {"WindowTitle": "Studio Publish", "WindowSize": [520, 640],
                    "HiddenSections": ["Collect", "Extract"], "autoValidate": True}
    lifecycle.show({"ContextLabel": "Maya", "WindowTitle": "Pyblish (Maya)"})  # a DCC's File > Publish
    assert ui.shows[-1][1]["WindowTitle"] == "Studio Publish" and ui.shows[-1][1]["ContextLabel"] == "Maya"
    qml_settings.HeartbeatInterval = 0.2
    pyblish_qml.show()
    assert lifecycle._state["heartbeat"].interval == 0.2
    qml_settings.from_dict({"WindowTitel": "typo"})  # 1.x took unknown keys: logged at debug, nothing set
    assert not hasattr(qml_settings, "WindowTitel")


def test_targets_are_the_sessions_until_the_next_show(clean, monkeypatch):
    ui = RecordingUI()
    monkeypatch.setenv("PYBLISH_QML_PORT", str(ui.port))
    pyblish_qml.show(targets=["studio", "farm"])
    proxy = rpc_client.Proxy("http://127.0.0.1:%d/pyblish" % lifecycle.installed_port())
    assert proxy.context()["data"]["pyblishTargets"] == ["studio", "farm"]
    pyblish_qml.show()  # 1.x: no targets means "default" plus the registered ones
    import pyblish.api

    pyblish.api.register_target("local")
    try:
        assert proxy.context()["data"]["pyblishTargets"] == ["default", "local"]
    finally:
        pyblish.api.deregister_target("local")
    with pytest.raises(TypeError):
        pyblish_qml.show(targets=[""])


def test_host_helpers_drive_the_ui_and_say_when_there_is_none(clean, monkeypatch, caplog):
    ui = RecordingUI()
    monkeypatch.setenv("PYBLISH_QML_PORT", str(ui.port))
    assert [pyblish_qml.validate(), pyblish_qml.publish(), api.hide(), api.quit()] == [True] * 4
    assert ui.commands == ["validate", "publish", "hide", "quit"]
    monkeypatch.setenv("PYBLISH_QML_PORT", str(free_port()))
    assert pyblish_qml.publish() is False
    assert "pyblish_qml.publish(): pyblish-qml is not running" in caplog.text


def test_register_python_executable_chooses_the_uis_python(clean, tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_PYTHON_EXECUTABLE", "/from/the/environment")
    assert lifecycle.python_executable() == "/from/the/environment"
    api.register_python_executable(sys.executable)
    assert lifecycle.python_executable() == sys.executable
    with pytest.raises(ValueError, match="is not a file"):
        api.register_python_executable(str(tmp_path / "nothing"))


def test_a_ui_that_cannot_start_says_exactly_what_to_set(clean, tmp_path):
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    api.register_python_executable(str(broken))
    with pytest.raises(lifecycle.LaunchError, match="exited with code 3.*set PYBLISH_QML_PYTHON_EXECUTABLE to a "
                       "Python >= 3.10 that has pyblish-qml installed"):
        pyblish_qml.show()


def test_modal_serves_plugin_work_on_the_caller_until_the_window_closes(clean, monkeypatch):
    ui = RecordingUI()
    monkeypatch.setenv("PYBLISH_QML_PORT", str(ui.port))
    monkeypatch.setenv("PYBLISH_QML_MODAL", "1")
    ran_on = []
    original = HostService._reset
    monkeypatch.setattr(HostService, "_reset", lambda self: ran_on.append(threading.current_thread()) or original(self))
    done = []

    def artist():  # meanwhile the UI resets (plugin work), then the window closes
        wait_for(lambda: ui.shows, 10, "show")
        proxy = rpc_client.Proxy("http://127.0.0.1:%d/pyblish" % lifecycle.installed_port())
        proxy.reset()
        done.append(proxy.context()["data"]["port"])
        ui.visible = False

    helper = threading.Thread(target=artist)
    helper.start()
    assert pyblish_qml.show() is True  # blocks until the window is gone
    helper.join()
    assert done == [lifecycle.installed_port()]
    assert ran_on == [threading.current_thread()]  # the blocked caller ran it
    assert dispatch.registered_dispatch_wrapper() is None  # the host's own dispatch is back
    assert modal.window_state(lifecycle.installed_port()) == "closed"
    ui.server.stop()
    assert modal.window_state(lifecycle.installed_port()) == "gone"


def test_modal_returns_when_the_window_opened_and_closed_between_two_looks(clean, monkeypatch):
    """An artist (or a script) quicker than the modal loop's look at the window: the UI ran our
    plugin work, so its window was up; once it is closed, show() returns at the next look."""
    ui = RecordingUI()
    ui.visible = False  # never seen open by a look
    monkeypatch.setenv("PYBLISH_QML_PORT", str(ui.port))
    monkeypatch.setattr(modal, "APPEAR_TIMEOUT", 3600.0)  # returning must not depend on this
    done = []

    def quick_ui():
        wait_for(lambda: ui.shows, 10, "show")
        rpc_client.Proxy("http://127.0.0.1:%d/pyblish" % lifecycle.installed_port()).reset()
        done.append(True)

    helper = threading.Thread(target=quick_ui)
    helper.start()
    assert pyblish_qml.show(modal=True) is True
    helper.join()
    assert done == [True]
