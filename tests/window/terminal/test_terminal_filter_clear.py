"""The Terminal's filter has a clear button and Esc clears it (issue 23, point 7), as the
Overview's search does, in the real window (Xvfb, the demo host)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_helpers import click, find, key, needs_display, type_text

pytestmark = needs_display
WINDOW = "demo"


def test_the_filter_clears_with_its_button_and_with_esc(window, qtbot):
    click(window, find(window, "tab:Terminal"))
    qtbot.waitUntil(lambda: find(window, "tabs").property("currentIndex") == 1, timeout=3000)
    field, terminal = find(window, "terminalFilter"), window.controller.models.terminal
    clear = find(window, "terminalFilterClear")
    assert not clear.isVisible()
    click(window, field)
    type_text(window, "collect")
    qtbot.waitUntil(lambda: terminal.filterText == "collect" and clear.isVisible(), timeout=3000)
    click(window, clear)
    qtbot.waitUntil(lambda: terminal.filterText == "" and field.property("text") == "", timeout=3000)
    assert field.hasActiveFocus()  # the keys stay in the field
    type_text(window, "xyz")
    qtbot.waitUntil(lambda: terminal.filterText == "xyz", timeout=3000)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: terminal.filterText == "" and field.property("text") == "", timeout=3000)
