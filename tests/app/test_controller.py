"""The controller and its models against a real host process, one pair per round trip.

Assertions look at both sides: what the host actually ran (its plugins append every call to a
log file, its callbacks record pyblish signals) and what the models now hold.
"""

from __future__ import annotations

import sys
import time
import xmlrpc.client

import pytest
from app_helpers import Scenario
from helpers import REPO, isolated_env

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.live.state import State

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def scenario(host_factory, qtbot, tmp_path):
    made = []

    def make(suite="scenario", **env):
        made.append(Scenario(host_factory, qtbot, tmp_path, suite, **env))
        return made[-1]

    yield make
    for each in made:
        each.close()


def test_reset_runs_the_collector_once_and_lists_instances_and_plugins(scenario):
    s = scenario()
    assert s.runs("CollectScenario") == ["-"]
    assert s.runs("CollectInactive") == []  # an inactive collector never runs
    assert s.signals("reset") == ["signal:reset"]
    names = [i["name"] for i in s.instances()]
    assert names[0] == "Context" and s.instances()[0]["isContext"] and s.instances()[0]["label"] == "Test"
    assert set(names[1:]) == {"a_rig", "b_model", "c_locked"}
    plugins = {p["name"]: p for p in s.controller.models.plugin_model.items()}
    assert {"CollectScenario", "ValidateModel", "ExtractEverything"} <= set(plugins)
    assert plugins["CollectScenario"]["status"] == "passed"
    assert plugins["CollectInactive"]["isToggled"] is False and plugins["CollectInactive"]["processed"] is False
    assert plugins["ValidateModel"]["status"] == "idle"
    assert s.controller.status.message.startswith("Ready. 3 instances")


def test_instance_order_follows_the_host_after_a_sorting_collector(scenario):
    s = scenario()
    names = {i["id"]: i["name"] for i in s.instances()}
    assert [names[i] for i in s.controller.host_order()] == ["a_rig", "b_model", "c_locked"]
    # the rows are grouped by family, sections in order of first appearance, host order within
    view = s.controller.models.instances
    labels = [view.index(row, 0).data() for row in range(view.rowCount())]
    assert labels == ["Test", "a_rig", "c_locked", "b_model"]
    assert [i["category"] for i in s.instances()] == ["Context", "rig", "rig", "model"]


def test_rows_regroup_when_a_plugin_changes_an_instance_category(scenario):
    s = scenario("regroup")

    def sections() -> list[tuple[str, str]]:
        view = s.controller.models.instances
        return [(view.index(r, 0).data(), s.controller.models.instance_model.items()[r]["category"])
                for r in range(view.rowCount())]

    # during collection: "table" left the models for a section of its own
    assert sections() == [("Test", "Context"), ("chair", "model"), ("hero", "rig"), ("table", "prop")]
    s.validate()
    # during validation: the chair became a rig and joined the hero (host order within a section),
    # keeping what it had run
    assert sections() == [("Test", "Context"), ("chair", "rig"), ("hero", "rig"), ("table", "prop")]
    chair = s.instance("chair")
    assert chair["family"] == "rig" and chair["processed"] and chair["status"] == "passed"
    assert s.controller.host_order() == [s.instance(n)["id"] for n in ("chair", "hero", "table")]


def test_cooperative_collection_and_legacy_plugin(scenario):
    s = scenario()
    assert sorted(s.runs("CollectTags")) == ["a_rig", "c_locked"]  # saw what the collector before made
    assert s.instance("a_rig")["data"]["tagged"] is True
    s.publish()
    assert s.runs("ValidateLegacy") == ["-"]
    assert s.plugin("ValidateLegacy")["status"] == "passed"


def test_publish_runs_each_pair_once_and_fires_published_once(scenario):
    s = scenario()
    s.publish()
    assert s.runs("CollectScenario") == ["-"]  # publishing does not collect again
    assert s.runs("ValidateModel") == ["b_model"]
    assert sorted(s.runs("ValidateRig")) == ["a_rig", "c_locked"]
    assert sorted(s.runs("ExtractEverything")) == ["a_rig", "b_model", "c_locked"]
    assert s.signals("published") == ["signal:published"]
    assert s.signals("validated") == []
    assert all(i["status"] == "passed" for i in s.instances())
    assert s.controller.status.message == "Published successfully."
    assert s.controller.status.progress == s.controller.status.total == 7  # 1 + 2 validators, 1 legacy, 3 extracts
    assert not s.controller.status.canPublish  # published: reset before publishing again


def test_untoggled_plugin_and_instance_are_skipped(scenario):
    s = scenario()
    s.controller.toggles.instance(s.instance("b_model")["id"])
    s.controller.toggles.plugin(s.plugin("ValidateRig")["id"])
    s.controller.toggles.instance(s.instance("c_locked")["id"])  # not optional: ignored
    s.publish()
    assert s.runs("ValidateModel") == []
    assert s.runs("ValidateRig") == []
    assert sorted(s.runs("ExtractEverything")) == ["a_rig", "c_locked"]
    assert "signal:instanceToggled b_model False" in s.lines()
    assert "signal:pluginToggled ValidateRig False" in s.lines()
    assert s.instance("c_locked")["isToggled"] is True


