"""The footer's sentence when a run ends: how it stopped, what a reset collected (and what
discovery could not give), else the state of every pair.

Why apart from the folding: the folding says what each event means for the rows; the words a
run ends with are read by the footer, the terminal and the run's record, and grow with each
run shape and discovery's news, so they live in one place of their own.

Thread: GUI thread only (it reads the report model).
"""

from __future__ import annotations

from ...engine import events as ev
from ...engine import pairs
from ..report.report_model import ReportModel
from ..report.report_sentences import PARTIAL  # the same run shapes as folding.PARTIAL
from .run_progress import RunProgress


def collected_text(progress: RunProgress, instances: int) -> str:
    """The footer after a reset: how many instances, and what discovery could not give."""
    if progress.plugins_found == 0:
        return "No plugins found: the Overview says where the host looked."
    text = "Ready. %d instance%s collected." % (instances, "" if instances == 1 else "s")
    if progress.load_failures:
        text += " %d plugin file%s failed to load: see the Report." % (
            progress.load_failures, "" if progress.load_failures == 1 else "s")
    return text


def finished_text(event: ev.Finished, progress: RunProgress, report: ReportModel, instances: int) -> str:
    """The footer's sentence when a run ends: how it stopped, else the state of every pair."""
    op, stopped, failed = event.op, event.stopped, event.failed
    failures = report.problems()
    if op == "act":  # the run's word stays; the action's own shows with the action (the Report, the terminal)
        return progress.outcome_text or report.last_action or "Action %s." % ("failed" if failed else "done")
    if stopped and failures and stopped != pairs.USER_STOP:
        return "Stopped due to %s: %s." % (stopped, failures)  # the test's reason, then what failed
    if stopped == pairs.USER_STOP:
        return "Stopped."
    if stopped:
        return "Stopped due to %s." % stopped
    if op in PARTIAL and not progress.done:
        return "Nothing to run."
    if op == "reset":
        return collected_text(progress, instances)
    if failed and not report.failed:  # a failure the report cannot name
        # Not "<op> failed: ..." -- that is how a job that broke in the UI process reads (JobFailed).
        return "%s: see the terminal." % ("Validation found errors" if op == "validate" else
                                          "Publish finished with errors" if op == "publish" else "Run failed")
    return report.outcome_sentence(op, failed)
