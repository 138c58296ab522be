"""Options in the real window (Xvfb) against a real host process, with real clicks and keys: edit
options on a multi-selection in the details pane, publish, and the plugin in the host receives
them; the narrow Perspective page shows the same. Screenshots (dark and light, 430×600 and wide)
go to test-artifacts/, and to docs/ with PYBLISH_QML_UPDATE_DOCS=1."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, centre, click, find, lookup, needs_display, publish_with_the_button, resize

pytestmark = needs_display
CTRL = Qt.KeyboardModifier.ControlModifier


def received(ui) -> dict:
    out = {}
    for line in ui.log.read_text().splitlines():
        if line.startswith("values "):
            _, plugin, item, text = line.split(" ", 3)
            out[(plugin, item)] = json.loads(text)
    return out


def editor(ui, option: str):
    return lookup(find(ui, "option:" + option), "optionEditor", visible_only=True)


def press_row(ui, qtbot, name: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    body = find(ui, "rowBody", find(ui, "instance:" + name))
    qtbot.waitUntil(body.isVisible, timeout=3000)
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, modifier, centre(body))


def shots(ui, name: str, *more: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("options-%s.png" % name)))
    for path in more:
        ui.window.grabWindow().save(path)


def test_options_edited_on_a_selection_reach_the_plugin_in_the_host(ui, qtbot, docs_image):
    controller = ui.controller
    controller.preferences.setTheme("dark")
    resize(ui, qtbot, 1200, 720)  # wide: the details pane shows the selection's options
    press_row(ui, qtbot, "shot010")
    press_row(ui, qtbot, "shot020", CTRL)
    qtbot.waitUntil(lambda: controller.options_panel.model.itemCount == 2, timeout=3000)
    section = find(ui, "optionsSection", find(ui, "detailsPane"))
    qtbot.waitUntil(section.isVisible, timeout=3000)
    assert section.property("title") == "Options — 2 instances"

    click(ui, editor(ui, "ExtractRender/denoise"))  # a real click on the checkbox
    qtbot.waitUntil(lambda: controller.options_panel.model.item("ExtractRender/denoise")["checked"], timeout=3000)
    field = editor(ui, "ExtractRender/samples")
    click(ui, field)
    QTest.keyClick(ui.window, Qt.Key.Key_A, CTRL)
    for char in "256":
        QTest.keyClick(ui.window, char)
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.options_panel.model.item("ExtractRender/samples")["text"] == "256", timeout=3000)
    mark = find(ui, "changedMark", find(ui, "option:ExtractRender/samples"))
    assert mark.property("color").alpha() == 255  # marked: differs from the default
    assert find(ui, "changedMark", find(ui, "option:ExtractRender/quality")).property("color").alpha() == 0
    assert find(ui, "resetOption", find(ui, "option:ExtractRender/samples")).property("opacity") == 1
    assert find(ui, "resetOption", find(ui, "option:ExtractRender/quality")).property("opacity") == 0
    qtbot.wait(100)
    shots(ui, "wide-dark", docs_image("options-wide.png"))

    publish_with_the_button(ui, qtbot)
    got = received(ui)
    for shot in ("shot010", "shot020"):
        assert got[("ExtractRender", shot)]["denoise"] is True and got[("ExtractRender", shot)]["samples"] == 256
    assert got[("ExtractRender", "shot030")]["denoise"] is False and got[("ExtractRender", "shot030")]["samples"] == 64


def test_reset_to_default_is_one_click_and_the_narrow_page_shows_the_options(ui, qtbot, docs_image):
    controller = ui.controller
    resize(ui, qtbot, 430, 600)
    press_row(ui, qtbot, "shot010")
    click(ui, find(ui, "perspectiveButton", find(ui, "instance:shot010")))
    qtbot.waitUntil(lambda: lookup(ui.window.contentItem(), "perspective") is not None, timeout=3000)
    stack = find(ui, "overviewStack")
    qtbot.waitUntil(lambda: not stack.property("busy"), timeout=3000)
    page = find(ui, "perspective")
    section = find(ui, "optionsSection", page)
    qtbot.waitUntil(section.isVisible, timeout=3000)
    assert controller.options_panel.model.item("ExtractRender/denoise")["changed"]  # kept across a reset
    shots(ui, "narrow-dark", docs_image("options.png"))
    controller.preferences.setTheme("light")
    qtbot.wait(100)
    shots(ui, "narrow-light", docs_image("options-light.png"))
    reset = find(ui, "resetOption", find(ui, "option:ExtractRender/denoise"))
    click(ui, reset)
    qtbot.waitUntil(lambda: not controller.options_panel.model.item("ExtractRender/denoise")["changed"], timeout=3000)
    assert controller.options_panel.model.item("ExtractRender/samples")["changed"]  # only the one clicked went back
    controller.preferences.setTheme("dark")
