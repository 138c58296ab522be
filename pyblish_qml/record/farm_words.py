"""The farm part of a run in words, once, for the window and the report files (docs/farm.md).

A run that handed instances off says how the farm does: "1 of 3 failed on the farm",
"on the farm: 1 done, 2 running", "2 of 2 published on the farm (tableB by attempt 2)".
:class:`FarmTally` counts the instances by their newest farm state (plain words: queued,
running, done, failed, lost — ``farm.outputs.FarmState`` values); the window builds it from the
bundle it watches (``app/farm/farm_verdict.py``), a past run from its record (:func:`recorded`).

Thread: any (plain data). No Qt, nothing of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

# The order counts are said in while the farm works: what went wrong first, what waits last.
ORDER = ("failed", "lost", "done", "running", "queued")


def state_word(state: Any) -> str:
    """A farm state as its word (a ``FarmState`` or its value)."""
    return str(getattr(state, "value", state))


@dataclass(frozen=True)
class FarmTally:
    """The farm part of a run: instances by state, or being handed off, or refused."""

    counts: tuple = ()  # ((state word, n), ...) in ORDER, zeros left out
    handing: int = 0  # instances being handed off now (no state yet)
    refused: str = ""  # why nothing was handed off ("" when it was)
    again: tuple = ()  # ((instance, attempt), ...): published by a re-run (a past run's record)

    def count(self, state: Any) -> int:
        return dict(self.counts).get(state_word(state), 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def working(self) -> bool:
        """Handing off, or a task queued or running."""
        return bool(self.handing or self.count("queued") or self.count("running"))

    @property
    def failing(self) -> bool:
        """Nothing handed off, or a task failed or was lost."""
        return bool(self.refused or self.count("failed") or self.count("lost"))


def tally(states: Iterable[Any], handing: int = 0, refused: str = "", again: tuple = ()) -> FarmTally:
    seen = [state_word(state) for state in states]
    return FarmTally(tuple((word, seen.count(word)) for word in ORDER if seen.count(word)), handing, refused, again)


def clause(farm: FarmTally) -> str:
    """The farm's part of the run's sentence: "1 of 3 failed on the farm", "on the farm: 2 running"."""
    if farm.refused:
        return "nothing was handed off to the farm"
    if farm.handing:
        return "handing %d off to the farm" % farm.handing
    if farm.working:
        text = "on the farm: " + ", ".join("%d %s" % (n, word) for word, n in farm.counts)
    else:
        failed, lost = farm.count("failed"), farm.count("lost")
        if failed and lost:
            text = "%d of %d failed and %d lost on the farm" % (failed, farm.total, lost)
        elif failed or lost:
            text = "%d of %d %s on the farm" % (failed or lost, farm.total, "failed" if failed else "lost")
        else:
            text = "%d of %d published on the farm" % (farm.count("done"), farm.total)
    again = ", ".join("%s by attempt %s" % pair for pair in farm.again)
    return text + (" (%s)" % again if again else "")


def newest(tasks: Iterable[dict] | None) -> list[dict]:
    """The newest attempt's task of each instance handed off (a run record's ``run["farm"]``)."""
    latest: dict[str, dict] = {}
    for task in tasks or ():
        if task["instance"] not in latest or int(task["attempt"]) >= int(latest[task["instance"]]["attempt"]):
            latest[task["instance"]] = task
    return list(latest.values())


def recorded(tasks: Iterable[dict] | None) -> FarmTally | None:
    """A past run's farm part from its record: the newest attempt of each instance, counted — so its
    Report and its report files say what the live window said; None when nothing was handed off."""
    latest = newest(tasks)
    if not latest:
        return None
    again = tuple((task.get("task") or task["instance"], task["attempt"]) for task in latest
                  if task["state"] == "done" and int(task["attempt"]) > 1)
    return tally((task["state"] for task in latest), again=again)
