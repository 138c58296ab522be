"""pyblish-qml: a Qt Quick publishing UI that drives pyblish plugins inside the host.

What a host (Maya, Nuke, Houdini, Blender, plain Python 3.7+) imports: ``show``, ``install``,
``uninstall``, ``register_dispatch_wrapper``, and pyblish-qml 1.x's ``publish``, ``validate``,
``hide``, ``quit`` (see :mod:`pyblish_qml.api`). ``pyblish.api.register_gui("pyblish_qml")``
makes pyblish call :func:`show`. Importing this package never imports Qt.
"""

from __future__ import annotations

import logging
import os

from .host import hide, install, publish, quit, register_dispatch_wrapper, uninstall, validate  # noqa: A004
from .host import lifecycle as _lifecycle
from .host.scene import deregister_scene_probe, register_scene_probe
from .version import __version__, version

__all__ = ["__version__", "deregister_scene_probe", "hide", "install", "publish", "quit", "register_dispatch_wrapper",
           "register_scene_probe", "show", "uninstall", "validate", "version"]

_log = logging.getLogger("pyblish_qml")


def show(parent=None, targets=None, modal=None, foster=None, auto_publish=False, auto_validate=False,
         settings=None):
    """Show the window for this host (pyblish-qml 1.x's signature; ``settings`` is this one's).

    ``targets``: publish with exactly these pyblish targets (None: "default" plus the registered
    ones). ``modal`` (None: ``PYBLISH_QML_MODAL=1``): return once the window closes, running
    plugin work on this thread meanwhile. ``auto_validate``/``auto_publish`` run once collected.
    ``parent`` cannot own a window in another process: it is ignored, with a log line.
    ``foster`` (1.x's deprecated foster mode, 4th as in 1.x) is ignored the same way.
    Attributes set in ``pyblish_qml.settings`` apply. Starts the UI (through
    ``PYBLISH_QML_PYTHON_EXECUTABLE`` or ``api.register_python_executable``) when none runs.
    """
    from . import api

    if parent is not None:
        _log.info("pyblish_qml.show(parent=%r) is ignored: the window belongs to its own process", parent)
    if foster is not None:
        _log.info("pyblish_qml.show(foster=%r) is ignored: 1.x's foster mode is gone; the window always runs in "
                  "its own process", foster)
    api.warn_ignored_variables()
    if modal is None:
        modal = os.environ.get("PYBLISH_QML_MODAL", "").strip().lower() in ("1", "true", "yes", "on")
    settings = dict(settings or {})
    if auto_validate:
        settings["autoValidate"] = True
    if auto_publish:
        settings["autoPublish"] = True
    return _lifecycle.show(settings, targets=targets, modal=bool(modal))
