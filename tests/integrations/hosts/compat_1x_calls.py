"""A 1.x integration's calls that 2.x once refused, in a real host process against a real UI.

Python 3.7 syntax. Argument: a plugin folder. Registers a Python and a PyQt5, reads them back,
labels the window the 1.x way (``ContextLabel == ContextLabelDefault``), feeds ``from_dict`` a key
this version does not know, and calls ``show`` positionally with 1.x's ``foster`` fourth
(auto_validate sixth). Prints one JSON line of what it read back, then "shown True".
"""
import json
import logging
import sys

import pyblish.api

from pyblish_qml import api, settings, show

logging.basicConfig(level=logging.DEBUG, format="%(name)s %(levelname)s %(message)s")
plugins = sys.argv[1]
pyblish.api.register_host("python")
pyblish.api.register_plugin_path(plugins)

api.register_python_executable(sys.executable)
api.register_pyqt5("/opt/modules/python-qt5")
if settings.ContextLabel == settings.ContextLabelDefault:  # 1.x's host label idiom
    settings.ContextLabel = "Studio Python"
settings.from_dict({"WindowTitle": "Studio 1.x", "SplashScreen": False})  # a key from a studio's newer config
print(json.dumps({
    "python": api.registered_python_executable(),
    "pyqt5": api.registered_pyqt5(),
    "defaults": [settings.ContextLabelDefault, settings.WindowTitleDefault],
    "to_dict": sorted(settings.to_dict()),
    "sent": settings.changed(),
}), flush=True)
# 1.x's positional order: parent, targets, modal, foster, auto_publish, auto_validate
print("shown %s" % show(None, ["studio"], False, True, False, True), flush=True)
sys.stdin.read()  # keep the host up until the test is done with it
