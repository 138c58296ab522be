"""Multi-select in the Overview's lists, in the real window (Xvfb) against the real demo host, with
real mouse clicks (Ctrl, Shift) and key presses: what gets selected, what Space and the row menus
then do in the host, the Menu key's route to the menus and back, the count, accessibility.
Screenshots go to test-artifacts/ (docs/multiselect.png only with PYBLISH_QML_UPDATE_DOCS=1)."""

from __future__ import annotations

import time

import pyblish.api
import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, centre, entries, find, lookup, needs_display, popup, walk

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"  # the ui and window fixtures (tests/window/conftest.py): the 880×640 demo window

NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def heard():
    """What the host heard: (instance name, new value) for every instanceToggled it emitted."""
    toggled: list[tuple[str, bool]] = []

    def record(instance, new_value, old_value):
        toggled.append((instance.name, bool(new_value)))

    pyblish.api.register_callback("instanceToggled", record)
    yield toggled
    pyblish.api.deregister_callback("instanceToggled", record)


def body(ui, name: str) -> QQuickItem:
    """A row's own strip (below its section header, if it draws one)."""
    return find(ui, "rowBody", find(ui, name))


def press(ui, qtbot, name: str, modifier=NONE, button=Qt.MouseButton.LeftButton) -> None:
    item = body(ui, name)
    qtbot.waitUntil(item.isVisible, timeout=3000)
    QTest.mouseClick(ui.window, button, modifier, centre(item))


def select(ui, qtbot, first: str, *more: str) -> None:
    """Click the first row, Ctrl+click the others, and wait for the selection to hold them all."""
    press(ui, qtbot, first)
    for name in more:
        press(ui, qtbot, name, CTRL)
    overview = ui.controller.models.overview
    qtbot.waitUntil(lambda: overview.selectionCount == 1 + len(more), timeout=3000)


def key(ui, which, modifier=NONE) -> None:
    QTest.keyClick(ui.window, which, modifier)


def ids(ui, *names: str) -> list[str]:
    """Instance (or plugin) ids by name, in the list's order."""
    models = ui.controller.models
    items = models.instance_model.items() + models.plugin_model.items()
    by_name = {item.get("label") or item["name"]: item["id"] for item in items}
    by_name.update({item["name"]: item["id"] for item in models.instance_model.items()})
    order = {item["id"]: n for n, item in enumerate(items)}
    return sorted((by_name[name] for name in names), key=order.get)


def shown(ui, kind: str = "instance") -> list[str]:
    """The labels of the rows one can land on, in order."""
    overview = ui.controller.models.overview
    model = ui.controller.models.instance_model if kind == "instance" else ui.controller.models.plugin_model
    return [model.item(i)["label"] for i in overview._shown_ids(kind)]


def selected_labels(ui) -> list[str]:
    overview = ui.controller.models.overview
    model = ui.controller.models.instance_model if overview.selectedKind == "instance" else \
        ui.controller.models.plugin_model
    return [model.item(i)["label"] for i in overview.selectedIds]


def drawn_selected(ui, kind: str = "instance") -> set[str]:
    """The rows the list draws selected (their ``selected`` property) and says so to assistive tech."""
    rows = [item for item in walk(find(ui, kind + "List")) if item.objectName().startswith(kind + ":")
            and item.isVisible()]
    drawn = {row.objectName().split(":", 1)[1] for row in rows if row.property("selected")}
    for row in rows:
        interface = QAccessible.queryAccessibleInterface(find(ui, "rowBody", row))
        assert interface.state().selected == bool(row.property("selected")), row.objectName()
        assert interface.state().selectable
    return drawn


def ran_pairs(ui, since: int) -> set[tuple[str, str]]:
    return {(e["pluginLabel"], e["instanceLabel"]) for e in ui.controller.models.terminal_model.items()[since:]
            if e["kind"] != "message"}


