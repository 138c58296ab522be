"""``pyblish-qml install-dcc blender|maya|houdini|nuke``: install the integration the DCC's way.

Each DCC gets what it looks for at startup, and nothing of the user's is overwritten:

- Blender: an add-on zip (``bl_info``, register/unregister, a preference for the UI's Python)
  to install from Preferences ▸ Add-ons ▸ Install…; it adds File ▸ Publish… under a separator.
- Maya: a module, ``pyblish_qml.mod`` plus ``pyblish_qml/scripts/userSetup.py``, in
  ``~/maya/modules`` (``$MAYA_APP_DIR/modules``).
- Houdini: a package, ``packages/pyblish_qml.json`` plus its folder (``MainMenuCommon.xml``,
  ``scripts/python/pythonrc.py``), in ``$HOUDINI_USER_PREF_DIR`` or the newest ``~/houdiniX.Y``.
- Nuke: a marked block in ``~/.nuke/init.py`` (paths) and ``~/.nuke/menu.py`` (File ▸ Publish);
  running the command again replaces the block.

The generated code puts the folders holding ``pyblish_qml`` and ``pyblish`` on the DCC's
``sys.path`` and, unless the environment already says, sets ``PYBLISH_QML_PYTHON_EXECUTABLE`` to
the UI's Python (``--python``; default: this Python when it can run the UI). It runs in the
DCC's own Python, so this module and what it writes keep to Python 3.7.
"""

from __future__ import annotations

import argparse
import glob
import io
import json
import os
import sys
import zipfile
from typing import List, NamedTuple

import pyblish

from . import compat
from .version import __version__, version_info

DCCS = ("blender", "maya", "houdini", "nuke")
ADDON = "pyblish_qml_publish"  # the Blender add-on's module: never "pyblish_qml", which it imports
BEGIN = "# >>> pyblish-qml install-dcc >>>"
END = "# <<< pyblish-qml install-dcc <<<"


class Output(NamedTuple):
    """One file to write: whole (``block`` False) or as the marked block inside a user's file."""

    path: str
    content: bytes
    block: bool = False


class InstallError(Exception):
    """What the user must do first (e.g. say where Houdini's preferences are)."""


def package_paths() -> List[str]:
    """The folders that hold ``pyblish_qml`` and ``pyblish`` (real folders, no .pth needed)."""
    paths = []
    for module in (sys.modules[__package__], pyblish):
        folder = os.path.dirname(os.path.dirname(os.path.abspath(module.__file__)))
        if folder not in paths:
            paths.append(folder)
    return paths


def default_ui_python() -> str:
    """``PYBLISH_QML_PYTHON_EXECUTABLE``, else this Python when it can run the UI, else ''."""
    chosen = os.environ.get(compat.PYTHON_VARIABLE, "")
    if chosen:
        return chosen
    return sys.executable if compat.ui_python_problem() is None else ""


def bootstrap(dcc: str, python: str) -> str:
    """The Python every generated file starts with: our paths, and the UI's Python."""
    return '''# Written by `pyblish-qml install-dcc %(dcc)s` (pyblish-qml %(version)s); run it again to update.
import os as _os
import sys as _sys

PYBLISH_QML_PATHS = %(paths)r
# The UI's Python (>= 3.10, with pyblish-qml's UI installed); '' leaves it to the environment.
PYBLISH_QML_PYTHON = %(python)r


def _pyblish_qml_paths():
    """Make pyblish_qml and pyblish importable, and tell the host side which Python runs the UI."""
    for index, path in enumerate(PYBLISH_QML_PATHS):
        if path not in _sys.path:
            _sys.path.insert(index, path)
    if PYBLISH_QML_PYTHON and not _os.environ.get("%(variable)s"):
        _os.environ["%(variable)s"] = PYBLISH_QML_PYTHON
''' % {"dcc": dcc, "version": __version__, "paths": package_paths(), "python": python,
       "variable": compat.PYTHON_VARIABLE}


