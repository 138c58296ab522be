"""What the farm part of a run adds to the run's sentence and to the progress bar's colour.

A run that handed instances off is not over when its local part is: the footer, the Report's
headline and the bar go on to say how the farm does — in progress while a task is queued or
runs, failed (the colour and the words of a local failure) once one fails or is lost, green
only when every part passed ("Published here; 1 of 3 failed on the farm."). :class:`FarmTally`
counts the instances of the run's bundle by farm state; the words and the colour are decided
here, once, for :mod:`..report.report_sentences` and :mod:`..live.run_status`.

Thread: any (plain data).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ...farm.outputs import FarmState

# The order counts are said in while the farm works: what went wrong first, what waits last.
ORDER = (FarmState.FAILED, FarmState.LOST, FarmState.DONE, FarmState.RUNNING, FarmState.QUEUED)


@dataclass(frozen=True)
class FarmTally:
    """The farm part of the run now: instances by state, or being handed off, or refused."""

    counts: tuple = ()  # ((FarmState, n), ...) in ORDER, zeros left out
    handing: int = 0  # instances being handed off now (no state yet)
    refused: str = ""  # why nothing was handed off ("" when it was)

    def count(self, state: FarmState) -> int:
        return dict(self.counts).get(state, 0)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def working(self) -> bool:
        """Handing off, or a task queued or running."""
        return bool(self.handing or self.count(FarmState.QUEUED) or self.count(FarmState.RUNNING))

    @property
    def failing(self) -> bool:
        """Nothing handed off, or a task failed or was lost."""
        return bool(self.refused or self.count(FarmState.FAILED) or self.count(FarmState.LOST))


def tally(states: Iterable[FarmState], handing: int = 0, refused: str = "") -> FarmTally:
    seen = list(states)
    return FarmTally(tuple((state, seen.count(state)) for state in ORDER if seen.count(state)), handing, refused)


def farm_clause(farm: FarmTally) -> str:
    """The farm's part of the run's sentence: "1 of 3 failed on the farm", "on the farm: 2 running"."""
    if farm.refused:
        return "nothing was handed off to the farm"
    if farm.handing:
        return "handing %d off to the farm" % farm.handing
    if farm.working:
        return "on the farm: " + ", ".join("%d %s" % (n, state.value) for state, n in farm.counts)
    failed, lost = farm.count(FarmState.FAILED), farm.count(FarmState.LOST)
    if failed and lost:
        return "%d of %d failed and %d lost on the farm" % (failed, farm.total, lost)
    if failed or lost:
        return "%d of %d %s on the farm" % (failed or lost, farm.total, "failed" if failed else "lost")
    return "%d of %d published on the farm" % (farm.count(FarmState.DONE), farm.total)


def farm_outcome(local: str, farm: FarmTally | None) -> str:
    """The bar's colour word with the farm's part: failed from the first failure anywhere, running
    while the farm works, else the local part's (passed, warning, stopped)."""
    if farm is None or local in ("none", "failed"):
        return local
    if farm.failing:
        return "failed"
    return "running" if farm.working else local


def recorded(tasks: Iterable[dict] | None) -> FarmTally | None:
    """A past run's farm part from its record (``run["farm"]``: each instance's state per attempt):
    the newest attempt of each instance, counted — so its Report says what the live one said."""
    newest: dict[str, dict] = {}
    for task in tasks or ():
        if task["instance"] not in newest or int(task["attempt"]) >= int(newest[task["instance"]]["attempt"]):
            newest[task["instance"]] = task
    if not newest:
        return None
    return tally(FarmState(task["state"]) for task in newest.values())
