"""The "N selected" bar floats over the lists' foot (issue 23, point 7): shown, it never pushes
the rows down under the pointer (it used to move both lists 34 px, so the next Ctrl+click hit a
section header and collapsed it). Real window (Xvfb), the demo host, real Ctrl+clicks."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from window_helpers import centre, find, needs_display

pytestmark = needs_display
WINDOW = "demo"
CTRL = Qt.KeyboardModifier.ControlModifier


def top(item) -> float:
    return item.mapToScene(QPointF(0, 0)).y()


def test_the_selection_bar_does_not_move_the_rows(window, qtbot):
    collapsed = list(window.controller.preferences.collapsedSections)
    chair, table = find(window, "instance:Chair"), find(window, "instance:Table")
    rows_before = top(chair), top(table), top(find(window, "pluginList"))
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(chair))
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, CTRL, centre(table))
    bar = find(window, "selectionBar")
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    qtbot.wait(50)
    assert (top(chair), top(table), top(find(window, "pluginList"))) == rows_before
    assert find(window, "selectionCount").property("text") == "2 instances selected"
    # the next Ctrl+click lands on the row that was under the pointer, not on a header
    bruce = find(window, "instance:Bruce01")
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, CTRL, centre(bruce))
    qtbot.waitUntil(lambda: window.controller.models.overview.selectionCount == 3, timeout=3000)
    assert list(window.controller.preferences.collapsedSections) == collapsed  # no header was hit
    bar_top = top(bar)
    assert bar_top + bar.height() <= window.window.height()  # on screen, at the foot
    window.controller.models.overview.select("", "")
