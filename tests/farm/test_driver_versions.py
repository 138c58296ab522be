"""The driver's protocol version handshake, for real: a host and driver started as the step
environment starts them, then clients of other versions — the client bundles carried before the
handshake (``/1``, kept in old_clients/), one newer than the driver, and a driver newer than the
client. Each runs its task the slow way with an ``openjd_status`` line saying why, never a
failure (a bundle written by an older or newer workstation than the worker's pyblish-qml)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from farm.farm_helpers import PIPELINE, write_scene

from pyblish_qml.farm import bundle, driver, hostproc, manifest, task_client
from pyblish_qml.farm.outputs import attempt_dir, read_lines

OLD_CLIENT = Path(__file__).with_name("old_clients") / "task_client_v1.py"
pytestmark = pytest.mark.slow


def run_client(path: Path, folder: Path, session: Path, key: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", "-S", str(path), "--bundle", str(folder), "--session", str(session),
                           "--instance", key, "--attempt", "1"], capture_output=True, text=True, timeout=120)


def newer_client(tmp_path: Path) -> Path:
    """Today's client speaking the next protocol version, as a newer workstation would embed it."""
    source = Path(task_client.__file__).read_text(encoding="utf-8")
    newer = source.replace('PROTOCOL = "%s"' % task_client.PROTOCOL, 'PROTOCOL = "pyblish-qml-driver/3"')
    assert newer != source
    path = tmp_path / "task_client_v3.py"
    path.write_text(newer, encoding="utf-8")
    return path


def slow_way(done: subprocess.CompletedProcess, folder: Path, key: str, why: str) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    assert "openjd_fail" not in done.stdout, done.stdout
    notes = [line for line in done.stdout.splitlines() if "running without it" in line]
    assert len(notes) == 1 and notes[0].startswith("openjd_status: ") and why in notes[0], done.stdout
    assert "the session's collection for" not in done.stdout  # not the driver's warm collection
    lines = read_lines(attempt_dir(folder, 1) / ("%s.jsonl" % key))
    assert lines[0]["kind"] == "start"
    assert "openjd_progress: 100" in done.stdout


def launch_newer_driver(session: Path) -> subprocess.Popen:
    """A real driver process whose protocol is one version ahead (a worker upgraded past the bundle)."""
    code = ("import sys; from pathlib import Path; from pyblish_qml.farm import driver; "
            "driver.PROTOCOL = 'pyblish-qml-driver/3'; sys.exit(driver.serve(Path(sys.argv[1])))")
    driver.socket_path(session).unlink(missing_ok=True)  # the stopped driver's
    process = subprocess.Popen([sys.executable, "-c", code, str(session)], cwd=str(session),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    began = time.monotonic()
    while not driver.socket_path(session).exists():
        assert process.poll() is None and time.monotonic() - began < 30, "the newer driver did not start"
        time.sleep(0.01)
    return process


def test_a_version_mismatch_either_way_runs_the_task_the_slow_way(tmp_path):
    names = ["chairA", "deskB", "lampC", "sofaD"]
    scene = write_scene(tmp_path, [{"name": name} for name in names])
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene)},
               "children": [{"id": name, "name": name, "data": {}} for name in names]}
    folder = bundle.write(manifest.make(context, [], names, scene=str(scene), plugin_paths=[str(PIPELINE)]),
                          tmp_path / "bundles")
    session = tmp_path / "session"
    session.mkdir()
    started = subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-start", "--bundle", str(folder),
                              "--session", str(session), "--attempt", "1"], capture_output=True, text=True)
    newer = None
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        resident = json.loads((session / "driver.json").read_text())["pid"]
        # A client from before the handshake: the driver says nothing to it, the task says why.
        slow_way(run_client(OLD_CLIENT, folder, session, "chairA"), folder, "chairA", "an older protocol")
        # A client newer than the driver: the driver answers its version and runs nothing.
        slow_way(run_client(newer_client(tmp_path), folder, session, "deskB"), folder, "deskB",
                 "speaks %s, this task pyblish-qml-driver/3" % task_client.PROTOCOL)
        # The same driver still runs a task of its own version, warm.
        done = run_client(Path(task_client.__file__), folder, session, "lampC")
        assert done.returncode == 0 and "running without it" not in done.stdout, done.stdout + done.stderr
        # A driver newer than the client.
        driver.stop(session)
        assert hostproc.wait_exited(resident, 0)
        newer = launch_newer_driver(session)
        slow_way(run_client(Path(task_client.__file__), folder, session, "sofaD"), folder, "sofaD",
                 "speaks pyblish-qml-driver/3, this task %s" % task_client.PROTOCOL)
    finally:
        if newer is not None:
            newer.kill()
            newer.wait()
        subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-stop", "--session", str(session)],
                       capture_output=True)
