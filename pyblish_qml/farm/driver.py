"""The session's resident task driver: runs every task of an OpenJD session in one warm process.

Started by the step environment (``host-start``, after the host) and ended by ``host-stop``, it
has pyblish, pyblish-qml and the engine imported once; each task's process is only a stdlib
client (:mod:`.task_client`) that sends ``{"bundle", "session", "instance", "attempt", "pid"}``
over the Unix socket ``driver.sock`` in the session's working directory and prints the lines this
sends back. A task runs exactly as ``python -m pyblish_qml.farm task`` runs it
(:func:`.worker.run_task`), its start line naming the client's pid, so a killed task process is
lost on farm as before. A client that goes away mid-task (killed, cancelled) makes the driver stop
that task and record it lost. One task at a time: OpenJD runs a session's tasks one after another.

This takes the per-task cost with the host held open from ~290 ms (a new Python importing
pyblish-qml per task) to the engine's own round trips (docs/farm.md, "Measured"); the tasks also
share one collection (:class:`.worker.Warm`) unless a task needs its own.

Thread: the driver process's main thread accepts and runs tasks; one thread per task watches
its client's socket for the end.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .task_client import SOCKET_NAME

START_TIMEOUT = 30.0


def socket_path(session: Path) -> Path:
    return Path(session) / SOCKET_NAME


def start(session: Path) -> dict:
    """Start the driver for ``session`` (a process of its own); returns ``{"pid", "seconds"}``."""
    session = Path(session)
    path = socket_path(session)
    if path.exists():
        path.unlink()
    began = time.monotonic()
    with open(session / "driver.log", "ab") as log:
        process = subprocess.Popen([sys.executable, "-m", "pyblish_qml.farm", "driver", "--session", str(session)],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=str(session))
    while not path.exists():
        if process.poll() is not None or time.monotonic() - began > START_TIMEOUT:
            return {"pid": None, "seconds": time.monotonic() - began}  # the tasks fall back to the slow way
        time.sleep(0.01)
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
    while True:
        connection, _ = server.accept()
        try:
            _run(connection, worker, warm)
        finally:
            connection.close()


def _run(connection: socket.socket, worker, warm) -> None:
    reader = connection.makefile("r", encoding="utf-8")
    line = reader.readline()
    if not line:
        return
    request = json.loads(line)
    gone = threading.Event()

    def say(text: str) -> None:
        if gone.is_set():
            return
        try:
            connection.sendall((json.dumps({"say": text}) + "\n").encode("utf-8"))
        except OSError:
            gone.set()

    def watch() -> None:  # the client sends nothing more: EOF means it went away
        try:
            reader.read()
        except (OSError, ValueError):
            pass
        gone.set()

    threading.Thread(target=watch, name="pyblish-qml-farm-client", daemon=True).start()
    code = worker.run_task(Path(request["bundle"]), Path(request["session"]), request["instance"],
                           int(request["attempt"]), say, pid=request.get("pid"), cancelled=gone, warm=warm)
    if not gone.is_set():
        try:
            connection.sendall((json.dumps({"exit": code}) + "\n").encode("utf-8"))
        except OSError:
            pass


def stop(session: Path) -> None:
    """End the session's driver (``host-stop``)."""
    try:
        pid = json.loads((Path(session) / "driver.json").read_text(encoding="utf-8")).get("pid")
    except (OSError, ValueError):
        return
    if pid:
        try:
            os.kill(int(pid), 15)
        except OSError:
            pass
