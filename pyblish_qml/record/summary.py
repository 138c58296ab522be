"""A run as plain text, for "Copy report" and ``pyblish-qml report export --format text``:
what ran where, how it ended, then the errors grouped by plugin, then the warnings.

Thread: any.
"""

from __future__ import annotations

from .farm_words import clause, recorded
from .outcomes import verdict
from .report import Report, iso

OUTCOME_WORDS = {"passed": "passed", "failed": "failed", "stopped": "stopped", "unreachable": "lost its host",
                 "error": "failed in the window", "incomplete": "did not finish", "running": "still running"}
OP_WORDS = {"reset": "Collect", "validate": "Validate", "publish": "Publish", "act": "Action", "plugin": "Run plugin",
            "plugins": "Run plugins", "rerun": "Re-run failed", "sanity": "Sanity check"}


def counts_line(report: Report) -> str:
    """The run's counts in words, from :meth:`Report.counts` (the window and History count the same)."""
    counts = report.counts()
    return "%s run%s, %d failed%s%s; %s; %s%s" % (
        plural(counts["pairs"], "pair"),
        " (and %d replaced by a later result)" % counts["replaced"] if counts.get("replaced") else "",
        counts["failed"],
        ", %d crashed (a pipeline error)" % counts["crashed"] if counts["crashed"] else "",
        ", %d unknown (reply lost)" % counts["lost"] if counts["lost"] else "", plural(counts["warnings"], "warning"),
        plural(counts["records"], "record"),
        " (%d more dropped by the size limit)" % counts["recordsDropped"] if counts["recordsDropped"] else "")


def headline(report: Report) -> str:
    """"Publish passed; 2 of 2 published on the farm": the run's outcome, and its farm part as the
    newest attempt of each instance left it (a re-run that published replaces attempt 1's failure)."""
    run = report.run
    words = "%s %s" % (OP_WORDS.get(run["op"], run["op"]), OUTCOME_WORDS.get(run["outcome"], run["outcome"]))
    farm = farm_clause(report)
    return "%s; %s" % (words, farm) if farm else words


def farm_failing(report: Report) -> bool:
    """An instance whose newest attempt failed or was lost: the run did not publish everything."""
    farm = recorded(report.run.get("farm"))
    return bool(farm and farm.failing)


def farm_clause(report: Report) -> str:
    """The farm part in words, as the window says it (``farm_words.clause``): "1 of 2 failed on the
    farm", "2 of 2 published on the farm (tableB by attempt 2)" ("" when nothing was handed off)."""
    farm = recorded(report.run.get("farm"))
    return clause(farm) if farm else ""


def plural(count: int, word: str) -> str:
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


def text_summary(report: Report, max_items: int = 200) -> str:
    run, host = report.run, report.run.get("host") or {}
    lines = ["Pyblish report: %s" % headline(report)]
    where = "%s (port %s%s)" % (host.get("name") or "host", host.get("port"),
                                ", pid %s" % host["pid"] if host.get("pid") else "")
    lines.append("Host:     %s, %s@%s" % (where, host.get("user") or "?", host.get("machine") or "?"))
    if host.get("currentFile"):
        lines.append("File:     %s" % host["currentFile"])
    lines.append("Started:  %s, took %.1f s" % (iso(run.get("started")), float(run.get("duration") or 0.0)))
    if run.get("comment"):
        lines.append("Comment:  %s" % run["comment"])
    lines.append("Pairs:    %s" % counts_line(report))
    versions = report.versions()
    if versions:
        lines.append("Versions: %s" % ", ".join("%s %s" % pair for pair in versions))
    if report.toggled_off():
        lines.append("Off:      %s (toggled off: not published)" % ", ".join(report.toggled_off()))
    if run.get("message"):
        lines.append("Note:     %s" % run["message"].splitlines()[0])
    lines += farm_lines(report)
    lost = report.lost()
    if lost:
        lines += ["", "Unknown outcome (%d): the reply was lost; it may have run in the host, and was not run again"
                  % len(lost)]
        lines += ["  - %s on %s" % (report.plugin(pair["plugin"]).get("label") or pair["plugin"],
                                    report.instance_label(pair.get("instance"))) for pair in lost[:max_items]]
    for integrator, instance, extractor in report.integrated_despite():
        lines.append("Note:     %s ran on %s although %s failed" % (integrator, instance, extractor))
    lines += load_failure_lines(report)
    lines += earlier_lines(report, max_items)
    for title, kind in (("Errors", "failed"), ("Crashed — a pipeline error, not the artist's; for the TD", "crashed"),
                        ("Warnings", "warning")):
        lines += problem_lines(report, title, kind, max_items)
    return "\n".join(lines) + "\n"


