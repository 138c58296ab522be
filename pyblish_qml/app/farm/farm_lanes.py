"""How a farm lane looks in the timeline (app/history/timeline_view.py): a "farm" mark before its label.

The timeline gives the pairs that ran on the farm lanes of their own (docs/farm.md); this draws
what tells them apart at a glance — a small pill in the accent colour, and a line above the first
farm lane that parts them from the workstation's — so the farm's look lives with the farm.

Thread: GUI thread (QPainter on the timeline's frame).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter

FARM_MARK = "farm"
LANE_HEIGHT = 22  # timeline_view.LANE_HEIGHT
# Theme.qml's accent and the text on it (dark, light), as the timeline's PALETTE holds colours.
FARM_PALETTE = {"farm": ("#5caadc", "#216a99"), "onFarm": ("#1d2025", "#ffffff")}


def draw_farm_mark(painter: QPainter, colors: dict, y: float, width: float, left: float, first: bool) -> float:
    """A farm lane's mark: a small "farm" pill before its label (and a line above the first farm
    lane, parting them from the workstation's). Returns the width the label gives up."""
    if first:
        painter.setPen(colors["farm"])
        painter.drawLine(QPointF(0, y), QPointF(width, y))
    text_width = painter.fontMetrics().horizontalAdvance(FARM_MARK)
    pill = QRectF(6, y + 4, text_width + 8, LANE_HEIGHT - 8)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colors["farm"])
    painter.drawRoundedRect(pill, 3, 3)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(colors["onFarm"])
    painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, FARM_MARK)
    return min(pill.width() + 4, left / 2)
