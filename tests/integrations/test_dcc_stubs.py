"""The DCC integrations type-check against the DCCs' published stubs (mypy, from the test extras):
types-maya 0.6.1 (Maya 2025's maya.cmds/mel/utils), types-nuke 13.2.8.0 (Nuke 13.2v8) and
types-houdini 21.0.512.3 (Houdini 21.0.512's ``hou``; it has no ``hdefereval``, the one Houdini
module the integration calls). A deliberately wrong DCC call in a temporary copy fails the check,
so a passing check means the calls were really checked against the stubs."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pyblish_qml import install_dcc

STUBS = {"maya": "types-maya", "nuke": "types-nuke", "hou": "types-houdini"}
MODULES = ["pyblish_qml/integrations/__init__.py", "pyblish_qml/integrations/maya.py",
           "pyblish_qml/integrations/nuke.py", "pyblish_qml/integrations/houdini/__init__.py",
           "pyblish_qml/integrations/blender.py", "pyblish_qml/integrations/keepers.py"]
CONFIG = """[mypy]
follow_imports = silent
warn_unused_ignores = True
# pyblish-base has no types; hdefereval (Houdini's main-thread call) is in no published stub
[mypy-pyblish.*]
ignore_missing_imports = True
[mypy-hdefereval]
ignore_missing_imports = True
"""


@pytest.fixture(scope="module")
def checker() -> list[str]:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed (pip install -e '.[test]')")
    missing = [package for module, package in STUBS.items() if importlib.util.find_spec(module) is None
               and importlib.util.find_spec(module + "-stubs") is None and not _stub_folder(module)]
    assert not missing, "stub packages missing: %s (pip install -e '.[test]')" % ", ".join(missing)
    return [sys.executable, "-m", "mypy", "--no-incremental"]


def _stub_folder(module: str) -> bool:
    return any((Path(path) / (module + "-stubs")).is_dir() for path in sys.path if path)


def host_copy(folder: Path) -> Path:
    """The host side as install-dcc copies it: what a DCC imports, and nothing of the UI."""
    for relative, source in install_dcc.host_side_files().items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / "mypy.ini").write_text(CONFIG)
    return folder


def mypy(checker: list[str], folder: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("MYPYPATH", "PYTHONPATH")}
    return subprocess.run(checker + ["--config-file", "mypy.ini", *MODULES], capture_output=True, text=True,
                          cwd=str(folder), env=env, timeout=300)


def test_the_integrations_type_check_against_the_dcc_stubs(checker, tmp_path):
    out = mypy(checker, host_copy(tmp_path))
    success = "Success: no issues found in %d source files" % len(MODULES)
    assert out.returncode == 0 and success in out.stdout, out.stdout + out.stderr


WRONG_CALLS = [  # (module, right, wrong, the checker's error)
    ("maya", 'label="Publish", command', 'lable="Publish", command', 'No overload variant of "menuItem"'),
    ("maya", "maya.utils.executeDeferred(_add_menu)", "maya.utils.executeDeferred(_add_menu, 1)",
     'No overload variant of "executeDeferred" matches argument types "Callable[[], None]", "int"'),
    ("nuke", 'file_menu.findItem("Publish")', 'file_menu.findItems("Publish")', 'has no attribute "findItems"'),
    ("keepers", "root.setModified(modified)", "root.setModified(str(modified))", 'incompatible type "str"'),
    ("keepers", "root().setUserData(NAME, as_json(value))", "root().setUserData(NAME)",
     'Missing positional argument "value" in call to "setUserData"'),
    ("houdini/__init__", "options.frameRange((frame, frame))", "options.frameRange(frame, frame)",
     'Too many arguments for "frameRange"'),
]


def test_wrong_dcc_calls_fail_the_check(checker, tmp_path):
    """One copy with every wrong call (one checker run: the Maya stub alone is 40,000 lines)."""
    folder = host_copy(tmp_path)
    for module, right, wrong, _ in WRONG_CALLS:
        path = folder / "pyblish_qml" / "integrations" / (module + ".py")
        source = path.read_text()
        assert right in source
        path.write_text(source.replace(right, wrong))
    out = mypy(checker, folder)
    assert out.returncode == 1, out.stdout + out.stderr
    for module, _, _, error in WRONG_CALLS:
        assert [line for line in out.stdout.splitlines() if line.startswith("pyblish_qml/integrations/%s.py:" % module)
                and error in line], (error, out.stdout)
