"""The session's resident task driver: runs every task of an OpenJD session in one warm process.

Started by the step environment (``host-start``, beside the host) and ended by its ``onExit``
(the client's ``--stop``: the driver stops the host, then exits), it has pyblish, pyblish-qml and
the engine imported once; each task's process is only a stdlib client (:mod:`.task_client`) that
sends its bundle, session, instance, attempt and pid over the Unix socket ``driver.sock`` in the
session's working directory and prints the lines this sends back. A task runs exactly as
``python -m pyblish_qml.farm task`` runs it (:func:`.worker.run_task`), its start line naming the
client's pid, so a killed task process is lost on farm as before. A client that goes away
mid-task (killed, cancelled) makes the driver stop that task and record it lost. One task at a
time: OpenJD runs a session's tasks one after another.

This takes the per-task cost with the host held open from ~290 ms (a new Python importing
pyblish-qml per task) to the engine's own round trips (docs/farm.md, "Measured"); the tasks also
share one collection (:class:`.worker.Warm`) unless a task needs its own.

Thread: the driver process's main thread accepts and runs tasks; one thread per task watches
its client's socket for the end; one looks every few seconds whether the session's working
directory is still there (gone without an ``onExit``: it ends the host and the driver).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .task_client import PROTOCOL, SLOW_WHY, SOCKET_NAME

PROTOCOL_NAME = "pyblish-qml-driver/"
SILENT_TO = ("pyblish-qml-driver/1",)  # clients without the handshake: anything heard would fail their task

START_TIMEOUT = 30.0
ORPHAN_CHECK = float(os.environ.get("PYBLISH_QML_FARM_ORPHAN_CHECK", "5"))  # seconds between looks at the session


def socket_path(session: Path) -> Path:
    return Path(session) / SOCKET_NAME


def launch(session: Path) -> subprocess.Popen:
    """Start the driver for ``session`` (a process of its own); :func:`ready` waits for it.

    ``host-start`` launches it before it starts the host, so its imports overlap the host's start."""
    session = Path(session)
    socket_path(session).unlink(missing_ok=True)
    with open(session / "driver.log", "ab") as log:
        return subprocess.Popen([sys.executable, "-m", "pyblish_qml.farm", "driver", "--session", str(session)],
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=str(session))


def ready(session: Path, process: subprocess.Popen, began: float) -> dict:
    """Wait until the driver listens; ``{"pid", "seconds"}`` (also driver.json), pid None if it
    did not start (the tasks then run the slow way)."""
    session = Path(session)
    path = socket_path(session)
    while not path.exists():
        if process.poll() is not None or time.monotonic() - began > START_TIMEOUT:
            return {"pid": None, "seconds": time.monotonic() - began}
        time.sleep(0.005)
    facts = {"pid": process.pid, "seconds": time.monotonic() - began}
    (session / "driver.json").write_text(json.dumps(facts), encoding="utf-8")
    return facts


def serve(session: Path) -> int:
    """The driver's loop (``python -m pyblish_qml.farm driver --session S``)."""
    from . import worker  # the engine and pyblish, imported once for the whole session

    path = socket_path(session)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path) + ".tmp")
    server.listen(4)
    os.replace(str(path) + ".tmp", str(path))  # the socket appears when it listens: start() waits for it
    warm = worker.Warm()  # the session's collection, kept between its tasks (worker.py)
    threading.Thread(target=_watch_session, args=(Path(session),), name="pyblish-qml-farm-session",
                     daemon=True).start()
    while True:
        connection, _ = server.accept()
        try:
            request = _request(connection)
            if request is not None and request[0] == "stop":
                _stop_session(session, connection, server, path)
            elif request is not None and request[0] == "task" and len(request) == 6:
                _run(connection, request, worker, warm)
        except OSError:  # a client gone mid-request: the driver serves the next one
            pass
        finally:
            _hang_up(connection)


