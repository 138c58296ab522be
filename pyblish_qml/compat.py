"""Refuse to run on a Qt binding that is known to crash (PySide6 6.12.0 on Python < 3.12), with a clear remedy."""

from __future__ import annotations

import sys
from importlib import metadata


def broken_pyside() -> str | None:
    """A reason not to start, or None. Checked before PySide6 is imported."""
    try:
        found = metadata.version("PySide6-Essentials")
    except metadata.PackageNotFoundError:
        try:
            found = metadata.version("PySide6")
        except metadata.PackageNotFoundError:
            return ("PySide6 is not installed; install it with: pip install 'PySide6-Essentials>=6.6,!=6.12.0'")
    if found == "6.12.0" and sys.version_info < (3, 12):
        return ("PySide6 6.12.0 on Python %d.%d corrupts the reference count of True on every signal emit "
                "and crashes after a few thousand; install 6.11.3 (pip install 'PySide6-Essentials==6.11.3') "
                "or use Python 3.12+" % sys.version_info[:2])
    return None