def test_click_ctrl_and_shift_select_and_space_toggles_the_selection_in_the_host(window, qtbot, heard):
    overview, model = window.controller.models.overview, window.controller.models.instance_model
    order = shown(window)
    select(window, qtbot, "instance:Chair", "instance:Bruce01")
    assert overview.selectedIds == ids(window, "Chair", "Bruce01") and overview.selectedId == ids(window, "Bruce01")[0]
    qtbot.waitUntil(lambda: drawn_selected(window) == {"Chair", "Bruce01"}, timeout=3000)
    bar = find(window, "selectionBar")
    qtbot.waitUntil(bar.isVisible, timeout=3000)
    assert find(window, "selectionCount").property("text") == "2 instances selected"
    key(window, Qt.Key.Key_Space)  # one toggle of both: they were on, so both go off, in the host too
    qtbot.waitUntil(lambda: sorted(heard) == [("Bruce01", False), ("Chair", False)], timeout=5000)
    assert not any(model.item(i)["isToggled"] for i in ids(window, "Chair", "Bruce01"))
    # Shift+click: the range from the anchor (Bruce01, the last Ctrl+click) to Table, required
    press(window, qtbot, "instance:Table", SHIFT)
    first, last = sorted((order.index("Bruce01"), order.index("Table")))
    span = order[first:last + 1]
    qtbot.waitUntil(lambda: selected_labels(window) == span, timeout=3000)
    del heard[:]
    off = sorted(model.item(i)["name"] for i in overview.selectedIds if not model.item(i)["isToggled"])
    assert "Bruce01" in off
    key(window, Qt.Key.Key_Space)  # not all optional ones are on: all on; Table cannot change and says why
    tip = window.window.findChild(QObject, "instanceSelectionTip")
    qtbot.waitUntil(lambda: tip.property("visible") is True, timeout=3000)
    assert "Table is required by the pipeline and cannot be turned off." in tip.property("text")
    assert tip.property("text").startswith("1 of the %d selected stay as they are." % len(span))
    assert all(model.item(i)["isToggled"] for i in overview.selectedIds)
    qtbot.waitUntil(lambda: sorted(heard) == [(name, True) for name in off], timeout=5000)  # Table: not a word
    # Chair (off since the first Space) alone, on again; then with Bruce01 both off, and a validation
    press(window, qtbot, "instance:Chair")  # a plain click: Chair alone
    qtbot.waitUntil(lambda: overview.selectedIds == ids(window, "Chair") and not bar.isVisible(), timeout=3000)
    key(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: heard[-1:] == [("Chair", True)], timeout=5000)
    press(window, qtbot, "instance:Bruce01", CTRL)
    key(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: sorted(heard[-2:]) == [("Bruce01", False), ("Chair", False)], timeout=5000)
    lines = len(window.controller.models.terminal_model.items())
    key(window, Qt.Key.Key_V, CTRL | SHIFT)
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Validation"), timeout=30000)
    processed = {i["name"] for i in model.items() if i["processed"] and not i["isContext"]}
    assert {"Peter01", "Table"} <= processed and not processed & {"Chair", "Bruce01"}  # the host left them out
    assert not {instance for _, instance in ran_pairs(window, lines)} & {"Chair", "Bruce01"}


