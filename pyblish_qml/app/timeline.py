"""The timeline of a run: one lane per plugin, a bar per pair from its start to its end.

:class:`Timeline` holds a run's pairs as lanes of sorted bars (built from a
:class:`~pyblish_qml.record.report.Report`, live or past) and the "slowest" lists;
:class:`TimelineView` draws it into one image — no delegate per bar — so 10,000 pairs cost
what the visible pixels cost: per lane a binary search finds the bars in view and bars narrower than
a pixel that fall on the same pixel are drawn once. Zoom (Ctrl+wheel, ``zoomIn``/``zoomOut``),
pan (drag, Shift+wheel), lanes scroll with the wheel; hovering says the figures, a click emits
``pairClicked`` (QML opens that plugin's Perspective page). Interaction state lives here, not in
the QML.

The frame is painted with QPainter on the GUI thread into a QImage that QML shows through the
``image://timeline/`` provider (:class:`TimelineFrames`): a QQuickPaintedItem would run the
Python ``paint`` on the render thread, which deadlocks whenever the GUI thread holds the GIL
while it waits for a frame (a synchronous grab, a test's click).

Thread: GUI thread only (the provider answers synchronous Image loads on the GUI thread).
"""

from __future__ import annotations

import bisect
import itertools
import time
from dataclasses import dataclass, field

from PySide6.QtCore import Property, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QmlElement, QmlUncreatable
from PySide6.QtQuick import QQuickImageProvider, QQuickItem

from ..record.report import Report
from .history_model import duration_text
from .models import ItemModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

