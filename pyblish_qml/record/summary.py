"""A run as plain text, for "Copy report" and ``pyblish-qml report export --format text``:
what ran where, how it ended, then the errors grouped by plugin, then the warnings.

Thread: any.
"""

from __future__ import annotations

from .report import Report, iso

OUTCOME_WORDS = {"passed": "passed", "failed": "failed", "stopped": "stopped", "unreachable": "lost its host",
                 "error": "failed in the window", "incomplete": "did not finish", "running": "still running"}
OP_WORDS = {"reset": "Collect", "validate": "Validate", "publish": "Publish", "act": "Action", "plugin": "Run plugin",
            "plugins": "Run plugins", "rerun": "Re-run failed", "sanity": "Sanity check"}


def text_summary(report: Report, max_items: int = 200) -> str:
    run, host, counts = report.run, report.run.get("host") or {}, report.run.get("counts") or {}
    lines = ["Pyblish report: %s %s" % (OP_WORDS.get(run["op"], run["op"]), OUTCOME_WORDS.get(run["outcome"],
                                                                                                run["outcome"]))]
    where = "%s (port %s%s)" % (host.get("name") or "host", host.get("port"),
                                ", pid %s" % host["pid"] if host.get("pid") else "")
    lines.append("Host:     %s, %s@%s" % (where, host.get("user") or "?", host.get("machine") or "?"))
    if host.get("currentFile"):
        lines.append("File:     %s" % host["currentFile"])
    lines.append("Started:  %s, took %.1f s" % (iso(run.get("started")), float(run.get("duration") or 0.0)))
    if run.get("comment"):
        lines.append("Comment:  %s" % run["comment"])
    lost = report.lost()
    lines.append("Pairs:    %d run, %d failed%s; %d warnings; %d records%s" % (
        counts.get("pairs", len(report.pairs)), counts.get("errors", 0),
        ", %d unknown (reply lost)" % len(lost) if lost else "", counts.get("warnings", 0), counts.get("records", 0),
        " (%d more dropped by the size limit)" % counts["recordsDropped"] if counts.get("recordsDropped") else ""))
    if run.get("message"):
        lines.append("Note:     %s" % run["message"].splitlines()[0])
    lines += farm_lines(report)
    if lost:
        lines += ["", "Unknown outcome (%d): the reply was lost; it may have run in the host, and was not run again"
                  % len(lost)]
        lines += ["  - %s on %s" % (report.plugin(pair["plugin"]).get("label") or pair["plugin"],
                                    report.instance_label(pair.get("instance"))) for pair in lost[:max_items]]
    for title, errors in (("Errors", True), ("Warnings", False)):
        groups = report.problems(errors)
        if not groups:
            continue
        lines += ["", "%s (%d)" % (title, sum(len(items) for _, items in groups))]
        shown = 0
        for plugin, items in groups:
            lines.append("  %s (%s)" % (plugin.get("label") or plugin.get("name"), plugin.get("name") or plugin["id"]))
            for pair, item in items:
                shown += 1
                if shown > max_items:
                    break
                message = str(item.get("message") or "").strip().splitlines() or [""]
                lines.append("    - %s%s: %s" % (report.instance_label(pair.get("instance")),
                                              " [farm, attempt %s]" % pair.get("attempt") if pair.get("ranOn") == "farm"
                                              else "", message[0]))
                if errors and item.get("fname"):
                    lines.append("      at %s:%s in %s" % (item.get("fname"), item.get("line_number"),
                                                           item.get("func")))
            if shown > max_items:
                lines.append("    … and more (see the full report)")
                break
    return "\n".join(lines) + "\n"


def farm_lines(report: Report) -> list[str]:
    """Where the pairs ran and each handed-off instance's farm state per attempt (docs/farm.md)."""
    tasks = report.run.get("farm") or []
    if not tasks:
        return []
    there = sum(1 for pair in report.pairs if pair.get("ranOn") == "farm")
    return ["Where:    %d pairs here, %d on the farm" % (len(report.pairs) - there, there),
            "Farm:     %s" % "; ".join("%s (attempt %s): %s" % (task["task"], task["attempt"], task["state"])
                                       for task in tasks)]