def test_toggling_an_instance_greys_out_its_only_validator(scenario):
    s = scenario()
    assert s.plugin("ValidateModel")["isCompatible"] is True
    s.controller.toggles.instance(s.instance("b_model")["id"])
    assert s.plugin("ValidateModel")["isCompatible"] is False
    assert s.plugin("ValidateRig")["isCompatible"] is True
    assert s.plugin("ValidateLegacy")["isCompatible"] is True  # takes the context
    s.controller.toggles.instance(s.instance("b_model")["id"])
    assert s.plugin("ValidateModel")["isCompatible"] is True


def test_section_header_toggles_all_optional_members(scenario):
    s = scenario()
    s.controller.toggles.section("instance", "rig")
    assert s.instance("a_rig")["isToggled"] is False
    assert s.instance("c_locked")["isToggled"] is True  # not optional
    s.controller.toggles.section("instance", "rig")
    assert s.instance("a_rig")["isToggled"] is True


def test_validate_then_publish_does_not_rerun_validators(scenario):
    s = scenario()
    s.validate()
    assert s.controller.status.message == "Validation passed. Ready to publish."
    assert s.signals("validated") == ["signal:validated"]
    assert sorted(s.runs("ValidateRig")) == ["a_rig", "c_locked"]
    assert s.runs("ExtractEverything") == []
    s.publish()
    assert sorted(s.runs("ValidateRig")) == ["a_rig", "c_locked"]  # not again
    assert s.runs("ValidateModel") == ["b_model"]
    assert sorted(s.runs("ExtractEverything")) == ["a_rig", "b_model", "c_locked"]
    assert s.plugin("ValidateRig")["status"] == "passed"  # earlier outcome kept
    assert s.signals("published") == ["signal:published"]


def test_failed_validation_stops_before_extraction(scenario):
    s = scenario("cvei")
    s.publish()
    assert s.controller.status.message == "Stopped due to failed validation: ValidateNaming failed on broken."
    assert s.plugin("ValidateNaming")["status"] == "failed"
    assert s.plugin("ExtractModel")["processed"] is False
    assert s.instance("broken")["status"] == "failed"
    assert s.instance("hero")["status"] == "passed"
    errors = [e for e in s.controller.models.terminal_model.items() if e["kind"] == "error"]
    assert errors and errors[0]["message"] == "broken is broken"
    assert "ValueError" in errors[0]["excText"] and errors[0]["instanceLabel"] == "broken"


def test_actions_follow_the_plugin_state(scenario):
    s = scenario("actions")
    validate = s.plugin("ValidateWithActions")
    labels = [a["label"] for a in validate["visibleActions"]]
    assert "notProcessed" in labels and "failed" not in labels and "Repair" not in labels
    s.validate()
    validate = s.plugin("ValidateWithActions")
    labels = [a["label"] for a in validate["visibleActions"]]
    assert "failed" in labels and "Repair" in labels and "notProcessed" not in labels
    assert validate["visibleActions"][0]["type"] == "category"  # "Fix" heads its actions
    assert "Broken" in labels  # broken actions are listed (and shown as broken)
    repair = next(a for a in validate["visibleActions"] if a["label"] == "Repair")
    finished = []
    s.controller.actionFinished.connect(lambda plugin, action, ok: finished.append((plugin, action, ok)))
    s.controller.runAction(validate["id"], repair["id"])
    s.wait()
    assert finished == [(validate["id"], repair["id"], True)]
    assert s.instance("one")["data"]["fixed"] is True  # the action's edit reached the model
    assert any(e["message"] == "repaired" for e in s.controller.models.terminal_model.items())


def test_stop_mid_run_ends_before_the_next_pair(scenario):
    s = scenario("slow", PYBLISH_TEST_PAIR_SECONDS="0.3")
    s.controller.publish()
    s.qtbot.waitUntil(lambda: s.controller.status.progress >= 2, timeout=10000)
    s.controller.stop()
    assert s.controller.status.state == State.Stopping
    done_when_stopped = len(s.lines())
    s.wait()
    assert s.controller.status.message == "Stopped."
    ran = len(s.lines())
    assert ran <= done_when_stopped + 1  # only the pair in flight finished
    assert ran < 16
    # The runner reported the run over, so it sends no more pairs; a call through the host's
    # dispatch queue returns only after any work still queued there.
    xmlrpc.client.ServerProxy(s.host.url, allow_none=True).context()
    assert len(s.lines()) == ran  # and nothing ran afterwards
    assert s.signals("published") == []


def test_double_publish_never_starts_two_runs(scenario):
    s = scenario("slow", PYBLISH_TEST_PAIR_SECONDS="0.05")
    s.controller.publish()
    s.controller.publish()
    s.controller.validate()
    s.wait()
    assert len(s.runs("ValidateSlowly")) == 8
    assert len(s.runs("ExtractSlowly")) == 8


