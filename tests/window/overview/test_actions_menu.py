"""A plugin's actions menu in the real window (Xvfb): an action runs in the host."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest
from window_helpers import centre, click, needs_display, publish_with_the_button, row, walk

pytestmark = needs_display
WINDOW = "demo"


def test_actions_menu_runs_an_action(window, qtbot):
    publish_with_the_button(window, qtbot)
    finished = []
    window.controller.actionFinished.connect(lambda plugin, action, ok: finished.append(ok))
    click(window, row(window, "plugin:Normals face outward"), Qt.MouseButton.RightButton)
    menu = window.window.findChild(QObject, "actionsMenu")  # a popup: not in the item tree
    qtbot.waitUntil(lambda: menu.property("visible"), timeout=3000)
    entries = [item for item in walk(menu.property("contentItem")) if item.inherits("QQuickMenuItem")
               and item.isVisible()]
    labels = [item.property("text") for item in entries]
    assert "Repair" in labels and "Select invalid" in labels
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre(next(item for item in entries if item.property("text") == "Repair")))
    qtbot.waitUntil(lambda: finished == [True], timeout=10000)
    messages = [e["message"] for e in window.controller.models.terminal_model.items()]
    assert "Repaired every instance; validate again." in messages
