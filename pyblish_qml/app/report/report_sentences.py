"""The sentences the Report's headline and the footer say about a run, from the report's groups.

Why apart from the model: the footer, the headline and every run shape (validate, publish,
run one plugin, run selected, re-run failed, sanity check; stopped, or with a farm part) say
the same thing about the same state, so a finished run's words come from one function,
:func:`run_sentence`, over the groups the model keeps (the latest result of each pair) and how
the run ended (:class:`RunEnd`) — never from the last action.

Thread: any (plain functions over plain dicts).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...engine.pairs import USER_STOP
from ...record.farm_words import FarmTally
from ...record.farm_words import clause as farm_clause

VERB_NOUNS = {"Collect": "collector", "Validate": "validator", "Extract": "extractor", "Integrate": "integrator"}
RUN_NAMES = {"validate": "Validation", "publish": "Publish", "plugin": "Run plugin", "plugins": "Run selected",
             "rerun": "Re-run", "sanity": "Sanity check"}
PARTIAL = frozenset({"plugin", "plugins", "rerun", "sanity"})
FOUND = {"plugin": "Plugin finished with errors", "plugins": "The selected plugins finished with errors",
         "rerun": "Re-run", "sanity": "Sanity check found problems"}
PASSED = {"plugin": "Plugin passed", "plugins": "The selected plugins passed",
          "rerun": "Re-run passed: everything that failed passes now", "sanity": "Sanity check passed"}


def plural(count: int, word: str) -> str:
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def failure_summary(groups: list[dict], severity: str = "error", verb: str = "failed", verbs: str = "") -> str:
    """What failed, in a few words: "2 validators failed on 3 instances" (``verbs`` for more than
    one plugin: "still fail"; ``verb`` for one: "still fails")."""
    groups = [group for group in groups if group["severity"] == severity]
    if not groups:
        return ""
    instances: dict[str, bool] = {}
    for group in groups:
        for entry in group["all"]:
            instances.setdefault(entry["instanceId"], entry["isContext"])
    labels = {entry["instanceLabel"] for group in groups for entry in group["all"]}
    context = any(instances.values())
    others = sum(1 for is_context in instances.values() if not is_context)
    if len(instances) == 1:
        where = "the context" if context else next(iter(labels))
    else:
        where = plural(others, "instance") + (" and the context" if context else "")
    if len(groups) == 1:
        return "%s %s on %s" % (groups[0]["pluginLabel"], verb, where)
    kinds = {group["verb"] for group in groups}
    noun = VERB_NOUNS.get(next(iter(kinds)), "plugin") if len(kinds) == 1 else "plugin"
    return "%s %s on %s" % (plural(len(groups), noun), verbs or verb, where)


def crash_summary(groups: list[dict]) -> str:
    """What crashed: "Texture paths crashed (KeyError)", or "2 plugins crashed"."""
    crashed = [group for group in groups if group["severity"] == "crash"]
    if not crashed:
        return ""
    if len(crashed) == 1:
        return "%s crashed (%s)" % (crashed[0]["pluginLabel"], crashed[0]["errorType"] or "an error")
    return "%s crashed" % plural(len(crashed), "plugin")


def problems(groups: list[dict], op: str) -> str:
    """Failures then crashes, joined: the middle of every sentence that says what went wrong."""
    rerun = op == "rerun"
    parts = [failure_summary(groups, verb="still fails" if rerun else "failed", verbs="still fail" if rerun else ""),
             crash_summary(groups)]
    text = "; ".join(part for part in parts if part)
    if crash_summary(groups):
        text += " — a pipeline error, not yours: copy the report for your TD"
    return text


@dataclass(frozen=True)
class RunEnd:
    """How a run ended, as far as its sentence goes."""

    op: str
    failed: bool = False  # a pair of this run failed (the engine's Finished.failed)
    stopped: str = ""  # why it stopped before the end ("" when it did not; USER_STOP: the artist's Stop)
    ran: bool = True  # a partial run found something to run


def run_sentence(end: RunEnd, groups: list[dict], warnings: int, farm: FarmTally | None = None) -> str:
    """THE sentence on a finished run — the footer's and the Report's headline alike: how it
    stopped, else the state of every pair, then the farm's part when it handed some off."""
    wrong = problems(groups, end.op)
    if end.stopped == USER_STOP:
        return "Stopped."
    if end.stopped:
        return "Stopped due to %s: %s." % (end.stopped, wrong) if wrong else "Stopped due to %s." % end.stopped
    if end.op in PARTIAL and not end.ran:
        return "Nothing to run."
    if end.failed and not wrong:  # a failure the report cannot name
        # Not "<op> failed: ..." -- that is how a job that broke in the UI process reads (JobFailed).
        return "%s: see the terminal." % ("Validation found errors" if end.op == "validate" else
                                          "Publish finished with errors" if end.op == "publish" else "Run failed")
    if farm is not None and end.op in ("validate", "publish"):  # the farm's entries are its clause's
        here = here_only(groups)
        return "%s; %s." % (_here(end.op, problems(here, end.op), sum(e["warnings"] for g in here for e in g["all"])),
                            farm_clause(farm))
    return outcome_sentence(end.op, groups, warnings, end.failed)


