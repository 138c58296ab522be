"""The ``InstanceColumns`` setting on the instance rows: where each publish goes, before publishing.

The settings name instance data keys (``version``, ``outputPath``, ``task`` ...); the Perspective
page lists them under "Publishes as", and each instance row shows their values on its right,
elided, with the keys and whole values in its tooltip. Two string roles of the list's rows,
``columnsLine`` and ``columnsTip``, computed when a row reads them (a row scrolled to reads each
once); with the setting empty both are "" at once, and the row's label stays hidden.

Thread: GUI thread only.
"""

from __future__ import annotations

from .models import value_text
from .section_rows import SectionRows

LINE, TIP = "columnsLine", "columnsTip"
SEPARATOR = " · "
LONGEST = 300  # characters of one value on the row; the tooltip has 2,000


def short(text: str) -> str:
    """A long path as "…/" and its last part; anything else (a list, a sentence) as it is."""
    if len(text) <= 24 or "\n" in text or text[:1] in "[{":
        return text
    tail = text.rstrip("/\\").replace("\\", "/").rsplit("/", 1)
    return "…/" + tail[1] if len(tail) == 2 and tail[1] else text


class RowColumns:
    """Adds the two roles to the instance rows and follows the setting's keys."""

    def __init__(self, rows: SectionRows):
        self._rows = rows
        self.keys: tuple[str, ...] = ()
        rows.add_role(LINE, self.line, ("data",))
        rows.add_role(TIP, self.tip, ("data",))

    def set_keys(self, keys: list[str]) -> None:
        if tuple(keys) != self.keys:
            self.keys = tuple(keys)
            self._rows.refresh_role(LINE)
            self._rows.refresh_role(TIP)

    def _values(self, item: dict) -> list[tuple[str, str]]:
        data = item.get("data") or {}
        return [(key, value_text(data[key])) for key in self.keys if key in data]

    def line(self, item: dict) -> str:
        """The values in the setting's order, "" for the Context or when none is set; a path by
        its file name (what differs from row to row; the tooltip has it whole)."""
        if not self.keys or item.get("isContext"):
            return ""
        return SEPARATOR.join(short(text)[:LONGEST] for _, text in self._values(item))

    def tip(self, item: dict) -> str:
        """One "key: value" line per key, whole (to 2,000 characters)."""
        if not self.keys or item.get("isContext"):
            return ""
        return "\n".join("%s: %s" % (key, text[:2000]) for key, text in self._values(item))