def test_comment_goes_to_the_host_and_survives_a_reset(scenario):
    s = scenario("edge")
    assert s.controller.hasComment
    s.controller.setComment("fixed the normals ✓")
    s.controller.reset()
    s.wait()
    proxy = xmlrpc.client.ServerProxy(s.host.url, allow_none=True)
    s.qtbot.waitUntil(lambda: proxy.context()["data"].get("comment") == "fixed the normals ✓", timeout=5000)
    assert s.controller.comment == "fixed the normals ✓"


def test_terminal_filters_by_level_text_and_item(scenario):
    s = scenario("cvei")
    s.publish()
    view = s.controller.models.terminal
    everything = view.rowCount()
    assert everything == s.controller.models.terminal_model.count > 3
    view.setLevelEnabled("info", False)
    view.setLevelEnabled("debug", False)
    assert 0 < view.rowCount() < everything
    assert all(view.index(r, 0).data(s.controller.models.terminal_model.role("levelno")) >= 30
               for r in range(view.rowCount()))
    view.setLevelEnabled("info", True)
    view.filterText = "Collected 3 MODELS"  # every word, any case
    assert view.rowCount() == 1
    view.filterText = ""
    view.itemFilter = s.instance("broken")["id"]
    assert view.rowCount() >= 1
    assert all(view.index(r, 0).data(s.controller.models.terminal_model.role("instanceLabel")) == "broken"
               for r in range(view.rowCount()))


def test_search_filters_instances_and_plugins(scenario):
    s = scenario()
    s.controller.models.instances.filterText = "rig"
    assert s.controller.models.instances.rowCount() == 2
    s.controller.models.plugins.filterText = "validate model"
    labels = [s.controller.models.plugins.index(r, 0).data() for r in range(s.controller.models.plugins.rowCount())]
    assert labels == ["ValidateModel"]


def test_results_reach_the_models_in_batches(host_factory, qtbot, tmp_path):
    """1,000 pairs: the models hear about them a few dozen times, never once per pair or field."""
    sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
    from publish_bench import write_plugins

    write_plugins(tmp_path, 10)
    host = host_factory(tmp_path, env=isolated_env(BENCH_INSTANCES="100"))
    controller = Controller()
    try:
        controller.show_host(host.port, {})
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
        drains, changes = [], []
        controller.pump.timer.timeout.connect(lambda: drains.append(time.perf_counter()))
        controller.models.plugin_model.dataChanged.connect(lambda *args: changes.append(1))
        started = time.perf_counter()
        controller.publish()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=60000)
        elapsed = time.perf_counter() - started
        assert controller.status.progress == 1000
        plugins = controller.models.plugin_model.items()
        assert all(p["status"] == "passed" for p in plugins if p["name"].startswith("Noop"))
        print("1000 pairs in %.2f s: %d drains, %d plugin-model dataChanged" % (elapsed, len(drains), len(changes)))
        assert len(drains) <= elapsed * 62 + 5, (len(drains), elapsed)
        assert len(changes) <= 2 * len(drains) + 10  # one dataChanged per contiguous run of rows per drain
    finally:
        controller.shutdown()


def test_publish_after_validation_errors_the_test_ignores_continues_and_keeps_outcomes(scenario):
    """An order -1 plugin fails (outside the validation band): Publish goes on from extraction,
    as one util.publish() would, and the window keeps what Validate found (docs/semantics.md §6)."""
    s = scenario("parity_raise")
    s.validate()
    assert s.controller.status.message == "Validation found errors: OtherFailsEarly failed on the context."
    assert s.plugin("ValidatePasses")["status"] == "warning"
    s.publish()
    assert s.controller.status.message == ("Publish finished with errors: "
                                           "5 plugins failed on 2 instances and the context.")
    assert s.plugin("OtherFailsEarly")["status"] == "failed"  # not re-run, not forgotten
    assert s.plugin("ValidatePasses")["status"] == "warning"
    assert s.plugin("IntegrateLast")["processed"] is True


def test_publish_after_a_failed_validation_validates_again(scenario):
    """The default test stops at once on validation's errors: Publish means "try again"."""
    s = scenario("cvei")
    s.validate()
    assert s.plugin("ValidateNaming")["status"] == "failed"
    s.publish()
    assert s.controller.status.message == "Stopped due to failed validation: ValidateNaming failed on broken."
    assert s.plugin("ValidateNaming")["status"] == "failed"
    assert s.plugin("ExtractModel")["processed"] is False
    assert s.controller.status.progress == 4  # ValidateNaming × 3 and ValidateContext, again


def test_an_event_of_unknown_kind_is_an_error(qapp):
    from dataclasses import dataclass

    from pyblish_qml.engine.events import Event

    @dataclass(frozen=True)
    class Unheard(Event):
        what: str = ""

    controller = Controller()
    try:
        with pytest.raises(TypeError, match="unknown runner event"):
            controller._folder.fold([Unheard(9001, "x")], 9001)
    finally:
        controller.shutdown()
