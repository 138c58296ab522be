"""One sentence per finished run (issue 22): the footer's and the Report's headline come from the same
function (report_sentences.run_sentence), on the real report model and the real folding's words, for
every run shape — failed, passed with warnings, partial runs passing over earlier failures, stopped,
nothing to run, and a run whose farm part is running, failed, lost or published."""

from __future__ import annotations

import pytest
from test_report_model import failed, instance, plugins, warned

from pyblish_qml.app.farm.farm_verdict import farm_outcome
from pyblish_qml.app.live.run_progress import RunProgress
from pyblish_qml.app.live.run_sentences import finished_text, run_end
from pyblish_qml.app.report.report_model import ReportModel, ValidationReport
from pyblish_qml.engine import events as ev
from pyblish_qml.engine.pairs import USER_STOP
from pyblish_qml.farm.outputs import FarmState
from pyblish_qml.record.farm_words import tally

pytestmark = pytest.mark.usefixtures("qapp")
Q, R, D, F, L = FarmState.QUEUED, FarmState.RUNNING, FarmState.DONE, FarmState.FAILED, FarmState.LOST


def run(report: ReportModel, op: str, pairs: list, stopped: str = "", continues: bool = False) -> tuple[str, str]:
    """One run through the report as the folding does it: (the footer's sentence, the page's headline)."""
    progress = RunProgress()
    progress.start(op)
    report.run_started(op, continues)
    model = report._plugins
    for plugin, name, result in pairs:
        report.pair_done(model.item(plugin), instance(name), result)
        progress.done += 1
    event = ev.Finished(1, op, stopped or None, any(result.get("error") for _, _, result in pairs))  # this run's
    report.run_finished(run_end(event, progress))
    return finished_text(event, progress, report, 2), ValidationReport(report).summary


@pytest.mark.parametrize("op, pairs, stopped, sentence", [
    ("validate", [("b", "chair", failed())], "", "Validation found errors: B failed on Chair."),
    ("validate", [("a", "chair", warned("w"))], "", "Validation passed with 1 warning. Ready to publish."),
    ("publish", [("a", "chair", {"error": None, "records": []})], "", "Published successfully."),
    ("publish", [("b", "chair", failed())], USER_STOP, "Stopped."),
    ("validate", [("b", "chair", failed())], "failed validation",
     "Stopped due to failed validation: B failed on Chair."),
    ("sanity", [], "", "Nothing to run."),
])
def test_the_footer_and_the_headline_say_one_sentence(op, pairs, stopped, sentence):
    report = ReportModel(plugins(("a", "Validate"), ("b", "Validate")))
    assert run(report, op, pairs, stopped) == (sentence, sentence)


def test_a_partial_run_over_earlier_failures_says_the_same_on_both():
    report = ReportModel(plugins(("a", "Validate"), ("b", "Validate")))
    run(report, "validate", [("b", "chair", failed()), ("a", "table", {"error": None, "records": []})])
    footer, headline = run(report, "plugin", [("a", "table", {"error": None, "records": []})])
    assert footer == headline == "Plugin passed; still failing from earlier runs: B failed on Chair."
    footer, headline = run(report, "rerun", [("b", "chair", failed())])
    assert footer == headline == "Re-run: B still fails on Chair."


@pytest.mark.parametrize("states, handing, local, sentence, bar", [
    ([], 2, "validate", "Validated here; handing 2 off to the farm.", "running"),
    ([R, Q], 0, "validate", "Validated here; on the farm: 1 running, 1 queued.", "running"),
    ([F, R, Q], 0, "publish", "Published here; on the farm: 1 failed, 1 running, 1 queued.", "failed"),
    ([D, F, D], 0, "publish", "Published here; 1 of 3 failed on the farm.", "failed"),
    ([D, L], 0, "validate", "Validated here; 1 of 2 lost on the farm.", "failed"),
    ([F, L, D], 0, "publish", "Published here; 1 of 3 failed and 1 lost on the farm.", "failed"),
    ([D, D], 0, "publish", "Published here; 2 of 2 published on the farm.", "passed"),
])
def test_a_run_with_a_farm_part_says_it_and_colours_the_bar_by_it(states, handing, local, sentence, bar):
    report = ReportModel(plugins(("a", "Validate"), ("b", "Validate")))
    farm = tally(states, handing)
    report.farm_of = lambda: farm
    footer, headline = run(report, local, [("a", "chair", {"error": None, "records": []})])
    assert footer == headline == sentence
    assert farm_outcome("passed", farm) == bar
    assert ValidationReport(report).verdict == {"passed": "passed", "running": "running", "failed": "failed"}[bar]


def test_a_local_failure_comes_first_and_the_farm_follows_it():
    report = ReportModel(plugins(("a", "Validate"), ("b", "Validate")))
    farm = tally([D, D])
    report.farm_of = lambda: farm
    footer, headline = run(report, "publish", [("b", "chair", failed())])
    assert footer == headline == "Publish finished with errors: B failed on Chair; 2 of 2 published on the farm."
    assert farm_outcome("failed", farm) == "failed" and farm_outcome("none", farm) == "none"
    refused = tally([], refused="the scene was never saved")
    assert farm_outcome("passed", refused) == "failed"
    report.farm_of = lambda: refused
    assert report.sentence() == "Publish finished with errors: B failed on Chair; nothing was handed off to the farm."
