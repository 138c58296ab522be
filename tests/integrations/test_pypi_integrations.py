"""Public integrations, installed from PyPI, drive this project's window through their own
``setup()``/``show()``: pyblish-houdini 1.1.2 (stand-in ``hou``) and pyblish-photoshop 0.1.0
(its ``__import__("pyblish_qml")`` pattern, stand-in ``photoshop.api``). Each runs in a real host
process against a real UI; their own collector fills the context.

pyblish-nuke 2.1.2 is not here: it imports Qt at import time through its vendored Qt.py 0.6.0,
which knows PySide2/PyQt5 only (see docs/migrating.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import xmlrpc.client
from pathlib import Path

import pytest
from helpers import UIProcess, isolated_env, ready, wait_for

HOSTS = Path(__file__).parent / "hosts"
PACKAGES = {"houdini": "pyblish-houdini==1.1.2", "photoshop": "pyblish-photoshop==0.1.0"}
HIP = "/shots/sh010/work/sh010_lighting_v003.hip"
PSD = "/shots/sh010/paint/sh010_matte_v007.psd"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The integrations from PyPI (no dependencies: pyblish-base is this venv's, photoshop's API a
    stand-in) and stand-ins for the DCC APIs they call."""
    folder = tmp_path_factory.mktemp("pypi-integrations")
    out = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(folder),
                          *PACKAGES.values()], capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        pytest.skip("cannot install %s from PyPI: %s" % (", ".join(PACKAGES.values()), out.stderr[-500:]))
    (folder / "hou.py").write_text('"""Stand-in for Houdini\'s hou: what pyblish-houdini calls."""\n\n\n'
                                   "class hipFile:\n    @staticmethod\n    def path():\n        return %r\n\n\n"
                                   "def selectedNodes():\n    return []\n" % HIP)
    (folder / "photoshop").mkdir()
    (folder / "photoshop" / "__init__.py").write_text("")
    (folder / "photoshop" / "api.py").write_text('"""Stand-in for photoshop-python-api: the active document."""\n\n\n'
                                                 "class _Document:\n    fullName = %r\n\n\n"
                                                 "class Application:\n    activeDocument = _Document()\n" % PSD)
    return folder


@pytest.mark.skipif(not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
                    reason="the window's title is read from X (run under Xvfb)")
@pytest.mark.parametrize("which,title,current", [("houdini", "Pyblish", HIP),
                                                 ("photoshop", "Pyblish (photoshop)", PSD)])
def test_a_pypi_integration_shows_and_publishes_through_this_window(site, which, title, current, tmp_path):
    ui = UIProcess(offscreen=False, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})  # its own preferences
    env = isolated_env(PYBLISH_QML_PORT=str(ui.port))
    env["PYTHONPATH"] = os.pathsep.join([str(site), env["PYTHONPATH"]])
    log = tempfile.TemporaryFile(mode="w+")
    host = subprocess.Popen([sys.executable, str(HOSTS / "pypi_integration.py"), which], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=log, text=True, env=env)
    try:
        printed = []
        for line in host.stdout:  # the integration's own prints first ("pyblish: ... loaded successfully")
            printed.append(line)
            if line == "shown\n":
                break
        assert printed[-1:] == ["shown\n"], "".join(printed) + _read(log)
        state = wait_for(lambda: ready(ui.proxy), 30, "%s's show() to collect" % PACKAGES[which])
        context = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % state["host"]).context()
        assert context["data"]["currentFile"] == current  # the integration's own collector ran in its host
        assert which in context["data"]["host"]
        found = ["xdotool", "search", "--onlyvisible", "--name", "^%s$" % title.replace("(", "\\(").replace(")", "\\)")]
        wait_for(lambda: subprocess.run(found, capture_output=True).returncode == 0, 20, "a window titled %r" % title)
        assert ui.proxy.publish() is True
        state = wait_for(lambda: (s := ready(ui.proxy)) and (s["published"] or s["failed"]) and s, 30, "publish")
        assert state["published"] and not state["failed"], _read(log)
    finally:
        host.kill()
        host.wait()
        host.stdout.close()
        log.close()
        ui.stop()


def _read(log) -> str:
    log.seek(0)
    return log.read()
