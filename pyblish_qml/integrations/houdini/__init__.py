"""Houdini: ``import pyblish_qml.integrations.houdini as p; p.setup()`` in 123.py/456.py.

The File ▸ Publish item comes from ``MainMenuCommon.xml`` in this folder: put the folder on
``HOUDINI_MENU_PATH`` (or ``HOUDINI_PATH``, followed by ``;&``), see :func:`menu_folder`.
"""

from __future__ import annotations

import os
from typing import Any

from ...host import farm_save
from .. import require, settings, setup_host, show, teardown_host

SETTINGS = {"ContextLabel": "Houdini", "WindowTitle": "Pyblish (Houdini)"}

__all__ = ["setup", "teardown", "show", "settings", "menu_folder"]


def setup(menu: bool = True) -> None:
    hdefereval = require("hdefereval", "Houdini")
    setup_host("houdini", hdefereval.executeInMainThreadWithResult, SETTINGS)
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
