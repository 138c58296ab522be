"""Partial runs and bulk toggles against a real host process (docs/semantics.md, "Partial runs").

Run one plugin, re-run what failed, a sanity check of validators: what the host actually ran is
read back from its plugin log, what the window shows from the models.
"""

from __future__ import annotations

import pytest
from app_helpers import Scenario

from pyblish_qml.app.live.state import State

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def s(host_factory, qtbot, tmp_path):
    scenario = Scenario(host_factory, qtbot, tmp_path, "partial")
    yield scenario
    scenario.close()


def run(s, start) -> None:
    start()
    assert s.controller.status.isRunning  # it started (never silently ignored)
    s.wait()


def ran_after_collection(s) -> list[str]:
    return [line for line in s.lines() if not line.startswith(("CollectParts", "signal:"))]


def test_run_one_plugin_on_chosen_instances_and_on_all(s):
    broken = s.instance("broken")["id"]
    run(s, lambda: s.controller.runPlugin(s.plugin("ExtractAll")["id"], [broken]))
    assert ran_after_collection(s) == ["ExtractAll broken"]  # that pair only: no validator, no test
    assert s.controller.status.message == "Plugin passed."
    assert s.plugin("ExtractAll")["status"] == "passed"
    assert s.signals("published") == [] and s.signals("validated") == []
    run(s, lambda: s.controller.runPlugin(s.plugin("ValidateNames")["id"], []))
    assert sorted(s.runs("ValidateNames")) == ["broken", "hero"]
    assert s.controller.status.message == "Plugin finished with errors: ValidateNames failed on broken."
    assert s.plugin("ValidateNames")["status"] == "failed"
    run(s, lambda: s.controller.runPlugin(s.plugin("ValidateScene")["id"], []))
    assert s.runs("ValidateScene") == ["-"]  # a ContextPlugin runs once, on the context


def test_run_selected_plugins_runs_them_in_pipeline_order_on_the_chosen_instances(s):
    hero = s.instance("hero")["id"]
    chosen = [s.plugin(name)["id"] for name in ("ExtractAll", "ValidateScene", "ValidateNames")]  # not in order
    run(s, lambda: s.controller.runPlugins(chosen, [hero]))
    ran = ran_after_collection(s)
    assert sorted(ran) == ["ExtractAll hero", "ValidateNames hero", "ValidateScene -"]
    host_order = [p["name"] for p in s.controller.models.plugin_model.items()]  # pyblish's order, as discovered
    assert [line.split()[0] for line in ran] == sorted({line.split()[0] for line in ran}, key=host_order.index)
    assert ran[-1] == "ExtractAll hero"  # the extractor after the validators, though asked for first
    assert s.controller.status.message == "The selected plugins passed."
    assert s.signals("published") == [] and s.signals("validated") == []
    s.controller.runPlugins([], [])
    assert not s.controller.status.isRunning  # nothing chosen: nothing starts


def test_run_one_plugin_skips_unticked_instances_unless_chosen(s):
    s.controller.toggles.bulk("instance", "", "none")
    s.controller.toggles.set_toggled("instance", [s.instance("hero")["id"]], True)
    run(s, lambda: s.controller.runPlugin(s.plugin("ExtractAll")["id"], []))
    assert s.runs("ExtractAll") == ["hero"]


def test_rerun_failed_runs_only_the_failed_pairs_and_clears_when_fixed(s):
    s.validate()
    assert s.controller.status.failedPairs == 1 and s.controller.status.canRerunFailed
    before = len(s.lines())
    run(s, s.controller.rerunFailed)
    assert s.lines()[before:] == ["ValidateNames broken"]  # not hero, not the other validators
    assert s.controller.status.message == "Re-run: ValidateNames still fails on broken."
    assert s.controller.status.failedPairs == 1
    s.controller.runAction(s.plugin("ValidateNames")["id"], s.plugin("ValidateNames")["visibleActions"][0]["id"])
    s.wait()
    assert s.controller.status.failedPairs == 1  # an action is not a run: the failed pairs stay
    before = len(s.lines())
    run(s, s.controller.rerunFailed)
    assert s.lines()[before:] == ["ValidateNames broken"]
    assert s.controller.status.message == "Re-run passed: everything that failed passes now."
    assert s.plugin("ValidateNames")["status"] == "passed"  # the re-run's outcome, not the old failure
    assert s.instance("broken")["status"] == "passed"
    assert s.controller.status.failedPairs == 0 and not s.controller.status.canRerunFailed
    s.controller.rerunFailed()
    assert not s.controller.status.isRunning  # nothing failed: nothing to re-run


def test_sanity_check_runs_the_ticked_validators_and_never_extracts(s):
    s.controller.toggles.plugin(s.plugin("ValidateRig")["id"])  # unticked: not part of the check
    run(s, lambda: s.controller.sanityCheck([]))
    assert sorted(ran_after_collection(s)) == ["ValidateNames broken", "ValidateNames hero", "ValidateScene -"]
    assert s.controller.status.message == "Sanity check found problems: ValidateNames failed on broken."
    assert not s.controller.run.validated  # Publish validates afresh after a sanity check
    # Again, as the artist keeps working: the same validators, still no extraction, no callbacks
    run(s, lambda: s.controller.sanityCheck([s.plugin("ValidateRig")["id"]]))
    assert s.runs("ValidateRig") == ["rig"]  # chosen explicitly: runs though unticked
    assert s.runs("ExtractAll") == [] and s.runs("IntegrateAll") == []
    assert s.signals("validated") == [] and s.signals("published") == []
    assert s.controller.status.canPublish


