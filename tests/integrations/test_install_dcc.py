"""``pyblish-qml install-dcc``: what it writes for Maya, Houdini and Nuke, and that each stand-in
DCC, loading its startup files the way the real one does, ends up with File ▸ Publish."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
import xmlrpc.client
import zipfile

import pyblish.api
import pytest
from helpers import FIXTURES, SUITES, answers, free_port, isolated_env, ready, stop_process, wait_for
from standins import dcc

from pyblish_qml import install_dcc
from pyblish_qml.app.main import main

UI_PYTHON = "/opt/studio/ui/bin/python3.11"


@pytest.fixture
def startup(monkeypatch):
    """What a DCC's startup changes (sys.path, the UI's Python variable) is undone afterwards."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    saved = os.environ.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)
    yield
    os.environ.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)  # set by the generated startup code
    if saved is not None:
        os.environ["PYBLISH_QML_PYTHON_EXECUTABLE"] = saved


def install(capsys, *args) -> str:
    assert main(["install-dcc", *args]) == 0
    return capsys.readouterr().out


def test_maya_module_and_user_setup_load_in_the_stand_in(standin, startup, tmp_path, capsys):
    parts = standin("maya")
    out = install(capsys, "maya", "--dest", str(tmp_path / "modules"), "--python", UI_PYTHON)
    mod = tmp_path / "modules" / "pyblish_qml.mod"
    user_setup = tmp_path / "modules" / "pyblish_qml" / "scripts" / "userSetup.py"
    assert "wrote %s" % mod in out and "wrote %s" % user_setup in out
    assert mod.read_text() == "+ pyblish_qml 2.0.0 %s\n" % (tmp_path / "modules" / "pyblish_qml")
    try:
        [(name, version, ran)] = dcc.load_maya_modules([tmp_path / "modules"])
        assert (name, version, ran) == ("pyblish_qml", "2.0.0", user_setup)
        assert os.environ["PYBLISH_QML_PYTHON_EXECUTABLE"] == UI_PYTHON
        assert all(path in sys.path for path in install_dcc.package_paths())
        assert "maya" in pyblish.api.registered_hosts()
        item = parts["modules"]["maya"].menu_items["pyblishQmlPublish"]
        assert item["label"] == "Publish" and item["insertAfter"] == "saveAsItem"
        item["command"]()  # the artist clicks File > Publish
        assert parts["shows"] == [{"ContextLabel": "Maya", "WindowTitle": "Pyblish (Maya)"}]
    finally:
        from pyblish_qml.integrations import maya

        maya.teardown()


def test_houdini_package_json_loads_in_the_stand_in(standin, startup, tmp_path, capsys):
    parts = standin("houdini")
    packages = tmp_path / "houdini20.5" / "packages"
    install(capsys, "houdini", "--dest", str(packages), "--python", UI_PYTHON)
    manifest = json.loads((packages / "pyblish_qml.json").read_text())
    assert manifest["path"] == str(packages / "pyblish_qml")
    assert "env" not in manifest  # a package's PYTHONPATH "prepend" would put the host side before Houdini's Qt
    pythonrc = (packages / "pyblish_qml" / "scripts" / "python" / "pythonrc.py").read_text()
    assert str(packages / "pyblish_qml" / install_dcc.HOST_SITE) in pythonrc  # appended by _pyblish_qml_paths()
    try:
        loaded = dcc.load_houdini_packages(packages)
        assert loaded["houdini_path"] == [packages / "pyblish_qml"]
        assert "houdini" in pyblish.api.registered_hosts()
        assert os.environ["PYBLISH_QML_PYTHON_EXECUTABLE"] == UI_PYTHON
        [menu] = loaded["menus"]
        item = ElementTree.parse(menu).getroot().find("./menuBar/subMenu[@id='file_menu']/scriptItem")
        assert item.findtext("label") == "Publish" and item.findtext("insertAfter") == "h.save_as"
        exec(compile(item.findtext("scriptCode"), str(menu), "exec"), {})  # the artist clicks it
        assert parts["shows"] == [{"ContextLabel": "Houdini", "WindowTitle": "Pyblish (Houdini)"}]
    finally:
        from pyblish_qml.integrations import houdini

        houdini.teardown()


def test_nuke_blocks_keep_the_users_own_init_and_menu(standin, startup, tmp_path, capsys):
    parts = standin("nuke")
    nuke_dir = tmp_path / ".nuke"
    nuke_dir.mkdir()
    (nuke_dir / "menu.py").write_text("STUDIO_MENU = True\n")
    for _ in range(2):  # a second run replaces its block instead of adding another
        install(capsys, "nuke", "--dest", str(nuke_dir), "--python", UI_PYTHON)
    menu = (nuke_dir / "menu.py").read_text()
    assert menu.startswith("STUDIO_MENU = True\n") and menu.count(install_dcc.BEGIN) == 1
    assert (nuke_dir / "init.py").read_text().count(install_dcc.END) == 1
    try:
        dcc.load_nuke(nuke_dir)
        assert os.environ["PYBLISH_QML_PYTHON_EXECUTABLE"] == UI_PYTHON
        file_menu = parts["modules"]["nuke"].file_menu
        assert [i.name() for i in file_menu.items()] == ["New Comp...", "Save Comp As...", "Publish", "Quit"]
        file_menu.findItem("Publish").command()
        assert parts["shows"] == [{"ContextLabel": "Nuke", "WindowTitle": "Pyblish (Nuke)"}]
    finally:
        from pyblish_qml.integrations import nuke

        nuke.teardown()


