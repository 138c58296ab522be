"""Whether File ▸ Export and Copy report have a run to work on, and if not, why in words.

Why: with no host connected both menu entries used to be enabled and answered "no run has been
recorded yet" after the artist had chosen a file name; now they are disabled with the reason
beside them. A past run or a report file on screen can always be exported; the live host's run
only once the history records and something has run for it.

Thread: any (a plain function).
"""

from __future__ import annotations


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
