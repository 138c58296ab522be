"""Maya: ``import pyblish_qml.integrations.maya as p; p.setup()`` in userSetup.py.

File ▸ Publish sends Maya's main window id, so the window stays above Maya; the scene probe is
``cmds.file(q=True, modified=True)``, read on Maya's main thread through ``executeDeferred``; the
window's toggles and options are kept in the scene's ``fileInfo`` (integrations/keepers.py).
"""

from __future__ import annotations

from typing import Any

from ..host import capture as _capture
from ..host import farm_save
from ..host.scene import deferred_probe
from . import keepers, qt_widgets, require, settings, setup_host, show, teardown_host

MENU_ITEM = "pyblishQmlPublish"
SETTINGS = {"ContextLabel": "Maya", "WindowTitle": "Pyblish (Maya)"}

__all__ = ["setup", "teardown", "show", "settings", "main_window_id", "scene_modified", "capture_playblast"]
CAPTURE_SIZE = (640, 360)  # the window keeps at most 1024 px a side; a row shows 34x20


def main_window_id() -> int | None:
    """Maya's main window's native id (``MQtUtil.mainWindow()``); None in mayapy (no UI)."""
    import maya.OpenMayaUI as omui

    pointer = omui.MQtUtil.mainWindow()  # type: ignore[attr-defined] # types-maya 0.6.1 lacks MQtUtil
    widgets = qt_widgets()
    if pointer is None or widgets is None:
        return None
    try:
        from shiboken6 import wrapInstance
    except ImportError:  # Maya 2017-2024: PySide2
        from shiboken2 import wrapInstance  # type: ignore[import-not-found,no-redef]
    window: Any = wrapInstance(int(pointer), widgets.QWidget)  # a QWidget; the stubs say Object
    return int(window.winId())


def scene_modified() -> bool:
    """Maya's own "the scene has unsaved changes" (main thread only)."""
    import maya.cmds as cmds

    return bool(cmds.file(q=True, modified=True))


def setup(menu: bool = True) -> None:
    require("maya.utils", "Maya")  # outside Maya: an ImportError that says so
    import maya.utils  # after require(), as a plain import: type checkers check the calls (types-maya)

    setup_host("maya", maya.utils.executeInMainThreadWithResult, SETTINGS, window=main_window_id,
               probe=deferred_probe(scene_modified, lambda read: maya.utils.executeDeferred(read)))
    farm_save.register(save_for_farm, "Maya")  # farmHandoff: the farm opens the saved scene
    _capture.register_capture(capture_playblast)  # the window's Capture button (docs/thumbnails.md)
    keepers.register(keepers.maya_keeper(), keepers.maya_scene_file)  # toggles and options in fileInfo
    if menu:
        # The File menu is built lazily on startup; add ours once Maya is idle.
        maya.utils.executeDeferred(_add_menu)


def _add_menu() -> None:
    require("maya.cmds", "Maya")
    import maya.cmds as cmds
    import maya.mel as mel

    file_menu = mel.eval("$tmp = $gMainFileMenu")
    mel.eval("buildFileMenu")  # populate it, so we can place ourselves after Save Scene As
    if cmds.menuItem(MENU_ITEM, exists=True):
        cmds.deleteUI(MENU_ITEM, menuItem=True)
    if cmds.menuItem("saveAsItem", exists=True):
        cmds.menuItem(MENU_ITEM, parent=file_menu, label="Publish", command=lambda *_: show(), insertAfter="saveAsItem")
    else:  # insertAfter="" would put it first
        cmds.menuItem(MENU_ITEM, parent=file_menu, label="Publish", command=lambda *_: show())


def _remove_menu() -> None:
    require("maya.cmds", "Maya")
    import maya.cmds as cmds

    if cmds.menuItem(MENU_ITEM, exists=True):
        cmds.deleteUI(MENU_ITEM, menuItem=True)


def save_for_farm(context: Any = None) -> str:
    """``farmHandoff``: save the scene the farm will open; a scene never saved is refused."""
    require("maya.cmds", "Maya")
    import maya.cmds as cmds

    scene = cmds.file(query=True, sceneName=True)
    if not scene:
        raise farm_save.SceneNotSaved("The Maya scene has never been saved: save it, then publish on the farm.")
    cmds.file(save=True, force=True)
    return str(scene)


def capture_playblast(path: str, instance_name: str | None = None) -> None:
    """The capture hook: a one-frame playblast of the active viewport at the current frame,
    written at ``path`` (PNG, or JPEG by its extension). Off screen, without the HUD; Maya's main
    thread only (the dispatch runs it there). mayapy has no viewport: the playblast raises and
    the window says no image came."""
    require("maya.cmds", "Maya")
    import maya.cmds as cmds

    frame = float(cmds.currentTime(query=True))  # type: ignore[call-arg] # types-maya 0.6.1 lacks its query flag
    image_format = "jpg" if path.lower().endswith((".jpg", ".jpeg")) else "png"
    width, height = CAPTURE_SIZE
    cmds.playblast(frame=frame, format="image", compression=image_format, completeFilename=path,
                   widthHeight=(width, height), percent=100, quality=90, viewer=False, offScreen=True,
                   showOrnaments=False, forceOverwrite=True)


def teardown() -> None:
    _capture.deregister_capture()
    keepers.deregister()
    farm_save.unregister()
    require("maya.utils", "Maya")
    import maya.utils

    maya.utils.executeInMainThreadWithResult(_remove_menu)  # Maya's UI belongs to its main thread
    teardown_host("maya")
