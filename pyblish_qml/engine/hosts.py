"""Which hosts the UI knows, whether they are alive, and which ports are spoken for.

Pure Python and thread-safe: the control server's threads record heartbeats and hand out
ports here, the monitor thread judges liveness here, and the GUI thread reads snapshots.

Dead versus busy (docs/protocol.md, "Heartbeats, busy and dead hosts"): heartbeats come from a
thread of the host's own, so a host whose
main thread is stuck in a long plugin still beats. A host is **dead** when its beats have
stopped *and* its port refuses connections (the process is gone: a SIGKILL closes the port at
once), or when beats stopped for ``timeout`` and its process no longer exists. A host that stops
beating but still accepts connections is **busy** — never declared dead for that alone.
"""

from __future__ import annotations

import enum
import errno
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from .. import rpc_client
from ..rpc import LOOPBACK, host_url
from ..rpc_server import port_is_free

RESERVATION_SECONDS = 10.0
MAX_RESERVED = 32  # ports held for hosts starting up at once; more is someone hoarding
MAX_SCAN = 512  # ports tried by one find_available_port


@dataclass
class HostInfo:
    port: int
    last_beat: float = field(default_factory=time.monotonic)
    alive: bool = True
    busy: bool = False
    pid: int | None = None
    name: str = ""
    beats: int = 0
    file: str = ""  # the scene the host has open (its context's currentFile), once collected
    scene: str | None = None  # the host's last scene-change token (host/scene.py), None when it sends none

    @property
    def label(self) -> str:
        return host_label(self.name, self.file, self.pid, self.port)

    def snapshot(self) -> dict:
        return {"port": self.port, "alive": self.alive, "busy": self.busy, "name": self.name,
                "pid": self.pid, "beats": self.beats, "file": self.file, "label": self.label}


class Beat(enum.Enum):
    """What one heartbeat meant: a host not known (alive) before, one that was busy, or routine."""

    NEW = "new"
    RECOVERED = "recovered"
    ROUTINE = "routine"


def host_label(name: str, file: str, pid: int | None, port: int) -> str:
    """How the artist tells hosts apart: DCC, scene file, process — "maya — shot010.ma (pid 1234)".

    The port only when nothing else is known yet (a host that has not been collected)."""
    scene = file.replace("\\", "/").rsplit("/", 1)[-1] if file else ""
    text = name or "host"
    if scene:
        text += " — " + scene
    if pid:
        return "%s (pid %d)" % (text, pid)
    return "%s on port %d" % (text, port)


