"""The footer's sentence when a run ends: how it stopped, what a reset collected (and what
discovery could not give), else the state of every pair.

Why apart from the folding: the folding says what each event means for the rows; the words a
run ends with are read by the footer, the terminal and the run's record, and grow with each
run shape and discovery's news, so they live in one place of their own.

Thread: GUI thread only (it reads the report model).
"""

from __future__ import annotations

from ...engine import events as ev
from ..report.report_model import ReportModel
from ..report.report_sentences import PARTIAL, RunEnd, run_sentence  # the same run shapes as folding.PARTIAL
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


def run_end(event: ev.Finished, progress: RunProgress) -> RunEnd:
    """How the run ended, for its sentence (the footer's and the Report's headline: one function)."""
    return RunEnd(event.op, bool(event.failed), event.stopped or "", not (event.op in PARTIAL and not progress.done))


def finished_text(event: ev.Finished, progress: RunProgress, report: ReportModel, instances: int) -> str:
    """The footer's sentence when a run ends: the report's own sentence (its headline: one
    function, report_sentences.run_sentence) for every run it reports on; what a reset collected."""
    op, failed = event.op, event.failed
    if op == "act":  # the run's word stays; the action's own shows with the action (the Report, the terminal)
        return progress.outcome_text or report.last_action or "Action %s." % ("failed" if failed else "done")
    if op == "reset" and not event.stopped:
        return collected_text(progress, instances)
    if op == "reset":
        return run_sentence(run_end(event, progress), [], 0)
    return report.sentence()
