"""Parity: a real UI process publishing through a real host equals headless pyblish.util.publish().

One UI process serves every scenario of this module (each scenario is a fresh host process that
shows it, as a DCC would); each headless run is a fresh process, started alongside. The rules
that are allowed to differ are in docs/semantics.md and applied in tests/parity.py.
"""

from __future__ import annotations

import pytest
from helpers import UIProcess
from parity import Scenario, differences, run_headless, run_through_ui, workdir

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
    Scenario("hosts-python", "parity_hosts"),
    Scenario("hosts-maya", "parity_hosts", host="maya"),
    Scenario("hosts-maya-and-mayapy", "parity_hosts", host="maya", env=(("PARITY_EXTRA_HOST", "mayapy"),)),
    Scenario("inactive-optional-unpublished", "parity_toggles", exact_estimate=False),
    Scenario("inactive-optional-unpublished-validate", "parity_toggles", flow=V, exact_estimate=False),
    Scenario("plugins-that-raise", "parity_raise"),
    Scenario("failed-validator-stops-extraction", "parity_validation"),
    Scenario("failed-validator-stops-extraction-validate", "parity_validation", flow=V),
    Scenario("custom-test-stops-on-any-error", "parity_test_errors"),
    Scenario("custom-test-stops-on-any-error-validate", "parity_test_errors", flow=V),
    Scenario("custom-test-never-stops", "parity_test_never"),
    Scenario("custom-test-stops-before-integration", "parity_test_never", env=(("PARITY_TEST", "integration"),)),
    Scenario("collectors-add-remove-reclassify", "parity_grow", exact_estimate=False),
    Scenario("collectors-add-remove-reclassify-validate", "parity_grow", flow=V, exact_estimate=False),
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
