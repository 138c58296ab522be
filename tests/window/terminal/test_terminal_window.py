"""The Terminal in the real window (Xvfb): filters, copy, rows selected with click, Shift and Ctrl."""

from __future__ import annotations

from PySide6.QtCore import QMetaObject, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from window_helpers import centre, click, find, needs_display, publish_with_the_button, type_text, walk

pytestmark = needs_display
WINDOW = "demo"


def test_terminal_filters_and_copies(window, qtbot):
    publish_with_the_button(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    terminal = window.controller.models.terminal
    everything = terminal.rowCount()
    click(window, find(window, "level:debug"))
    qtbot.waitUntil(lambda: terminal.rowCount() < everything, timeout=3000)
    assert not terminal.levelEnabled("debug")
    click(window, find(window, "terminalFilter"))
    type_text(window, "flipped")
    qtbot.waitUntil(lambda: terminal.rowCount() == 1, timeout=3000)
    click(window, find(window, "copyAll"))
    text = QGuiApplication.clipboard().text()
    assert "Chair has 12 flipped normals" in text and "AssertionError" in text
    # a double click opens the row's details: where it was raised
    error = next(item for item in walk(find(window, "terminalList")) if item.objectName() == "terminalRow"
                 and item.isVisible())
    QTest.mouseDClick(window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(error))
    qtbot.waitUntil(lambda: error.property("expanded") is True, timeout=3000)
    details = error.property("details")
    assert "function process" in details and "validate.py" in details
    assert "logger pyblish.ValidateNormals" in details and "thread -" not in details
    # without the text filter (debug still off), keep a picture of the terminal
    find(window, "terminalFilter").setProperty("text", "")
    qtbot.waitUntil(lambda: terminal.rowCount() > 1, timeout=3000)
    click(window, find(window, "level:debug"))
    qtbot.waitUntil(lambda: terminal.rowCount() == everything, timeout=3000)
    click(window, find(window, "tab:Overview"))


def test_terminal_rows_select_with_click_shift_ctrl_and_copy(window, qtbot):
    publish_with_the_button(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    terminal = window.controller.models.terminal
    terminal.filterText = ""
    qtbot.waitUntil(lambda: terminal.rowCount() > 4, timeout=3000)
    listing = find(window, "terminalList")
    listing.setProperty("follow", False)  # stay at the top while we click there

    def rows() -> dict[int, QQuickItem]:
        top, bottom = listing.property("contentY"), listing.property("contentY") + listing.height()
        return {item.property("index"): item for item in walk(listing) if item.objectName() == "terminalRow"
                and item.isVisible() and top <= item.y() and item.y() + item.height() <= bottom}

    def press(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QMetaObject.invokeMethod(listing, "positionViewAtBeginning")
        qtbot.waitUntil(lambda: row in rows(), timeout=3000)
        item = rows()[row]
        point = item.mapToScene(QPointF(item.width() / 2, 8))
        QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, modifier, QPoint(int(point.x()), int(point.y())))

    press(0)
    press(3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0, 1, 2, 3], timeout=3000)
    press(1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0, 2, 3], timeout=3000)
    qtbot.waitUntil(lambda: {1, 2} <= set(rows()) and rows()[2].property("selected") is True
                    and rows()[1].property("selected") is False, timeout=3000)
    QTest.keyClick(window.window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    messages = [terminal.index(r, 0).data(window.controller.models.terminal_model.role("message")) for r in (0, 2, 3)]
    qtbot.waitUntil(lambda: all(m in QGuiApplication.clipboard().text() for m in messages), timeout=3000)
    assert terminal.index(1, 0).data(window.controller.models.terminal_model.role("message")) not in \
        QGuiApplication.clipboard().text().splitlines()
    QTest.keyClick(window.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == list(range(terminal.rowCount())), timeout=3000)
    press(0)  # a plain click selects that row alone again
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0], timeout=3000)
    listing.setProperty("follow", True)
    click(window, find(window, "tab:Overview"))
