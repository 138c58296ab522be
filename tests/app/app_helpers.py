"""What the model tests (no window) share: a controller showing a real host process."""

from __future__ import annotations

from pathlib import Path

from helpers import isolated_env

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State


class Scenario:
    def __init__(self, host_factory, qtbot, tmp_path: Path, suite: str = "scenario", **env):
        self.log = tmp_path / ("host-%s.log" % suite)
        self.host = host_factory(suite, env=isolated_env(PYBLISH_TEST_LOG=str(self.log), **env), recording=True)
        self.qtbot = qtbot
        self.controller = Controller()
        self.controller.show_host(self.host.port, {"ContextLabel": "Test"})
        self.wait()

    def wait(self, timeout: int = 15000) -> None:
        self.qtbot.waitUntil(lambda: self.controller.status.state == State.Ready, timeout=timeout)

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def runs(self, plugin: str) -> list[str]:
        return [line.split(" ", 1)[1] for line in self.lines() if line.split(" ", 1)[0] == plugin]

    def signals(self, name: str) -> list[str]:
        return [line for line in self.lines() if line.startswith("signal:%s" % name)]

    def instances(self) -> list[dict]:
        return self.controller.models.instance_model.items()

    def instance(self, name: str) -> dict:
        return next(i for i in self.instances() if i["name"] == name)

    def plugin(self, name: str) -> dict:
        return next(p for p in self.controller.models.plugin_model.items() if p["name"] == name)

    def publish(self) -> None:
        self.controller.publish()
        self.wait()

    def validate(self) -> None:
        self.controller.validate()
        self.wait()

    def close(self) -> None:
        self.controller.shutdown()
