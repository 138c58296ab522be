"""Houdini: ``import pyblish_qml.integrations.houdini as p; p.setup()`` in 123.py/456.py.

The File ▸ Publish item comes from ``MainMenuCommon.xml`` in this folder: put the folder on
``HOUDINI_MENU_PATH`` (or ``HOUDINI_PATH``, followed by ``;&``), see :func:`menu_folder`.
File ▸ Publish sends Houdini's main window id (``hou.qt.mainWindow()``), so the window stays above
Houdini; the scene probe is ``hou.hipFile.hasUnsavedChanges()``, read through
``hdefereval.executeDeferred``.
"""

from __future__ import annotations

import os

from ...host.scene import deferred_probe
from .. import require, settings, setup_host, show, teardown_host

SETTINGS = {"ContextLabel": "Houdini", "WindowTitle": "Pyblish (Houdini)"}

__all__ = ["setup", "teardown", "show", "settings", "menu_folder", "main_window_id", "scene_modified"]


def main_window_id() -> int | None:
    """Houdini's main window as a native id; None in hython (no UI)."""
    import hou

    if not hou.isUIAvailable():
        return None
    return int(hou.qt.mainWindow().winId())


def scene_modified() -> bool:
    """The hip file has unsaved changes (main thread only)."""
    import hou

    return bool(hou.hipFile.hasUnsavedChanges())


def setup(menu: bool = True) -> None:
    hdefereval = require("hdefereval", "Houdini")
    setup_host("houdini", hdefereval.executeInMainThreadWithResult, SETTINGS, window=main_window_id,
               probe=deferred_probe(scene_modified, lambda read: hdefereval.executeDeferred(read)))


def teardown() -> None:
    teardown_host("houdini")


def menu_folder() -> str:
    """The folder holding MainMenuCommon.xml, for HOUDINI_MENU_PATH."""
    return os.path.dirname(os.path.abspath(__file__))
