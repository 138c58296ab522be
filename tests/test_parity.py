"""Parity: a real UI process publishing through a real host equals headless pyblish.util.publish().

One UI process serves every scenario of this module (each scenario is a fresh host process that
shows it, as a DCC would); each headless run is a fresh process, started alongside. The rules
that are allowed to differ are in docs/semantics.md and applied in tests/parity.py.
"""

from __future__ import annotations

import pytest
from helpers import UIProcess
from parity import Scenario, differences, run_headless, run_through_ui, workdir

SCENARIOS = [
    Scenario("cvei", "cvei"),
    Scenario("mix", "mix", exact_estimate=False),
    Scenario("families", "families"),
    Scenario("targets-none", "targets"),
    Scenario("targets-farm", "targets", targets=("farm",)),
    Scenario("optional", "optional"),
    Scenario("legacy", "legacy"),
    Scenario("actions", "actions"),
    Scenario("unpublished", "unpublished"),
    Scenario("edge", "edge"),
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
