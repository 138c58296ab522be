"""The host side in every DCC Python from 3.7 to 3.13, installed with pip from the built wheel.

Per interpreter: pip installs it (the UI's PySide6 only on 3.10+), every host-side module imports,
the UI refuses below 3.10 with one line saying what to set, and a real host service in that
interpreter publishes through a real UI in the main venv, which its ``show()`` started through
``PYBLISH_QML_PYTHON_EXECUTABLE``. See ``host_pythons.py`` for where the interpreters come from.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import xmlrpc.client

import pytest
from helpers import REPO, HostProcess, answers, isolated_env, ready, wait_for
from host_pythons import MINORS, UI_MIN, host_side_modules, ids, require_python, run, session_dist, session_python

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def dist():
    return session_dist()


@pytest.fixture(scope="session")
def host_python():
    """minor -> the python of a venv with the wheel installed (once per session each)."""
    return session_python


def installed(python) -> dict:
    out = run([python, "-m", "pip", "list", "--format=json"])
    rows = json.loads(out.stdout[out.stdout.index("["):])
    return {row["name"].lower().replace("_", "-"): row["version"] for row in rows}


@pytest.mark.parametrize("minor", MINORS, ids=ids)
def test_pip_installs_the_host_side_and_it_imports(host_python, minor, tmp_path):
    python = host_python(minor)
    packages = installed(python)
    assert "pyblish-base" in packages and "platformdirs" in packages
    assert ("pyside6-essentials" in packages) == (minor >= UI_MIN), packages
    modules = host_side_modules()
    assert {"pyblish_qml", "pyblish_qml.host.lifecycle", "pyblish_qml.integrations.blender",
            "pyblish_qml.api", "pyblish_qml.install_dcc"} <= set(modules)
    probe = ("import importlib, importlib.util, sys, pyblish_qml\n"
             "for name in sys.argv[1:]:\n"
             "    if name.endswith('__main__'):  # runs on import: compile only\n"
             "        origin = importlib.util.find_spec(name).origin\n"
             "        compile(open(origin, encoding='utf-8').read(), origin, 'exec')\n"
             "    else:\n"
             "        importlib.import_module(name)\n"
             "print(pyblish_qml.__file__)")
    out = run([python, "-c", probe, *modules], cwd=str(tmp_path))  # not the repo: the installed copy
    assert out.stdout.strip().startswith(str(python.parent.parent)), out.stdout
    out = run([python, "-m", "pyblish_qml", "install-dcc", "nuke", "--dry-run", "--dest", tmp_path / "nuke"],
              cwd=str(tmp_path))  # a DCC's own Python can write its install
    assert "would write %s" % (tmp_path / "nuke" / "menu.py") in out.stdout


@pytest.mark.parametrize("minor", [m for m in MINORS if m < UI_MIN], ids=ids)
def test_below_3_10_the_ui_refuses_with_one_line_saying_what_to_set(host_python, minor, tmp_path):
    python = host_python(minor)
    env = isolated_env()
    env.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)
    for command in ([python, "-m", "pyblish_qml"], [python.parent / "pyblish-qml"]):
        out = subprocess.run([str(c) for c in command], capture_output=True, text=True, env=env, cwd=str(tmp_path))
        assert out.returncode == 2, out
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert "set PYBLISH_QML_PYTHON_EXECUTABLE to a Python >= 3.10" in out.stderr
    # show() in such a host, with nothing set: the same line, and nothing started
    out = subprocess.run([str(python), "-m", "pyblish_qml.host", "--plugin-path", str(REPO / "tests" / "fixtures"
                          / "suites" / "hostside"), "--port", "0"], capture_output=True, text=True, env=env,
                         cwd=str(tmp_path), timeout=60)
    assert out.returncode == 1, out
    [line] = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert "PYBLISH_QML_PYTHON_EXECUTABLE" in line and "Python %d.%d" % minor in line, out.stderr


@pytest.mark.parametrize("minor", MINORS, ids=ids)
def test_a_host_in_this_python_publishes_through_a_real_ui(host_python, minor, tmp_path):
    python = host_python(minor)
    env = isolated_env(PYBLISH_QML_PYTHON_EXECUTABLE=sys.executable, QT_QPA_PLATFORM="offscreen")
    host = HostProcess("hostside", python=str(python), cwd=tmp_path, env=env, show=True)
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%s" % env["PYBLISH_QML_PORT"], allow_none=True)
    ui_pid = None
    try:
        state = wait_for(lambda: answers(proxy) and ready(proxy, host.port), 60, "the host to start the UI")
        ui_pid = proxy.ping()["pid"]
        assert state["instances"] == 3  # Context + shot010, shot020
        assert proxy.publish() is True
        state = wait_for(lambda: (s := ready(proxy)) and (s["published"] or s["failed"]) and s, 60, "publish")
        assert state["published"] and not state["failed"], state
        assert state["progress"] == [6, 6]  # after collection: 2 x validate, 2 x extract, 2 x default-only
        context = xmlrpc.client.ServerProxy(host.url, allow_none=True).context()
        version = "%d.%d." % minor
        assert context["data"]["collectedWith"].startswith(version)
        assert context["data"]["pythonVersion"].startswith(version)
        extracted = {i["name"]: i["data"]["extractedWith"] for i in context["children"]}
        assert sorted(extracted) == ["shot010", "shot020"] and all(v.startswith(version) for v in extracted.values())
        assert all(i["data"]["defaultExtracted"] and "studioValidated" not in i["data"] for i in context["children"])
    finally:
        host.stop()
        if ui_pid is not None:
            try:
                os.kill(ui_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def test_the_sdist_builds_and_installs_on_python_3_7(dist, tmp_path):
    """pip on 3.7 builds the sdist itself: build-system.requires picks hatchling 1.17 there."""
    python = require_python((3, 7))
    venv = tmp_path / "venv"
    run([python, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", dist["sdist"]])
    out = run([venv / "bin" / "python", "-c", "import pyblish_qml.host, pyblish_qml.integrations.maya, "
               "pyblish_qml.install_dcc, pyblish_qml; print(pyblish_qml.__file__)"], cwd=str(tmp_path))
    assert out.stdout.startswith(str(venv))
    assert "pyside6-essentials" not in installed(venv / "bin" / "python")


def test_a_missing_interpreter_is_skipped_with_a_notice_but_fails_ci_for_3_7_and_3_9(monkeypatch):
    import host_pythons

    monkeypatch.setattr(host_pythons, "find_python", lambda minor: None)
    monkeypatch.setenv("CI", "true")
    for minor in ((3, 7), (3, 9)):
        with pytest.raises(pytest.fail.Exception, match="no CPython %d.%d.*CI requires 3.7 and 3.9" % minor):
            host_pythons.require_python(minor)
    with pytest.raises(pytest.skip.Exception, match="no CPython 3.8 on this machine"):
        host_pythons.require_python((3, 8))
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="no CPython 3.7 on this machine"):
        host_pythons.require_python((3, 7))
