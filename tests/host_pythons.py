"""Other CPythons (3.7-3.13, as DCCs embed them) with pyblish-qml pip-installed from the wheel.

Each interpreter gets a venv in ``.venv-hosts/3.N`` (kept between runs; the wheel is reinstalled
every session), found under ``~/.pyenv/versions`` or on PATH. A missing one is skipped with a
notice, except 3.7 and 3.9 under ``CI=true``, which fail the run: those are the DCC Pythons
(Maya 2022, Nuke 13; Maya 2023, Houdini 19.5) the host side must keep working in.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import REPO

MINORS = [(3, minor) for minor in range(7, 14)]
REQUIRED_IN_CI = {(3, 7), (3, 9)}
UI_MIN = (3, 10)
VENVS = REPO / ".venv-hosts"


def ids(minor: tuple) -> str:
    return "py%d.%d" % minor


def find_python(minor: tuple) -> str | None:
    name = "python%d.%d" % minor
    found = sorted(Path.home().glob(".pyenv/versions/%d.%d.*/bin/%s" % (minor + (name,))),
                   key=lambda path: [int(part) for part in path.parts[-3].split(".") if part.isdigit()])
    return str(found[-1]) if found else shutil.which(name)


def require_python(minor: tuple) -> str:
    python = find_python(minor)
    if python is None:
        message = "no CPython %d.%d on this machine (looked in ~/.pyenv/versions and on PATH)" % minor
        if os.environ.get("CI") == "true" and minor in REQUIRED_IN_CI:
            pytest.fail(message + "; CI requires 3.7 and 3.9, the oldest DCC Pythons", pytrace=False)
        pytest.skip(message)
    return python


def host_side_modules() -> list[str]:
    """The modules that must run in a DCC's Python: those ruff checks as py37 (pyproject.toml)."""
    text = (REPO / "pyproject.toml").read_text()  # no tomllib: the main venv may be 3.10
    section = text.split("[tool.ruff.per-file-target-version]", 1)[1].split("\n[", 1)[0]
    patterns = dict(re.findall(r'^"([^"]+)"\s*=\s*"([^"]+)"', section, re.MULTILINE))
    assert patterns, "pyproject.toml has no [tool.ruff.per-file-target-version] entries"
    modules = set()
    for pattern, version in patterns.items():
        assert version == "py37", pattern
        for path in REPO.glob(pattern):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules.add(".".join(parts))
    return sorted(modules)


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    out = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    if out.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (" ".join(map(str, command)), out.returncode,
                                                         out.stdout[-3000:], out.stderr[-3000:]))
    return out


def build_dist(out: Path) -> dict:
    """The wheel and sdist, built with the main venv's Python, as a release would be."""
    run([sys.executable, "-m", "build", "-o", out, REPO])
    [wheel] = out.glob("pyblish_qml-*.whl")
    [sdist] = out.glob("pyblish_qml-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def install_wheel(minor: tuple, wheel: Path) -> Path:
    """``pip install <wheel>`` (with its dependencies) into this interpreter's venv; its python."""
    python = require_python(minor)
    venv = VENVS / ("%d.%d" % minor)
    interpreter = venv / "bin" / "python"
    if not interpreter.exists():
        run([python, "-m", "venv", "--clear", venv])
    # The version number does not change between runs: without the uninstall pip keeps the old copy.
    run([interpreter, "-m", "pip", "uninstall", "-y", "-q", "pyblish-qml"])
    run([interpreter, "-m", "pip", "install", "-q", wheel])
    return interpreter


_session: dict = {}


def session_dist() -> dict:
    """The wheel and sdist, built once per test session (several test files install them)."""
    if "dist" not in _session:
        _session["dist"] = build_dist(Path(tempfile.mkdtemp(prefix="pyblish-qml-dist-")))
    return _session["dist"]


def session_python(minor: tuple) -> Path:
    """This interpreter's venv with the session's wheel installed, once per session."""
    if minor not in _session:
        _session[minor] = install_wheel(minor, session_dist()["wheel"])
    return _session[minor]