def attempt_words(pair: dict) -> str:
    """Where a pair ran, as the history of attempts says it: "attempt 2", or "here"."""
    return "attempt %s" % pair.get("attempt") if pair.get("ranOn") == "farm" else "here"


AFTER_WORDS = {"passed": "fixed by %s", "warned": "fixed by %s (with warnings)", "failed": "failed again in %s",
               "crashed": "crashed in %s", "lost": "unknown in %s (reply lost)"}


def superseded_words(earlier: dict, later: dict) -> str:
    """One replaced problem, for the history of attempts: "attempt 1 failed: chair has no _GEO
    suffix; fixed by attempt 2" (nothing fixed is listed as a current problem)."""
    error = earlier.get("error") if isinstance(earlier.get("error"), dict) else {}
    message = (str(error.get("message") or "").strip().splitlines() or [""])[0]
    if error.get("type") == "LostOnFarm":  # its message says it all: "lost on farm (attempt 1): …"
        return "%s; %s" % (message, AFTER_WORDS[verdict(later)] % attempt_words(later))
    before = "%s %s" % (attempt_words(earlier), verdict(earlier))
    return "%s: %s; %s" % (before, message, AFTER_WORDS[verdict(later)] % attempt_words(later))


def earlier_lines(report: Report, max_items: int) -> list[str]:
    """The problems a later attempt replaced: history, not current problems (docs/farm.md)."""
    superseded = report.superseded()
    if not superseded:
        return []
    lines = ["", "Earlier attempts (%d): replaced by a later attempt, not current problems" % len(superseded)]
    for earlier, later in superseded[:max_items]:
        lines.append("  - %s on %s: %s" % (report.plugin(earlier["plugin"]).get("label") or earlier["plugin"],
                                          report.instance_label(earlier.get("instance")),
                                          superseded_words(earlier, later)))
    return lines


def load_failure_lines(report: Report) -> list[str]:
    """The plugin files that failed to import at the run's reset (host/discovery.py): the TD's first lead."""
    failed = (report.context.get("data") or {}).get("pyblishDiscoveryFailures") or []
    if not isinstance(failed, list) or not failed:
        return []
    lines = ["", "Plugin files that failed to load (%d): their plugins did not run" % len(failed)]
    for entry in failed:
        if isinstance(entry, dict):
            lines.append("  - %s: %s" % (entry.get("file") or entry.get("module"), entry.get("error") or ""))
    return lines


def farm_lines(report: Report) -> list[str]:
    """Where the pairs ran and each handed-off instance's farm state per attempt (docs/farm.md)."""
    tasks = report.run.get("farm") or []
    if not tasks:
        return []
    there = sum(1 for pair in report.pairs if pair.get("ranOn") == "farm")
    return ["Where:    %d pairs here, %d on the farm" % (len(report.pairs) - there, there),
            "Farm:     %s" % "; ".join("%s (attempt %s): %s" % (task["task"], task["attempt"], task["state"])
                                       for task in tasks)]


def problem_lines(report: Report, title: str, kind: str, max_items: int) -> list[str]:
    """One section of problems ("failed", "crashed" or "warning"), by plugin, at most ``max_items``."""
    groups = report.problems(kind)
    if not groups:
        return []
    lines = ["", "%s (%d)" % (title, sum(len(items) for _, items in groups))]
    shown = 0
    for plugin, items in groups:
        lines.append("  %s (%s)" % (plugin.get("label") or plugin.get("name"), plugin.get("name") or plugin["id"]))
        for pair, item in items:
            shown += 1
            if shown > max_items:
                break
            lines += problem_item(report, kind, pair, item)
        if shown > max_items:
            lines.append("    … and more (see the full report)")
            break
    return lines


def problem_item(report: Report, kind: str, pair: dict, item: dict) -> list[str]:
    """One problem: the instance (and where it ran), the message with its line breaks, where it was raised."""
    message = str(item.get("message") or "").strip().splitlines() or [""]
    if kind == "crashed":
        message[0] = "%s: %s" % (item.get("type") or "Error", message[0])
    where = " [farm, attempt %s]" % pair.get("attempt") if pair.get("ranOn") == "farm" else ""
    lines = ["    - %s%s: %s" % (report.instance_label(pair.get("instance")), where, message[0])]
    lines += ["      %s" % line for line in message[1:]]  # line breaks kept
    if kind != "warning" and item.get("fname"):
        lines.append("      at %s:%s in %s" % (item.get("fname"), item.get("line_number"), item.get("func")))
    return lines
