"""One OpenJD task's process: a stdlib-only client of the session's resident task driver.

OpenJD starts a new process per task. Python importing pyblish, pyblish-qml and the engine costs
~200 ms, so the step environment starts a *driver* once per session (:mod:`.driver`) with all of
that loaded, and each task runs this file — embedded in the job template, run with ``python -I -S``
— which hands the task to the driver over a Unix socket in the session's working directory and
relays its lines (``openjd_status``, ``openjd_progress``, ``openjd_fail``) to stdout for the
scheduler. Exit code: the driver's. The environment's ``onExit`` runs it too (``--stop``): the
driver stops the host, then exits, and this returns once it has.

It imports only ``_socket`` (besides ``os`` and ``sys``, loaded at start anyway): ``socket`` and
``json`` cost ~11 ms of a ~20 ms start, per task (docs/farm.md, "Measured"). So the wire is plain
bytes: the request is one line of NUL-separated fields, ``PROTOCOL`` first; the driver's first
answer line is ``V<its protocol>``, then ``S<text>`` (a line to print) or ``X<code>`` (the task's
exit code). A driver of another protocol answers only its ``V`` line (or, for clients of
``/1``, which predate the handshake, nothing) and runs nothing. Without a driver that speaks this
protocol (it did not start, died, or speaks another one) it prints an ``openjd_status`` line
saying why and runs the task the slow way, in a new Python: ``python -m pyblish_qml.farm task
...`` (``host-stop`` for ``--stop``): a bundle written by an older or newer workstation than the
worker's pyblish-qml still runs. Killed, it takes its socket with it and the driver ends the task
as lost. No imports from pyblish_qml: it
must stay runnable as a lone file (Python 3.7+).
"""

import os
import sys

SOCKET_NAME = "driver.sock"
PROTOCOL = "pyblish-qml-driver/2"  # /2: the driver answers with its version first (/1 did not)
SLOW_WHY = "PYBLISH_QML_FARM_SLOW_WHY"
FIELDS = ("--bundle", "--session", "--instance", "--attempt")


def request_line(argv):
    """The request for these arguments (``--bundle B --session S --instance K --attempt N``, or
    ``--session S --stop``), or None when a field cannot travel in one line."""
    args = dict(zip(argv[0::2], argv[1::2]))
    if "--stop" in argv:
        fields = [PROTOCOL, "stop", args.get("--session", "")]
    else:
        fields = [PROTOCOL, "task"] + [args.get(name, "") for name in FIELDS] + [str(os.getpid())]
    if any("\n" in field or "\0" in field for field in fields) or not args.get("--session"):
        return None
    return "\0".join(fields).encode("utf-8", "surrogateescape") + b"\n", args["--session"]


def main(argv):
    made = request_line(argv)
    if made is None:
        return fallback(argv)
    request, session = made
    try:
        import _socket

        connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        connection.connect(os.path.join(session, SOCKET_NAME))
        connection.sendall(request)
    except (OSError, ImportError, AttributeError):
        return fallback(argv, "no task driver in the session")
    if "--stop" not in argv:
        return relay(connection, argv)
    driver = peer_pid(connection, _socket)
    code = relay(connection, argv)
    if code == 0 and driver:
        wait_gone(driver)  # its socket closes while it exits: return once it has
    return code


def peer_pid(connection, _socket):
    """The driver's pid, from the socket itself (Linux); None where that cannot be asked."""
    try:
        raw = connection.getsockopt(_socket.SOL_SOCKET, _socket.SO_PEERCRED, 12)
        return int.from_bytes(raw[:4], sys.byteorder)
    except (OSError, AttributeError):
        return None


def wait_gone(pid, limit=2.0):
    """Until ``pid`` has exited (gone, or a zombie its parent has not reaped yet), at most ``limit`` s."""
    import time

    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            with open("/proc/%d/stat" % pid, "rb") as stat:
                if stat.read().rsplit(b")", 1)[-1].split()[0] == b"Z":
                    return
        except (OSError, IndexError):
            return
        time.sleep(0.001)


def relay(connection, argv):
    """The driver's answer to stdout, once it has said it speaks this protocol; the exit code."""
    version, code, pending = None, None, b""
    while True:  # until the driver closes: after the task, or (--stop) when the driver has exited
        try:
            chunk = connection.recv(65536)
        except InterruptedError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            break
        lines = (pending + chunk).split(b"\n")
        pending = lines.pop()
        for line in lines:
            if version is None:
                version = line[1:] if line[:1] == b"V" else b"?"
                if version != PROTOCOL.encode("ascii"):
                    break
            elif line[:1] == b"S":
                os.write(1, line[1:] + b"\n")
            elif line[:1] == b"X":
                code = int(line[1:] or 1)
        if version is not None and version != PROTOCOL.encode("ascii"):
            break
    connection.close()
    if version is None:  # a driver of /1 closes on another protocol without a word
        return fallback(argv, "the session's task driver did not answer %s" % PROTOCOL)
    if version != PROTOCOL.encode("ascii"):  # it ran nothing
        return fallback(argv, "the session's task driver speaks %s, this task %s" % (
            version.decode("utf-8", "replace"), PROTOCOL))
    if code is not None:
        return code
    os.write(1, b"openjd_fail: the session's task driver stopped mid-task\n")
    return 1


def fallback(argv, why=""):
    """No driver: the task (or the stop) in a new Python, the slow way, replacing this process."""
    if why:
        os.write(1, ("openjd_status: %s: running without it\n" % why).encode("utf-8", "replace"))
        os.environ[SLOW_WHY] = why  # the slow task need not say it again (driver.slow_path_note)
    if "--stop" in argv:
        args = dict(zip(argv[0::2], argv[1::2]))
        command = ["host-stop", "--session", args.get("--session", "")]
    else:
        command = ["task"] + list(argv)
    os.execv(sys.executable, [sys.executable, "-m", "pyblish_qml.farm"] + command)
    return 1


if __name__ == "__main__":
    sys.stdout.flush()
    os._exit(main(sys.argv[1:]))  # nothing left to flush or free: skip the interpreter's teardown
