"""The Overview and Perspective at the default 430×600 and wide (Xvfb, real mouse and keys): the split,
section boxes, required rows, fading, the details pane, search, long names, pulsing, first states."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from window_helpers import (
    NONE,
    ROW,
    centre,
    check_of,
    click,
    close_to,
    colour,
    inside_window,
    key,
    lookup,
    needs_display,
    resize,
    walk,
)
from window_helpers import find_visible as find
from window_helpers import publish_with_the_button as publish

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "default"


def test_stacked_overview_has_a_remembered_split_scrollbars_and_whole_rows(window, qtbot):
    split = find(window, "overviewSplit")
    assert split.property("orientation") == Qt.Orientation.Vertical
    instances, plugins = find(window, "instanceList"), find(window, "pluginList")
    for listing in (instances, plugins):
        assert listing.height() % ROW == 0, "a list shows a half row"
        bar = find(window, "scrollBar", listing)
        more = listing.property("contentHeight") > listing.height()
        assert bar.isVisible() == more  # a scrollbar exactly when there is more below
    assert find(window, "scrollBar", plugins).isVisible()  # the demo's plugins overflow at 430×600
    handle = find(window, "splitHandle")
    before = find(window, "instancesPane").height()
    start = centre(handle)
    QTest.mousePress(window.window, Qt.MouseButton.LeftButton, NONE, start)
    for step in range(1, 7):
        QTest.mouseMove(window.window, QPoint(start.x(), start.y() + step * 10))
    QTest.mouseRelease(window.window, Qt.MouseButton.LeftButton, NONE, QPoint(start.x(), start.y() + 60))
    qtbot.waitUntil(lambda: find(window, "instancesPane").height() >= before + 50, timeout=3000)
    saved = window.preferences.get("overviewSplit")["stacked"]
    assert saved == pytest.approx(find(window, "instancesPane").height() / split.height(), abs=0.02)
    assert instances.height() % ROW == 0 and plugins.height() % ROW == 0
    window.controller.preferences.setSplit("stacked", 0.5)


def test_section_box_shows_on_partial_and_off(window, qtbot):
    model = window.controller.models.instance_model
    header = find(window, "section:model", find(window, "instanceList"))
    box = find(window, "sectionToggle", header)
    states = window.controller.models.overview

    def state() -> str:
        return states.sectionStates.get("instance/model")

    assert state() == "on" and not find(window, "partialMark", header).isVisible()
    click(window, check_of(window, "instance:Chair"))
    qtbot.waitUntil(lambda: state() == "partial", timeout=3000)
    qtbot.waitUntil(lambda: find(window, "partialMark", header).isVisible(), timeout=3000)
    click(window, box)  # partial: every optional member on
    qtbot.waitUntil(lambda: state() == "on", timeout=3000)
    click(window, box)
    qtbot.waitUntil(lambda: state() == "off", timeout=3000)
    assert QColor(box.property("color")).alpha() == 0  # drawn empty
    table = next(i for i in model.items() if i["name"] == "Table")
    assert table["isToggled"] is True  # required: the section box leaves it on
    click(window, box)
    qtbot.waitUntil(lambda: state() == "on", timeout=3000)
    assert QColor(box.property("color")).alpha() == 255


def test_a_required_item_says_why_it_cannot_be_toggled_and_is_drawn_at_full_strength(window, qtbot):
    check = check_of(window, "instance:Table")
    box, optional_box = find(window, "statusBox", check), find(window, "statusBox", check_of(window, "instance:Chair"))
    assert box.property("opacity") == 1.0 and check.property("boxBorder") > \
        check_of(window, "instance:Chair").property("boxBorder")
    assert optional_box.property("opacity") == 1.0
    click(window, check)
    tip = find(window, "lockedTip", check)
    qtbot.waitUntil(lambda: tip.property("visible") is True, timeout=3000)
    assert "required" in tip.property("text") and "Table" in tip.property("text")
    table = next(i for i in window.controller.models.instance_model.items() if i["name"] == "Table")
    assert table["isToggled"] is True


def test_selecting_an_instance_fades_the_plugins_that_will_not_process_it(window, qtbot):
    resize(window, qtbot, 880, 900)  # every row in view
    camera_plugin = find(window, "plugin:Extract camera")
    normals = find(window, "plugin:Normals face outward")
    assert camera_plugin.property("faded") is False
    click(window, find(window, "instance:Chair"))
    qtbot.waitUntil(lambda: camera_plugin.property("faded") is True, timeout=3000)  # cameras only
    assert normals.property("faded") is False  # models: it processes Chair
    click(window, find(window, "instance:shotCamera"))
    qtbot.waitUntil(lambda: camera_plugin.property("faded") is False, timeout=3000)
    assert normals.property("faded") is True
    click(window, normals)  # a plugin selected: nothing faded
    qtbot.waitUntil(lambda: camera_plugin.property("faded") is False and normals.property("faded") is False,
                    timeout=3000)
    resize(window, qtbot, 430, 600)


def test_a_wide_window_shows_the_selection_in_a_details_pane(window, qtbot, docs_image):
    publish(window, qtbot)
    resize(window, qtbot, 1400, 900)
    details = find(window, "detailsPane")
    qtbot.waitUntil(lambda: details.isVisible() and lookup(details, "detailsPerspective") is not None, timeout=3000)
    instances, plugins = find(window, "instanceList"), find(window, "pluginList")
    assert instances.width() < 600 and plugins.width() < 600 and details.width() >= 300
    click(window, find(window, "plugin:Normals face outward"))
    title = find(window, "perspectiveTitle", details)
    qtbot.waitUntil(lambda: title.property("text") == "Normals face outward", timeout=3000)
    qtbot.waitUntil(lambda: lookup(details, "perspectiveError") is not None, timeout=3000)
    QTest.mouseMove(window.window, QPoint(700, 880))
    qtbot.wait(300)
    window.window.grabWindow().save(docs_image("wide.png"))
    resize(window, qtbot, 430, 600)
    qtbot.waitUntil(lambda: not details.isVisible(), timeout=3000)


def test_search_has_a_clear_button_and_says_when_nothing_matches(window, qtbot):
    field = find(window, "searchField")
    click(window, field)
    for char in "zzqx":
        QTest.keyClick(window.window, char)
    no_matches = find(window, "noMatches")
    qtbot.waitUntil(lambda: no_matches.isVisible(), timeout=3000)
    assert "zzqx" in no_matches.property("text")
    click(window, find(window, "searchClear"))
    qtbot.waitUntil(lambda: window.controller.models.instances.rowCount() > 2 and not no_matches.isVisible(),
                    timeout=3000)
    assert field.property("text") == "" and not find(window, "searchClear").isVisible()


def test_perspective_lists_errors_first(window, qtbot):
    publish(window, qtbot)
    click(window, find(window, "perspectiveButton", find(window, "plugin:Normals face outward")))
    records = None
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "perspectiveRecords") is not None, timeout=3000)
    records = find(window, "perspectiveRecords")
    log = window.controller.models.itemLog
    kinds = [log.index(r, 0).data(window.controller.models.terminal_model.role("kind")) for r in range(log.rowCount())]
    assert "error" in kinds and "record" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "error")  # every error above every record
    messages = [e["message"] for e in window.controller.models.terminal_model.items()
                if e.get("pluginLabel") == "Normals face outward"]
    assert not messages[0].startswith("Chair has")  # in time order a record came first
    qtbot.waitUntil(lambda: records.property("count") == len(kinds), timeout=3000)
    first = next(item for item in walk(records) if item.objectName() in ("perspectiveError", "perspectiveRecord"))
    assert first.objectName() == "perspectiveError"
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: find(window, "overviewStack").property("depth") == 1, timeout=3000)


def test_a_long_instance_name_leaves_the_plugin_name_in_the_source_column(window, qtbot):
    publish(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    terminal = window.controller.models.terminal
    find(window, "terminalFilter").setProperty("text", "AVeryLong")
    qtbot.waitUntil(lambda: 0 < terminal.rowCount() < 10, timeout=3000)
    qtbot.waitUntil(lambda: any(item.objectName() == "sourceInstance" and "AVeryLong" in item.property("text")
                                and item.isVisible() for item in walk(find(window, "terminalList"))), timeout=3000)
    rows = [item for item in walk(find(window, "terminalList")) if item.objectName() == "terminalRow"
            and item.isVisible() and find(window, "sourcePlugin", item).property("text")
            and "AVeryLong" in find(window, "sourceInstance", item).property("text")]
    assert rows
    for row in rows:
        plugin, instance = find(window, "sourcePlugin", row), find(window, "sourceInstance", row)
        assert plugin.property("truncated") is False and inside_window(window, plugin)
        assert instance.property("truncated") is True and inside_window(window, instance)
    find(window, "terminalFilter").setProperty("text", "")
    click(window, find(window, "tab:Overview"))


def test_finished_items_stop_pulsing_at_once(window, qtbot):
    status = window.controller.status
    click(window, find(window, "validateButton"))
    heavy = find(window, "statusBox", check_of(window, "plugin:Heavy geometry check"))
    qtbot.waitUntil(lambda: status.isRunning and heavy.property("opacity") < 0.9, timeout=20000)  # it pulses
    qtbot.waitUntil(lambda: status.state == State.Ready, timeout=30000)
    boxes = [item for item in walk(window.window.contentItem()) if item.objectName() == "statusBox"]
    assert boxes and all(box.property("opacity") == 1.0 for box in boxes)


def test_after_collection_instances_read_as_not_yet_checked(window, qtbot):
    resize(window, qtbot, 880, 900)  # every row in view
    items = window.controller.models.instance_model.items()
    assert {i["status"] for i in items if not i["isContext"]} == {"idle"}  # CollectRigControls ran on the rigs
    idle = colour(window, "idle")
    frame = window.window.grabWindow()
    for name in ("instance:Peter01", "instance:Chair"):
        assert close_to(frame.pixelColor(centre(find(window, "statusBox", check_of(window, name)))), idle, 30)
    resize(window, qtbot, 430, 600)


def test_action_menu_rows_are_compact(window, qtbot):
    publish(window, qtbot)
    click(window, find(window, "plugin:Normals face outward"), Qt.MouseButton.RightButton)
    menu = window.window.findChild(QObject, "actionsMenu")
    qtbot.waitUntil(lambda: menu.property("visible"), timeout=3000)
    entries = [item for item in walk(menu.property("contentItem")) if item.inherits("QQuickMenuItem")
               and item.isVisible()]
    assert entries and all(item.height() <= 26 for item in entries)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible"), timeout=3000)
