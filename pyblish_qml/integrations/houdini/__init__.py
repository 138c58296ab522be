"""Houdini: ``import pyblish_qml.integrations.houdini as p; p.setup()`` in 123.py/456.py.

The File ▸ Publish item comes from ``MainMenuCommon.xml`` in this folder: put the folder on
``HOUDINI_MENU_PATH`` (or ``HOUDINI_PATH``, followed by ``;&``), see :func:`menu_folder`.
File ▸ Publish sends Houdini's main window id (``hou.qt.mainWindow()``), so the window stays above
Houdini; the scene probe is ``hou.hipFile.hasUnsavedChanges()``, read through
``hdefereval.executeDeferred``.
"""

from __future__ import annotations

import os
from typing import Any

from ...host import farm_save
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
    farm_save.register(save_for_farm, "Houdini")  # farmHandoff: the farm opens the saved .hip


def save_for_farm(context: Any = None) -> str:
    """``farmHandoff``: save the .hip the farm will open; a file never saved is refused."""
    require("hou", "Houdini")
    import hou

    if hou.hipFile.isNewFile():
        raise farm_save.SceneNotSaved("The Houdini file has never been saved: save it as a .hip, "
                                      "then publish on the farm.")
    hou.hipFile.save()
    return str(hou.hipFile.path())


def teardown() -> None:
    farm_save.unregister()
    teardown_host("houdini")


def menu_folder() -> str:
    """The folder holding MainMenuCommon.xml, for HOUDINI_MENU_PATH."""
    return os.path.dirname(os.path.abspath(__file__))
