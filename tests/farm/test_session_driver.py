"""The session's driver and its stdlib client, for real: a host and a driver started as the step
environment starts them, a task through the client, a client of another protocol refused (it then
runs the slow way), and the environment's ``onExit`` (the client's ``--stop``) ending the host and
the driver before it returns. Also: waiting for a process that is not our child sees its exit even
while it is a zombie its reaper has not collected yet."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from farm.farm_helpers import PIPELINE, write_scene

from pyblish_qml.farm import bundle, hostproc, manifest, task_client
from pyblish_qml.farm.outputs import attempt_dir, read_lines

CLIENT = Path(task_client.__file__)
pytestmark = pytest.mark.slow


def client(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-I", "-S", str(CLIENT), *args], capture_output=True, text=True,
                          timeout=60)


def test_tasks_through_the_driver_then_stop_ends_host_and_driver(tmp_path):
    scene = write_scene(tmp_path, [{"name": "chairA"}, {"name": "deskB"}])
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene)},
               "children": [{"id": "a", "name": "chairA", "data": {}}, {"id": "b", "name": "deskB", "data": {}}]}
    folder = bundle.write(manifest.make(context, [], ["a", "b"], scene=str(scene), plugin_paths=[str(PIPELINE)]),
                          tmp_path / "bundles")
    session = tmp_path / "session"
    session.mkdir()
    started = subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-start", "--bundle", str(folder),
                              "--session", str(session), "--attempt", "1"], capture_output=True, text=True)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        host = json.loads((session / "host.json").read_text())["pid"]
        driver = json.loads((session / "driver.json").read_text())["pid"]
        tasks_then_stop(folder, session, host, driver)
    finally:
        subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-stop", "--session", str(session)],
                       capture_output=True)


def tasks_then_stop(folder: Path, session: Path, host: int, driver: int) -> None:

    done = client("--bundle", str(folder), "--session", str(session), "--instance", "chairA", "--attempt", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "openjd_status: collecting chairA" in done.stdout and "openjd_progress: 100" in done.stdout
    start = read_lines(attempt_dir(folder, 1) / "chairA.jsonl")[0]
    assert start["hostPid"] == host and start["pid"] != driver  # in the session's host; the client's pid

    with socket.socket(socket.AF_UNIX) as other:  # another protocol (the JSON line of the first driver)
        other.connect(str(session / task_client.SOCKET_NAME))
        other.sendall(b'{"bundle": "x"}\n')
        other.settimeout(10)
        assert other.recv(100) == b""  # closed without a word: such a client runs the task the slow way
    done = client("--bundle", str(folder), "--session", str(session), "--instance", "deskB", "--attempt", "1")
    assert done.returncode == 0 and "the session's collection for deskB" in done.stdout, done.stdout + done.stderr

    stopped = client("--session", str(session), "--stop")
    assert stopped.returncode == 0, stopped.stdout + stopped.stderr
    assert hostproc.wait_exited(host, 0) and hostproc.wait_exited(driver, 0)  # both gone when it returned
    assert not (session / task_client.SOCKET_NAME).exists()
    fallback = client("--session", str(session), "--stop")  # no driver now: host-stop, the slow way
    assert fallback.returncode == 0, fallback.stdout + fallback.stderr


def test_wait_exited_sees_an_orphan_exit_before_its_reaper_collects_it():
    spawned = subprocess.run(["sh", "-c", "setsid sleep 60 > /dev/null 2>&1 & echo $!"], capture_output=True,
                             text=True, check=True)
    pid = int(spawned.stdout)  # its parent (sh) has exited: not our child
    assert hostproc.wait_exited(pid, 0.2) is False  # alive
    subprocess.run(["kill", str(pid)], check=True)
    began = time.monotonic()
    assert hostproc.wait_exited(pid, 10)
    assert time.monotonic() - began < 1.0


def running_with(text: str) -> list[int]:
    """Live (not zombie) processes whose command line holds ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if text in command and state != "Z":
            found.append(int(entry.name))
    return found


def test_a_session_whose_host_cannot_start_leaves_no_driver_behind(tmp_path):
    session = tmp_path / "session-without-host"
    session.mkdir()
    started = subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-start", "--bundle",
                              str(tmp_path / "no-bundle"), "--session", str(session), "--attempt", "1"],
                             capture_output=True, text=True, timeout=60)
    assert started.returncode == 1 and "cannot read" in started.stderr, started.stdout + started.stderr
    assert (session / "driver.log").exists()  # the driver was launched beside the host ...
    assert running_with(str(session)) == []  # ... and went with it


def test_a_session_gone_without_its_exit_takes_host_and_driver_along(tmp_path):
    scene = write_scene(tmp_path, [{"name": "chairA"}])
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene)},
               "children": [{"id": "a", "name": "chairA", "data": {}}]}
    folder = bundle.write(manifest.make(context, [], ["a"], scene=str(scene), plugin_paths=[str(PIPELINE)]),
                          tmp_path / "bundles")
    session = tmp_path / "session-killed"
    session.mkdir()
    env = dict(os.environ, PYBLISH_QML_FARM_ORPHAN_CHECK="0.2")
    started = subprocess.run([sys.executable, "-m", "pyblish_qml.farm", "host-start", "--bundle", str(folder),
                              "--session", str(session), "--attempt", "1"], capture_output=True, text=True, env=env)
    assert started.returncode == 0, started.stdout + started.stderr
    host = json.loads((session / "host.json").read_text())["pid"]
    driver = json.loads((session / "driver.json").read_text())["pid"]
    deadline = time.monotonic() + 30
    while "watching the session for host pid %d" % host not in (session / "driver.log").read_text():
        assert time.monotonic() < deadline, (session / "driver.log").read_text()
        time.sleep(0.05)
    shutil.rmtree(session)  # openjd cleaned up the session without running its onExit
    assert hostproc.wait_exited(driver, 20) and hostproc.wait_exited(host, 5)
