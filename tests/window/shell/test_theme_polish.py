"""The themes at the default 430×600 (Xvfb): the light theme's picture, the theme button's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from window_helpers import centre, click, needs_display
from window_helpers import find_visible as find
from window_helpers import publish_with_the_button as publish

pytestmark = needs_display
WINDOW = "default"


def test_light_theme_picture(window, qtbot, docs_image):
    publish(window, qtbot)
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.window.grabWindow().pixelColor(5, 300).lightness() > 200, timeout=3000)
    QTest.mouseMove(window.window, QPoint(200, 300))
    qtbot.wait(300)
    window.window.grabWindow().save(docs_image("light.png"))
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "dark", timeout=3000)


def test_theme_button_tooltip_follows_the_switch(window, qtbot):
    button = find(window, "themeButton")
    QTest.mouseMove(window.window, centre(button))
    tip = find(window, "themeTip")
    qtbot.waitUntil(lambda: tip.property("visible") is True, timeout=3000)
    assert tip.property("text") == "Switch to the light theme"
    click(window, button)
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "light", timeout=3000)
    assert tip.property("text") == "Switch to the dark theme"
    click(window, button)
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "dark", timeout=3000)
    QTest.mouseMove(window.window, QPoint(200, 300))
