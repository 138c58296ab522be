"""The step environment's host: started once per OpenJD session, stopped when it ends.

``host-start`` (the environment's ``onEnter``) opens the bundle's scene (path-mapped for this
worker, :mod:`.pathmap`) in a host of the manifest's kind with the pyblish host service in it —
plain Python (``python -m pyblish_qml.host``), Blender (``blender -b scene.blend --python-expr
...``) or Blender as a Python module (bpy), both :mod:`.blender_host` — in a process of its own (a
new process group, so it outlives the action that started it), waits until it serves, and writes
``host.json`` (port, pid) into the session's working directory for the tasks. At the session's end
the driver (or ``host-stop``) ends it and waits for its exit (:func:`wait_exited`). Every start is
also a line in the attempt's ``hosts.jsonl``: one line per session proves the session held its
host open.

The host is told the scene in ``PYBLISH_QML_SCENE`` and publishes with targets
``["default", "farm"]``; it sends no heartbeat to a window (``PYBLISH_QML_PORT`` points nowhere),
so a farm host on a workstation never shows up among the window's hosts.

Thread: the worker's main thread (a short-lived command).
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..engine.hosts import process_exists
from . import manifest as manifests
from . import pathmap
from .outputs import append_line, attempt_dir

START_TIMEOUT = float(os.environ.get("PYBLISH_QML_FARM_HOST_TIMEOUT", "300"))
NOWHERE_PORT = "1"  # the farm host's heartbeat goes nowhere: no window should adopt it
WORKER_SETTING = {"blender": "PYBLISH_QML_FARM_BLENDER", "bpy": "PYBLISH_QML_FARM_BPY_PYTHON"}


class HostStartError(RuntimeError):
    """The host did not start; the message says why (and where its log is)."""


def host_site(session: Path) -> str:
    """A folder with only pyblish and pyblish_qml in it (links), for a DCC's own Python.

    Not the worker's whole site-packages: a DCC's Python (Blender's 3.10/3.11, bpy's 3.13) must
    not import the worker's compiled packages, numpy or PySide6, built for another Python."""
    import pyblish

    import pyblish_qml

    site = Path(session) / "host_site"
    site.mkdir(parents=True, exist_ok=True)
    for package in (pyblish, pyblish_qml):
        link = site / package.__name__
        if not link.exists():
            link.symlink_to(Path(package.__file__).resolve().parent, target_is_directory=True)
    return str(site)


def executable(manifest: dict, kind: str) -> str:
    """What starts a host of ``kind`` on this worker: the worker's own setting
    (``PYBLISH_QML_FARM_BLENDER``, ``PYBLISH_QML_FARM_BPY_PYTHON``) wins over the manifest's
    ``host.executable``; a Blender binary defaults to ``blender`` on PATH (docs/farm.md, "Hosts")."""
    chosen = os.environ.get(WORKER_SETTING.get(kind, "")) or manifest["host"].get("executable")
    if chosen:
        return str(chosen)
    if kind == "bpy":
        raise HostStartError("no Python with the bpy module for this Blender scene: set PYBLISH_QML_FARM_BPY_PYTHON "
                             "on the worker (or host.executable in the manifest)")
    return "blender"


def host_command(manifest: dict, ready: Path, session: Path) -> tuple[list[str], dict]:
    """The command and environment that open the scene in a host of the manifest's kind."""
    kind = str(manifest["host"].get("kind") or "python")
    env = dict(os.environ, PYBLISH_QML_SCENE=manifest["scene"], PYBLISH_QML_PORT=NOWHERE_PORT)
    paths = list(manifest.get("pluginPaths") or ())
    if kind in ("blender", "bpy"):
        env["PYTHONPATH"] = os.pathsep.join([host_site(session)] + [p for p in [env.get("PYTHONPATH")] if p])
        env["PYBLISH_QML_FARM_READY"] = str(ready)
        env["PYBLISH_QML_FARM_PLUGIN_PATHS"] = os.pathsep.join(paths)
        program = executable(manifest, kind)
        if kind == "bpy":  # Blender as a Python module: it opens the scene itself (blender_host.py)
            return [program, "-c", "import pyblish_qml.farm.blender_host as h; h.main(open_scene=True)"], env
        expression = "import pyblish_qml.farm.blender_host as h; h.main()"
        return [program, "-b", manifest["scene"], "--python-expr", expression], env
    command = [sys.executable, "-m", "pyblish_qml.host", "--no-show", "--port", "0", "--ready-file", str(ready),
               "--host-name", str(manifest["host"].get("name") or "python"), "--heartbeat-interval", "3600"]
    for target in manifest.get("targets") or manifests.FARM_TARGETS:
        if target != "default":
            command += ["--target", target]
    for path in paths:
        command += ["--plugin-path", path]
    return command, env


