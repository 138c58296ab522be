"""pyblish-qml 1.x calls that used to fail here: the 1.x settings names, ``from_dict`` with keys
it does not know, ``registered_python_executable``/``registered_pyqt5`` and ``show``'s ``foster``."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SUITES, UIProcess, isolated_env, ready, wait_for

from pyblish_qml import api
from pyblish_qml import settings as qml_settings
from pyblish_qml.host import lifecycle

HOSTS = Path(__file__).parent / "hosts"
SETTINGS_1X = ("ContextLabel", "ContextLabelDefault", "WindowTitle", "WindowTitleDefault", "WindowSize",
               "WindowPosition", "HeartbeatInterval", "HiddenSections", "from_dict", "to_dict")


@pytest.fixture
def clean():
    yield
    qml_settings.reset()
    lifecycle.register_python_executable(None)
    api._pyqt5["path"] = None


def test_every_1x_settings_name_exists(clean):
    missing = [name for name in SETTINGS_1X if not hasattr(qml_settings, name)]
    assert missing == []
    assert (qml_settings.ContextLabelDefault, qml_settings.WindowTitleDefault) == ("Context", "Pyblish")
    assert qml_settings.ContextLabel == qml_settings.ContextLabelDefault  # untouched: equal, as 1.x compared
    assert qml_settings.changed() == {}  # the defaults are never sent


def test_from_dict_skips_unknown_keys_with_a_debug_line(clean, caplog):
    caplog.set_level(logging.DEBUG, logger="pyblish_qml.settings")
    qml_settings.from_dict({"WindowTitle": "Shot", "WindowTitel": "typo", "SplashScreen": False})
    assert qml_settings.WindowTitle == "Shot"
    assert not hasattr(qml_settings, "WindowTitel") and not hasattr(qml_settings, "SplashScreen")
    assert qml_settings.changed() == {"WindowTitle": "Shot"}
    skipped = [r for r in caplog.records if r.levelno == logging.DEBUG and "skipped" in r.getMessage()]
    assert [r.args[0] for r in skipped] == ["WindowTitel", "SplashScreen"]
    with pytest.raises(TypeError):
        qml_settings.from_dict([("WindowTitle", "not a dict")])


def test_registered_python_executable_and_pyqt5_read_back(clean, caplog):
    assert api.registered_python_executable() is None and api.registered_pyqt5() is None
    api.register_python_executable(sys.executable)
    assert api.registered_python_executable() == sys.executable
    with caplog.at_level(logging.WARNING, logger="pyblish_qml"):
        api.register_pyqt5("/opt/modules/python-qt5")
    assert api.registered_pyqt5() == "/opt/modules/python-qt5"
    assert "register_pyqt5('/opt/modules/python-qt5') is ignored" in caplog.text
    assert lifecycle.python_executable() == sys.executable  # the registered Python still starts the UI


@pytest.mark.skipif(not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
                    reason="the window's title is read from X (run under Xvfb)")
def test_a_1x_host_calls_show_with_foster_in_a_real_process_against_a_real_ui(tmp_path):
    """Positional ``show(None, ["studio"], False, True, False, True)``: foster=True is logged and
    ignored, auto_validate (sixth) validates, the 1.x label idiom and from_dict's unknown key work."""
    ui = UIProcess(offscreen=False, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})  # its own preferences
    env = isolated_env(PYBLISH_QML_PORT=str(ui.port))
    env.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)
    log = tmp_path / "host.log"
    with open(log, "w") as stderr:
        host = subprocess.Popen([sys.executable, str(HOSTS / "compat_1x_calls.py"), str(SUITES / "hostside")],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env,
                                cwd=str(tmp_path))
    try:
        read_back = json.loads(host.stdout.readline())
        assert read_back == {"python": sys.executable, "pyqt5": "/opt/modules/python-qt5",
                             "defaults": ["Context", "Pyblish"], "to_dict": sorted(qml_settings.KEYS),
                             "sent": {"ContextLabel": "Studio Python", "WindowTitle": "Studio 1.x"}}
        assert host.stdout.readline() == "shown True\n", log.read_text()
        state = wait_for(lambda: (s := ready(ui.proxy)) and s["validated"] and s, 60, "auto_validate to validate")
        assert state["visible"] and not state["published"] and not state["failed"]
        title = ["xdotool", "search", "--onlyvisible", "--name", "^Studio 1.x$"]
        wait_for(lambda: subprocess.run(title, capture_output=True).returncode == 0, 20, "the from_dict title")
        output = log.read_text()
        assert output.count("pyblish_qml.show(foster=True) is ignored") == 1, output
        assert "'SplashScreen' is not a setting here" in output and "DEBUG" in output
    finally:
        host.kill()
        host.wait()
        host.stdout.close()
        ui.stop()