def test_an_environment_variable_wins_over_the_installed_python(standin, startup, tmp_path, capsys, monkeypatch):
    standin("nuke")
    install(capsys, "nuke", "--dest", str(tmp_path), "--python", UI_PYTHON)
    monkeypatch.setenv("PYBLISH_QML_PYTHON_EXECUTABLE", "/the/artists/python")
    try:
        dcc.load_nuke(tmp_path)
        assert os.environ["PYBLISH_QML_PYTHON_EXECUTABLE"] == "/the/artists/python"
    finally:
        from pyblish_qml.integrations import nuke

        nuke.teardown()


def test_dry_run_prints_and_writes_nothing(tmp_path):
    for name in install_dcc.DCCS:
        dest = tmp_path / name
        out = subprocess.run([sys.executable, "-m", "pyblish_qml", "install-dcc", name, "--dry-run", "--dest",
                              str(dest)], capture_output=True, text=True, check=True, cwd=str(tmp_path))
        assert "would write %s" % dest in out.stdout and "_pyblish_qml_paths()" in out.stdout
        assert not dest.exists()


def test_blender_zip_is_an_add_on(tmp_path, capsys):
    install(capsys, "blender", "--dest", str(tmp_path), "--python", UI_PYTHON)
    archive = zipfile.ZipFile(tmp_path / "pyblish_qml_publish.zip")
    assert archive.namelist() == ["pyblish_qml_publish/__init__.py"]
    source = archive.read("pyblish_qml_publish/__init__.py").decode()
    compile(source, "pyblish_qml_publish/__init__.py", "exec")
    for needed in ("bl_info = {", "def register():", "def unregister():", "AddonPreferences", repr(UI_PYTHON)):
        assert needed in source


def test_unknown_dcc_and_missing_houdini_folder_are_clear_errors(tmp_path, monkeypatch):
    with pytest.raises(install_dcc.InstallError, match="unknown DCC 'max'"):
        install_dcc.plan("max")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("HOUDINI_USER_PREF_DIR", raising=False)
    with pytest.raises(install_dcc.InstallError, match="pass --dest"):
        install_dcc.plan("houdini")
    (tmp_path / "houdini19.5").mkdir()
    (tmp_path / "houdini20.5").mkdir()
    assert install_dcc.plan("houdini")[0].path == str(tmp_path / "houdini20.5" / "packages" / "pyblish_qml.json")


# ------------------------------------------------------------------ Blender, for real, as a user installs it


@pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed (apt-get install blender); "
                    "scripts/bootstrap.sh --test installs it")
@pytest.mark.skipif(not os.environ.get("DISPLAY") or not shutil.which("xdotool"),
                    reason="a GUI Blender needs an X display and xdotool (run under Xvfb)")
def test_blender_add_on_installs_from_preferences_and_file_publish_starts_the_ui(tmp_path):
    """``install-dcc blender`` makes a zip; a fresh Blender profile installs and enables it as the
    Preferences button does; F3 "publish" Enter runs File ▸ Publish…, which starts the UI with
    the Python from the add-on's preferences; it collects and publishes on Blender's main thread."""
    plain = {k: v for k, v in os.environ.items() if k != "PYBLISH_QML_PYTHON_EXECUTABLE"}
    out = subprocess.run([sys.executable, "-m", "pyblish_qml", "install-dcc", "blender", "--dest", str(tmp_path)],
                         capture_output=True, text=True, check=True, env=plain)  # default: this Python
    assert "Preferences > Add-ons > Install" in out.stdout
    zip_path = tmp_path / "pyblish_qml_publish.zip"
    port = free_port()
    env = isolated_env(PYBLISH_QML_PORT=str(port), BLENDER_USER_CONFIG=str(tmp_path / "config"),
                       BLENDER_USER_SCRIPTS=str(tmp_path / "scripts"), PYBLISHPLUGINPATH=str(SUITES / "blender"))
    env.pop("PYBLISH_QML_PYTHON_EXECUTABLE", None)  # the add-on's preference says which Python
    process = subprocess.Popen(["blender", "--factory-startup", "--python", str(FIXTURES / "blender_addon.py"),
                                "--", str(zip_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env, cwd=str(tmp_path))
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % port, allow_none=True)
    ui_pid = None
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("blender window ready"):
                break
        output = "".join(lines)
        [report] = [json.loads(line[len("addon "):]) for line in lines if line.startswith("addon {")] or [None]
        assert report, output
        assert report["file"] == str(tmp_path / "scripts" / "addons" / "pyblish_qml_publish" / "__init__.py")
        assert report["enabled"] is True and report["name"] == "Pyblish QML"
        assert report["menu"] == ["separator", "operator pyblish.qml_publish"]
        assert report["python"] == sys.executable
        assert not answers(proxy)  # no UI yet: File ▸ Publish starts it

        for command in (["mousemove", "800", "500"], ["key", "Escape"], ["key", "F3"],
                        ["type", "--delay", "30", "publish"], ["key", "Return"]):
            subprocess.run(["xdotool", *command], check=True, timeout=30)
        state = wait_for(lambda: answers(proxy) and ready(proxy), 60, "File ▸ Publish… to start the UI and collect")
        ui_pid = proxy.ping()["pid"]
        assert state["instances"] == 4 and [h["name"] for h in state["hosts"]] == ["blender"]
        assert proxy.publish() is True
        state = wait_for(lambda: (s := ready(proxy)) and (s["published"] or s["failed"]) and s, 60, "publish")
        assert state["published"] and not state["failed"]  # its validators assert Blender's main thread
    finally:
        stop_process(process)
        if ui_pid is not None:
            try:
                os.kill(ui_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
