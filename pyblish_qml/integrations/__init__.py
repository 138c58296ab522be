"""DCC integrations: register the host, its main-thread dispatch wrapper and File ▸ Publish.

Each sub-module (``maya``, ``nuke``, ``houdini``, ``blender``) has ``setup()``, ``teardown()``
and ``show()``. DCC modules are imported inside the functions, so importing an integration
outside its DCC is harmless and only ``setup()`` says what is missing.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable

import pyblish.api

from .. import host as _host

_settings: dict[str, Any] = {}


def require(module: str, dcc: str):
    """Import a DCC module or explain that this integration runs inside that DCC only."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError("pyblish_qml.integrations.%s runs inside %s: cannot import %s (%s)"
                          % (dcc.lower(), dcc, module, error)) from None


def setup_host(name: str, wrapper: Callable | None, settings: dict) -> None:
    """Register the pyblish host, the dispatch wrapper, this GUI and the window settings."""
    pyblish.api.register_host(name)
    if wrapper is not None:
        _host.register_dispatch_wrapper(wrapper)
    pyblish.api.register_gui("pyblish_qml")
    _settings.clear()
    _settings.update(settings)


def teardown_host(name: str) -> None:
    pyblish.api.deregister_host(name, quiet=True)
    _host.deregister_dispatch_wrapper()
    try:
        pyblish.api.deregister_gui("pyblish_qml")
    except ValueError:
        pass
    _settings.clear()


def settings() -> dict:
    """The settings this host's File ▸ Publish sends with ``show``."""
    return dict(_settings)


def show() -> bool:
    """File ▸ Publish: show the UI for this host with its settings."""
    return _host.lifecycle.show(settings())
