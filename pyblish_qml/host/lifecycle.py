"""Installing the publishing service into a host process, and showing the UI for it.

``install()`` gives the host its port (from the UI's ``find_available_port`` when a UI runs,
else the first free one from 9001), starts the service and the heartbeat, sets
``PYBLISH_CLIENT_PORT`` and the default toggle callbacks. ``show()`` installs if needed,
starts the UI process if nothing answers on the control port, and hands it our "business card".
Runs in the DCC's own Python: 3.7+ only.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from typing import Any

import pyblish.api

from .. import client, compat, rpc
from .. import settings as user_settings
from . import dispatch
from . import modal as modal_loop
from . import targets as session
from .heartbeat import Heartbeat
from .server import HostServer
from .service import HostService

log = logging.getLogger(__name__)

FIRST_HOST_PORT = 9001
PORT_ATTEMPTS = 100
UI_START_TIMEOUT = 30.0

_lock = threading.RLock()
_state: dict[str, Any] = {"server": None, "heartbeat": None, "ui": None, "python": None}


class LaunchError(RuntimeError):
    """The UI process could not be started or did not come up."""


def on_instance_toggled(instance, new_value, old_value):
    """Keep ``instance.data["publish"]`` in sync with the checkbox in the UI."""
    instance.data["publish"] = bool(new_value)


def on_plugin_toggled(plugin, new_value, old_value):
    """Keep ``plugin.active`` in sync with the checkbox in the UI."""
    plugin.active = bool(new_value)


_CALLBACKS = (("instanceToggled", on_instance_toggled), ("pluginToggled", on_plugin_toggled))


def _ask_ui_for_port() -> int | None:
    try:
        return int(client.proxy(timeout=2.0).find_available_port(FIRST_HOST_PORT))
    except Exception:
        return None


def _bind(service: HostService, port: int | None) -> HostServer:
    """Bind the service to ``port`` (0: any port the OS gives), else the first free from 9001."""
    if port == 0:
        return HostServer(service, 0)
    first = port or _ask_ui_for_port() or FIRST_HOST_PORT
    for candidate in range(first, first + PORT_ATTEMPTS):
        try:
            return HostServer(service, candidate)
        except OSError:
            if port is not None:
                raise
    raise OSError("no free port in %d-%d for the pyblish host service" % (first, first + PORT_ATTEMPTS))


def install(port: int | None = None, wrapper=None, heartbeat_interval: float = 1.0) -> int:
    """Start this host's publishing service (once); returns its port."""
    with _lock:
        server = _state["server"]
        if server is not None:
            return server.port
        if wrapper is not None:
            dispatch.register_dispatch_wrapper(wrapper)
        service = HostService()
        server = _bind(service, port).start()
        _state["server"] = server
        os.environ["PYBLISH_CLIENT_PORT"] = str(server.port)
        _state["heartbeat"] = Heartbeat(server.port, heartbeat_interval).start()
        for signal, callback in _CALLBACKS:
            if callback not in pyblish.api.registered_callbacks().get(signal, []):
                pyblish.api.register_callback(signal, callback)
        log.info("pyblish host service on %s", rpc.LOOPBACK + ":%d" % server.port)
        return server.port


def uninstall() -> None:
    """Stop the service and the heartbeat and forget the port; safe to call twice."""
    with _lock:
        heartbeat, server = _state["heartbeat"], _state["server"]
        _state["heartbeat"] = _state["server"] = None
        if heartbeat is not None:
            heartbeat.stop()
        if server is not None:
            server.stop()
        os.environ.pop("PYBLISH_CLIENT_PORT", None)
        for signal, callback in _CALLBACKS:
            try:
                pyblish.api.deregister_callback(signal, callback)
            except (KeyError, ValueError):
                pass


def ui_silence() -> float | None:
    """Seconds since the UI last answered our heartbeat (None: never, or not installed)."""
    heartbeat = _state["heartbeat"]
    return heartbeat.silence() if heartbeat is not None else None


def installed_port() -> int | None:
    server = _state["server"]
    return server.port if server is not None else None


def register_python_executable(path: str | None) -> None:
    """Start the UI with this Python (pyblish-qml 1.x's API); None: back to the environment."""
    if path is not None and not os.path.isfile(path):
        raise ValueError("register_python_executable: %r is not a file; give the path of a Python >= 3.10 "
                         "that has pyblish-qml installed with its UI" % (path,))
    _state["python"] = path


def python_executable() -> str:
    """The Python that runs the UI: the registered one, ``PYBLISH_QML_PYTHON_EXECUTABLE``, else
    ours when it is a Python that can run the UI (3.10+)."""
    chosen = _state["python"] or os.environ.get(compat.PYTHON_VARIABLE)
    if chosen:
        return chosen
    name = os.path.basename(sys.executable or "").lower()
    if name.startswith("python"):
        problem = compat.ui_python_problem()
        if problem:  # a DCC's 3.7-3.9 (mayapy, hython...) has the host side only
            raise LaunchError(problem)
        return sys.executable
    found = shutil.which("python3") or shutil.which("python")
    if not found:
        raise LaunchError("cannot find a Python to run the pyblish-qml UI: " + _REMEDY)
    return found


_REMEDY = ("set %s to a Python >= %d.%d that has pyblish-qml installed with its UI (pip install pyblish-qml)"
           % ((compat.PYTHON_VARIABLE,) + compat.UI_MIN_PYTHON))


def start_ui(timeout: float = UI_START_TIMEOUT) -> subprocess.Popen:
    """Start ``python -m pyblish_qml`` and wait until it answers ``ping``."""
    command = [python_executable(), "-m", "pyblish_qml", "--started-by-host"]
    log.info("starting pyblish-qml: %s", " ".join(command))
    kwargs: dict[str, Any] = {"stdin": subprocess.DEVNULL}
    if sys.platform == "win32":
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0)
    else:
        kwargs["start_new_session"] = True  # the UI must not die with a Ctrl+C in the host
    process = subprocess.Popen(command, **kwargs)
    deadline = time.monotonic() + timeout
    delay = 0.02
    while time.monotonic() < deadline:
        if client.is_running(timeout=1.0):
            return process
        if process.poll() is not None:
            raise LaunchError("the pyblish-qml UI exited with code %s while starting (`%s`): %s"
                              % (process.returncode, " ".join(command), _REMEDY))
        time.sleep(delay)
        delay = min(delay * 2, 0.25)
    raise LaunchError("pyblish-qml did not answer on port %d within %.0f s" % (client.ui_port(), timeout))


def show(settings: dict | None = None, targets: list | None = None, modal: bool = False) -> bool:
    """Show the UI for this host: install the service, start the UI if needed, say hello.

    ``settings`` are a DCC integration's (or the caller's); what the host set in
    ``pyblish_qml.settings`` wins over them. ``targets``: publish with exactly these (None:
    "default" plus the registered ones). ``modal``: return only once the window has closed,
    running plugin work on the calling thread meanwhile (mayapy and other headless sessions).
    """
    settings = dict(settings or {})
    settings.update(user_settings.changed())
    session.set_session_targets(targets)
    port = install()
    heartbeat = _state["heartbeat"]
    interval = settings.get("HeartbeatInterval")
    if heartbeat is not None and isinstance(interval, (int, float)) and interval > 0:
        heartbeat.interval = float(interval)  # the UI judges us by the interval we announce
    if not client.is_running():
        with _lock:
            if not client.is_running():
                _state["ui"] = start_ui()
    shown = bool(client.proxy().show(port, settings))
    if modal:
        modal_loop.block_until_closed(port)
    return shown