def here_only(groups: list[dict]) -> list[dict]:
    """The groups as the local part of a run has them: the entries that ran on the farm left out."""
    out = []
    for group in groups:
        mine = [entry for entry in group["all"] if not entry.get("ranOn")]
        if mine:
            out.append(dict(group, all=mine))
    return out


def _here(op: str, wrong: str, warnings: int) -> str:
    """The local part of a run that handed some instances off to the farm."""
    if wrong:
        return "%s: %s" % ("Validation found errors" if op == "validate" else "Publish finished with errors", wrong)
    warned = " with %s" % plural(warnings, "warning") if warnings else ""
    return "%s here%s" % ("Validated" if op == "validate" else "Published", warned)


def outcome_sentence(op: str, groups: list[dict], warnings: int, this_run_failed: bool) -> str:
    """A run of ``op`` that ended by itself: the state of every pair (the latest result of each),
    named by the run's shape."""
    wrong = problems(groups, op)
    warned = " with %s" % plural(warnings, "warning") if warnings else ""
    if op == "validate":
        return "Validation found errors: %s." % wrong if wrong else "Validation passed%s. Ready to publish." % warned
    if op == "publish":
        return "Publish finished with errors: %s." % wrong if wrong else "Published successfully%s." % warned
    name = RUN_NAMES.get(op, "Run")
    if not wrong:
        return "%s%s." % (PASSED.get(op, name + " passed"), "" if op == "rerun" else warned)
    if this_run_failed or op == "rerun":
        return "%s: %s." % (FOUND.get(op, name), wrong)
    return "%s; still failing from earlier runs: %s." % (PASSED.get(op, name + " passed"), wrong)


def headline(op: str, end: RunEnd | None, groups: list[dict], warnings: int, farm: FarmTally | None = None) -> str:
    """The Report page's headline: the run's own sentence (:func:`run_sentence`) once it ended."""
    if not op:
        return "Nothing has run yet. Validate to see a report."
    if end is None:
        return "%s running…" % RUN_NAMES.get(op, "Run")
    return run_sentence(end, groups, warnings, farm)


def empty_note(verdict: str, farm: FarmTally | None) -> str:
    """What the Report page says when it lists nothing: its verdict's word, the farm's part included."""
    if farm is not None and farm.failing:
        return ("Nothing failed here. What failed on the farm is marked on its rows and in the Timeline; "
                "re-run it from the farm line.")
    if farm is not None and farm.working:
        return "Nothing failed here; the farm is still publishing."
    if verdict == "passed":
        return "Nothing failed and nothing warned."
    return "Validate or publish: what fails shows here, with the actions that fix it."