PASSED, WARNING, FAILED = 0, 1, 2
WARNING_LEVEL, ERROR_LEVEL = 30, 40
LANE_HEIGHT = 22
AXIS_HEIGHT = 20
# Theme.qml's colours (dark, light): a painted item cannot bind to them one by one.
PALETTE = {"text": ("#d7dae0", "#1f2329"), "dim": ("#8a919c", "#5b6370"), "line": ("#343a44", "#d5d9e0"),
           "lane": ("#23272e", "#ffffff"), "passed": ("#7cc67a", "#3f9b3c"), "warning": ("#e5b454", "#c58a12"),
           "failed": ("#e06c75", "#cf3f4a")}


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
            lanes: dict[str, Lane] = {}
            order = {p.get("id"): n for n, p in enumerate(report.plugins)}
            for pair in report.pairs:
                plugin_id = pair.get("plugin") or ""
                lane = lanes.get(plugin_id)
                if lane is None:
                    plugin = report.plugin(plugin_id)
                    lane = lanes[plugin_id] = Lane(plugin_id, str(plugin.get("label") or plugin.get("name")
                                                                  or plugin_id))
                start = float(pair.get("started") or origin) - origin
                end = max(start, float(pair.get("ended") or 0.0) - origin,
                          start + float(pair.get("duration") or 0.0) / 1000.0)
                error = pair.get("error") or {}
                self.pairs.append(Pair(plugin_id, lane.label, pair.get("instance") or "",
                                       report.instance_label(pair.get("instance")), start, end, outcome_of(pair),
                                       str(error.get("message") or "") if isinstance(error, dict) else ""))
                self.span = max(self.span, end)
            for index in sorted(range(len(self.pairs)), key=lambda i: self.pairs[i].start):
                pair = self.pairs[index]
                lane = lanes[pair.plugin_id]
                lane.starts.append(pair.start)
                lane.ends.append(pair.end)
                lane.outcomes.append(pair.outcome)
                lane.pairs.append(index)
                lane.max_width = max(lane.max_width, pair.end - pair.start)
                lane.total += pair.end - pair.start
            self.lanes = sorted(lanes.values(), key=lambda lane: (order.get(lane.plugin_id, len(order)), lane.label))
        self._fill_slowest()
        self.changed.emit()

    def _fill_slowest(self, top: int = 5) -> None:
        span = self.span or 1.0
        rows = [{"id": "plugin:" + lane.plugin_id, "kind": "plugin", "pluginId": lane.plugin_id, "label": lane.label,
                 "detail": "%d pair%s" % (len(lane.pairs), "" if len(lane.pairs) == 1 else "s"),
                 "seconds": duration_text(lane.total), "share": min(1.0, lane.total / span)}
                for lane in sorted(self.lanes, key=lambda lane: -lane.total)[:top]]
        slow = sorted(range(len(self.pairs)), key=lambda i: self.pairs[i].start - self.pairs[i].end)[:top]
        rows += [{"id": "pair:%d" % i, "kind": "pair", "pluginId": self.pairs[i].plugin_id,
                  "label": self.pairs[i].plugin, "detail": "on " + self.pairs[i].instance,
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


FRAMES: dict[str, QImage] = {}  # the latest frame of each view, by its key
_keys = itertools.count(1)
PROVIDER = "timeline"


class TimelineFrames(QQuickImageProvider):
    """``image://timeline/<key>/<frame>``: the latest frame a :class:`TimelineView` painted."""

    def __init__(self):
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, image_id: str, size: QSize, requested: QSize) -> QImage:
        image = FRAMES.get(image_id.split("/")[0])
        if image is None:
            image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image


@QmlElement
class TimelineView(QQuickItem):
    """Draws a :class:`Timeline` (``frameSource`` is the image to show). ``zoom`` 1 shows the whole
    run; ``start`` is the time (s) at the left."""

    timelineChanged = Signal()
    viewChanged = Signal()
    hoverChanged = Signal()
    colorsChanged = Signal()
    pairClicked = Signal(str, str)  # plugin id, instance id
    frameChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timeline: Timeline | None = None
        self._zoom = 1.0
        self._start = 0.0
        self._scroll = 0  # first lane shown
        self._hover = ""
        self._drag: tuple[float, float] | None = None  # (x at press, start at press)
        self._moved = False
        self.paint_count = 0
        self.paint_seconds = 0.0  # the last frame's painting time (benchmarks)
        self._key = "view%d" % next(_keys)
        self._frame = 0
        self._render = QTimer(self)
        self._render.setSingleShot(True)
        self._render.setInterval(0)  # every change of one event-loop turn in one frame
        self._render.timeout.connect(self.render)
        self._dark = True
        self._colors = {name: QColor(pair[0]) for name, pair in PALETTE.items()}
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setAcceptHoverEvents(True)
        self.widthChanged.connect(self.update)
        self.heightChanged.connect(self.update)
        self.destroyed.connect(lambda *_: FRAMES.pop(self._key, None))

    # ------------------------------------------------------------------ properties

    @Property(Timeline, notify=timelineChanged, final=True)
    def timeline(self) -> Timeline | None:
        return self._timeline

    @timeline.setter
    def timeline(self, timeline: Timeline | None) -> None:
        if self._timeline is not None:
            self._timeline.changed.disconnect(self._fit)
        self._timeline = timeline
        if timeline is not None:
            timeline.changed.connect(self._fit)
        self.timelineChanged.emit()
        self._fit()

    def update(self) -> None:  # a new frame soon (nothing is drawn by the scene graph here)
        self._render.start()

    @Slot()
    def render(self) -> None:
        """Paint the frame now (GUI thread) and hand it to the Image that shows it."""
        ratio = self.window().devicePixelRatio() if self.window() is not None else 1.0
        width, height = max(1, int(self.width() * ratio)), max(1, int(self.height() * ratio))
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        started = time.perf_counter()
        try:
            self.paint(painter)
        finally:
            painter.end()
        self.paint_seconds = time.perf_counter() - started
        FRAMES[self._key] = image
        self._frame += 1
        self.frameChanged.emit()

    @Property(str, notify=frameChanged, final=True)
    def frameSource(self) -> str:
        """The URL of the latest frame, for an Image filling this item."""
        return "image://%s/%s/%d" % (PROVIDER, self._key, self._frame)

    @Property(float, notify=viewChanged, final=True)
    def zoom(self) -> float:
        return self._zoom

    @Property(float, notify=viewChanged, final=True)
    def start(self) -> float:
        return self._start

    @Property(str, notify=hoverChanged, final=True)
    def hoverText(self) -> str:
        return self._hover

    @Property(bool, notify=colorsChanged, final=True)
    def dark(self) -> bool:
        """The theme: the colours are Theme.qml's for bars and text (bind ``dark: Theme.dark``)."""
        return self._dark

    @dark.setter
    def dark(self, dark: bool) -> None:
        self._dark = bool(dark)
        self._colors = {name: QColor(pair[0 if self._dark else 1]) for name, pair in PALETTE.items()}
        self.colorsChanged.emit()
        self.update()

    # ------------------------------------------------------------------ geometry

    def _label_width(self) -> float:
        return min(160.0, max(80.0, self.width() * 0.28))

    def _scale(self) -> float:
        """Pixels per second."""
        span = self._timeline.span if self._timeline is not None and self._timeline.span > 0 else 1.0
        return max(1.0, self.width() - self._label_width() - 8) * self._zoom / span

    def _visible_span(self) -> float:
        return max(1.0, self.width() - self._label_width() - 8) / self._scale()

    def _clamp(self) -> None:
        span = self._timeline.span if self._timeline is not None else 0.0
        self._start = min(max(0.0, self._start), max(0.0, span - self._visible_span()))
        lanes = len(self._timeline.lanes) if self._timeline is not None else 0
        shown = max(1, int((self.height() - AXIS_HEIGHT) // LANE_HEIGHT))
        self._scroll = min(max(0, self._scroll), max(0, lanes - shown))

    @Slot()
    def _fit(self) -> None:
        self._zoom, self._start, self._scroll = 1.0, 0.0, 0
        self.viewChanged.emit()
        self.update()

    @Slot()
    def fit(self) -> None:
        self._fit()

    @Slot(float, float)
    def zoomAt(self, factor: float, x: float) -> None:
        """Zoom by ``factor`` keeping the time under ``x`` (item pixels) where it is."""
        left = self._label_width()
        at = self._start + max(0.0, x - left) / self._scale()
        self._zoom = min(max(1.0, self._zoom * factor), 100000.0)
        self._start = at - max(0.0, x - left) / self._scale()
        self._clamp()
        self.viewChanged.emit()
        self.update()

    @Slot()
    def zoomIn(self) -> None:
        self.zoomAt(2.0, self._label_width() + (self.width() - self._label_width()) / 2)

    @Slot()
    def zoomOut(self) -> None:
        self.zoomAt(0.5, self._label_width() + (self.width() - self._label_width()) / 2)

    def hit(self, x: float, y: float) -> Pair | None:
        """The pair drawn at (x, y), if any (a bar at least 3 px wide for the mouse)."""
        timeline = self._timeline
        if timeline is None or x < self._label_width() or y < AXIS_HEIGHT:
            return None
        row = int((y - AXIS_HEIGHT) // LANE_HEIGHT) + self._scroll
        if row >= len(timeline.lanes):
            return None
        lane = timeline.lanes[row]
        scale = self._scale()
        at = self._start + (x - self._label_width()) / scale
        slack = 1.5 / scale
        best = None
        for i in timeline.visible(lane, at - slack, at + slack):
            if lane.starts[i] - slack <= at <= lane.ends[i] + slack:
                if best is None or lane.ends[i] - lane.starts[i] > lane.ends[best] - lane.starts[best]:
                    best = i
        return timeline.pairs[lane.pairs[best]] if best is not None else None

    def bar_point(self, pair_index: int) -> QPointF:
        """Where pair ``pair_index`` is drawn in view (item coordinates), for tests and scripts."""
        timeline = self._timeline
        pair = timeline.pairs[pair_index]
        row = next(n for n, lane in enumerate(timeline.lanes) if lane.plugin_id == pair.plugin_id) - self._scroll
        x = self._label_width() + ((pair.start + pair.end) / 2 - self._start) * self._scale()
        return QPointF(x, AXIS_HEIGHT + row * LANE_HEIGHT + LANE_HEIGHT / 2)

    # ------------------------------------------------------------------ painting

    def paint(self, painter: QPainter) -> None:
        self.paint_count += 1
        colors = self._colors
        width, height = self.width(), self.height()
        left = self._label_width()
        timeline = self._timeline
        painter.setPen(colors["dim"])
        font = painter.font()
        font.setPixelSize(11)
        painter.setFont(font)
        if timeline is None or not timeline.lanes:
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, "No pairs in this run yet.")
            return
        scale = self._scale()
        t0, t1 = self._start, self._start + self._visible_span()
        self._draw_axis(painter, left, width, t0, t1, scale)
        fills = (colors["passed"], colors["warning"], colors["failed"])
        shown = int((height - AXIS_HEIGHT) // LANE_HEIGHT) + 1
        for row, lane in enumerate(timeline.lanes[self._scroll:self._scroll + shown]):
            y = AXIS_HEIGHT + row * LANE_HEIGHT
            if row % 2 == 0:
                painter.fillRect(QRectF(0, y, width, LANE_HEIGHT), colors["lane"])
            painter.setPen(colors["text"])
            painter.drawText(QRectF(6, y, left - 12, LANE_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(lane.label, Qt.TextElideMode.ElideRight, int(left - 12)))
            # Neighbours narrower than 3 px with the same outcome merge into one rectangle (no
            # gap would show between them anyway): a fitted 10,000-pair run is a few hundred rects.
            run_x0 = run_x1 = -1.0
            run_outcome = -1
            starts, ends, outcomes = lane.starts, lane.ends, lane.outcomes
            for i in timeline.visible(lane, t0, t1):
                x = left + (starts[i] - t0) * scale
                x_end = left + (ends[i] - t0) * scale
                outcome = outcomes[i]
                if outcome == run_outcome and x <= run_x1 + 1.0 and x_end - x < 3.0:
                    run_x1 = max(run_x1, x_end)
                    continue
                if run_outcome >= 0:
                    self._bar(painter, run_x0, run_x1, y, left, width, fills[run_outcome])
                run_x0, run_x1, run_outcome = x, x_end, outcome
            if run_outcome >= 0:
                self._bar(painter, run_x0, run_x1, y, left, width, fills[run_outcome])
        painter.setPen(colors["line"])
        painter.drawLine(QPointF(left - 2, 0), QPointF(left - 2, height))

    @staticmethod
    def _bar(painter: QPainter, x: float, x_end: float, y: float, left: float, width: float, fill: QColor) -> None:
        x0 = max(left, x)
        x1 = min(x_end - (1.0 if x_end - x >= 3.0 else 0.0), width)  # a pixel between neighbours
        painter.fillRect(QRectF(x0, y + 4, max(1.0, x1 - x0), LANE_HEIGHT - 8), fill)

    def _draw_axis(self, painter: QPainter, left: float, width: float, t0: float, t1: float, scale: float) -> None:
        step = nice_step((t1 - t0) / max(1.0, (width - left) / 90.0))
        tick = (int(t0 / step)) * step
        painter.setPen(self._colors["line"])
        painter.drawLine(QPointF(0, AXIS_HEIGHT - 1), QPointF(width, AXIS_HEIGHT - 1))
        while tick <= t1:
            x = left + (tick - t0) * scale
            if x >= left:
                painter.setPen(self._colors["line"])
                painter.drawLine(QPointF(x, AXIS_HEIGHT - 5), QPointF(x, self.height()))
                painter.setPen(self._colors["dim"])
                painter.drawText(QPointF(x + 3, AXIS_HEIGHT - 6), duration_text(tick) if tick else "0")
            tick += step

    # ------------------------------------------------------------------ input

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoomAt(1.25 if delta.y() > 0 else 0.8, event.position().x())
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier or delta.x():
            amount = delta.x() or delta.y()
            self._start -= amount / 120.0 * 60.0 / self._scale()
            self._clamp()
            self.viewChanged.emit()
            self.update()
        else:
            self._scroll -= int(delta.y() / 120) or (1 if delta.y() < 0 else -1) * -1
            self._clamp()
            self.update()
        event.accept()

    def mousePressEvent(self, event) -> None:
        self._drag = (event.position().x(), self._start)
        self._moved = False
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None:
            return
        dx = event.position().x() - self._drag[0]
        if abs(dx) > 3:
            self._moved = True
        if self._moved:
            self._start = self._drag[1] - dx / self._scale()
            self._clamp()
            self.viewChanged.emit()
            self.update()

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is not None and not self._moved:
            pair = self.hit(event.position().x(), event.position().y())
            if pair is not None:
                self.pairClicked.emit(pair.plugin_id, pair.instance_id)
        self._drag = None
        event.accept()

    def hoverMoveEvent(self, event) -> None:
        pair = self.hit(event.position().x(), event.position().y())
        text = ""
        if pair is not None:
            words = ("passed", "warning", "failed")[pair.outcome]
            text = "%s on %s — %s, %s (at %s)" % (pair.plugin, pair.instance, duration_text(pair.end - pair.start),
                                                 words, duration_text(pair.start))
            if pair.message:
                text += ": " + pair.message
        if text != self._hover:
            self._hover = text
            self.hoverChanged.emit()

    def hoverLeaveEvent(self, event) -> None:
        if self._hover:
            self._hover = ""
            self.hoverChanged.emit()


def nice_step(raw: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten, at least ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10.0 ** int(f"{raw:e}".split("e")[1])
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10
