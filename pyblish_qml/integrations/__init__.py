"""DCC integrations: register the host, its main-thread dispatch wrapper and File ▸ Publish.

Each sub-module (``maya``, ``nuke``, ``houdini``, ``blender``) has ``setup()``, ``teardown()``
and ``show()``. DCC modules are imported inside the functions, so importing an integration
outside its DCC is harmless and only ``setup()`` says what is missing.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any, Callable

import pyblish.api

from .. import host as _host
from ..host import scene as _scene

log = logging.getLogger(__name__)

_settings: dict[str, Any] = {}
_window: list = [None]  # the integration's main_window_id(), read at each show
_probe: list = [None]  # the scene probe the integration registered (teardown removes only its own)


def require(module: str, dcc: str):
    """Import a DCC module or explain that this integration runs inside that DCC only."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError("pyblish_qml.integrations.%s runs inside %s: cannot import %s (%s)"
                          % (dcc.lower(), dcc, module, error)) from None


def setup_host(name: str, wrapper: Callable | None, settings: dict, window: Callable[[], Any] | None = None,
               probe: Callable[[], Any] | None = None) -> None:
    """Register the pyblish host, the dispatch wrapper, this GUI and the window settings; ``window``
    tells the DCC's main window id at each show (the window is kept above it), ``probe`` becomes
    the scene probe (docs/protocol.md, "Scene changes") unless a TD registered one already."""
    pyblish.api.register_host(name)
    if wrapper is not None:
        _host.register_dispatch_wrapper(wrapper)
    pyblish.api.register_gui("pyblish_qml")
    _settings.clear()
    _settings.update(settings)
    _window[0] = window
    if probe is not None and _scene.registered_probe() in (None, _probe[0]):
        _scene.register_scene_probe(probe)
        _probe[0] = probe


def teardown_host(name: str) -> None:
    pyblish.api.deregister_host(name, quiet=True)
    _host.deregister_dispatch_wrapper()
    try:
        pyblish.api.deregister_gui("pyblish_qml")
    except ValueError:
        pass
    _settings.clear()
    _window[0] = None
    if _probe[0] is not None and _scene.registered_probe() is _probe[0]:
        _scene.deregister_scene_probe()
    _probe[0] = None


def settings() -> dict:
    """The settings this host's File ▸ Publish sends with ``show``."""
    return dict(_settings)


def window_id() -> int | str | None:
    """The DCC's main window's native id now, as it travels in ``ParentWindow`` (text beyond 31
    bits, XML-RPC's limit); None when the integration cannot tell (the window is found otherwise)."""
    reader = _window[0]
    try:
        found = reader() if reader is not None else None
    except Exception as error:  # a DCC without its UI (mayapy, hython): nothing to stay above
        log.debug("no main window id from this DCC: %s", error)
        return None
    if not isinstance(found, int) or isinstance(found, bool) or found <= 0:
        return None
    return found if found < 2 ** 31 else str(found)


def show_settings() -> dict:
    """What File ▸ Publish sends: the settings, and the DCC's window to stay above."""
    sent = settings()
    parent = window_id()
    if parent is not None:
        sent["ParentWindow"] = parent
    return sent


def show() -> bool:
    """File ▸ Publish: show the UI for this host with its settings, above the DCC's window."""
    return _host.lifecycle.show(show_settings())


def qt_widgets():
    """The DCC's own Qt widgets module as the DCC already loaded it (PySide6 in today's DCCs,
    PySide2 before); None where the DCC runs no Qt UI (mayapy, ``nuke -t``, hython). Never
    imported here: the host side must not bring a Qt binding into a DCC that has none loaded."""
    for name in ("PySide6.QtWidgets", "PySide2.QtWidgets"):
        module = sys.modules.get(name)
        if module is not None:
            return module
    return None
