"""Run one file ``install-dcc`` wrote (userSetup.py, pythonrc.py, init.py) as the DCC would, in a
Python whose path is only the standard library plus the DCC's own site (its Qt included).

``python -I -S dcc_startup.py DCC_SITE STARTUP_FILE``: prints one JSON line saying where Qt,
pyblish_qml and pyblish came from and where the host-only folder landed on sys.path.
"""
import importlib
import json
import runpy
import sys

dcc_site, startup = sys.argv[1:3]
sys.path.append(dcc_site)  # the DCC's own modules (its Qt) come with the DCC
runpy.run_path(startup, run_name="__main__")
runpy.run_path(startup, run_name="__main__")  # a second start (a reload): the folder is added once


def origin(name):
    try:
        return importlib.import_module(name).__file__
    except ImportError:
        return None


import pyblish_qml.integrations.blender  # noqa: E402 - every integration imports without Qt
import pyblish_qml.integrations.houdini  # noqa: E402
import pyblish_qml.integrations.maya  # noqa: E402
import pyblish_qml.integrations.nuke  # noqa: E402,F401

qt_loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5"))
print(json.dumps({
    "path": sys.path,
    "modules": {name: origin(name) for name in ("PySide6", "shiboken6", "PySide2", "PyQt5", "pyblish_qml",
                                                 "pyblish", "pyblish_qml.api", "pyblish_qml.host.__main__")},
    "qt_loaded": qt_loaded,  # before this script imported the bindings to see where they are
}))