def test_keys_extend_select_all_and_open_the_menus_and_come_back(window, qtbot):
    overview = window.controller.models.overview
    instances = find(window, "instanceList")
    order = shown(window)
    press(window, qtbot, "instance:" + order[1])
    qtbot.waitUntil(instances.hasActiveFocus, timeout=3000)
    key(window, Qt.Key.Key_Down, SHIFT)
    key(window, Qt.Key.Key_Down, SHIFT)
    qtbot.waitUntil(lambda: selected_labels(window) == order[1:4], timeout=3000)
    key(window, Qt.Key.Key_Up, SHIFT)
    qtbot.waitUntil(lambda: selected_labels(window) == order[1:3], timeout=3000)
    assert window.controller.models.instance_model.item(overview.selectedId)["label"] == order[2]  # current
    key(window, Qt.Key.Key_A, CTRL)
    qtbot.waitUntil(lambda: selected_labels(window) == order, timeout=3000)
    qtbot.waitUntil(lambda: drawn_selected(window) >= {"Chair", "Table", "shotCamera"}, timeout=3000)
    key(window, Qt.Key.Key_Escape)  # only the current row stays
    qtbot.waitUntil(lambda: selected_labels(window) == [order[2]], timeout=3000)
    # Menu opens the current row's menu at the row; the keys move in it; Esc gives them back to the list
    key(window, Qt.Key.Key_Menu)
    menu = popup(window, qtbot, "instanceMenu")
    row = body(window, "instance:" + order[2])
    top, bottom = row.mapToScene(row.boundingRect().topLeft()).y(), row.mapToScene(row.boundingRect().bottomLeft()).y()
    frame = menu.property("contentItem")
    menu_top = frame.mapToScene(frame.boundingRect().topLeft()).y()
    assert top - frame.height() - 12 <= menu_top <= bottom + 12, (top, bottom, menu_top)  # at the row (or above it)
    qtbot.waitUntil(lambda: menu.property("activeFocus") or any(
        item.hasActiveFocus() for item in walk(menu.property("contentItem"))), timeout=3000)
    key(window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: menu.property("currentIndex") >= 0, timeout=3000)
    highlighted = menu.property("currentIndex")
    key(window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: menu.property("currentIndex") != highlighted, timeout=3000)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible") and instances.hasActiveFocus(), timeout=3000)
    # Shift+F10 does the same; with a multi-selection the menu acts on it: Enter on "Toggle selected"
    key(window, Qt.Key.Key_Down, SHIFT)
    qtbot.waitUntil(lambda: overview.selectionCount == 2, timeout=3000)
    labels = selected_labels(window)
    before = {i: window.controller.models.instance_model.item(i)["isToggled"] for i in overview.selectedIds}
    key(window, Qt.Key.Key_F10, SHIFT)
    menu = popup(window, qtbot, "instanceMenu")
    items = entries(menu)
    assert items["toggleSelectedItem"].property("text") == "Toggle selected (2)"
    key(window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: items["toggleSelectedItem"].property("highlighted") is True, timeout=3000)
    key(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not menu.property("visible") and instances.hasActiveFocus(), timeout=3000)
    optional = [i for i in before if window.controller.models.instance_model.item(i)["optional"]]
    target = not all(before[i] for i in optional)
    qtbot.waitUntil(lambda: all(window.controller.models.instance_model.item(i)["isToggled"] == target
                                for i in optional), timeout=3000)
    assert selected_labels(window) == labels  # the selection stays for the next step
    # Ctrl+Menu: the current row's section menu
    key(window, Qt.Key.Key_Menu, CTRL)
    menu = popup(window, qtbot, "toggleMenu")
    section = window.controller.models.instance_model.item(overview.selectedId)["category"]
    assert menu.property("section") == section
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible") and instances.hasActiveFocus(), timeout=3000)


