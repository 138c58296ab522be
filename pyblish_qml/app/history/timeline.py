"""The timeline of a run as data: one lane per plugin, a bar per pair from its start to its end.

Pairs that ran on the farm (``ranOn == "farm"``, docs/farm.md) get lanes of their own, marked
``farm`` and drawn after the workstation's, so what ran where is never mixed in one lane.

:class:`Timeline` holds a run's pairs as lanes of sorted bars (built from a
:class:`~pyblish_qml.record.report.Report`, live or past): per lane a binary search finds the
bars in a time range, so drawing 10,000 pairs costs what the visible pixels cost. It also keeps
the "slowest" lists (:class:`SlowestModel`). :class:`~.timeline_view.TimelineView` draws it.

Thread: GUI thread only.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...record.report import Report
from ..lists.models import ItemModel
from .history_model import duration_text

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

PASSED, WARNING, FAILED = 0, 1, 2
WARNING_LEVEL, ERROR_LEVEL = 30, 40


@dataclass
class Lane:
    plugin_id: str
    label: str
    starts: list[float] = field(default_factory=list)  # seconds from the run's start, sorted
    ends: list[float] = field(default_factory=list)
    outcomes: list[int] = field(default_factory=list)
    pairs: list[int] = field(default_factory=list)  # index into Timeline.pairs
    max_width: float = 0.0  # the longest bar: how far back a search must look
    total: float = 0.0
    farm: bool = False  # the pairs of this plugin that ran on the farm


@dataclass
class Pair:
    plugin_id: str
    plugin: str
    instance_id: str
    instance: str
    start: float
    end: float
    outcome: int
    message: str
    attempt: int | None = None  # the farm attempt; None for a pair that ran here


def outcome_of(pair: dict) -> int:
    if pair.get("error"):
        return FAILED
    levels = [int(r.get("levelno") or 0) for r in pair.get("records") or ()]
    return WARNING if any(WARNING_LEVEL <= level < ERROR_LEVEL for level in levels) else PASSED


@QmlElement
@QmlUncreatable("made by the history view")
class SlowestModel(ItemModel):
    """The slowest plugins (all their pairs together) and pairs: label, time, share of the run."""

    ROLES = ("id", "kind", "pluginId", "label", "detail", "seconds", "share")


@QmlElement
@QmlUncreatable("made by the history view")
class Timeline(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lanes: list[Lane] = []
        self.pairs: list[Pair] = []
        self.span = 0.0
        self._slowest = SlowestModel(self)

    def set_report(self, report: Report | None) -> None:
        """Lanes in plugin order from the report's pairs (their recorded start and end)."""
        self.lanes, self.pairs, self.span = [], [], 0.0
        if report is not None and report.pairs:
            origin = min(float(p.get("started") or 0.0) for p in report.pairs)
            lanes: dict[tuple[str, bool], Lane] = {}
            order = {p.get("id"): n for n, p in enumerate(report.plugins)}
            for pair in report.pairs:
                plugin_id = pair.get("plugin") or ""
                farm = pair.get("ranOn") == "farm"
                lane = lanes.get((plugin_id, farm))
                if lane is None:
                    plugin = report.plugin(plugin_id)
                    lane = lanes[(plugin_id, farm)] = Lane(plugin_id, str(plugin.get("label") or plugin.get("name")
                                                                          or plugin_id), farm=farm)
                start = float(pair.get("started") or origin) - origin
                end = max(start, float(pair.get("ended") or 0.0) - origin,
                          start + float(pair.get("duration") or 0.0) / 1000.0)
                error = pair.get("error") or {}
                self.pairs.append(Pair(plugin_id, lane.label, pair.get("instance") or "",
                                       report.instance_label(pair.get("instance")), start, end, outcome_of(pair),
                                       str(error.get("message") or "") if isinstance(error, dict) else "",
                                       (pair.get("attempt") or 1) if farm else None))
                self.span = max(self.span, end)
            for index in sorted(range(len(self.pairs)), key=lambda i: self.pairs[i].start):
                pair = self.pairs[index]
                lane = lanes[(pair.plugin_id, pair.attempt is not None)]
                lane.starts.append(pair.start)
                lane.ends.append(pair.end)
                lane.outcomes.append(pair.outcome)
                lane.pairs.append(index)
                lane.max_width = max(lane.max_width, pair.end - pair.start)
                lane.total += pair.end - pair.start
            self.lanes = sorted(lanes.values(), key=lambda lane: (lane.farm, order.get(lane.plugin_id, len(order)),
                                                                  lane.label))
        self._fill_slowest()
        self.changed.emit()

    def _fill_slowest(self, top: int = 5) -> None:
        span = self.span or 1.0
        rows = [{"id": "plugin:" + lane.plugin_id, "kind": "plugin", "pluginId": lane.plugin_id, "label": lane.label,
                 "detail": "%d pair%s%s" % (len(lane.pairs), "" if len(lane.pairs) == 1 else "s",
                                             " on the farm" if lane.farm else ""),
                 "seconds": duration_text(lane.total), "share": min(1.0, lane.total / span)}
                for lane in sorted(self.lanes, key=lambda lane: -lane.total)[:top]]
        slow = sorted(range(len(self.pairs)), key=lambda i: self.pairs[i].start - self.pairs[i].end)[:top]
        rows += [{"id": "pair:%d" % i, "kind": "pair", "pluginId": self.pairs[i].plugin_id,
                  "label": self.pairs[i].plugin,
                  "detail": "on " + self.pairs[i].instance + (" (farm)" if self.pairs[i].attempt is not None else ""),
                  "seconds": duration_text(self.pairs[i].end - self.pairs[i].start),
                  "share": min(1.0, (self.pairs[i].end - self.pairs[i].start) / span)} for i in slow]
        self._slowest.reset_items(rows)

    def visible(self, lane: Lane, t0: float, t1: float) -> range:
        """The indices of a lane's bars that overlap [t0, t1]."""
        first = bisect.bisect_left(lane.starts, t0 - lane.max_width)
        last = bisect.bisect_right(lane.starts, t1)
        return range(first, last)

    @Property(int, notify=changed, final=True)
    def count(self) -> int:
        return len(self.pairs)

    @Property(int, notify=changed, final=True)
    def laneCount(self) -> int:
        return len(self.lanes)

    @Property(str, notify=changed, final=True)
    def spanText(self) -> str:
        return duration_text(self.span)

    @Property(SlowestModel, constant=True, final=True)
    def slowest(self) -> SlowestModel:
        return self._slowest


def nice_step(raw: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten, at least ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** int(f"{raw:e}".split("e")[1])
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10
