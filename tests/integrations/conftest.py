"""The DCC stand-ins' fixture, for the integration tests that run Maya, Nuke and Houdini as stand-ins."""

from __future__ import annotations

import sys

import pyblish.api
import pytest
from helpers import SUITES, free_port
from standins import dcc

import pyblish_qml
from pyblish_qml.host import lifecycle


@pytest.fixture
def standin(monkeypatch):
    """Install a DCC stand-in's modules and a scene; undo everything afterwards. ``make(kind, **scene)``
    passes ``scene`` to the stand-in (what the scene it opened keeps: ``dcc.maya(main, file_info=...)``);
    a second ``make`` is the DCC started again (a new main thread, the same modules replaced)."""
    mains = []

    def make(kind: str, **scene) -> dict:
        main = dcc.MainThread(kind)
        mains.append(main)
        modules = getattr(dcc, kind)(main, **scene)
        nodes = dcc.Scene(main, ["pCube1", "pSphere1", "camera1"])
        modules["dcc_scene"] = dcc.scene_module(nodes)
        for name, module in modules.items():
            monkeypatch.setitem(sys.modules, name, module)
        shows: list = []
        monkeypatch.setattr(lifecycle, "show", lambda settings=None: shows.append(settings) or True)
        monkeypatch.setenv("PYBLISH_QML_PORT", str(free_port()))  # no UI answers: nothing real is contacted
        pyblish.api.register_plugin_path(str(SUITES / "dcc"))
        return {"main": main, "modules": modules, "scene": nodes, "shows": shows}

    yield make
    pyblish.api.deregister_plugin_path(str(SUITES / "dcc"))
    pyblish_qml.uninstall()
    for main in mains:
        main.stop()
