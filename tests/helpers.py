"""Real processes for tests: hosts and UI processes on their own ports, headless pyblish for parity."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import xmlrpc.client
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SUITES = FIXTURES / "suites"
REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_USER_DIRS = Path(tempfile.mkdtemp(prefix="pyblish-qml-test-home-"))


def isolated_env(**extra: str) -> dict:
    """Environment for child processes: no UI to find, plugins only from what we pass, and the
    user's config/log/data folders in a temporary place (never the real user's)."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        env[name] = str(_USER_DIRS / name.lower())
    env.pop("PYBLISHPLUGINPATH", None)
    env["PYBLISH_QML_PORT"] = env.get("PYBLISH_QML_TEST_UI_PORT") or str(free_port())
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(FIXTURES), env.get("PYTHONPATH")]))  # plugin_log
    env.update({k: str(v) for k, v in extra.items()})
    return env


class HostProcess:
    """``python -m pyblish_qml.host --no-show`` serving one suite on an OS-chosen port."""

    def __init__(self, suite: str | Path, *args: str, env: dict | None = None, show: bool = False,
                 recording: bool = False, python: str = sys.executable, cwd: str | Path = REPO):
        path = suite if isinstance(suite, Path) else SUITES / suite
        entry = [str(FIXTURES / "scenario_host.py")] if recording else ["-m", "pyblish_qml.host"]
        command = [python, *entry, "--plugin-path", str(path), *args]
        if "--port" not in args:
            command += ["--port", "0"]
        if not show:
            command.append("--no-show")
        self._launch(command, env or isolated_env(), cwd)

    def _launch(self, command: list[str], env: dict, cwd: str | Path) -> None:
        """Start ``command`` and wait for the line that says where its host service listens."""
        # stderr to a file: an unread pipe would fill up and freeze a chatty host
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True, env=env, cwd=str(cwd))
        line = self.process.stdout.readline()  # blocks until the service listens (or dies)
        match = re.search(r"127\.0\.0\.1:(\d+)/pyblish", line)
        if not match:
            self.process.kill()
            raise RuntimeError("host did not start: %r %s" % (line, self.stderr()))
        self.port = int(match.group(1))
        self.url = "http://127.0.0.1:%d/pyblish" % self.port

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.log.close()

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def __enter__(self) -> "HostProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def headless_publish(suite: str, targets: list[str] | None = None) -> list[tuple]:
    """(plugin, instance, success) of ``pyblish.util.publish()`` on a suite, in its own process."""
    script = textwrap.dedent("""
        import json, sys
        import pyblish.api, pyblish.util
        pyblish.api.register_plugin_path(sys.argv[1])
        pyblish.api.register_host("python")
        for target in json.loads(sys.argv[2]):
            pyblish.api.register_target(target)
        context = pyblish.util.publish()
        print(json.dumps([[r["plugin"].__name__, r["instance"].name if r["instance"] is not None else None,
                           bool(r["success"])] for r in context.data["results"]]))
    """)
    out = subprocess.run([sys.executable, "-c", script, str(SUITES / suite), json.dumps(targets or [])],
                         capture_output=True, text=True, env=isolated_env(), check=True)
    return [tuple(row) for row in json.loads(out.stdout.strip().splitlines()[-1])]


def ui_env(port: int, offscreen: bool = True) -> dict:
    env = isolated_env(PYBLISH_QML_PORT=str(port))
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


class UIProcess:
    """``python -m pyblish_qml`` on its own control port (offscreen unless told otherwise)."""

    def __init__(self, *args: str, port: int | None = None, offscreen: bool = True, env: dict | None = None):
        self.port = port or free_port()
        self.log = tempfile.TemporaryFile(mode="w+")
        environment = ui_env(self.port, offscreen)
        environment.update(env or {})
        self.process = subprocess.Popen([sys.executable, "-m", "pyblish_qml", "--port", str(self.port), *args],
                                        stdout=self.log, stderr=subprocess.STDOUT, text=True,
                                        env=environment, cwd=str(REPO))
        self.proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % self.port, allow_none=True)
        wait_for(lambda: self.process.poll() is not None or answers(self.proxy), 20, "UI to answer")
        assert self.process.poll() is None, self.output()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.log.close()


def answers(proxy) -> bool:
    try:
        return bool(proxy.ping())
    except OSError:
        return False


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out after %.0f s waiting for %s" % (timeout, what))


def ready(proxy, host=None):
    state = proxy.state()
    return state["state"] == "ready" and (host is None or state["host"] == host) and state


class Relay:
    """Forwards one client to the host, but drops the connection instead of relaying a process reply."""

    def __init__(self, target_port: int):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.port = self.sock.getsockname()[1]
        self.target = target_port
        self.drop: bytes | None = None  # the plugin id whose process reply is lost
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client):
        upstream = socket.create_connection(("127.0.0.1", self.target))
        reader = client.makefile("rb")
        answers = upstream.makefile("rb")
        with client, upstream:
            while True:
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    line = reader.readline()
                    if not line:
                        return
                    head += line
                length = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")][0]
                             .split(b":")[1])
                body = reader.read(length)
                head = head.replace(b"127.0.0.1:%d" % self.port, b"127.0.0.1:%d" % self.target)
                upstream.sendall(head + body)
                reply_head = b""
                while not reply_head.endswith(b"\r\n\r\n"):
                    reply_head += answers.readline()
                size = int([h for h in reply_head.split(b"\r\n") if h.lower().startswith(b"content-length")][0]
                           .split(b":")[1])
                reply = answers.read(size)
                if self.drop and b"<methodName>process" in body and self.drop in body:  # process or process_json
                    client.shutdown(socket.SHUT_RDWR)  # the plugin ran; its reply is lost
                    return
                client.sendall(reply_head + reply)


def start_blender_host(cwd: Path, *blender_args: str) -> tuple[subprocess.Popen, int]:
    """``blender -b <blender_args>`` serving tests/fixtures/blender_host.py on a port of its own
    (no window answers its heartbeat): the process and the host service's port."""
    import sysconfig

    process = subprocess.Popen(
        ["blender", "-b", *blender_args, "--python", str(REPO / "tests" / "fixtures" / "blender_host.py"),
         "--", str(REPO), sysconfig.get_paths()["purelib"], str(SUITES / "blender"), "--port-zero"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=isolated_env(PYBLISH_QML_PORT=str(free_port())), cwd=str(cwd))
    for line in process.stdout:  # Blender prints its banner first
        if "pyblish host service listening on" in line:
            return process, int(line.rsplit(":", 1)[1].split("/")[0])
    raise AssertionError("Blender exited: %s" % process.poll())


def stop_process(process: subprocess.Popen) -> None:
    """End a process started with a stdout pipe (a real Blender, a UI): terminate, else kill; close the pipe."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.stdout.close()
