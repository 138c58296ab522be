"""What the farm part of a run adds to the run's sentence and to the progress bar's colour.

A run that handed instances off is not over when its local part is: the footer, the Report's
headline and the bar go on to say how the farm does — in progress while a task is queued or
runs, failed (the colour and the words of a local failure) once one fails or is lost, green
only when every part passed ("Published here; 1 of 3 failed on the farm."). :class:`FarmTally`
counts the instances of the run's bundle by farm state; the words and the colour are decided
once (the words in ``record/farm_words.py``, shared with the report files; the colour here), for
:mod:`..report.report_sentences` and :mod:`..live.run_status`.

Thread: any (plain data).
"""

from __future__ import annotations

from ...record.farm_words import FarmTally


def farm_outcome(local: str, farm: FarmTally | None) -> str:
    """The bar's colour word with the farm's part: failed from the first failure anywhere, running
    while the farm works, else the local part's (passed, warning, stopped)."""
    if farm is None or local in ("none", "failed"):
        return local
    if farm.failing:
        return "failed"
    return "running" if farm.working else local
