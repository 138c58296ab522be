"""What one pair's entry on the Report says: its severity and message, and where it ran.

Why apart from the model: a pair that ran on the farm (docs/farm.md) is an entry like a local
one, grouped and sorted with it, but marked with where it ran and its attempt, and it carries
what the worker sent — its last records and the traceback's end — since the artist sees no
worker's terminal. A task lost on the farm is one "Lost on farm" entry for its instance (the
record's :data:`~pyblish_qml.record.outcomes.LOST_ON_FARM` pair). The live window (fed by
app/farm/farm_report.py) and a past run's folding (the record's pairs) make entries here alike,
so both Reports of the same run list the same.

Thread: any (plain functions over plain dicts and strings).
"""

from __future__ import annotations

import re

from ...record.outcomes import LOST_ON_FARM, crash_where, warning_records
from ..lists.models import doc_html

MAX_MESSAGES = 5  # per warning entry; the rest are counted ("and 3 more")
MAX_DETAIL = 6  # lines of what the worker sent, per farm entry
# The plugin a task lost on the farm is filed under: it is in no host's plugin list.
LOST_PLUGIN = {"id": LOST_ON_FARM, "label": "Lost on farm", "verb": "", "order": 4.0,
               "doc": "The farm's task for this instance ended without publishing it (its worker died, was "
                      "stopped or went silent). Re-run it from the farm line."}


def first_paragraph_html(doc: str) -> str:
    """The first paragraph of a docstring as rich text, links clickable (the group's words)."""
    match = re.match(r"<p>.*?</p>", doc_html(doc or ""), re.S)
    return match.group(0) if match else ""


def plugin_of(plugin: dict, result: dict) -> dict:
    """The plugin an entry is filed under: the window's, or "Lost on farm" for a lost task."""
    if result.get("plugin") == LOST_ON_FARM:
        return LOST_PLUGIN
    if plugin or not result.get("plugin"):
        return plugin
    plugin_id = str(result["plugin"])  # a plugin only the farm ran ("farm:<name>", farm/intake.py)
    return {"id": plugin_id, "label": result.get("pluginLabel") or plugin_id.split(":", 1)[-1]}


def severity_message(outcome: str, result: dict) -> tuple[str, str, int]:
    """(severity, message, warning records) of a pair that failed, crashed or warned."""
    error = result.get("error") or {}
    if outcome == "failed":
        return "error", str(error.get("message") or "error"), 0
    if outcome == "crashed":
        return "crash", "%s: %s\nat %s" % (error.get("type") or "Error", error.get("message") or "",
                                           crash_where(error)), 0
    warnings = warning_records(result)
    shown = [str(r.get("message") or "") for r in warnings[:MAX_MESSAGES]]
    if len(warnings) > MAX_MESSAGES:
        shown.append("… and %d more" % (len(warnings) - MAX_MESSAGES))
    return "warning", "\n".join(shown), len(warnings)


def where_ran(result: dict) -> dict:
    """The entry's farm marks: ``ranOn`` ("farm" or ""), ``attempt`` (0 here) and ``detail``
    (what the worker sent: its last records, the traceback's last lines; "" here)."""
    if result.get("ranOn") != "farm":
        return {"ranOn": "", "attempt": 0, "detail": ""}
    return {"ranOn": "farm", "attempt": int(result.get("attempt") or 1), "detail": worker_detail(result)}


def worker_detail(result: dict) -> str:
    """The worker's last records and the end of its traceback, a few lines (a lost task sent none)."""
    if result.get("plugin") == LOST_ON_FARM:
        return ""
    lines = ["%s: %s" % (r.get("levelname") or "INFO", str(r.get("message") or "").strip())
             for r in result.get("records") or () if str(r.get("message") or "").strip()]
    traceback = str((result.get("error") or {}).get("traceback") or "").rstrip().splitlines()
    frames = [at for at, line in enumerate(traceback) if line.strip().startswith("File ")]
    tail = [line.strip() for line in traceback[frames[-1] if frames else -1:]][:3]  # the frame that raised, and what
    return "\n".join(lines[-(MAX_DETAIL - len(tail)):] + tail)