def test_plugin_menu_on_a_selection_toggles_it_and_sanity_checks_its_validators(window, qtbot):
    overview = window.controller.models.overview
    select(window, qtbot, "plugin:Normals face outward", "plugin:Heavy geometry check", "plugin:Notify production")
    assert find(window, "selectionCount").property("text") == "3 plugins selected"
    press(window, qtbot, "plugin:Heavy geometry check", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    assert overview.selectionCount == 3  # a right-click on a selected row keeps the selection
    items = entries(menu)
    assert items["toggleSelectedItem"].property("text") == "Toggle selected (3)"
    assert items["sanitySelectedItem"].property("text") == "Sanity check 2 validators"
    ARTIFACTS.mkdir(exist_ok=True)
    window.window.grabWindow().save(str(ARTIFACTS / "multiselect-plugin-menu.png"))
    lines = len(window.controller.models.terminal_model.items())
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(items["sanitySelectedItem"]))
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Sanity"), timeout=15000)
    assert {plugin for plugin, _ in ran_pairs(window, lines)} == {"Normals face outward", "Heavy geometry check"}
    # Run selected: exactly the three selected plugins, the integrator too (the artist asked for it)
    plugins = window.controller.models.plugin_model
    press(window, qtbot, "plugin:Heavy geometry check", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    assert overview.selectionCount == 3
    run_selected = entries(menu)["runSelectedItem"]
    assert run_selected.property("text") == "Run selected (3)"
    started = time.time()
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(run_selected))
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("The selected plugins"),
                    timeout=15000)
    assert {p["label"] for p in plugins.items() if (p.get("lastRun") or 0) >= started} == {
        "Normals face outward", "Heavy geometry check", "Notify production"}
    # Toggle selected from the menu: all three are on, so all go off (in the plugin model and the host)
    press(window, qtbot, "plugin:Notify production", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(entries(menu)["toggleSelectedItem"]))
    plugins = window.controller.models.plugin_model
    qtbot.waitUntil(lambda: not any(plugins.item(i)["isToggled"] for i in overview.selectedIds), timeout=3000)
    lines = len(window.controller.models.terminal_model.items())
    key(window, Qt.Key.Key_V, CTRL | SHIFT)  # a validation leaves the unticked validators out
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Validation"), timeout=30000)
    ran = {p["label"] for p in plugins.items() if p["processed"]}
    assert "Naming convention" in ran and not ran & {"Normals face outward", "Heavy geometry check"}
    assert not {plugin for plugin, _ in ran_pairs(window, lines)} & {"Normals face outward", "Heavy geometry check"}
    press(window, qtbot, "plugin:Normals face outward", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(entries(menu)["toggleSelectedItem"]))
    qtbot.waitUntil(lambda: all(plugins.item(i)["isToggled"] for i in overview.selectedIds), timeout=3000)


def test_instance_menu_on_a_selection_runs_one_plugin_on_the_selected_instances(window, qtbot):
    select(window, qtbot, "instance:Chair", "instance:Table", "instance:Bruce01")
    press(window, qtbot, "instance:Table", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "instanceMenu")
    items = entries(menu)
    heading = next(item for item in items.values() if item.property("heading") and item.isVisible())
    assert heading.property("text") == "Run on the 3 selected"
    assert items["runOn:Normals face outward"].property("text") == "Normals face outward (2)"  # models only
    assert items["runOn:Naming convention"].property("text") == "Naming convention (1)"  # rigs only
    assert items["runOn:Heavy geometry check"].property("text") == "Heavy geometry check (3)"
    lines = len(window.controller.models.terminal_model.items())
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(items["runOn:Normals face outward"]))
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Plugin"), timeout=15000)
    assert ran_pairs(window, lines) == {("Normals face outward", "Chair"), ("Normals face outward", "Table")}


def test_a_reset_keeps_the_selection_by_name_and_a_search_narrows_it(window, qtbot):
    overview = window.controller.models.overview
    select(window, qtbot, "instance:Chair", "instance:Bruce01", "instance:shotCamera")
    old = set(overview.selectedIds)
    key(window, Qt.Key.Key_R, CTRL)
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and window.controller.run.last_op == "reset"
                    and not old & set(overview.selectedIds), timeout=30000)
    assert sorted(selected_labels(window)) == ["Bruce01", "Chair", "shotCamera"]  # new ids, the same rows
    assert window.controller.models.instance_model.item(overview.selectedId)["name"] == "shotCamera"
    qtbot.waitUntil(lambda: drawn_selected(window) == {"Bruce01", "Chair", "shotCamera"}, timeout=3000)
    window.controller.models.instances.filterText = "a"  # Chair, shotCamera, not Bruce01
    qtbot.waitUntil(lambda: sorted(selected_labels(window)) == ["Chair", "shotCamera"], timeout=3000)
    window.controller.models.instances.filterText = ""
    window.controller.models.plugins.filterText = ""