def test_sanity_check_refuses_anything_but_validators(s):
    run(s, lambda: s.controller.sanityCheck([s.plugin("ValidateNames")["id"], s.plugin("ExtractAll")["id"]]))
    assert s.runs("ExtractAll") == [] and s.runs("ValidateNames") == []  # refused before anything ran
    assert s.controller.status.message == "Not run: a sanity check runs validators only, not ExtractAll"
    assert s.controller.status.state == State.Ready
    run(s, lambda: s.controller.runPlugin("no-such-plugin-id", []))
    assert s.controller.status.message == "Not run: no plugin 'no-such-plugin-id' in this host (reset?)"


def test_publish_after_partial_runs_is_a_whole_publish(s):
    run(s, lambda: s.controller.sanityCheck([]))
    s.controller.runAction(s.plugin("ValidateNames")["id"], s.plugin("ValidateNames")["visibleActions"][0]["id"])
    s.wait()
    before = len(s.lines())
    s.publish()
    ran = s.lines()[before:]
    assert sorted(line for line in ran if line.startswith("Validate")) == [
        "ValidateNames broken", "ValidateNames hero", "ValidateRig rig", "ValidateScene -"]
    assert sorted(line for line in ran if line.startswith("Extract")) == [
        "ExtractAll broken", "ExtractAll hero", "ExtractAll rig"]
    assert s.controller.status.message == "Published successfully."


def test_bulk_toggles_all_none_only_failed(s):
    model = s.instance
    s.validate()
    s.controller.toggles.bulk("instance", "model", "failed")
    assert (model("broken")["isToggled"], model("hero")["isToggled"], model("rig")["isToggled"]) == (True, False, True)
    s.controller.toggles.bulk("instance", "", "none")
    assert not any(i["isToggled"] for i in s.instances() if not i["isContext"])
    s.controller.toggles.bulk("instance", "", "all")
    assert all(i["isToggled"] for i in s.instances())
    s.controller.toggles.bulk("plugin", "", "failed")
    toggled = {p["name"]: p["isToggled"] for p in s.controller.models.plugin_model.items()}
    assert toggled["ValidateRig"] is False  # optional, passed: off
    assert toggled["ValidateNames"] is True  # not optional: never changes
    s.controller.toggles.set_toggled("plugin", [s.plugin("ValidateRig")["id"]], True)
    assert s.plugin("ValidateRig")["isToggled"] is True
    s.qtbot.waitUntil(lambda: "signal:pluginToggled ValidateRig True" in s.lines(), timeout=5000)
    assert "signal:instanceToggled hero False" in s.lines()  # the host heard every bulk change
    with pytest.raises(ValueError):
        s.controller.toggles.bulk("instance", "", "some")


def test_an_instance_menu_offers_the_plugins_that_process_it(s):
    menu = s.controller.models.instancePlugins
    menu.instanceId = s.instance("broken")["id"]
    assert [row["label"] for row in menu.items()] == [s.plugin(n)["label"] for n in
                                                     ("ValidateNames", "ExtractAll", "IntegrateAll")]
    context = next(i for i in s.instances() if i["isContext"])
    menu.instanceId = context["id"]
    assert [row["pluginId"] for row in menu.items()] == [s.plugin("ValidateScene")["id"]]  # no collector
    menu.instanceId = "gone"
    assert menu.items() == []


def test_rerun_failed_never_offers_a_pair_whose_reply_was_lost(host_factory, qtbot, tmp_path):
    from helpers import Relay, isolated_env

    from pyblish_qml.app.controller import Controller

    log = tmp_path / "host.log"
    host = host_factory("partial", env=isolated_env(PYBLISH_TEST_LOG=str(log)), recording=True)
    relay = Relay(host.port)  # drops the reply of one plugin's process call
    controller = Controller(timeout=10)
    try:
        controller.show_host(relay.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=15000)
        controller.validate()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.status.failedPairs == 1,
                        timeout=15000)
        names = next(p["id"] for p in controller.models.plugin_model.items() if p["name"] == "ValidateNames")
        relay.drop = names.encode()
        controller.rerunFailed()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and not controller.run.op, timeout=15000)
        ran = log.read_text().splitlines()
        assert ran.count("ValidateNames broken") == 2  # validate, then the re-run whose reply was lost
        assert controller.status.failedPairs == 0  # it may have run: never offered again
        controller.rerunFailed()
        assert not controller.status.isRunning
    finally:
        controller.shutdown()


def test_stop_ends_a_sanity_check_after_the_pair_in_flight(host_factory, qtbot, tmp_path):
    s = Scenario(host_factory, qtbot, tmp_path, "slow")
    try:
        s.controller.sanityCheck([])
        qtbot.waitUntil(lambda: s.controller.status.progress >= 1, timeout=15000)
        s.controller.stop()
        assert s.controller.status.state == State.Stopping
        s.wait()
        assert s.controller.status.message == "Stopped."
        assert 1 <= len(s.runs("ValidateSlowly")) < 8 and s.runs("ExtractSlowly") == []
    finally:
        s.close()
