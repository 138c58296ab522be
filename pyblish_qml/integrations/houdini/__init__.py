"""Houdini: ``import pyblish_qml.integrations.houdini as p; p.setup()`` in 123.py/456.py.

The File ▸ Publish item comes from ``MainMenuCommon.xml`` in this folder: put the folder on
``HOUDINI_MENU_PATH`` (or ``HOUDINI_PATH``, followed by ``;&``), see :func:`menu_folder`.
"""

from __future__ import annotations

import os

from .. import require, settings, setup_host, show, teardown_host

SETTINGS = {"ContextLabel": "Houdini", "WindowTitle": "Pyblish (Houdini)"}

__all__ = ["setup", "teardown", "show", "settings", "menu_folder"]


def setup(menu: bool = True) -> None:
    hdefereval = require("hdefereval", "Houdini")
    setup_host("houdini", hdefereval.executeInMainThreadWithResult, SETTINGS)


def teardown() -> None:
    teardown_host("houdini")


def menu_folder() -> str:
    """The folder holding MainMenuCommon.xml, for HOUDINI_MENU_PATH."""
    return os.path.dirname(os.path.abspath(__file__))