def start(bundle: Path, session: Path, attempt: int, rules: str | None = None) -> dict:
    """Start the host for this session; returns ``{"port", "pid", "seconds"}`` (also host.json).
    ``rules``: the session's path-mapping rules file, kept for its tasks (:mod:`.pathmap`)."""
    session = Path(session)
    session.mkdir(parents=True, exist_ok=True)
    pathmap.keep(rules, session)
    manifest = pathmap.read(bundle, session)
    ready = session / "host.port"
    ready.unlink(missing_ok=True)
    command, env = host_command(manifest, ready, session)
    began = time.monotonic()
    log_path = session / "host.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=str(session))
    deadline = began + START_TIMEOUT
    while not ready.exists():
        if process.poll() is not None:
            raise HostStartError("the %s host exited (code %s) before it served; its log: %s\n%s" % (
                manifest["host"].get("kind"), process.returncode, log_path, _tail(log_path)))
        if time.monotonic() > deadline:
            process.kill()
            raise HostStartError("the host did not serve within %.0f s; its log: %s" % (START_TIMEOUT, log_path))
        time.sleep(0.02)
    port = int(ready.read_text().strip())
    seconds = time.monotonic() - began
    facts = {"port": port, "pid": process.pid, "seconds": seconds, "started": time.time(), "session": str(session),
             "scene": manifest["scene"]}
    (session / "host.json").write_text(json.dumps(facts), encoding="utf-8")
    append_line(attempt_dir(bundle, attempt) / "hosts.jsonl", facts)
    return facts


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def session_host(session: Path) -> dict:
    """The host this session started (``host.json``), or :class:`HostStartError`."""
    try:
        facts = json.loads((Path(session) / "host.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise HostStartError("no host in this session (%s): the step environment %r did not run" % (
            session, "PyblishHost")) from None
    if process_exists(facts.get("pid")) is False:
        raise HostStartError("the session's host (pid %s) has gone" % facts.get("pid"))
    return facts


def stop(session: Path, timeout: float = 10.0) -> bool:
    """End the session's host (SIGTERM, then SIGKILL after ``timeout``); False if there was none."""
    try:
        facts = json.loads((Path(session) / "host.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    pid = int(facts["pid"])
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    if not wait_exited(pid, timeout):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        wait_exited(pid, 5.0)
    return True


def wait_exited(pid: int, timeout: float) -> bool:
    """Whether ``pid`` exited within ``timeout`` seconds; reaps it when it is our child.

    The host and the driver were started by the environment's ``onEnter`` action, a process that has
    ended since: they are orphans, reparented to PID 1, and once they exit they stay zombies until
    PID 1 reaps them — signal 0 still finds a zombie. Some inits reap about once a second (measured
    ~1.5 s on this machine's VM init), which was the ~1.9 s ``onExit`` of every session. A zombie
    has exited (its memory and files are released), so this waits for the exit itself: a pidfd
    (Linux 5.3+) becomes readable then, else ``/proc/<pid>/stat`` says ``Z``.
    """
    deadline = time.monotonic() + timeout
    if _reap(pid):
        return True
    opener = getattr(os, "pidfd_open", None)
    if opener is not None:
        try:
            handle = opener(pid)
        except ProcessLookupError:
            return True
        except OSError:
            handle = None
        if handle is not None:
            try:
                exited = bool(select.select([handle], [], [], max(0.0, timeout))[0])
            finally:
                os.close(handle)
            if exited:
                _reap(pid)
            return exited
    while time.monotonic() < deadline:  # no pidfd: look at the process's state
        if _reap(pid) or _exited(pid):
            return True
        time.sleep(0.01)
    return _exited(pid)


def _reap(pid: int) -> bool:
    """True if ``pid`` is our child and has exited (now reaped)."""
    try:
        return os.waitpid(pid, os.WNOHANG)[0] == pid
    except ChildProcessError:  # not ours (the session's onEnter started it), or reaped already
        return False


def _exited(pid: int) -> bool:
    if process_exists(pid) is False:
        return True
    try:
        with open("/proc/%d/stat" % pid, "rb") as handle:
            return handle.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except (OSError, IndexError):
        return process_exists(pid) is False
