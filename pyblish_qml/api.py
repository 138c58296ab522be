"""pyblish-qml 1.x's host API, so existing integrations run unchanged.

=================================  =================================================================
1.x                                here
=================================  =================================================================
``show(parent, targets, modal,     :func:`pyblish_qml.show` (the same arguments; ``foster`` is
foster, auto_publish,              accepted and ignored with a log line, as 1.x deprecated it)
auto_validate)``
``register_python_executable``     the Python that starts the UI (else PYBLISH_QML_PYTHON_EXECUTABLE)
``registered_python_executable``   what was registered, or None
``register_pyqt5(path)``           remembered (``registered_pyqt5()``) and otherwise ignored with a
                                   log line: the UI brings its own Qt
``register_dispatch_wrapper``      the same shape: ``wrapper(func, *args, **kwargs)``
``install(modal)`` / ``uninstall`` start / stop this host's publishing service
``current_server()``               this host's service (its ``port``), or None
``publish() validate() hide()      drive the window through the UI's control API
quit()``
=================================  =================================================================
"""

from __future__ import annotations

import logging
import os

from . import host as _host
from .host import (
    deregister_dispatch_wrapper,
    hide,
    publish,
    quit,  # noqa: A004 - pyblish-qml 1.x name
    register_dispatch_wrapper,
    register_python_executable,
    uninstall,
    validate,
)
from .host.lifecycle import _state as _lifecycle_state

log = logging.getLogger("pyblish_qml")

IGNORED_VARIABLES = ("PYBLISH_QML_PYQT5", "PYBLISH_QML_PYSIDE2")

__all__ = [
    "current_server",
    "deregister_dispatch_wrapper",
    "dispatch_wrapper",
    "hide",
    "install",
    "publish",
    "quit",
    "register_dispatch_wrapper",
    "register_pyqt5",
    "register_python_executable",
    "registered_pyqt5",
    "registered_python_executable",
    "show",
    "uninstall",
    "validate",
]


def show(parent=None, targets=None, modal=None, foster=None, auto_publish=False, auto_validate=False):
    """pyblish-qml 1.x's ``show``; see :func:`pyblish_qml.show`."""
    from . import show as _show

    return _show(parent, targets, modal, foster, auto_publish, auto_validate)


def install(modal=None, port=None):
    """Start this host's publishing service; 1.x's ``modal`` argument is accepted (see ``show``)."""
    return _host.install(port=port)


def dispatch_wrapper():
    """The registered dispatch wrapper, or None."""
    return _host.registered_dispatch_wrapper()


def current_server():
    """This host's running publishing service (its ``port``), or None."""
    return _lifecycle_state["server"]


_pyqt5: dict = {"path": None}


def register_pyqt5(path):
    """1.x let a host point the UI at a PyQt5; this UI brings its own Qt (PySide6): remembered, unused."""
    _pyqt5["path"] = path
    log.warning("pyblish_qml.api.register_pyqt5(%r) is ignored: the pyblish-qml UI runs in its own process "
                "with its own Qt (PySide6)", path)


def registered_pyqt5():
    """What 1.x code passed to :func:`register_pyqt5` last (None: nothing); nothing here uses it."""
    return _pyqt5["path"]


def registered_python_executable():
    """The Python registered with :func:`register_python_executable` (None: the environment decides)."""
    return _lifecycle_state["python"]


_warned: set = set()


def warn_ignored_variables(environ=None) -> list:
    """One log line (once per process) per 1.x Qt variable that is set; returns their names."""
    environ = os.environ if environ is None else environ
    found = [name for name in IGNORED_VARIABLES if environ.get(name)]
    for name in found:
        if name in _warned:
            continue
        _warned.add(name)
        log.warning("%s is ignored: the pyblish-qml UI runs in its own process with its own Qt (PySide6)", name)
    return found
