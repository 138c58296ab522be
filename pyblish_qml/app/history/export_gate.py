"""Whether File ▸ Export and Copy report have a run to work on (and if not, why in words), and
where Export suggests saving it.

Why: with no host connected both menu entries used to be enabled and answered "no run has been
recorded yet" after the artist had chosen a file name; now they are disabled with the reason
beside them. A past run or a report file on screen can always be exported; the live host's run
only once the history records and something has run for it.

Thread: any (a plain function).
"""

from __future__ import annotations

import re
import time
from pathlib import Path


def export_blocked(history_on: bool, viewing_past: bool, live_port: int, ran: bool) -> str:
    """Why there is nothing to export or copy ("" when there is)."""
    if viewing_past:
        return ""
    if not history_on:
        return "Run history is off in this window, so no run is recorded to export."
    if not live_port:
        return "No host is connected: open a past run from History, or a report file."
    if not ran:
        return "Nothing has run for this host yet."
    return ""


def suggested_export(current_file: str, host: str, op: str, started: float, fmt: str,
                     home: Path | None = None) -> Path:
    """Where Export suggests saving: the scene's own folder (else Documents, else home), named
    after the scene, the run and its time ("shot_v012_publish_2026-12-05_0727.html"), so a support
    person finds it where the artist works and can tell reports apart."""
    home = home or Path.home()
    scene = Path(current_file) if current_file else None
    if scene is not None and scene.parent.is_dir():
        folder = scene.parent
    else:
        folder = home / "Documents" if (home / "Documents").is_dir() else home
    stem = re.sub(r"[^\w.-]+", "_", scene.stem if scene is not None else host or "pyblish").strip("_") or "pyblish"
    when = time.strftime("%Y-%m-%d_%H%M", time.localtime(started or time.time()))
    return folder / ("%s_%s_%s.%s" % (stem, op or "run", when, fmt))