BLENDER_ADDON = '''"""Pyblish QML for Blender: File > Publish... shows the pyblish-qml window for this scene."""

bl_info = {
    "name": "Pyblish QML",
    "author": "pyblish-qml",
    "version": %(version)r,
    "blender": (2, 93, 0),
    "location": "File > Publish...",
    "description": "Validate and publish this scene with pyblish in the pyblish-qml window",
    "category": "System",
}

%(bootstrap)s
import bpy  # noqa: E402


class PyblishQmlPreferences(bpy.types.AddonPreferences):
    bl_idname = __name__

    python_executable: bpy.props.StringProperty(
        name="UI Python",
        description="A Python >= 3.10 that has pyblish-qml installed with its UI (pip install pyblish-qml)",
        subtype="FILE_PATH",
        default=PYBLISH_QML_PYTHON,
    )

    def draw(self, context):
        self.layout.prop(self, "python_executable")


class PYBLISH_OT_qml_publish(bpy.types.Operator):
    """Validate and publish this scene with pyblish"""

    bl_idname = "pyblish.qml_publish"
    bl_label = "Publish\\u2026"

    def execute(self, context):
        preferences = context.preferences.addons[__name__].preferences
        if preferences.python_executable:
            _os.environ["%(variable)s"] = bpy.path.abspath(preferences.python_executable)
        from pyblish_qml.integrations import blender

        try:
            blender.show()
        except Exception as error:  # the status bar says what to set
            self.report({"ERROR"}, "pyblish-qml: %%s" %% error)
            return {"CANCELLED"}
        return {"FINISHED"}


def _menu(self, context):
    self.layout.separator()
    self.layout.operator(PYBLISH_OT_qml_publish.bl_idname)


def register():
    _pyblish_qml_paths()
    from pyblish_qml.integrations import blender

    blender.setup(menu=False)  # host, main-thread queue and timer; the menu item is ours
    bpy.utils.register_class(PyblishQmlPreferences)
    bpy.utils.register_class(PYBLISH_OT_qml_publish)
    bpy.types.TOPBAR_MT_file.append(_menu)


def unregister():
    bpy.types.TOPBAR_MT_file.remove(_menu)
    bpy.utils.unregister_class(PYBLISH_OT_qml_publish)
    bpy.utils.unregister_class(PyblishQmlPreferences)
    from pyblish_qml.integrations import blender

    blender.teardown()
'''

MAYA_USER_SETUP = '''%(bootstrap)s
_pyblish_qml_paths()

try:
    import maya.cmds as _cmds

    _batch = bool(_cmds.about(batch=True))
except Exception:  # not every Maya session answers about(); a menu is harmless
    _batch = False

import pyblish_qml.integrations.maya as _pyblish_qml_maya  # noqa: E402

_pyblish_qml_maya.setup(menu=not _batch)  # File > Publish in the GUI; the host service in mayapy too
'''

HOUDINI_PYTHONRC = '''%(bootstrap)s
_pyblish_qml_paths()

import pyblish_qml.integrations.houdini as _pyblish_qml_houdini  # noqa: E402

try:
    _pyblish_qml_houdini.setup()  # File > Publish comes from MainMenuCommon.xml beside scripts/
except ImportError as _error:  # hython has no UI thread to defer to
    print("pyblish-qml: not set up here: %%s" %% _error)
'''

NUKE_INIT = '''%(bootstrap)s
_pyblish_qml_paths()
'''

NUKE_MENU = '''import pyblish_qml.integrations.nuke as _pyblish_qml_nuke

_pyblish_qml_nuke.setup()  # File > Publish
'''


def _text(template: str, dcc: str, python: str) -> bytes:
    return (template % {"bootstrap": bootstrap(dcc, python), "version": version_info,
                        "variable": compat.PYTHON_VARIABLE}).encode("utf-8")


def _block(text: bytes) -> bytes:
    return (BEGIN + "\n").encode() + text + (END + "\n").encode()


def default_dest(dcc: str) -> str:
    home = os.path.expanduser("~")
    if dcc == "blender":
        return os.getcwd()
    if dcc == "maya":
        return os.path.join(os.environ.get("MAYA_APP_DIR") or os.path.join(home, "maya"), "modules")
    if dcc == "nuke":
        return os.path.join(home, ".nuke")
    preferences = os.environ.get("HOUDINI_USER_PREF_DIR", "").replace("__HVER__", "")
    if not preferences:
        found = sorted(glob.glob(os.path.join(home, "houdini[0-9]*.[0-9]*")),
                       key=lambda path: [int(p) for p in os.path.basename(path)[7:].split(".") if p.isdigit()])
        if not found:
            raise InstallError("no Houdini preference folder found (~/houdiniX.Y); pass --dest "
                               "~/houdini20.5/packages, or set HOUDINI_USER_PREF_DIR")
        preferences = found[-1]
    return os.path.join(preferences, "packages")


