"""The DCC gets the host side only: ``install-dcc`` writes a folder with ``pyblish_qml``'s host
modules and ``pyblish`` and appends it to the DCC's ``sys.path``; the UI venv's PySide6 (or any Qt
binding) never becomes importable through it and never shadows the DCC's own Qt."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pyblish_qml import install_dcc

HOSTS = Path(__file__).parent / "hosts"
BINDINGS = ("PySide6", "shiboken6", "PySide2", "shiboken2", "PyQt5", "PyQt6")
UI_PYTHON = "/opt/studio/ui/bin/python3.11"


def site_of(outputs: list[install_dcc.Output]) -> Path:
    [marker] = [Path(o.path) for o in outputs if o.path.endswith(install_dcc.HOST_MARKER)]
    return marker.parent


@pytest.mark.parametrize("dcc", ["maya", "houdini", "nuke", "blender"])
def test_the_host_only_folder_holds_pyblish_qml_and_pyblish_and_no_qt(dcc, tmp_path):
    outputs = install_dcc.plan(dcc, str(tmp_path / dcc), UI_PYTHON, blender="addon")
    install_dcc.write(outputs)
    site = site_of(outputs)
    assert sorted(p.name for p in site.iterdir()) == sorted([install_dcc.HOST_MARKER, "pyblish", "pyblish_qml"])
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith((".so", ".pyd", ".dll", ".dylib", ".pyc"))]  # no compiled modules
    for binding in BINDINGS:  # not through the folder, at any depth
        assert importlib.machinery.PathFinder.find_spec(binding, [str(site)]) is None
    assert not [f for f in files if f.startswith(("pyblish_qml/app/", "pyblish_qml/demo/", "pyblish_qml/qml"))]
    sources = "\n".join((site / f).read_text() for f in files if f.startswith("pyblish_qml/") and f.endswith(".py"))
    assert "import PySide6" not in sources and "from PySide6" not in sources
    assert "pyblish_qml/integrations/houdini/MainMenuCommon.xml" in files and "pyblish/api.py" in files


def test_a_rerun_replaces_the_folder_whole(tmp_path):
    outputs = install_dcc.plan("nuke", str(tmp_path), UI_PYTHON)
    install_dcc.write(outputs)
    stale = site_of(outputs) / "pyblish_qml" / "removed_in_this_version.py"
    stale.write_text("raise ImportError\n")
    install_dcc.write(install_dcc.plan("nuke", str(tmp_path), UI_PYTHON))
    assert not stale.exists() and (site_of(outputs) / "pyblish_qml" / "api.py").is_file()


def _dcc_site(folder: Path) -> Path:
    """What a DCC ships: its own Qt (Maya 2025 and Houdini 20.5 bring PySide6 and shiboken6,
    Nuke 15 PySide2) and, for the userSetup.py stand-in, a ``maya.utils``."""
    for binding in ("PySide6", "shiboken6", "PySide2"):
        (folder / binding).mkdir(parents=True)
        (folder / binding / "__init__.py").write_text("DCC_OWN = True\n")
    (folder / "maya").mkdir()
    (folder / "maya" / "__init__.py").write_text("")
    (folder / "maya" / "utils.py").write_text("def executeInMainThreadWithResult(func, *a, **k):\n"
                                              "    return func(*a, **k)\n\n\n"
                                              "def executeDeferred(func, *a):\n    return None\n")
    return folder


@pytest.mark.parametrize("dcc,startup", [("maya", "pyblish_qml/scripts/userSetup.py"),
                                         ("houdini", "pyblish_qml/scripts/python/pythonrc.py"),
                                         ("nuke", "init.py")])
def test_the_dccs_startup_appends_the_folder_and_keeps_the_dccs_own_qt(dcc, startup, tmp_path):
    """The generated startup file, run by a Python that has only the standard library and the
    DCC's own modules (``-I -S``: not this venv's site-packages, where PySide6 is)."""
    outputs = install_dcc.plan(dcc, str(tmp_path / "dest"), UI_PYTHON)
    install_dcc.write(outputs)
    site = site_of(outputs)
    dcc_site = _dcc_site(tmp_path / "dcc-site")
    out = subprocess.run([sys.executable, "-I", "-S", str(HOSTS / "dcc_startup.py"), str(dcc_site),
                          str(tmp_path / "dest" / startup)], capture_output=True, text=True, cwd=str(tmp_path),
                         env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)}, timeout=60)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["path"][-1] == str(site) and report["path"].count(str(site)) == 1  # appended, once
    assert report["path"].index(str(dcc_site)) < report["path"].index(str(site))
    modules = report["modules"]
    for name in ("PySide6", "shiboken6", "PySide2"):
        assert modules[name] == str(dcc_site / name / "__init__.py")  # the DCC's own, not the UI's
    assert modules["PyQt5"] is None
    for name in ("pyblish_qml", "pyblish", "pyblish_qml.api", "pyblish_qml.host.__main__"):
        assert modules[name].startswith(str(site) + os.sep), (name, modules[name])
    assert report["qt_loaded"] == []  # the host side imports no Qt, not even the DCC's