def port_refuses(port: int, timeout: float = 0.5) -> bool:
    """True when nothing accepts connections on 127.0.0.1:``port`` (loopback: answers at once)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect((LOOPBACK, port))
        except ConnectionRefusedError:
            return True
        except OSError as error:
            return error.errno in (errno.ECONNREFUSED, errno.ECONNRESET)
    return False


def host_ping(port: int, timeout: float = 2.0) -> dict | None:
    """The host service's ``ping`` reply on ``port`` (it carries the pid), None when none answers.

    Thread: a control-server thread (one loopback round trip, only for ports not yet known).
    """
    proxy = rpc_client.Proxy(host_url(port), timeout=timeout)
    try:
        reply = proxy.ping()
    except Exception:
        return None
    finally:
        proxy.close()
    return reply if isinstance(reply, dict) and isinstance(reply.get("pid"), int) else None


def host_answers(port: int, timeout: float = 2.0) -> bool:
    """True when a pyblish host service answers ``ping`` on ``port`` (never a phantom host)."""
    return host_ping(port, timeout) is not None


def process_exists(pid: int | None) -> bool | None:
    """None when unknown; on POSIX signal 0 tells without touching the process."""
    if not pid or os.name != "posix":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class HostRegistry:
    """The known hosts by port, plus short-lived port reservations for hosts starting up."""

    def __init__(self, interval: float = 1.0, timeout: float = 5.0):
        self.interval = interval
        self.timeout = timeout
        self._hosts: dict[int, HostInfo] = {}
        self._reserved: dict[int, float] = {}
        self._lock = threading.Lock()

    def beat(self, port: int, pid: int | None = None) -> Beat:
        """Record a heartbeat (``pid`` from the ping that admitted a new host)."""
        port = int(port)
        with self._lock:
            self._reserved.pop(port, None)
            info = self._hosts.get(port)
            if info is None or not info.alive:
                self._hosts[port] = HostInfo(port, beats=1, pid=pid)
                return Beat.NEW
            info.last_beat = time.monotonic()
            info.beats += 1
            info.pid = info.pid or pid
            was_busy, info.busy = info.busy, False
            return Beat.RECOVERED if was_busy else Beat.ROUTINE

    def register(self, port: int, name: str = "", pid: int | None = None, file: str | None = None) -> None:
        with self._lock:
            info = self._hosts.get(port)
            if info is None or not info.alive:
                info = self._hosts[port] = HostInfo(int(port))
            info.last_beat = time.monotonic()
            info.name = name or info.name
            info.pid = pid or info.pid
            info.file = info.file if file is None else file

    def note_scene(self, port: int, token: str) -> bool:
        """Record a host's scene token; True when it differs from the one before (or is the first)."""
        with self._lock:
            info = self._hosts.get(port)
            if info is None or info.scene == token:
                return False
            info.scene = token
            return True

    def forget(self, port: int) -> None:
        with self._lock:
            self._hosts.pop(port, None)

    def knows_alive(self, port: int) -> bool:
        with self._lock:
            info = self._hosts.get(port)
            return info is not None and info.alive

    def get(self, port: int) -> HostInfo | None:
        with self._lock:
            return self._hosts.get(port)

    def snapshot(self) -> list[dict]:
        with self._lock:
            return [info.snapshot() for info in sorted(self._hosts.values(), key=lambda i: i.port)]

    def alive_ports(self) -> list[int]:
        with self._lock:
            return [port for port, info in self._hosts.items() if info.alive]

    def find_available_port(self, start: int = 9001, exclude: tuple[int, ...] = ()) -> int:
        """First port >= ``start`` no known host holds, not reserved, and free; now reserved."""
        now = time.monotonic()
        with self._lock:
            self._reserved = {p: t for p, t in self._reserved.items() if t > now}
            if len(self._reserved) >= MAX_RESERVED:
                raise OSError("%d ports are already reserved for hosts starting up; try again in %d s"
                              % (len(self._reserved), RESERVATION_SECONDS))
            port = max(1, int(start))
            end = min(65536, port + MAX_SCAN)
            while port < end:
                taken = (port in self._reserved or port in exclude
                         or (port in self._hosts and self._hosts[port].alive))
                if not taken and port_is_free(port):
                    self._reserved[port] = now + RESERVATION_SECONDS
                    return port
                port += 1
        raise OSError("no free port in %d..%d" % (start, end - 1))

    def check(self) -> tuple[list[int], list[int]]:
        """Judge every host; returns (newly dead ports, newly busy ports). Thread: monitor."""
        now = time.monotonic()
        with self._lock:
            candidates = [(info.port, now - info.last_beat, info.pid, info.busy)
                          for info in self._hosts.values() if info.alive]
        died, stalled = [], []
        for port, silence, pid, was_busy in candidates:
            if silence <= 2 * self.interval:
                continue
            exists = process_exists(pid)
            if port_refuses(port) or (exists is False and silence > self.timeout):
                died.append(port)
            elif silence > self.timeout and not was_busy:
                stalled.append(port)
        with self._lock:
            for port in died:
                if port in self._hosts:
                    self._hosts[port].alive = False
            for port in stalled:
                if port in self._hosts:
                    self._hosts[port].busy = True
        return died, stalled


class HostMonitor:
    """A thread that judges host liveness every ``period`` seconds and reports by callback."""

    def __init__(self, registry: HostRegistry, on_dead, on_busy, period: float = 0.5):
        self.registry = registry
        self.period = period
        self._on_dead = on_dead
        self._on_busy = on_busy
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pyblish-qml-monitor", daemon=True)

    def start(self) -> "HostMonitor":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.period):
            died, stalled = self.registry.check()
            for port in died:
                self._on_dead(port)
            for port in stalled:
                self._on_busy(port)


def python_host_command() -> list[str]:
    """How to start the standalone Python host: ``-m`` from Python, ``--run-host`` from a bundle."""
    if "__compiled__" in globals():  # Nuitka bundle: sys.executable is pyblish-qml itself
        return [sys.executable, "--run-host"]
    return [sys.executable, "-m", "pyblish_qml.host"]


def start_python_host(control_port: int) -> None:
    """Start the standalone Python host (plugins of PYBLISHPLUGINPATH), detached; it calls show().

    Raises OSError when it cannot be started."""
    env = dict(os.environ, PYBLISH_QML_PORT=str(control_port or 9090))
    subprocess.Popen(python_host_command(), env=env, stdin=subprocess.DEVNULL, start_new_session=(os.name == "posix"))
