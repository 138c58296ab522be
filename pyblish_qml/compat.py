"""Refuse to run the UI where it cannot work, with one clear line saying what to do.

The UI needs Python >= 3.10, and refuses PySide6 6.12.0 on Python < 3.12 (it crashes on emit).

Host-side code (3.7+) imports this module too, so it keeps to Python 3.7 and imports nothing
of the UI's.
"""

from __future__ import annotations

import sys

UI_MIN_PYTHON = (3, 10)
PYTHON_VARIABLE = "PYBLISH_QML_PYTHON_EXECUTABLE"


def ui_python_problem(version: tuple = None) -> str | None:
    """Why this interpreter cannot run the UI, or None. The host side runs on 3.7+; the UI needs 3.10+."""
    found = tuple(version or sys.version_info[:2])
    if found >= UI_MIN_PYTHON:
        return None
    return ("the pyblish-qml UI needs Python >= %d.%d and this is Python %d.%d (it runs the host side only): "
            "set %s to a Python >= %d.%d that has pyblish-qml installed with its UI (pip install pyblish-qml)"
            % (UI_MIN_PYTHON + found[:2] + (PYTHON_VARIABLE,) + UI_MIN_PYTHON))


def broken_pyside() -> str | None:
    """A reason not to start, or None. Checked before PySide6 is imported."""
    from importlib import metadata  # 3.8+: only reached once ui_python_problem() passed

    try:
        found = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        try:
            found = metadata.version("PySide6")
        except metadata.PackageNotFoundError:
            return ("PySide6 is not installed; install it with: pip install 'PySide6-Essentials>=6.10,!=6.12.0'")
    if found == "6.12.0" and sys.version_info < (3, 12):
        return ("PySide6 6.12.0 on Python %d.%d corrupts the reference count of True on every signal emit "
                "and crashes after a few thousand; install 6.11.3 (pip install 'PySide6-Essentials==6.11.3') "
                "or use Python 3.12+" % sys.version_info[:2])
    return None
