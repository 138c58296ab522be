"""Stand-ins for Maya, Nuke and Houdini that are faithful where it matters to us: threads.

A DCC has one main thread that owns the scene. :class:`MainThread` is a real thread running
an event loop; ``executeInMainThreadWithResult`` posts to it and blocks for the result, exactly
like the real calls, and the scene raises if touched from any other thread. Menus record
what was added so tests can click them.
"""

from __future__ import annotations

import json
import runpy
import sys
import threading
import types
from concurrent.futures import Future
from pathlib import Path

from pyblish_qml.host.dispatch import WorkerThread

from . import dcc_scenes


class MainThread(WorkerThread):
    """The DCC's main thread: a real thread draining a queue of calls, one at a time."""

    def __init__(self, name: str):
        super().__init__("%s-main" % name)

    def call(self, func, *args, **kwargs):
        return self(func, *args, **kwargs)

    def post(self, func, *args, **kwargs) -> None:
        """Run ``func`` on the main thread later, without waiting (``executeDeferred``)."""
        self._queue.put((func, args, kwargs, Future()))


class Scene:
    """The DCC's scene: only the main thread may touch it."""

    def __init__(self, main: MainThread, nodes):
        self.main = main
        self._nodes = list(nodes)
        self.touched_from: list[str] = []

    def nodes(self):
        self.touched_from.append(threading.current_thread().name)
        if threading.current_thread() is not self.main.thread:
            raise RuntimeError("scene touched from %s, not the main thread" % threading.current_thread().name)
        return list(self._nodes)


def scene_module(scene: Scene) -> types.ModuleType:
    module = types.ModuleType("dcc_scene")
    module.nodes = scene.nodes
    module.scene = scene
    return module


def maya(main: MainThread, file_info: dict | None = None, scene_name: str = "") -> dict[str, types.ModuleType]:
    """Maya; ``file_info``: the fileInfo of the scene it opened, ``scene_name`` its file ("" untitled)."""
    items: dict[str, dict] = {}
    deferred: list = []
    maya_pkg = types.ModuleType("maya")
    utils = types.ModuleType("maya.utils")
    utils.executeInMainThreadWithResult = main.call
    utils.executeDeferred = lambda func, *a: deferred.append((func, a)) or main.call(func, *a)
    cmds = types.ModuleType("maya.cmds")

    def menu_item(name=None, exists=False, parent=None, label=None, command=None, insertAfter=None):
        if threading.current_thread() is not main.thread:
            raise RuntimeError("Maya UI touched off the main thread")
        if exists:
            return name in items
        items[name] = {"parent": parent, "label": label, "command": command, "insertAfter": insertAfter}
        return name

    cmds.menuItem = menu_item
    cmds.deleteUI = lambda name, menuItem=False: items.pop(name)
    cmds.fileInfo = dcc_scenes.FileInfo(main, file_info)

    def file(*args, query=False, q=False, sceneName=False, modified=None, **flags):
        cmds.fileInfo.touch()
        if (query or q) and sceneName:
            return scene_name
        if (query or q) and modified:
            return cmds.fileInfo.modified
        if not (query or q) and modified is not None and not args and not flags:  # file -modified: set the flag
            cmds.fileInfo.modified = bool(modified)
            return None
        raise RuntimeError("stand-in does not know cmds.file(%r, %r)" % (args, flags))

    cmds.file = file
    mel = types.ModuleType("maya.mel")

    def mel_eval(text):
        if "gMainFileMenu" in text:
            return "MayaWindow|mainFileMenu"
        if text == "buildFileMenu":  # Maya fills the File menu lazily
            items.setdefault("saveAsItem", {"label": "Save Scene As...", "parent": "MayaWindow|mainFileMenu"})
            return None
        raise RuntimeError("stand-in does not know MEL %r" % text)

    mel.eval = mel_eval
    maya_pkg.utils, maya_pkg.cmds, maya_pkg.mel = utils, cmds, mel
    maya_pkg.menu_items, maya_pkg.deferred = items, deferred
    return {"maya": maya_pkg, "maya.utils": utils, "maya.cmds": cmds, "maya.mel": mel}


class NukeMenu:
    def __init__(self, name, items=()):
        self._name = name
        self._items = list(items)
        self.commands: dict[str, dict] = {}

    def name(self):
        return self._name

    def items(self):
        return self._items

    def findItem(self, name):
        return next((item for item in self._items if item.name() == name), None)

    def addCommand(self, name, command, index=-1):
        item = NukeMenu(name)
        item.command = command
        self.commands[name] = {"command": command, "index": index}
        self._items.insert(index if index >= 0 else len(self._items), item)
        return item

    def removeItem(self, name):
        self._items = [item for item in self._items if item.name() != name]
        self.commands.pop(name, None)


