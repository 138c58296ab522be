"""The timeline drawn: :class:`TimelineView` paints a :class:`~.timeline.Timeline` into one image.

Lanes of pairs that ran on the farm carry a "farm" mark before their label and sit below a line
that parts them from the workstation's lanes.

No delegate per bar: per lane the bars in view are found by binary search and bars narrower than
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

import itertools
import time

from PySide6.QtCore import Property, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickImageProvider, QQuickItem

from ..farm.farm_lanes import FARM_PALETTE, draw_farm_mark
from .history_model import duration_text
from .timeline import Pair, Timeline, nice_step

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

LANE_HEIGHT = 22
AXIS_HEIGHT = 20
# Theme.qml's colours (dark, light): a painted item cannot bind to them one by one.
PALETTE = {"text": ("#d7dae0", "#1f2329"), "dim": ("#8a919c", "#5b6370"), "line": ("#343a44", "#d5d9e0"),
           "lane": ("#23272e", "#ffffff"), "passed": ("#7cc67a", "#3f9b3c"), "warning": ("#e5b454", "#c58a12"),
           "failed": ("#e06c75", "#cf3f4a"), **FARM_PALETTE}

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
        self.axis_labels: list[QRectF] = []  # where the last paint put the axis's labels (tests: none clipped)
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
        farm = pair.attempt is not None
        row = next(n for n, lane in enumerate(timeline.lanes)
                   if lane.plugin_id == pair.plugin_id and lane.farm == farm) - self._scroll
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
        self.axis_labels = draw_axis(painter, self._colors, self.height(), left, width, t0, t1, scale)
        fills = (colors["passed"], colors["warning"], colors["failed"])
        shown = int((height - AXIS_HEIGHT) // LANE_HEIGHT) + 1
        for row, lane in enumerate(timeline.lanes[self._scroll:self._scroll + shown]):
            y = AXIS_HEIGHT + row * LANE_HEIGHT
            if row % 2 == 0:
                painter.fillRect(QRectF(0, y, width, LANE_HEIGHT), colors["lane"])
            indent = draw_farm_mark(painter, colors, y, width, left, row == 0 or not timeline.lanes[
                self._scroll + row - 1].farm) if lane.farm else 0.0
            painter.setPen(colors["text"])
            painter.drawText(QRectF(6 + indent, y, left - 12 - indent, LANE_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             painter.fontMetrics().elidedText(lane.label, Qt.TextElideMode.ElideRight,
                                                              int(left - 12 - indent)))
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
                    draw_bar(painter, run_x0, run_x1, y, left, width, fills[run_outcome])
                run_x0, run_x1, run_outcome = x, x_end, outcome
            if run_outcome >= 0:
                draw_bar(painter, run_x0, run_x1, y, left, width, fills[run_outcome])
        painter.setPen(colors["line"])
        painter.drawLine(QPointF(left - 2, 0), QPointF(left - 2, height))

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
            if pair.attempt is not None:
                text += " on the farm, attempt %d" % pair.attempt
            if pair.message:
                text += ": " + pair.message
        if text != self._hover:
            self._hover = text
            self.hoverChanged.emit()

    def hoverLeaveEvent(self, event) -> None:
        if self._hover:
            self._hover = ""
            self.hoverChanged.emit()


def draw_bar(painter: QPainter, x: float, x_end: float, y: float, left: float, width: float, fill: QColor) -> None:
    """One pair's bar in its lane, clipped to the plot, a pixel apart from its neighbour."""
    x0 = max(left, x)
    x1 = min(x_end - (1.0 if x_end - x >= 3.0 else 0.0), width)
    painter.fillRect(QRectF(x0, y + 4, max(1.0, x1 - x0), LANE_HEIGHT - 8), fill)


def draw_axis(painter: QPainter, colors: dict, height: float, left: float, width: float, t0: float, t1: float,
              scale: float) -> list[QRectF]:
    """The time axis along the top, a tick about every 90 px at a round step; a label that would
    run past the right edge sits left of its tick instead of being clipped. Returns the labels' boxes."""
    step = nice_step((t1 - t0) / max(1.0, (width - left) / 90.0))
    tick = (int(t0 / step)) * step
    painter.setPen(colors["line"])
    painter.drawLine(QPointF(0, AXIS_HEIGHT - 1), QPointF(width, AXIS_HEIGHT - 1))
    labels = []
    metrics = painter.fontMetrics()
    while tick <= t1:
        x = left + (tick - t0) * scale
        if x >= left:
            painter.setPen(colors["line"])
            painter.drawLine(QPointF(x, AXIS_HEIGHT - 5), QPointF(x, height))
            painter.setPen(colors["dim"])
            text = duration_text(tick) if tick else "0"
            advance = metrics.horizontalAdvance(text)
            at = x + 3 if x + 3 + advance <= width else x - 3 - advance
            painter.drawText(QPointF(at, AXIS_HEIGHT - 6), text)
            labels.append(QRectF(at, AXIS_HEIGHT - 6 - metrics.ascent(), advance, metrics.height()))
        tick += step
    return labels
