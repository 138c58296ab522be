"""(Kept as shipped in bundles written before the handshake, for tests/farm/test_driver_versions.py.)

One OpenJD task's process: a stdlib-only client of the session's resident task driver.

OpenJD starts a new process per task. Python importing pyblish, pyblish-qml and the engine costs
~200 ms, so the step environment starts a *driver* once per session (:mod:`.driver`) with all of
that loaded, and each task runs this file — embedded in the job template, run with ``python -I -S``
— which hands the task to the driver over a Unix socket in the session's working directory and
relays its lines (``openjd_status``, ``openjd_progress``, ``openjd_fail``) to stdout for the
scheduler. Exit code: the driver's. The environment's ``onExit`` runs it too (``--stop``): the
driver stops the host, then exits, and this returns once it has.

It imports only ``_socket`` (besides ``os`` and ``sys``, loaded at start anyway): ``socket`` and
``json`` cost ~11 ms of a ~20 ms start, per task (docs/farm.md, "Measured"). So the wire is plain
bytes: the request is one line of NUL-separated fields, ``PROTOCOL`` first; each answer line is
``S<text>`` (a line to print) or ``X<code>`` (the task's exit code). Without a driver (it did not
start, died, or speaks another protocol: it closes without a word) it runs the task the slow way,
in a new Python: ``python -m pyblish_qml.farm task ...`` (``host-stop`` for ``--stop``). Killed, it
takes its socket with it and the driver ends the task as lost. No imports from pyblish_qml: it
must stay runnable as a lone file (Python 3.7+).
"""

import os
import sys

SOCKET_NAME = "driver.sock"
PROTOCOL = "pyblish-qml-driver/1"
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
        return fallback(argv)
    heard, code, pending = False, None, b""
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
            heard = True
            if line[:1] == b"S":
                os.write(1, line[1:] + b"\n")
            elif line[:1] == b"X":
                code = int(line[1:] or 1)
    connection.close()
    if code is not None:
        return code
    if not heard:  # no driver that speaks this protocol: nothing ran yet
        return fallback(argv)
    os.write(1, b"openjd_fail: the session's task driver stopped mid-task\n")
    return 1


def fallback(argv):
    """No driver: the task (or the stop) in a new Python, the slow way, replacing this process."""
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
