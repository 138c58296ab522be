"""Parity: a real UI process publishing through a real host equals headless pyblish.util.publish().

One UI process serves every scenario of this module (each scenario is a fresh host process that
shows it, as a DCC would); each headless run is a fresh process, started alongside. The rules
that are allowed to differ are in docs/semantics.md and applied in tests/parity.py.
"""

from __future__ import annotations

import json
import logging

import pyblish.api
import pytest
from helpers import UIProcess
from parity import (
    Scenario,
    comparable_context,
    differences,
    run_actions_through_runner,
    run_headless,
    run_through_ui,
    workdir,
)

from pyblish_qml.host.service import HostService

V = "validate"  # Validate, then Publish if validation passed
SCENARIOS = [
    # suites shared with other tests
    Scenario("cvei", "cvei"),
    Scenario("cvei-validate", "cvei", flow=V),
    Scenario("mix", "mix", exact_estimate=False),
    Scenario("families", "families"),
    Scenario("targets-none", "targets"),
    Scenario("targets-farm", "targets", targets=("farm",)),
    Scenario("optional", "optional"),
    Scenario("legacy-implicit", "legacy"),
    Scenario("actions-suite", "actions"),
    Scenario("unpublished", "unpublished"),
    Scenario("edge-data", "edge"),
    # written for parity, from pyblish-base's own tests
    Scenario("order-and-phases", "parity_order"),
    Scenario("order-and-phases-validate", "parity_order", flow=V),
    Scenario("context-once-instance-each", "parity_once", exact_estimate=False),
    Scenario("match-star-intersection-subset-exact", "parity_match"),
    Scenario("targets-registered-none", "parity_targets"),
    Scenario("targets-registered-studio", "parity_targets", targets=("studio",)),
    Scenario("targets-registered-studio-farm", "parity_targets", targets=("studio", "farm")),
    Scenario("targets-studio-validate", "parity_targets", targets=("studio",), flow=V),
    Scenario("targets-studio-empty-context", "parity_targets", targets=("studio",), env=(("PARITY_EMPTY", "1"),)),
    Scenario("hosts-python", "parity_hosts"),
    Scenario("hosts-maya", "parity_hosts", host="maya"),
    Scenario("hosts-maya-and-mayapy", "parity_hosts", host="maya", env=(("PARITY_EXTRA_HOST", "mayapy"),)),
    Scenario("inactive-optional-unpublished", "parity_toggles", exact_estimate=False),
    Scenario("inactive-optional-unpublished-validate", "parity_toggles", flow=V, exact_estimate=False),
    Scenario("plugins-that-raise", "parity_raise"),
    Scenario("plugins-that-raise-validate", "parity_raise", flow=V),
    Scenario("failed-validator-stops-extraction", "parity_validation"),
    Scenario("failed-validator-stops-extraction-validate", "parity_validation", flow=V),
    Scenario("custom-test-stops-on-any-error", "parity_test_errors"),
    Scenario("custom-test-stops-on-any-error-validate", "parity_test_errors", flow=V),
    Scenario("custom-test-never-stops", "parity_test_never"),
    Scenario("custom-test-never-stops-validate", "parity_test_never", flow=V),
    Scenario("custom-test-stops-before-integration", "parity_test_never", env=(("PARITY_TEST", "integration"),)),
    Scenario("custom-test-stops-collection", "parity_test_never", env=(("PARITY_TEST", "collection"),)),
    Scenario("collectors-add-remove-reclassify", "parity_grow", exact_estimate=False),
    Scenario("collectors-add-remove-reclassify-validate", "parity_grow", flow=V, exact_estimate=False),
    Scenario("edit-through-a-kept-reference", "parity_kept"),
    Scenario("edit-through-a-kept-reference-no-context-step", "parity_kept",
             env=(("PARITY_NO_CONTEXT_STEP", "1"),)),
    Scenario("logging", "parity_logging"),
    Scenario("old-style-pre-1.1", "parity_legacy"),
    Scenario("callbacks", "parity_callbacks"),
    Scenario("context-and-instance-data", "parity_data"),
    Scenario("duplicate-and-non-ascii-names", "parity_names"),
]


@pytest.fixture(scope="module")
def ui():
    app = UIProcess()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def scratch():
    return workdir()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_ui_publish_equals_headless_publish(ui, scratch, scenario):
    headless = run_headless(scenario, scratch)
    through_ui = run_through_ui(ui, scenario, scratch)
    problems = differences(scenario, through_ui, headless.result())
    assert not problems, "\n".join(problems)


ACTIONS = [("ValidateAssets", "Repair"), ("ValidateAssets", "Explode"), ("ValidateContext", "AddInstance"),
           ("CollectAssets", "Report")]


def test_actions_run_as_headless(scratch):
    """The window's runner runs actions after a publish exactly as pyblish.plugin.process does."""
    scenario = Scenario("actions-after-publish", "parity_actions",
                        env=(("PARITY_ACTIONS", json.dumps(ACTIONS)),))
    headless = run_headless(scenario, scratch)
    through_runner, payloads = run_actions_through_runner(scenario, ACTIONS, scratch)
    expected = headless.result(dump="parityDump").record
    got = through_runner.record
    assert [(r["plugin"], r["instance"], r["action"], r["success"]) for r in got["results"]] == \
        [(r["plugin"], r["instance"], r["action"], r["success"]) for r in expected["results"]]
    assert got["results"] == expected["results"]
    assert got["instances"] == expected["instances"]
    assert comparable_context(got, expected) == expected["context"]
    assert [r["action"] for r in got["results"] if r["action"]] == ["Repair", "Explode", "AddInstance", "Report"]
    assert [p.failed for p in payloads] == [False, True, False, False]
    assert any(i["name"] == "addedByAction" for i in got["instances"])


def test_our_own_loggers_stay_out_of_a_plugins_records():
    """pyblish keeps every "pyblish*" record logged while a plugin runs; the host's own threads
    log as "pyblish_qml.*" and must not land in the plugin's result (headless has none)."""

    class LogsEverywhere(pyblish.api.ContextPlugin):
        order = pyblish.api.ValidatorOrder

        def process(self, context):
            logging.getLogger("pyblish_qml.host.heartbeat").warning("our heartbeat thread")
            logging.getLogger("pyblish.studio").info("kept")
            self.log.info("kept too")

    pyblish.api.register_plugin(LogsEverywhere)
    service = HostService(wrapper=lambda func, *args: func(*args))
    try:
        service.reset()
        service.context()
        plugin = next(p for p in service.discover() if p["name"] == "LogsEverywhere")
        result = service.process(plugin["id"])
        assert [r["name"] for r in result["records"]] == ["pyblish.studio", "pyblish.LogsEverywhere"]
        kept = service._context.data["results"][-1]["records"]  # what a callback or action sees
        assert [r.name for r in kept] == ["pyblish.studio", "pyblish.LogsEverywhere"]
    finally:
        pyblish.api.deregister_plugin(LogsEverywhere)
        service.close()