def slow_path_note(session: Path) -> str | None:
    """The ``openjd_status`` line a task run the slow way prints while the session has a driver.

    Its client said why already, unless it predates the handshake (``/1``): the driver did not
    answer it, and this line says so instead."""
    if os.environ.get(SLOW_WHY) or not socket_path(session).exists():
        return None
    return ("openjd_status: the session's task driver speaks %s and this task's client an older protocol: "
            "running without it" % PROTOCOL)


def _watch_session(session: Path) -> None:
    """End the host and this driver once the session's working directory is gone.

    A session that never ran its ``onExit`` (``openjd`` or the worker agent killed, the directory
    cleaned up) would otherwise leave the DCC and the driver running on the worker for good."""
    host = None
    while True:
        time.sleep(ORPHAN_CHECK)
        if session.is_dir():
            if host is None and (session / "host.json").is_file():
                try:
                    host = int(json.loads((session / "host.json").read_text(encoding="utf-8"))["pid"])
                    print("pyblish-qml farm driver: watching the session for host pid %d" % host, flush=True)
                except (OSError, ValueError, KeyError):
                    pass
            continue
        if host is not None:
            from .hostproc import wait_exited

            try:
                os.killpg(host, signal.SIGTERM)
            except OSError:
                pass
            wait_exited(host, 10.0)
        os._exit(0)


def _hang_up(connection: socket.socket) -> None:
    """Close now: shutdown() first, since close() alone waits for the watcher's blocked recv()."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()


def _request(connection: socket.socket) -> list[str] | None:
    """The client's request line (task_client.py): its fields after the protocol, or None.

    The answer starts with this driver's protocol (``V`` line), whichever the client speaks: a
    client of another one then runs its task the slow way. Clients of ``/1`` predate that line
    and would take any answer for a task begun: they get none, and fall back all the same."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    fields = data[:-1].decode("utf-8", "surrogateescape").split("\0")
    if fields[0].startswith(PROTOCOL_NAME) and fields[0] not in SILENT_TO:
        try:
            connection.sendall(("V%s\n" % PROTOCOL).encode("utf-8"))
        except OSError:
            return None  # the client went away: nothing to run
    return fields[1:] if fields[0] == PROTOCOL else None


def _stop_session(session: Path, connection: socket.socket, server: socket.socket, path: Path) -> None:
    """The environment's ``onExit``: stop the host, answer, and end this process.

    The client reads until its socket closes, which happens when this process exits: the action
    ends once the driver is gone, without the import of pyblish-qml a ``host-stop`` process pays."""
    from .hostproc import stop as stop_host

    server.close()
    path.unlink(missing_ok=True)
    stop_host(session)
    try:
        connection.sendall(b"X0\n")
    except OSError:
        pass
    os._exit(0)  # the connection closes with the process


def _run(connection: socket.socket, request: list[str], worker, warm) -> None:
    _, bundle, session, key, attempt, pid = request[:6]
    gone = threading.Event()

    def send(line: str) -> None:
        if gone.is_set():
            return
        try:
            connection.sendall((line.replace("\n", " ") + "\n").encode("utf-8", "surrogateescape"))
        except OSError:
            gone.set()

    def watch() -> None:  # the client sends nothing more: EOF means it went away
        try:
            while connection.recv(4096):
                pass
        except OSError:
            pass
        gone.set()

    threading.Thread(target=watch, name="pyblish-qml-farm-client", daemon=True).start()
    code = worker.run_task(Path(bundle), Path(session), key, int(attempt or 1), lambda text: send("S" + text),
                           pid=int(pid) if pid.isdigit() else None, cancelled=gone, warm=warm)
    send("X%d" % code)


def stop(session: Path, timeout: float = 5.0) -> None:
    """End the session's driver (``host-stop``) and wait until it has exited."""
    from .hostproc import wait_exited

    try:
        pid = json.loads((Path(session) / "driver.json").read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError):
        return
    if not pid:
        return
    try:
        os.kill(int(pid), signal.SIGTERM)
    except OSError:
        return
    if not wait_exited(int(pid), timeout):
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
