"""A past run (or a report file) as the banner and the footer tell it: its own outcome, counts,
duration, who ran it where, and when ("ran 2026-12-05 07:27, 29 h ago").

Why apart from the live status: a past run on screen used to borrow the live host's footer
("Published successfully…" under a failed run) and the time it was opened ("Last run 7 s ago"
for a day-old run). Everything here comes from the run's own record (:class:`~.report.Report`)
and the sentence its own folding ended with, so nothing of the live host can leak in. The
counts are :func:`~pyblish_qml.record.outcomes.count` of the latest result of each pair, as
the window, History and the report files count them.

:class:`PastListener` and :class:`PastFacts` are what folding a past run asks of its window:
nothing starts, nothing is collapsed.

Thread: GUI thread only.
"""

from __future__ import annotations

import datetime
import os
import time

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...engine.events import Finished
from ...record.outcomes import count, latest
from ...record.report import Report
from ..live.run_progress import RunProgress
from ..live.state import State
from ..report.report_sentences import plural
from .history_model import OPS, duration_text

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

# A run's stored outcome as the progress bar colours it (Theme.outcomeColor's words).
BAR = {"passed": "passed", "failed": "failed", "stopped": "stopped", "unreachable": "failed", "error": "failed",
       "incomplete": "stopped", "running": "stopped"}
OUTCOME_WORDS = {"passed": "passed", "failed": "failed", "stopped": "stopped", "unreachable": "host unreachable",
                 "error": "broke in the window", "incomplete": "did not finish", "running": "did not finish"}


def ago_text(seconds: float) -> str:
    """How long ago, in the largest whole unit that reads naturally ("29 h ago", "3 days ago")."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return "%d min ago" % (seconds // 60)
    if seconds < 72 * 3600:
        return "%d h ago" % (seconds // 3600)
    return "%d days ago" % (seconds // 86400)


def ran_text(started: float, now: float | None = None) -> str:
    """When a run started, as a date a support person can quote and how long ago: "ran
    2026-12-05 07:27, 29 h ago" (local time)."""
    if not started:
        return "time unknown"
    now = time.time() if now is None else now
    moment = datetime.datetime.fromtimestamp(started).strftime("%Y-%m-%d %H:%M")
    return "ran %s, %s" % (moment, ago_text(now - started))


def counts_text(report: Report) -> str:
    """"23 pairs · 1 error · 1 crashed · 2 warnings": the latest result of each pair, counted once."""
    counted = count(latest(report.pairs)) if report.run.get("op") != "act" else count(report.pairs)
    parts = [plural(counted.pairs, "pair")]
    if counted.failed:
        parts.append(plural(counted.failed, "error"))  # the History list's words for the same counts
    if counted.crashed:
        parts.append("%d crashed" % counted.crashed)
    if counted.lost:
        parts.append("%d unknown" % counted.lost)
    if counted.warnings:
        parts.append(plural(counted.warnings, "warning"))
    return " · ".join(parts)


def bar_outcome(report: Report) -> str:
    """The progress bar's word for the run: its stored outcome, "warning" when it passed with warnings."""
    outcome = str(report.run.get("outcome") or "")
    word = BAR.get(outcome, "none")
    if word == "passed" and count(latest(report.pairs)).warnings:
        return "warning"
    return word


def past_facts(report: Report, file_name: str, sentence: str, now: float | None = None) -> dict:
    """Everything the banner and the footer say about ``report`` (``sentence``: what its own
    folding ended with, the footer's sentence at the time)."""
    run, host = report.run, report.run.get("host") or {}
    data = report.context.get("data") or {}
    op = OPS.get(str(run.get("op") or ""), str(run.get("op") or "Run"))
    outcome = OUTCOME_WORDS.get(str(run.get("outcome") or ""), str(run.get("outcome") or "unknown"))
    where = str(host.get("name") or data.get("hostName") or "host")
    scene = str(host.get("currentFile") or data.get("currentFile") or "")
    if scene:
        where += " · " + os.path.basename(scene)
    user = str(host.get("user") or data.get("user") or "")
    machine = str(host.get("machine") or "")
    who = "%s on %s" % (user, machine) if user and machine else user or machine
    started = float(run.get("started") or 0.0)
    duration = run.get("duration")
    if duration is None and run.get("ended"):
        duration = float(run["ended"]) - started
    kind = "Report file %s" % file_name if file_name else "Past run"
    heading = "%s — %s %s · %s" % (kind, op, outcome, where)
    comment = str(run.get("comment") or "").strip().splitlines()
    took = duration_text(float(duration)) if duration is not None else ""
    detail = " · ".join(part for part in (ran_text(started, now), "by " + who if who else "", took,
                                           "“%s”" % comment[0] if comment else "") if part)  # the artist's word
    return {"heading": heading, "detail": detail, "outcome": bar_outcome(report), "sentence": sentence or heading,
            "counts": " · ".join(part for part in (counts_text(report), took) if part),
            "ran": ran_text(started, now), "failed": outcome != "passed"}


class PastListener:
    """What a past run's folding asks of the window: nothing starts, the state is only noted."""

    def __init__(self, context_label: str = "Context") -> None:
        self.run_state = State.Idle
        self.message = ""
        self._context_label = context_label

    def context_label(self) -> str:
        return self._context_label

    def enter(self, state: State, message: str | None = None) -> None:
        self.run_state, self.message = state, message or self.message

    def host_named(self, name: str, file: str) -> None:
        pass

    def comment_key_changed(self) -> None:
        pass

    def run_finished(self, event: Finished) -> None:
        pass


class PastFacts:
    """A past run's compatibility; nothing is collapsed."""

    def __init__(self, progress: RunProgress) -> None:
        self._progress = progress

    def compat(self) -> dict:
        return self._progress.compat

    def collapsed_sections(self) -> list[str]:
        return []


@QmlElement
@QmlUncreatable("the history view makes one")
class PastRun(QObject):
    """The past run on screen, as the banner and the footer tell it (empty while the live host is shown)."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._facts: dict = {}

    def show(self, facts: dict) -> None:
        self._facts = facts
        self.changed.emit()

    def clear(self) -> None:
        self.show({})

    def _get(self, key: str) -> str:
        return str(self._facts.get(key) or "")

    @Property(str, notify=changed, final=True)
    def heading(self) -> str:
        """"Past run — Publish failed · maya · shot_v012.ma" (the banner's first line)."""
        return self._get("heading")

    @Property(str, notify=changed, final=True)
    def detail(self) -> str:
        """"ran 2026-12-05 07:27, 29 h ago · by maria on ws-12 · 2.1 s · “fixed the UVs”" (the banner's
        second line: the comment's first line last)."""
        return self._get("detail")

    @Property(str, notify=changed, final=True)
    def sentence(self) -> str:
        """The footer's sentence: the run's own outcome, as its window said it when it ended."""
        return self._get("sentence")

    @Property(str, notify=changed, final=True)
    def counts(self) -> str:
        """"23 pairs · 1 error · 2 warnings · 2.1 s" (the footer's right-hand side)."""
        return self._get("counts")

    @Property(str, notify=changed, final=True)
    def outcome(self) -> str:
        """The progress bar's colour word (Theme.outcomeColor): passed, warning, failed, stopped, none."""
        return self._get("outcome") or "none"

    @Property(str, notify=changed, final=True)
    def ran(self) -> str:
        return self._get("ran")