def show_a_selection(ui, qtbot, width: int, height: int, theme: str) -> list[str]:
    """Three rows at the top of the instances selected (a click, then Shift+click); their labels."""
    ui.controller.preferences.setTheme(theme)
    ui.window.resize(width, height)
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (width, height), timeout=3000)
    order = shown(ui)[1:4]  # after the Context: in view at every size
    press(ui, qtbot, "instance:" + order[0])
    press(ui, qtbot, "instance:" + order[2], SHIFT)
    qtbot.waitUntil(lambda: ui.controller.models.overview.selectionCount == 3, timeout=3000)
    qtbot.waitUntil(lambda: find(ui, "selectionBar").isVisible(), timeout=3000)
    QTest.mouseMove(ui.window, QPoint(width - 5, height // 2))
    return order


@pytest.mark.parametrize("width,height,theme", [(430, 600, "dark"), (430, 600, "light"), (1200, 700, "dark"),
                                                (1200, 700, "light")])
def test_a_multi_selection_is_drawn_and_counted_at_every_size(window, qtbot, width, height, theme, docs_image):
    order = show_a_selection(window, qtbot, width, height, theme)
    bar = find(window, "selectionBar")
    assert bar.width() < width and find(window, "toggleSelectedButton").isVisible()
    for name in ("toggleSelectedButton", "clearSelectionButton"):
        interface = QAccessible.queryAccessibleInterface(find(window, name))
        assert interface.role() == QAccessible.Role.Button and interface.text(QAccessible.Text.Name)
    interface = QAccessible.queryAccessibleInterface(bar)
    assert interface.role() == QAccessible.Role.StatusBar and interface.text(QAccessible.Text.Name) == \
        "3 instances selected"
    assert QAccessible.queryAccessibleInterface(find(window, "instanceList")).text(
        QAccessible.Text.Description) == "3 selected"
    qtbot.waitUntil(lambda: drawn_selected(window) == set(order), timeout=3000)
    press(window, qtbot, "instance:" + order[1], button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "instanceMenu")
    qtbot.wait(200)  # the menu's open transition, before the picture
    picture = "multiselect-%dx%d-%s.png" % (width, height, theme)
    ARTIFACTS.mkdir(exist_ok=True)
    window.window.grabWindow().save(str(ARTIFACTS / picture))
    if (width, theme) == (1200, "dark"):
        window.window.grabWindow().save(docs_image("multiselect.png"))
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible"), timeout=3000)
    click_clear = find(window, "clearSelectionButton")
    QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, NONE, centre(click_clear))
    qtbot.waitUntil(lambda: window.controller.models.overview.selectionCount == 1 and not bar.isVisible(), timeout=3000)
    window.controller.preferences.setTheme("dark")
    window.window.resize(880, 640)
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "overviewSplit") is not None, timeout=3000)


def test_the_menus_do_not_take_the_selection_from_another_list(window, qtbot):
    """A plugin row's menu on a row outside the selection: that row alone, as a plain click."""
    overview = window.controller.models.overview
    press(window, qtbot, "instance:Chair")
    press(window, qtbot, "instance:Bruce01", CTRL)
    press(window, qtbot, "plugin:Normals face outward", button=Qt.MouseButton.RightButton)
    menu = popup(window, qtbot, "actionsMenu")
    assert overview.selectedKind == "plugin" and overview.selectionCount == 1
    assert "toggleSelectedItem" not in entries(menu) and "sanitySelectedItem" not in entries(menu)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not menu.property("visible") and find(window, "pluginList").hasActiveFocus(), timeout=3000)
    assert window.window.findChild(QObject, "instanceMenu").property("visible") is False
