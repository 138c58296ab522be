"""The ``--debug`` mock host: a real host service, in the UI process, serving demo plugins.

It runs on threads of its own and its own port, exactly like a DCC's service would, so the
demo exercises the same XML-RPC path as production.
"""

from __future__ import annotations

import os

import pyblish.api

from ..host import lifecycle

PLUGINS = os.path.join(os.path.dirname(__file__), "plugins")


def start_mock_host(ui_port: int) -> int:
    """Serve the demo plugins on a port the UI hands out; returns that port."""
    os.environ["PYBLISH_QML_PORT"] = str(ui_port)
    pyblish.api.register_host("python")
    pyblish.api.register_plugin_path(PLUGINS)
    return lifecycle.install()


def stop_mock_host() -> None:
    lifecycle.uninstall()
    pyblish.api.deregister_plugin_path(PLUGINS)
