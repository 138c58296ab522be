"""Real parts for the farm tests: a workstation host serving the test pipeline, the engine's Runner
publishing on it into a real SQLite history, then a real hand-off that ``openjd run`` publishes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from pyblish_qml.engine import events as ev
from pyblish_qml.engine import jobs
from pyblish_qml.engine.proxies import ContextProxy
from pyblish_qml.engine.runner import Runner
from pyblish_qml.farm import handoff, outputs
from pyblish_qml.record.writer import HistoryWriter

PIPELINE = Path(__file__).parent / "pipeline"
OPENJD = str(Path(sys.executable).with_name("openjd"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium_dom(page: Path, profile: Path) -> str:
    """The DOM headless Chromium made of an exported HTML report (its script ran)."""
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync", "--no-first-run",
                           "--user-data-dir=%s" % profile, "--dump-dom", page.as_uri()],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def write_scene(folder: Path, instances: list[dict]) -> Path:
    (folder / "publish").mkdir(parents=True, exist_ok=True)
    scene = folder / "scene.json"
    scene.write_text(json.dumps({"publishDir": str(folder / "publish"), "instances": instances}))
    return scene


class WorkstationHost:
    """``python -m pyblish_qml.host`` with the test pipeline and target ``local`` (as a workstation
    registers it when a farm is configured: docs/farm.md)."""

    def __init__(self, folder: Path, scene: Path):
        ready = folder / "host.port"
        env = dict(os.environ, PYBLISH_QML_SCENE=str(scene), PYBLISH_QML_PORT="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pyblish_qml.host", "--no-show", "--port", "0", "--ready-file", str(ready),
             "--target", "local", "--plugin-path", str(PIPELINE), "--heartbeat-interval", "3600"], env=env)
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert self.process.poll() is None and time.monotonic() < deadline, "the host did not start"
            time.sleep(0.02)
        self.port = int(ready.read_text())

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class Workstation:
    """The engine's Runner on the workstation host, every event recorded in a real history."""

    def __init__(self, port: int, history: Path):
        self.port = port
        self.history = history
        self._wake = threading.Event()
        self.runner = Runner(self._wake.set)
        self.writer = HistoryWriter(history)
        self.context: dict = {}
        self.proxy: ContextProxy | None = None
        self.plugins: list = []
        self.instances: dict[str, str] = {}  # name -> id

    def run(self, job) -> ev.Event:
        """Submit ``job``; record its events; keep the Context current from them (as the window does)."""
        self.runner.submit(job)
        while True:
            self._wake.wait(1.0)
            self._wake.clear()
            drained = self.runner.drain()
            if drained:
                self.writer.put(time.time(), "", drained)
            for event in drained:
                if isinstance(event, ev.Collected):
                    self.proxy, self.plugins = ContextProxy.from_json(event.context), event.plugins
                elif isinstance(event, ev.PairDone) and self.proxy is not None:
                    self.proxy.apply_changes(event.result.get("changes"))
                if isinstance(event, ev.ENDS_A_RUN):
                    return event

    def collect(self) -> None:
        self.run(jobs.Reset(self.port))
        self.context = self.proxy.to_json()
        self.instances = {child["name"]: child["id"] for child in self.context["children"]}

    def toggles(self, off: tuple = ()) -> dict:
        return {"instances": {i: name not in off for name, i in self.instances.items()},
                "plugins": {p["id"]: True for p in self.plugins}}

    def validate_and_hand_off(self, farm: list[str], root: Path) -> tuple[ev.Event, handoff.Handoff]:
        """Validate everything here; if it passed, hand off ``farm`` (names) — as the window's Publish."""
        end = self.run(jobs.Validate(self.port, self.toggles()))
        assert isinstance(end, ev.Finished) and not end.failed, end
        self.writer.flush(5)
        run_id = self.writer.last_run_id(self.port)
        done = handoff.hand_off(self.context, self.plugins, [self.instances[name] for name in farm], port=self.port,
                                run_id=run_id, history=str(self.history), plugin_paths=[str(PIPELINE)], root=root)
        return end, done

    def close(self) -> None:
        self.runner.shutdown()
        self.writer.close()


def wait_ended(bundle: Path, attempt: int, timeout: float = 90.0) -> dict:
    """Until the local submission of ``attempt`` has finished; the instances' states then."""
    deadline = time.monotonic() + timeout
    while not (outputs.attempt_dir(bundle, attempt) / "finished.json").exists():
        assert time.monotonic() < deadline, "the farm did not finish: %s" % (
            outputs.attempt_dir(bundle, attempt) / "openjd.log").read_text()[-3000:]
        time.sleep(0.1)
    return outputs.latest_states(bundle)


def openjd_check(bundle: Path) -> str:
    done = subprocess.run([OPENJD, "check", str(bundle / "template.json")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


# A "studio farm" for the command submitter: each task of the attempt runs `openjd run` on a worker of
# its own — new pid, mount and UTS namespaces, so another host name (a machine whose processes the
# workstation cannot look up by pid) — and the worker's whole machine dies with its first process
# (`--kill-child`: kill -9 of the pid in worker-<key>.pid takes every process of that worker with it).
WORKER_SCRIPT = r"""#!/bin/sh
bundle="$1"; attempt="$2"; openjd="$3"; shift 3
out="$bundle/output/attempt-$attempt"
for key in "$@"; do
  unshare --pid --fork --kill-child --mount-proc --uts sh -c 'hostname "farm-worker-$0" &&
    exec "$1" run "$2/template.json" -p Bundle="$2" -p Attempt="$3" --task-param Instance="$0"' \
    "$key" "$openjd" "$bundle" "$attempt" >"$out/worker-$key.log" 2>&1 </dev/null &
  echo $! >"$out/worker-$key.pid"
done
echo "job-studio-$attempt"
"""


def studio_farm_command(folder: Path) -> str:
    """``PYBLISH_QML_FARM_COMMAND`` for the studio farm above (skips the test where namespaces are refused)."""
    import pytest

    tried = subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "--uts", "hostname", "probe"],
                           capture_output=True)
    if tried.returncode != 0:
        pytest.skip("no namespaces here (unshare needs root or user namespaces): %s" % tried.stderr.decode()[-200:])
    script = folder / "studio_farm.sh"
    script.write_text(WORKER_SCRIPT)
    return "sh %s {bundle} {attempt} %s {instances}" % (script, OPENJD)


def worker_processes(bundle: Path, attempt: int, key: str) -> list[int]:
    """Every process of the worker that runs ``key`` (its pid namespace), as this machine numbers them."""
    wrapper = int((outputs.attempt_dir(bundle, attempt) / ("worker-%s.pid" % key)).read_text())
    children = Path("/proc/%d/task/%d/children" % (wrapper, wrapper)).read_text().split()
    namespace = os.readlink("/proc/%s/ns/pid" % children[0])
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "ns" / "pid") == namespace:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def kill_worker(bundle: Path, attempt: int, key: str) -> None:
    """kill -9 the worker's first process: its machine's processes all go (see WORKER_SCRIPT)."""
    os.kill(int((outputs.attempt_dir(bundle, attempt) / ("worker-%s.pid" % key)).read_text()), 9)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
