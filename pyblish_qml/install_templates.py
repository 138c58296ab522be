"""What ``pyblish-qml install-dcc`` writes into a DCC: the code every generated file starts with
(the host-only folder appended to ``sys.path``, the UI's Python) and each DCC's startup file, as
templates. :mod:`.install_dcc` decides where they go. It runs in the DCC's own Python: 3.7+.
"""

from __future__ import annotations

from typing import List

from . import compat
from .version import __version__, version_info


def bootstrap(dcc: str, python: str, paths: List[str], relative: bool = False) -> str:
    """The Python every generated file starts with: the host-only folder(s), and the UI's Python.
    ``relative``: ``paths`` are relative to the generated file's folder (a zip Blender unpacks)."""
    paths_code = ("[_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), _path) for _path in %r]" % (paths,)
                  if relative else repr(paths))
    return '''# Written by `pyblish-qml install-dcc %(dcc)s` (pyblish-qml %(version)s); run it again to update.
import os as _os
import sys as _sys

# The host side only (pyblish_qml's host modules and pyblish): no Qt, so the DCC's own is never shadowed.
PYBLISH_QML_PATHS = %(paths)s
# The UI's Python (>= 3.10, with pyblish-qml's UI installed); '' leaves it to the environment.
PYBLISH_QML_PYTHON = %(python)r


def _pyblish_qml_paths():
    """Make pyblish_qml and pyblish importable (appended: the DCC's own modules come first), and
    tell the host side which Python runs the UI."""
    for path in PYBLISH_QML_PATHS:
        if path not in _sys.path:
            _sys.path.append(path)
    if PYBLISH_QML_PYTHON and not _os.environ.get("%(variable)s"):
        _os.environ["%(variable)s"] = PYBLISH_QML_PYTHON
''' % {"dcc": dcc, "version": __version__, "paths": paths_code, "python": python,
       "variable": compat.PYTHON_VARIABLE}


BLENDER_ADDON_HEADER = '''"""Pyblish QML for Blender: File > Publish... shows the pyblish-qml window for this scene."""

bl_info = {
    "name": "Pyblish QML",
    "author": "pyblish-qml",
    "version": %(version)r,
    "blender": (2, 93, 0),
    "location": "File > Publish...",
    "description": "Validate and publish this scene with pyblish in the pyblish-qml window",
    "category": "System",
}

'''

BLENDER_EXTENSION_HEADER = '''"""Pyblish QML for Blender 4.2+ (an extension): File > Publish... shows the window."""

'''

BLENDER_BODY = '''%(bootstrap)s
import bpy  # noqa: E402

_plugin_paths = []  # what the preference registered with pyblish, to take back when it changes


def _apply_preferences(preferences):
    """The UI's Python and the studio's plugin folders, from this add-on's preferences."""
    import pyblish.api

    if preferences.python_executable:
        _os.environ["%(variable)s"] = bpy.path.abspath(preferences.python_executable)
    for path in _plugin_paths:
        if path in pyblish.api.registered_paths():
            pyblish.api.deregister_plugin_path(path)
    _plugin_paths[:] = [bpy.path.abspath(path.strip()) for path in preferences.plugin_paths.split(_os.pathsep)
                        if path.strip()]
    for path in _plugin_paths:
        pyblish.api.register_plugin_path(path)


class PyblishQmlPreferences(bpy.types.AddonPreferences):
    bl_idname = __name__

    python_executable: bpy.props.StringProperty(
        name="UI Python",
        description="A Python >= 3.10 that has pyblish-qml installed with its UI (pip install pyblish-qml)",
        subtype="FILE_PATH",
        default=PYBLISH_QML_PYTHON,
    )
    plugin_paths: bpy.props.StringProperty(
        name="Plugin folders",
        description="The studio's pyblish plugin folders, separated by %%r (PYBLISHPLUGINPATH is read too)"
                    %% _os.pathsep,
        default=PYBLISH_QML_PLUGINS,
    )

    def draw(self, context):
        self.layout.prop(self, "python_executable")
        self.layout.prop(self, "plugin_paths")


class PYBLISH_OT_qml_publish(bpy.types.Operator):
    """Validate and publish this scene with pyblish"""

    bl_idname = "pyblish.qml_publish"
    bl_label = "Publish\\u2026"

    def execute(self, context):
        _apply_preferences(context.preferences.addons[__name__].preferences)
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
    addon = bpy.context.preferences.addons.get(__name__)
    if addon is not None:  # a script's show() (blender -b) gets the studio's plugins too
        _apply_preferences(addon.preferences)


def unregister():
    import pyblish.api

    bpy.types.TOPBAR_MT_file.remove(_menu)
    bpy.utils.unregister_class(PYBLISH_OT_qml_publish)
    bpy.utils.unregister_class(PyblishQmlPreferences)
    for path in _plugin_paths:
        if path in pyblish.api.registered_paths():
            pyblish.api.deregister_plugin_path(path)
    from pyblish_qml.integrations import blender

    blender.teardown()
'''

BLENDER_MANIFEST = '''schema_version = "1.0.0"

id = "%(id)s"
version = "%(version)s"
name = "Pyblish QML"
tagline = "Publish this scene with pyblish in the pyblish-qml window"
maintainer = "pyblish-qml developers"
type = "add-on"
website = "https://pypi.org/project/pyblish-qml/"
tags = ["Pipeline", "System"]
blender_version_min = "4.2.0"
license = ["SPDX:LGPL-3.0-or-later"]

[permissions]
network = "Talks to the pyblish-qml window on this machine (127.0.0.1)"
files = "Runs the studio's pyblish plugins, which read and write files"
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


def render(template: str, dcc: str, python: str, paths: List[str], relative: bool = False,
          plugins: str = "") -> bytes:
    code = bootstrap(dcc, python, paths, relative)
    if template is BLENDER_BODY:
        code += "PYBLISH_QML_PLUGINS = %r  # the studio's plugin folders (--plugin-path)\n" % plugins
    return (template % {"bootstrap": code, "version": version_info,
                        "variable": compat.PYTHON_VARIABLE}).encode("utf-8")