def nuke(main: MainThread, knobs: dict | None = None, script: str = "") -> dict[str, types.ModuleType]:
    """Nuke; ``knobs``: the root's user knobs of the script it opened (``NukeRoot.saved()``), ``script`` its file."""
    module = types.ModuleType("nuke")
    file_menu = NukeMenu("File", [NukeMenu("New Comp..."), NukeMenu("Save Comp As..."), NukeMenu("Quit")])
    root = NukeMenu("Nuke", [file_menu])

    def execute(func, args=(), kwargs=None):
        if not isinstance(args, tuple):
            raise TypeError("args must be a tuple")  # as Nuke insists
        return main.call(func, *args, **(kwargs or {}))

    module.executeInMainThreadWithResult = execute
    module.executeInMainThread = lambda call, args=(), kwargs=None: main.post(call, *args, **(kwargs or {}))
    module.menu = lambda name: root if name == "Nuke" else None
    module.file_menu = file_menu
    module.root_node = dcc_scenes.NukeRoot(main, knobs, script)
    module.root = lambda: module.root_node
    module.String_Knob = dcc_scenes.StringKnob
    module.INVISIBLE = dcc_scenes.INVISIBLE
    return {"nuke": module}


def houdini(main: MainThread, user_data: dict | None = None, hip: str = "", ui: bool = False,
            ) -> dict[str, types.ModuleType]:
    """Houdini; ``user_data``: the root node's of the .hip it opened, ``hip`` its file, ``ui``: not hython."""
    hdefereval = types.ModuleType("hdefereval")
    hdefereval.executeInMainThreadWithResult = main.call
    hdefereval.executeDeferred = main.post
    return {"hdefereval": hdefereval, "hou": dcc_scenes.hou_module(main, user_data, hip, ui)}


# ------------------------------------------------------------------- how each DCC loads its startup files


def _run(path) -> dict:
    return runpy.run_path(str(path), run_name="__main__")


def load_maya_modules(module_dirs) -> list:
    """Maya at startup: each ``+ NAME VERSION PATH`` of every .mod file in MAYA_MODULE_PATH puts
    ``PATH/scripts`` on sys.path, then Maya runs the ``userSetup.py`` files found there."""
    ran = []
    for folder in module_dirs:
        for mod in sorted(Path(folder).glob("*.mod")):
            for line in mod.read_text().splitlines():
                if not line.startswith("+"):
                    continue
                _, name, version, path = line.split(None, 3)
                scripts = Path(path) / "scripts"
                sys.path.append(str(scripts))
                if (scripts / "userSetup.py").is_file():
                    _run(scripts / "userSetup.py")
                    ran.append((name, version, scripts / "userSetup.py"))
    return ran


def load_houdini_packages(packages_dir) -> dict:
    """Houdini at startup: every packages/*.json adds its ``path`` to HOUDINI_PATH and applies its
    ``env``; then each HOUDINI_PATH folder's scripts/python/pythonrc.py runs and its
    MainMenuCommon.xml extends the main menu."""
    houdini_path, menus = [], []
    for manifest in sorted(Path(packages_dir).glob("*.json")):
        package = json.loads(manifest.read_text())
        for entry in package.get("env", []):
            for name, value in entry.items():
                if name != "PYTHONPATH" or value.get("method") != "prepend":
                    raise RuntimeError("stand-in Houdini does not know env entry %r" % entry)
                sys.path[:0] = [path for path in value["value"] if path not in sys.path]
        houdini_path.append(Path(package["path"]))
    for folder in houdini_path:
        rc = folder / "scripts" / "python" / "pythonrc.py"
        if rc.is_file():
            _run(rc)
        if (folder / "MainMenuCommon.xml").is_file():
            menus.append(folder / "MainMenuCommon.xml")
    return {"houdini_path": houdini_path, "menus": menus}


def load_nuke(plugin_dir) -> None:
    """Nuke at startup: ``init.py`` of each plugin path folder (~/.nuke first), then, with a GUI,
    its ``menu.py``."""
    for name in ("init.py", "menu.py"):
        if (Path(plugin_dir) / name).is_file():
            _run(Path(plugin_dir) / name)
