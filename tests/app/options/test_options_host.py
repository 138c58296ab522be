"""Option values reach plugins in a real host process; untouched, the window gives plugins what a
headless ``pyblish.util.publish()`` gives them (the defaults): the parity rule for options."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from app_helpers import Scenario
from helpers import SUITES, isolated_env

from pyblish_qml import options


def received(lines: list[str]) -> dict:
    """{(plugin, item): values} from the suite's log lines."""
    out = {}
    for line in lines:
        if line.startswith("values "):
            _, plugin, item, text = line.split(" ", 3)
            out[(plugin, item)] = json.loads(text)
    return out


def headless(tmp_path) -> dict:
    log = tmp_path / "headless.log"
    script = textwrap.dedent("""
        import sys
        import pyblish.api, pyblish.util
        pyblish.api.register_plugin_path(sys.argv[1])
        pyblish.util.publish()
    """)
    subprocess.run([sys.executable, "-c", script, str(SUITES / "options")], check=True,
                   env=isolated_env(PYBLISH_TEST_LOG=str(log)))
    return received(log.read_text().splitlines())


def test_untouched_the_window_gives_plugins_what_a_headless_publish_gives(host_factory, qtbot, tmp_path):
    expected = headless(tmp_path)
    assert expected[("ExtractRender", "shot010")] == {"denoise": False, "quality": "medium", "samples": 64,
                                                      "note": "", "outputDir": "/tmp/renders"}
    assert expected[("IntegrateReview", "Context")] == {"sendToReview": True, "fps": 24.0}
    scenario = Scenario(host_factory, qtbot, tmp_path, "options")
    try:
        scenario.publish()
        assert received(scenario.lines()) == expected
    finally:
        scenario.close()


def test_an_edit_on_two_instances_reaches_both_and_only_them(host_factory, qtbot, tmp_path):
    scenario = Scenario(host_factory, qtbot, tmp_path, "options")
    try:
        controller = scenario.controller
        ids = [scenario.instance(name)["id"] for name in ("shot010", "shot020")]
        model = controller.options_panel.model
        model.show(ids)
        assert model.itemCount == 2 and [row["name"] for row in model.items()] == [
            "denoise", "quality", "samples", "note", "outputDir"]
        model.set_value("ExtractRender", "quality", 2)  # the ComboBox sends the index of "High"
        model.set_value("ExtractRender", "samples", "128")  # the text field sends text
        row = model.item("ExtractRender/quality")
        assert row["changed"] and not row["mixed"] and row["text"] == "High"
        model.show([ids[0], scenario.instance("shot030")["id"]])
        assert model.item("ExtractRender/quality")["mixed"]  # shot030 kept the default
        context_id = controller.models.instance_model.items()[0]["id"]
        model.show([context_id])
        model.flip("IntegrateReview", "sendToReview")
        scenario.publish()
        got = received(scenario.lines())
        assert got[("ExtractRender", "shot010")]["quality"] == "high"
        assert got[("ExtractRender", "shot020")]["samples"] == 128
        assert got[("ExtractRender", "shot030")] == {"denoise": False, "quality": "medium", "samples": 64,
                                                     "note": "", "outputDir": "/tmp/renders"}
        assert got[("IntegrateReview", "Context")]["sendToReview"] is False
        shot = next(i for i in controller.models.instance_model.items() if i["name"] == "shot010")
        assert shot["data"][options.KEY]["ExtractRender"]["quality"] == "high"  # the host said so back
    finally:
        scenario.close()
