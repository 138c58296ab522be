"""The Overview's row and section menus in the real window (Xvfb, real mouse events): the plugin menu's
partial runs with Font Awesome icons, bulk toggles from a section header, menus that grow for long
names, an instance's menu running one plugin."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from window_helpers import (
    click,
    entries,
    find,
    lit,
    needs_display,
    popup,
    press,
    publish_with_the_button,
    row,
    shot,
    walk,
)

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"



def test_plugin_menu_shows_font_awesome_icons_and_runs_one_plugin(window, qtbot):
    publish_with_the_button(window, qtbot)
    click(window, row(window, "plugin:Normals face outward"), Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    icons = [item for item in walk(menu.property("contentItem")) if item.objectName() == "actionIcon"
             and item.isVisible()]
    sources = sorted(item.property("source").toString() for item in icons)
    assert any("fa:wrench/" in s for s in sources) and any("fa:hand-pointer/" in s for s in sources), sources
    qtbot.waitUntil(lambda: all(lit(window, item) > 20 for item in icons), timeout=3000)  # glyphs on screen
    shot(window, "power-plugin-menu")
    items = entries(menu)
    assert items["runPluginItem"].property("enabled")
    assert items["sanityPluginItem"].isVisible()  # a validator: it can sanity-check alone
    lines = len(window.controller.models.terminal_model.items())
    press(window, items["runPluginItem"])
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Plugin"), timeout=15000)
    messages = [e["message"] for e in window.controller.models.terminal_model.items()[lines:]]
    assert "Running one plugin…" in messages
    processed = {e.get("pluginLabel") for e in window.controller.models.terminal_model.items()[lines:]
                 if e["kind"] != "message"}
    assert processed <= {"Normals face outward"}  # nothing else ran


def test_section_header_menu_bulk_toggles(window, qtbot):
    items = window.controller.models.instance_model.items()
    section = next(i["category"] for i in items if i["optional"] and not i["isContext"])
    members = [i["id"] for i in items if i["category"] == section and i["optional"]]
    before = {i["id"]: i["isToggled"] for i in items if i["category"] != section}
    header = find(window, "section:" + section)
    click(window, header, Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "toggleMenu")
    shot(window, "power-section-menu")
    press(window, entries(menu)["sectionNone"])
    model = window.controller.models.instance_model
    qtbot.waitUntil(lambda: not any(model.item(i)["isToggled"] for i in members), timeout=3000)
    assert {i["id"]: i["isToggled"] for i in model.items() if i["category"] != section} == before  # that section only
    click(window, header, Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "toggleMenu")
    press(window, entries(menu)["listAll"])
    qtbot.waitUntil(lambda: all(i["isToggled"] for i in model.items()), timeout=3000)


def test_menus_grow_for_long_names_and_elide_past_their_limit(window, qtbot):
    limit = window.engine.singletonInstance("Pyblish", "Theme").property("menuMaxWidth")
    assert limit > 200
    click(window, row(window, "instance:Chair"), Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "instanceMenu")
    assert 200 <= menu.property("width") < limit  # short names: about the style's width
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible"), timeout=3000)
    long_name = next(i["name"] for i in window.controller.models.instance_model.items() if len(i["name"]) > 60)
    click(window, row(window, "instance:" + long_name), Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "instanceMenu")
    assert menu.property("width") == limit  # as wide as allowed, not cut at 200
    heading = next(item for item in entries(menu).values() if item.property("heading"))
    (text,) = [item for item in walk(heading) if item.inherits("QQuickText")]
    assert text.property("truncated") is True  # elided with "…", not clipped mid-letter
    right = text.mapToScene(QPointF(text.width(), 0)).x()
    assert right <= menu.property("x") + menu.property("width")  # inside the menu
    for item in entries(menu).values():  # every plugin label fits whole
        for label in (i for i in walk(item) if i.inherits("QQuickText")):
            assert label.property("truncated") is False or item is heading, label.property("text")
    shot(window, "power-instance-menu-long")
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible"), timeout=3000)


def test_instance_menu_runs_one_plugin_on_that_instance(window, qtbot):
    click(window, row(window, "instance:Chair"), Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "instanceMenu")
    items = entries(menu)
    assert "runOn:Normals face outward" in items and "runOn:Extract Alembic" in items
    assert not any(name.startswith("runOn:") and "Collect" in name for name in items)
    shot(window, "power-instance-menu")
    lines = len(window.controller.models.terminal_model.items())
    press(window, items["runOn:Normals face outward"])
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Plugin"), timeout=15000)
    assert status.message == "Plugin finished with errors: Normals face outward failed on Chair."  # flipped normals
    ran = [e for e in window.controller.models.terminal_model.items()[lines:] if e["kind"] != "message"]
    assert ran and {(e["pluginLabel"], e["instanceLabel"]) for e in ran} == {("Normals face outward", "Chair")}
