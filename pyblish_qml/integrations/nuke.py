"""Nuke: ``import pyblish_qml.integrations.nuke as p; p.setup()`` in menu.py."""

from __future__ import annotations

from . import require, settings, setup_host, show, teardown_host

SETTINGS = {"ContextLabel": "Nuke", "WindowTitle": "Pyblish (Nuke)"}

__all__ = ["setup", "teardown", "show", "settings"]


def _wrapper_for(nuke):
    """The dispatch wrapper: Nuke takes ``args`` and ``kwargs`` as a tuple and a dict, not spread."""
    def wrapper(func, *args, **kwargs):
        return nuke.executeInMainThreadWithResult(func, args=args, kwargs=kwargs)
    return wrapper


def setup(menu: bool = True) -> None:
    nuke = require("nuke", "Nuke")
    setup_host("nuke", _wrapper_for(nuke), SETTINGS)  # the module is looked up once, not per pair
    if menu:
        file_menu = nuke.menu("Nuke").findItem("File")
        items = [item.name() for item in file_menu.items()]
        index = items.index("Save Comp As...") + 1 if "Save Comp As..." in items else -1
        file_menu.addCommand("Publish", show, index=index)


def teardown() -> None:
    nuke = require("nuke", "Nuke")
    file_menu = nuke.menu("Nuke").findItem("File")
    if file_menu.findItem("Publish") is not None:
        file_menu.removeItem("Publish")
    teardown_host("nuke")