def plan(dcc: str, dest: str | None = None, python: str | None = None) -> List[Output]:
    """What ``install-dcc`` writes for ``dcc`` into ``dest`` (its default when None)."""
    if dcc not in DCCS:
        raise InstallError("unknown DCC %r; choose one of: %s" % (dcc, ", ".join(DCCS)))
    dest = os.path.abspath(os.path.expanduser(dest or default_dest(dcc)))
    python = default_ui_python() if python is None else python
    if dcc == "blender":
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
            handle.writestr(ADDON + "/__init__.py", _text(BLENDER_ADDON, dcc, python))
        return [Output(os.path.join(dest, ADDON + ".zip"), archive.getvalue())]
    if dcc == "maya":
        module = os.path.join(dest, "pyblish_qml")
        mod = "+ pyblish_qml %s %s\n" % (__version__, module)
        return [Output(os.path.join(dest, "pyblish_qml.mod"), mod.encode("utf-8")),
                Output(os.path.join(module, "scripts", "userSetup.py"), _text(MAYA_USER_SETUP, dcc, python))]
    if dcc == "houdini":
        from .integrations import houdini

        package = os.path.join(dest, "pyblish_qml")
        with open(os.path.join(houdini.menu_folder(), "MainMenuCommon.xml"), "rb") as handle:
            menu = handle.read()
        manifest = {"path": package, "load_package_once": True,
                    "env": [{"PYTHONPATH": {"value": package_paths(), "method": "prepend"}}]}
        return [Output(os.path.join(dest, "pyblish_qml.json"), (json.dumps(manifest, indent=2) + "\n").encode()),
                Output(os.path.join(package, "MainMenuCommon.xml"), menu),
                Output(os.path.join(package, "scripts", "python", "pythonrc.py"),
                       _text(HOUDINI_PYTHONRC, dcc, python))]
    return [Output(os.path.join(dest, "init.py"), _block(_text(NUKE_INIT, dcc, python)), block=True),
            Output(os.path.join(dest, "menu.py"), _block(NUKE_MENU.encode("utf-8")), block=True)]


def merged(path: str, block: bytes) -> bytes:
    """The user's file with our marked block replaced, or appended when it has none."""
    try:
        with open(path, "rb") as handle:
            current = handle.read()
    except FileNotFoundError:
        return block
    begin, end = current.find(BEGIN.encode()), current.find(END.encode())
    if begin >= 0 and end > begin:
        tail = current[end + len(END):]
        return current[:begin] + block + (tail[1:] if tail.startswith(b"\n") else tail)
    return current + (b"" if not current or current.endswith(b"\n") else b"\n") + b"\n" + block


def write(outputs: List[Output]) -> List[str]:
    written = []
    for output in outputs:
        content = merged(output.path, output.content) if output.block else output.content
        os.makedirs(os.path.dirname(output.path), exist_ok=True)
        with open(output.path + ".tmp", "wb") as handle:
            handle.write(content)
        os.replace(output.path + ".tmp", output.path)
        written.append(output.path)
    return written


NEXT_STEPS = {
    "blender": "In Blender: Edit > Preferences > Add-ons > Install..., pick %(first)s, tick 'System: Pyblish QML'"
               " (its preferences hold the UI's Python); then File > Publish...",
    "maya": "Start Maya with %(dest)s on MAYA_MODULE_PATH (~/maya/modules is by default); File > Publish is "
            "after Save Scene As",
    "houdini": "Start Houdini (it reads packages/*.json at startup); File > Publish is after Save As",
    "nuke": "Start Nuke (it runs ~/.nuke/init.py and menu.py); File > Publish is after Save Comp As",
}


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyblish-qml install-dcc",
                                     description="Install pyblish-qml into a DCC the way that DCC expects.")
    parser.add_argument("dcc", choices=DCCS)
    parser.add_argument("--dest", default=None, help="where to write (default: the DCC's user folder; "
                        "Blender: the current folder, for Preferences > Add-ons > Install...)")
    parser.add_argument("--python", default=None, metavar="PATH",
                        help="the Python >= 3.10 that runs the UI (default: %s, else this Python when it can)"
                        % compat.PYTHON_VARIABLE)
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    args = parser.parse_args(argv)
    try:
        outputs = plan(args.dcc, args.dest, args.python)
    except InstallError as error:
        print("pyblish-qml install-dcc: %s" % error, file=sys.stderr)
        return 2
    python = default_ui_python() if args.python is None else args.python
    if args.dry_run:
        for output in outputs:
            print("would write %s%s" % (output.path, " (a marked block)" if output.block else ""))
            if output.path.endswith(".zip"):
                for name, text in _zip_members(output.content):
                    print("  %s:\n%s" % (name, text))
            else:
                print(output.content.decode("utf-8"))
        return 0
    for path in write(outputs):
        print("wrote %s" % path)
    if not python:
        print("warning: no Python to run the UI is set; set %s to a Python >= 3.10 that has pyblish-qml "
              "installed with its UI, or run this again with --python PATH" % compat.PYTHON_VARIABLE,
              file=sys.stderr)
    print(NEXT_STEPS[args.dcc] % {"first": outputs[0].path, "dest": os.path.dirname(outputs[0].path)})
    return 0


def _zip_members(content: bytes):
    with zipfile.ZipFile(io.BytesIO(content)) as handle:
        for name in handle.namelist():
            yield name, handle.read(name).decode("utf-8")
