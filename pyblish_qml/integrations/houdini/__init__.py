"""Houdini: ``import pyblish_qml.integrations.houdini as p; p.setup()`` in 123.py/456.py.

The File ▸ Publish item comes from ``MainMenuCommon.xml`` in this folder: put the folder on
``HOUDINI_MENU_PATH`` (or ``HOUDINI_PATH``, followed by ``;&``), see :func:`menu_folder`.
File ▸ Publish sends Houdini's main window id (``hou.qt.mainWindow()``), so the window stays above
Houdini; the scene probe is ``hou.hipFile.hasUnsavedChanges()``, read through
``hdefereval.executeDeferred``; the window's toggles and options are kept in the root node's user
data (integrations/keepers.py); the window's Capture button flipbooks one frame of the Scene View.
"""

from __future__ import annotations

import os
from typing import Any

from ...host import capture as _capture
from ...host import farm_save
from ...host.scene import deferred_probe
from .. import keepers, require, settings, setup_host, show, teardown_host

SETTINGS = {"ContextLabel": "Houdini", "WindowTitle": "Pyblish (Houdini)"}

__all__ = ["setup", "teardown", "show", "settings", "menu_folder", "main_window_id", "scene_modified",
           "capture_flipbook"]
CAPTURE_SIZE = (640, 360)  # the window keeps at most 1024 px a side; a row shows 34x20


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
    _capture.register_capture(capture_flipbook)  # the window's Capture button (docs/thumbnails.md)
    keepers.register(keepers.houdini_keeper(), keepers.houdini_scene_file)  # toggles and options: user data


def save_for_farm(context: Any = None) -> str:
    """``farmHandoff``: save the .hip the farm will open; a file never saved is refused."""
    require("hou", "Houdini")
    import hou

    if hou.hipFile.isNewFile():
        raise farm_save.SceneNotSaved("The Houdini file has never been saved: save it as a .hip, "
                                      "then publish on the farm.")
    hou.hipFile.save()
    return str(hou.hipFile.path())


def capture_flipbook(path: str, instance_name: str | None = None) -> None:
    """The capture hook: a one-frame flipbook of the Scene View's current viewport at the current
    frame, written at ``path`` (PNG, or JPEG by its extension), not sent to MPlay. Houdini's main
    thread only (the dispatch runs it there); hython has no viewport: it raises, and the window
    says no image came."""
    require("hou", "Houdini")
    import hou

    if not hou.isUIAvailable():
        raise RuntimeError("Houdini runs without its window here (hython): there is no viewport to capture")
    viewer = hou.ui.paneTabOfType(hou.paneTabType.SceneViewer)
    if not isinstance(viewer, hou.SceneViewer):
        raise RuntimeError("Houdini shows no Scene View: open one, then press Capture again")
    options = viewer.flipbookSettings().stash()  # a copy: the artist's own flipbook settings stay
    frame = hou.frame()
    options.output(path.replace("\\", "/"))
    options.outputToMPlay(False)
    options.frameRange((frame, frame))
    options.useResolution(True)
    options.resolution(CAPTURE_SIZE)
    viewer.flipbook(viewer.curViewport(), options)
    if not os.path.isfile(path):
        raise RuntimeError("Houdini's flipbook wrote no image at %s" % path)


def teardown() -> None:
    _capture.deregister_capture()
    keepers.deregister()
    farm_save.unregister()
    teardown_host("houdini")


def menu_folder() -> str:
    """The folder holding MainMenuCommon.xml, for HOUDINI_MENU_PATH."""
    return os.path.dirname(os.path.abspath(__file__))
