"""What one pair's result means, and how a run is counted: the one place the window, History,
the text/JSON/HTML reports and ``pyblish-qml report`` all ask.

Why one place: the same run used to read "4 warnings" in the window and "2 warnings" in History
and the HTML export, because each counted for itself. A pair is *passed*, *warned* (it passed
but logged at WARNING or louder), *failed* (the artist's content broke a check), *crashed* (the
plugin itself broke: a pipeline error, not the artist's) or *lost* (its reply never came: it
may have run). The crash rule is in docs/semantics.md, "Crash or failure".

Thread: any (plain data).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Iterable

WARNING = 30
LOST_ON_FARM = "pyblish-qml-farm"  # the plugin id of the failed pair a task lost on the farm becomes (farm/intake.py)

# Programming errors: a plugin that raises one of these is broken, whatever it was checking.
CRASH_TYPES = frozenset({
    "KeyError", "IndexError", "LookupError", "AttributeError", "NameError", "UnboundLocalError", "TypeError",
    "ImportError", "ModuleNotFoundError", "ZeroDivisionError", "ArithmeticError", "OverflowError",
    "RecursionError", "NotImplementedError", "SyntaxError", "IndentationError",
    "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError", "StopIteration",
})
# Deliberate verdicts on the artist's content (pyblish's and AYON's names), whatever the plugin.
FAILURE_TYPES = frozenset({"AssertionError"})
FAILURE_SUFFIXES = ("ValidationError", "PublishError")  # PublishValidationError, KnownPublishError, ...


def reply_lost(pair: dict) -> bool:
    """A pair whose reply never came (``ReplyLost``): it may have run in the host, so its outcome
    is unknown — counted and shown apart from errors (docs/report-format.md)."""
    error = pair.get("error")
    return bool(pair.get("replyLost")) or (isinstance(error, dict) and error.get("type") == "ReplyLost")


def is_crash(error: dict | None) -> bool:
    """The error is the plugin's own bug (a pipeline error), not a verdict on the artist's work."""
    if not isinstance(error, dict):
        return False
    kind = str(error.get("type") or "")
    if kind in FAILURE_TYPES or kind.endswith(FAILURE_SUFFIXES):
        return False
    return kind in CRASH_TYPES


def warning_records(pair: dict) -> list[dict]:
    """The records the Report lists as a pair's warnings: WARNING or louder, of a pair that
    neither failed nor crashed (a passing plugin's logged error is a warning: the plugin passed)."""
    if pair.get("error") is not None:
        return []
    return [r for r in pair.get("records") or () if int(r.get("levelno") or 0) >= WARNING]


def verdict(pair: dict) -> str:
    """passed, warned, failed, crashed or lost: what one finished (plugin, instance) pair means."""
    if reply_lost(pair):
        return "lost"
    error = pair.get("error")
    if error is not None:
        return "crashed" if is_crash(error) else "failed"
    return "warned" if warning_records(pair) else "passed"


_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>.+)$', re.M)
_MACHINERY = ("/pyblish/", "/pyblish_qml/", "\\pyblish\\", "\\pyblish_qml\\")


def crash_site(error: dict) -> tuple[str, str, str]:
    """(file, line, function) where a crash happened in the plugin's own code: the last frame of
    the traceback outside pyblish and pyblish-qml (the host's watched data adds a frame of its
    own for ``data["key"]``), else what pyblish extracted."""
    frames = [m for m in _FRAME.finditer(str(error.get("traceback") or ""))
              if not any(part in m.group("file") for part in _MACHINERY)]
    if frames:
        last = frames[-1]
        return last.group("file"), last.group("line"), last.group("func").strip()
    return str(error.get("fname") or ""), str(error.get("line_number") or "?"), str(error.get("func") or "")


def crash_where(error: dict) -> str:
    """Where a crash happened, in words: "validate.py:42 in process" ("" when unknown)."""
    path, line, func = crash_site(error)
    text = "%s:%s" % (path.replace("\\", "/").rsplit("/", 1)[-1], line) if path else ""
    return ("%s in %s" % (text, func) if text else func) if func else text


def crash_words(error: dict) -> str:
    """A crash for support: "KeyError at validate.py:42 in process"."""
    where = crash_where(error)
    return "%s at %s" % (error.get("type") or "Error", where) if where else str(error.get("type") or "Error")


@dataclass(frozen=True)
class Counts:
    """One run, counted: pairs, and of them failed, crashed and lost; warnings; records."""

    pairs: int = 0
    failed: int = 0  # pairs that failed a check (the artist's to fix)
    crashed: int = 0  # pairs whose plugin broke (the pipeline's)
    lost: int = 0
    warnings: int = 0  # warning records, as the Report lists them (warning_records)
    records: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def count(pairs: Iterable[dict]) -> Counts:
    """Count the pairs given, as recorded (an action's row too: an action run's record is its
    action) — pass :func:`latest` for a window's current state, which has no actions."""
    totals = {"pairs": 0, "failed": 0, "crashed": 0, "lost": 0, "warnings": 0, "records": 0}
    for pair in pairs:
        totals["pairs"] += 1
        totals["records"] += len(pair.get("records") or ())
        outcome = verdict(pair)
        if outcome in ("failed", "crashed", "lost"):
            totals[outcome] += 1
        totals["warnings"] += len(warning_records(pair))
    return Counts(**totals)


def latest(pairs: Iterable[dict]) -> list[dict]:
    """The latest result of each (plugin, instance), in the order each pair first ran: what a
    window shows after partial runs (a re-run replaces what it re-ran). Actions are dropped; an
    instance's "lost on farm" pair goes once a later pair of it ran on the farm (a re-run)."""
    newest: dict[tuple, dict] = {}
    for pair in pairs:
        if pair.get("action"):
            continue
        key = (pair.get("plugin"), pair.get("instance"))
        if supersedes_lost(pair):
            newest.pop((LOST_ON_FARM, key[1]), None)
        newest[key] = pair  # an existing key keeps its place
    return list(newest.values())


def replacements(pairs: list[dict]) -> dict[int, int]:
    """{index of a pair a later one replaced: index of the pair that replaced it}, by the rule of
    :func:`latest` (a later pair of the same (plugin, instance); an instance's "lost on farm" pair by
    its next farm pair): what a report file lists apart, as history, not as a current problem
    (attempt 1 failed, fixed by attempt 2). Actions are never replaced."""
    newest: dict[tuple, int] = {}
    replaced: dict[int, int] = {}
    for index, pair in enumerate(pairs):
        if pair.get("action"):
            continue
        key = (pair.get("plugin"), pair.get("instance"))
        if supersedes_lost(pair):
            lost = newest.pop((LOST_ON_FARM, key[1]), None)
            if lost is not None:
                replaced[lost] = index
        if key in newest:
            replaced[newest[key]] = index
        newest[key] = index
    return replaced


def supersedes_lost(pair: dict) -> bool:
    """A farm pair other than "lost on farm": the instance's task ran again (docs/farm.md)."""
    return pair.get("ranOn") == "farm" and pair.get("plugin") != LOST_ON_FARM
