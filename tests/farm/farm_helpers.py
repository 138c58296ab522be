"""Real parts for the farm tests: a workstation host serving the test pipeline, the engine's Runner
publishing on it into a real SQLite history, then a real hand-off that ``openjd run`` publishes."""

from __future__ import annotations

import json
import os
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
    done = subprocess.run([OPENJD, "check", str(bundle / "template.yaml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
