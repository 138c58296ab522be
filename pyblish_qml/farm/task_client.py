"""One OpenJD task's process: a stdlib-only client of the session's resident task driver.

OpenJD starts a new process per task. Python importing pyblish, pyblish-qml and the engine costs
~200 ms, so the step environment starts a *driver* once per session (:mod:`.driver`) with all of
that loaded, and each task runs this file — embedded in the job template, run with ``python -I -S``
so it imports nothing beyond a few stdlib modules — which hands the task to the driver over a
Unix socket in the session's working directory and relays its lines (``openjd_status``,
``openjd_progress``, ``openjd_fail``) to stdout for the scheduler. Exit code: the driver's.

Without a driver (it did not start, or died) it runs the task the slow way, in a new Python:
``python -m pyblish_qml.farm task ...``. Killed, it takes its socket with it and the driver ends
the task as lost. No imports from pyblish_qml: it must stay runnable as a lone file (Python 3.7+).
"""

import json
import os
import socket
import sys

SOCKET_NAME = "driver.sock"


def main(argv):
    args = dict(zip(argv[0::2], argv[1::2]))  # --bundle B --session S --instance K --attempt N
    path = os.path.join(args["--session"], SOCKET_NAME)
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
    except (OSError, AttributeError):
        return fallback(argv)
    request = {"bundle": args["--bundle"], "session": args["--session"], "instance": args["--instance"],
               "attempt": int(args.get("--attempt") or 1), "pid": os.getpid()}
    connection.sendall((json.dumps(request) + "\n").encode("utf-8"))
    code = 1
    with connection.makefile("r", encoding="utf-8") as lines:
        for line in lines:
            message = json.loads(line)
            if "say" in message:
                sys.stdout.write(message["say"] + "\n")
                sys.stdout.flush()
            elif "exit" in message:
                code = int(message["exit"])
                break
        else:
            sys.stdout.write("openjd_fail: the session's task driver stopped mid-task\n")
    connection.close()
    return code


def fallback(argv):
    """No driver: the task in a new Python (the slow way), replacing this process."""
    sys.stdout.flush()
    os.execv(sys.executable, [sys.executable, "-m", "pyblish_qml.farm", "task"] + list(argv))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
