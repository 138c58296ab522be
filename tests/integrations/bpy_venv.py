"""The bpy 5.x leg's interpreter: a Python 3.13 venv with ``bpy`` from PyPI, cached between runs.

bpy is ~400 MB, so the venv lives outside the work tree in ``~/.cache/pyblish-qml/bpy-venv/``
(``$PYBLISH_QML_BPY_CACHE`` overrides), keyed by the bpy and Python versions: a CI rerun on the
same machine reuses it. ``python tests/integrations/bpy_venv.py`` makes it ahead of time
(``scripts/bootstrap.sh --test`` does); the test makes it lazily otherwise. The project's own
host side and pyblish-base are not installed into it: the extension brings them, as
``install-dcc blender`` makes it for a DCC.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BPY_VERSION = "5.3.0"  # bpy >= 5.1 is built for CPython 3.13 only
PYTHON_MINOR = (3, 13)


def cache_root() -> Path:
    return Path(os.environ.get("PYBLISH_QML_BPY_CACHE") or Path.home() / ".cache" / "pyblish-qml" / "bpy-venv")


def find_python313() -> str | None:
    """The newest ~/.pyenv/versions/3.13.*, else python3.13 on PATH."""
    found = sorted(Path.home().glob(".pyenv/versions/3.13*/bin/python3.13"),
                   key=lambda path: [int(p) for p in path.parts[-3].replace("-", ".").split(".") if p.isdigit()])
    if found:
        return str(found[-1])
    from shutil import which

    return which("python3.13")


def venv_dir() -> Path:
    return cache_root() / ("bpy-%s-py%d.%d" % ((BPY_VERSION,) + PYTHON_MINOR))


def venv_python() -> Path:
    return venv_dir() / "bin" / "python"


def ready() -> bool:
    """True once the venv finished installing (the stamp is written last)."""
    return (venv_dir() / "ready.stamp").is_file()


def ensure(timeout: float = 1800.0) -> Path:
    """Make (or reuse) the venv; its python. Raises when Python 3.13 is missing or pip fails."""
    if ready():
        return venv_python()
    base = find_python313()
    if base is None:
        raise FileNotFoundError("no CPython 3.13 (looked in ~/.pyenv/versions/3.13* and on PATH); bpy %s "
                                "needs it" % BPY_VERSION)
    venv = venv_dir()
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([base, "-m", "venv", "--clear", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv_python()), "-m", "pip", "install", "-q", "bpy==%s" % BPY_VERSION],
                   check=True, timeout=timeout)
    (venv / "ready.stamp").write_text(BPY_VERSION + "\n")
    return venv_python()


if __name__ == "__main__":
    try:
        print("bpy venv: %s" % ensure())
    except FileNotFoundError as error:
        print("bpy venv: skipped: %s" % error, file=sys.stderr)
