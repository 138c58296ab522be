"""Where the current run is, and what the runs since the last reset achieved.

:class:`RunProgress` is plain data: the :class:`~.folding.EventFolder` writes it as events
arrive, :class:`~.run_status.RunStatus` reads it for what may start and the progress bar, the
controller for ``state()``.

Thread: GUI thread only (``state()`` reads it under the controller's state lock).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...record.farm_words import FarmTally
from .state import State


@dataclass
class RunProgress:
    """Where the current run is and what the runs since the last reset achieved."""

    op: str | None = None  # reset, validate, publish, act; None between runs
    done: int = 0
    total: int = 0
    validated: bool = False  # the last validation passed (publish goes on from extraction)
    published: bool = False
    failed: bool = False
    stopped: bool = False
    has_comment: bool = False  # the context has a "comment" key
    processing: tuple[str | None, str | None] = (None, None)  # (plugin id, instance id) running now
    pair_started: float = 0.0
    pair_text: str = ""  # "Running X on Y" while a pair runs
    pair_label: str = ""  # "X on Y" while a pair runs: what Stop waits for
    compat: dict[str, list[str] | None] = field(default_factory=dict)
    last_op: str | None = None  # the op of the current or last run
    run_failed: bool = False  # a pair of the current or last run failed (``failed`` spans runs)
    run_warned: bool = False  # a pair of the current or last run logged a warning
    failed_phase: State | None = None  # where the current or last run first failed
    failed_pairs: list[tuple[str, str | None]] = field(default_factory=list)  # failing now: Re-run failed
    touched: set[str] = field(default_factory=set)  # rows a partial run has refreshed so far
    lost: str = ""  # what the run says of a pair whose reply was lost ("" when none was)
    stale: bool = False  # a reply was lost: the window's view of the host may be behind; reset first
    stale_why: str = ""  # why it is stale when not a lost reply (the host was reset behind the window's back)
    outcome_text: str = ""  # the footer's sentence on the last run (an action leaves it standing)
    plugins_found: int = -1  # plugins the last reset discovered (-1: none collected yet)
    load_failures: int = 0  # plugin files that failed to import at the last reset (report/discovery.py)
    farm: FarmTally | None = None  # the last run's farm part, when it handed some off (app/farm/farm_flow.py)

    def mark_stale(self, why: str) -> None:
        """Nothing may run on what the window holds until a reset, for ``why`` ("": no change)."""
        if why:
            self.stale, self.stale_why = True, why

    def start(self, op: str) -> None:
        self.op, self.stopped, self.lost = op, False, ""
        if op == "act":  # an action is not a run: the run's counter, outcome and colour stay
            return
        self.done, self.total, self.farm = 0, 0, None
        self.last_op, self.run_failed, self.run_warned, self.failed_phase = op, False, False, None
        self.touched = set()
