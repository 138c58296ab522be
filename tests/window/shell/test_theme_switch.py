"""The theme switch in the real window (Xvfb): it repaints and is remembered."""

from __future__ import annotations

from window_helpers import click, darkest, find, needs_display, row

pytestmark = needs_display
WINDOW = "demo"


def test_theme_switch_repaints_and_is_remembered(window, qtbot):
    before = window.window.grabWindow().pixelColor(5, 300)
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "light", timeout=3000)
    qtbot.waitUntil(lambda: window.window.grabWindow().pixelColor(5, 300).lightness() > 200, timeout=3000)
    assert before.lightness() < 80
    assert window.preferences.get("theme") == "light"
    # icons are drawn in the light theme's text colour too (with the software renderer as well)
    arrow = find(window, "perspectiveButton", row(window, "instance:Chair"))
    qtbot.waitUntil(lambda: darkest(window, arrow) < 200, timeout=3000)  # the background is ~245
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "dark", timeout=3000)
