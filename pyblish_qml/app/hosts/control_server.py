"""The UI's control server on 127.0.0.1:9090: translates calls, decides nothing.

The calls are documented in docs/protocol.md, "Control API".

Calls arrive on server threads. Those that need the GUI become queued signals on
:class:`ControlSignals` (a QObject living on the GUI thread); those that can be answered from
thread-safe state (ping, heartbeat, find_available_port, state) are answered right here.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from ...engine.hosts import Beat, HostRegistry, host_ping
from ...rpc_server import LoopbackServer
from ...version import __version__

log = logging.getLogger(__name__)

API = ("show", "hide", "quit", "kill", "heartbeat", "find_available_port", "ping", "publish", "validate",
       "reset", "stop", "state")


class ControlSignals(QObject):
    """Emitted from server threads; connected slots run on the GUI thread (queued)."""

    show = Signal(int, "QVariantMap")
    hide = Signal()
    quit = Signal()
    command = Signal(str)  # publish, validate, reset, stop
    hostSeen = Signal(int)  # a host not known before beat (a restarted UI re-attaches here)
    hostRecovered = Signal(int)  # a host judged busy beat again
    sceneChanged = Signal(int, str)  # a host's scene token (host/scene.py) differs from its last one


class ControlApi:
    """The methods of the control server. Thread: server threads."""

    def __init__(self, registry: HostRegistry, signals: ControlSignals, snapshot: Callable[[], dict]):
        self.registry = registry
        self.signals = signals
        self._snapshot = snapshot

    def _dispatch(self, method: str, params: tuple) -> Any:
        if method not in API:
            raise ValueError("no such method %r; pyblish-qml offers: %s" % (method, ", ".join(API)))
        return getattr(self, method)(*params)

    def show(self, port: int, settings: dict | None = None) -> bool:
        port = _port(port)
        if settings is not None and not isinstance(settings, dict):
            raise TypeError("settings must be a dict (struct), got %s" % type(settings).__name__)
        pid = None
        if not self.registry.knows_alive(port):
            reply = host_ping(port)
            if reply is None:
                raise ValueError("no pyblish host service answers on port %d; install() it before show()" % port)
            pid = reply["pid"]
        if self.registry.beat(port, pid) is Beat.RECOVERED:
            self.signals.hostRecovered.emit(port)
        self.signals.show.emit(port, dict(settings or {}))
        return True

    def hide(self) -> bool:
        self.signals.hide.emit()
        return True

    def quit(self) -> bool:
        self.signals.quit.emit()
        return True

    def kill(self) -> None:
        log.warning("kill() called: exiting at once")
        os._exit(0)

    def heartbeat(self, port: int, facts: dict | None = None) -> bool:
        """False (nothing recorded) for a port where no host service answers. ``facts`` may carry
        ``{"scene": token}``: the host's scene-change token (docs/protocol.md, "Scene changes")."""
        port = _port(port)
        if facts is not None and not isinstance(facts, dict):
            raise TypeError("heartbeat facts must be a dict (struct), got %s" % type(facts).__name__)
        pid = None
        if not self.registry.knows_alive(port):
            reply = host_ping(port)
            if reply is None:
                return False
            pid = reply["pid"]
        beat = self.registry.beat(port, pid)
        if beat is Beat.NEW:
            self.signals.hostSeen.emit(port)
        elif beat is Beat.RECOVERED:
            self.signals.hostRecovered.emit(port)
        scene = (facts or {}).get("scene")
        if isinstance(scene, str) and self.registry.note_scene(port, scene[:200]):
            self.signals.sceneChanged.emit(port, scene[:200])
        return True

    def find_available_port(self, start: int = 9001) -> int:
        return self.registry.find_available_port(_port(start))

    def ping(self) -> dict:
        return {"message": "Hello, whole world", "version": __version__, "pid": os.getpid()}

    def publish(self) -> bool:
        self.signals.command.emit("publish")
        return True

    def validate(self) -> bool:
        self.signals.command.emit("validate")
        return True

    def reset(self) -> bool:
        self.signals.command.emit("reset")
        return True

    def stop(self) -> bool:
        self.signals.command.emit("stop")
        return True

    def state(self) -> dict:
        snapshot = dict(self._snapshot())
        snapshot["hosts"] = self.registry.snapshot()
        return snapshot


def _port(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 65536:
        raise ValueError("port must be an integer between 1 and 65535, got %r" % (value,))
    return value


class ControlServer(LoopbackServer):
    def __init__(self, port: int, api: ControlApi):
        super().__init__(port, path=None, name="pyblish-qml-control")
        self.api = api
        self.register_instance(api)
