"""Nuke: ``import pyblish_qml.integrations.nuke as p; p.setup()`` in menu.py.

File ▸ Publish sends Nuke's main window id, so the window stays above Nuke; the scene probe is
``nuke.root().modified()``, read on Nuke's main thread through ``executeInMainThread``; the
window's toggles and options are kept in a hidden knob of the root (integrations/keepers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..host import capture as _capture
from ..host import farm_save
from ..host.scene import deferred_probe
from . import keepers, qt_widgets, require, settings, setup_host, show, teardown_host

if TYPE_CHECKING:  # the stubs' types (types-nuke); at run time nuke is imported inside Nuke only
    import nuke as nuke_types

SETTINGS = {"ContextLabel": "Nuke", "WindowTitle": "Pyblish (Nuke)"}

__all__ = ["setup", "teardown", "show", "settings", "main_window_id", "scene_modified", "capture_viewer"]


def main_window_id() -> int | None:
    """Nuke's main window (its one visible QMainWindow) as a native id; None in ``nuke -t``."""
    widgets = qt_widgets()
    application = widgets.QApplication.instance() if widgets is not None else None
    for widget in application.topLevelWidgets() if application is not None else ():
        if widget.inherits("QMainWindow") and widget.isVisible():
            return int(widget.winId())
    return None


def scene_modified() -> bool:
    """The script has unsaved changes (main thread only)."""
    import nuke

    return bool(nuke.root().modified())


def _wrapper_for(nuke):
    """The dispatch wrapper: Nuke takes ``args`` and ``kwargs`` as a tuple and a dict, not spread."""
    def wrapper(func, *args, **kwargs):
        return nuke.executeInMainThreadWithResult(func, args=args, kwargs=kwargs)
    return wrapper


def _file_menu() -> nuke_types.Menu:
    """Nuke's File menu, through Nuke's own menu API (no Qt)."""
    import nuke

    menu_bar = nuke.menu("Nuke")
    file_menu = menu_bar.findItem("File") if menu_bar is not None else None
    if file_menu is None:
        raise RuntimeError("pyblish_qml.integrations.nuke: Nuke has no File menu here (nuke.menu('Nuke'))")
    return file_menu


def setup(menu: bool = True) -> None:
    require("nuke", "Nuke")  # outside Nuke: an ImportError that says so
    import nuke  # after require(), as a plain import: type checkers check the calls (types-nuke)

    setup_host("nuke", _wrapper_for(nuke), SETTINGS, window=main_window_id,  # nuke is looked up once, not per pair
               probe=deferred_probe(scene_modified, lambda read: nuke.executeInMainThread(read)))
    farm_save.register(save_for_farm, "Nuke")  # farmHandoff: the farm opens the saved script
    _capture.register_capture(capture_viewer)  # the window's Capture button (docs/thumbnails.md)
    keepers.register(keepers.nuke_keeper(), keepers.nuke_scene_file)  # toggles and options: a root knob
    if menu:
        file_menu = _file_menu()
        # types-nuke 13.2.8.0 declares Menu.items() -> None; Nuke returns the menu's items (a list)
        entries: list = file_menu.items()  # type: ignore[func-returns-value,assignment]
        items = [item.name() for item in entries]
        index = items.index("Save Comp As...") + 1 if "Save Comp As..." in items else -1
        file_menu.addCommand("Publish", show, index=index)


def save_for_farm(context: Any = None) -> str:
    """``farmHandoff``: save the script the farm will open; a script never saved is refused."""
    require("nuke", "Nuke")
    import nuke

    script = nuke.root().name()
    if not script or script == "Root":  # Nuke names an unsaved script's root "Root"
        raise farm_save.SceneNotSaved("The Nuke script has never been saved: save it, then publish on the farm.")
    nuke.scriptSave()
    return str(script)


def capture_viewer(path: str, instance_name: str | None = None) -> None:
    """The capture hook: the image the active viewer shows (its active input) at the current
    frame, written at ``path`` (PNG, or JPEG by its extension) through a temporary Write node,
    deleted afterwards. Nuke's main thread only (the dispatch runs it there); without a viewer
    showing an image (``nuke -t``, an empty script) it raises and the window says no image came."""
    require("nuke", "Nuke")
    import nuke

    viewer = nuke.activeViewer()
    viewer_node = viewer.node() if viewer is not None else None
    index = viewer.activeInput() if viewer is not None else None
    source = viewer_node.input(index) if viewer_node is not None and index is not None else None
    if source is None:
        raise RuntimeError("Nuke's viewer shows no image: view the node to capture, then press Capture again")
    write = nuke.createNode("Write", inpanel=False)
    try:
        write.setInput(0, source)
        write["file"].setValue(path.replace("\\", "/"))
        write["file_type"].setValue("jpeg" if path.lower().endswith((".jpg", ".jpeg")) else "png")
        frame = int(nuke.frame())
        nuke.execute(write, frame, frame)
    finally:
        nuke.delete(write)


def teardown() -> None:
    require("nuke", "Nuke")
    _capture.deregister_capture()
    keepers.deregister()
    farm_save.unregister()
    file_menu = _file_menu()
    if file_menu.findItem("Publish") is not None:
        file_menu.removeItem("Publish")
    teardown_host("nuke")
