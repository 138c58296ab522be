"""Talking to the UI process's control server (port 9090 unless told otherwise).

``from pyblish_qml import client; client.proxy().show(9001)`` — as in the seed documents, but
with a time-out, and an error that says what to do when the UI is not running.
"""

from __future__ import annotations

import os
from typing import Any

from . import rpc_client

DEFAULT_PORT = 9090
DEFAULT_TIMEOUT = 5.0


class UINotRunning(ConnectionRefusedError):
    """Nothing answers on the UI's control port."""


def ui_port() -> int:
    """The control port: ``PYBLISH_QML_PORT`` when set, else 9090."""
    value = os.environ.get("PYBLISH_QML_PORT", "")
    try:
        return int(value) if value else DEFAULT_PORT
    except ValueError:
        raise ValueError("PYBLISH_QML_PORT must be a port number, got %r" % value) from None


class ControlProxy(rpc_client.Proxy):
    """Proxy to the UI; a refused connection raises :class:`UINotRunning` with a remedy."""

    def __init__(self, port: int, timeout: float | None):
        super().__init__("http://127.0.0.1:%d" % port, timeout=timeout)
        self.port = port

    def _call(self, name: str, params: tuple) -> Any:
        try:
            return super()._call(name, params)
        except ConnectionRefusedError:
            raise UINotRunning(
                "pyblish-qml is not running on 127.0.0.1:%d. Start it with `python -m pyblish_qml`"
                " (or call pyblish_qml.show() from the host, which starts it for you)." % self.port
            ) from None


def proxy(port: int | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> ControlProxy:
    """An XML-RPC proxy to the running UI (``show``, ``hide``, ``heartbeat``, ``state``...)."""
    return ControlProxy(port or ui_port(), timeout)


def is_running(port: int | None = None, timeout: float = 1.0) -> bool:
    """True when a pyblish-qml answers ``ping`` on the control port."""
    try:
        reply = proxy(port, timeout).ping()
    except Exception:
        return False
    return isinstance(reply, dict) and "pid" in reply
