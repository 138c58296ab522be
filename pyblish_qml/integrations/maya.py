"""Maya: ``import pyblish_qml.integrations.maya as p; p.setup()`` in userSetup.py."""

from __future__ import annotations

from . import require, settings, setup_host, show, teardown_host

MENU_ITEM = "pyblishQmlPublish"
SETTINGS = {"ContextLabel": "Maya", "WindowTitle": "Pyblish (Maya)"}

__all__ = ["setup", "teardown", "show", "settings"]


def setup(menu: bool = True) -> None:
    utils = require("maya.utils", "Maya")
    setup_host("maya", utils.executeInMainThreadWithResult, SETTINGS)
    if menu:
        # The File menu is built lazily on startup; add ours once Maya is idle.
        utils.executeDeferred(_add_menu)


def _add_menu() -> None:
    cmds = require("maya.cmds", "Maya")
    mel = require("maya.mel", "Maya")
    file_menu = mel.eval("$tmp = $gMainFileMenu")
    mel.eval("buildFileMenu")  # populate it, so we can place ourselves after Save Scene As
    if cmds.menuItem(MENU_ITEM, exists=True):
        cmds.deleteUI(MENU_ITEM, menuItem=True)
    after = "saveAsItem" if cmds.menuItem("saveAsItem", exists=True) else None
    kwargs = {"insertAfter": after} if after else {}
    cmds.menuItem(MENU_ITEM, parent=file_menu, label="Publish", command=lambda *_: show(), **kwargs)


def _remove_menu() -> None:
    cmds = require("maya.cmds", "Maya")
    if cmds.menuItem(MENU_ITEM, exists=True):
        cmds.deleteUI(MENU_ITEM, menuItem=True)


def teardown() -> None:
    utils = require("maya.utils", "Maya")
    utils.executeInMainThreadWithResult(_remove_menu)  # Maya's UI belongs to its main thread
    teardown_host("maya")
