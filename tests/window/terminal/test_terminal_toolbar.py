"""The Terminal's toolbar at the default 430×600 (Xvfb): everything fits, copying says so."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from window_helpers import click, inside_window, needs_display
from window_helpers import find_visible as find
from window_helpers import publish_with_the_button as publish

pytestmark = needs_display
WINDOW = "default"


def test_terminal_toolbar_fits_the_default_size_and_copy_says_copied(window, qtbot, docs_image):
    publish(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    for name in ("level:debug", "level:critical", "terminalFilter", "onlyCurrentItem", "copyAll"):
        item = find(window, name)
        assert item.isVisible() and inside_window(window, item), "%s is cut off at 430 px" % name
    assert find(window, "terminalFilter").width() >= 120
    assert find(window, "onlyCurrentItem").property("implicitWidth") <= find(window, "onlyCurrentItem").width() + 1
    # 20: copying says so
    click(window, find(window, "copyAll"))
    tip = find(window, "copiedTip")
    qtbot.waitUntil(lambda: tip.property("visible") is True, timeout=3000)
    assert tip.property("text").startswith("Copied ") and "message" in tip.property("text")
    assert "flipped normals" in QGuiApplication.clipboard().text()
    QTest.mouseMove(window.window, QPoint(200, 540))
    qtbot.waitUntil(lambda: tip.property("visible") is False, timeout=5000)
    terminal = window.controller.models.terminal
    everything = terminal.rowCount()
    click(window, find(window, "level:debug"))  # the picture: the run without its debug chatter
    qtbot.waitUntil(lambda: terminal.rowCount() < everything, timeout=3000)
    QTest.mouseMove(window.window, QPoint(200, 540))
    qtbot.wait(300)
    window.window.grabWindow().save(docs_image("terminal.png"))
    click(window, find(window, "level:debug"))
    qtbot.waitUntil(lambda: terminal.rowCount() == everything, timeout=3000)
