"""The Overview in the real window (Xvfb) against the real --debug mock host: publish colours the rows,
toggles by click and Space, search narrows both lists, shortcuts do what the buttons do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_helpers import (
    FAILED,
    PASSED,
    check_of,
    click,
    close_to,
    find,
    needs_display,
    pixel,
    publish_with_the_button,
    type_text,
)

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"


def test_click_publish_and_rows_turn_green_and_red(window, qtbot):
    publish_with_the_button(window, qtbot)
    assert window.controller.status.message == "Stopped due to failed validation: Normals face outward failed on Chair."
    items = {i["name"]: i for i in window.controller.models.instance_model.items()}
    assert items["Chair"]["status"] == "failed" and items["Peter01"]["status"] == "passed"
    qtbot.waitUntil(lambda: close_to(pixel(window, check_of(window, "instance:Chair")), FAILED), timeout=3000)
    assert close_to(pixel(window, check_of(window, "instance:Peter01")), PASSED)
    assert close_to(pixel(window, check_of(window, "plugin:Normals face outward")), FAILED)


def test_toggle_an_instance_by_click_and_by_space(window, qtbot):
    model = window.controller.models.instance_model
    bruce = next(i for i in model.items() if i["name"] == "Bruce01")
    click(window, check_of(window, "instance:Bruce01"))
    qtbot.waitUntil(lambda: model.item(bruce["id"])["isToggled"] is False, timeout=3000)
    QTest.keyClick(window.window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: model.item(bruce["id"])["isToggled"] is True, timeout=3000)
    table = next(i for i in model.items() if i["name"] == "Table")  # not optional: stays on
    click(window, check_of(window, "instance:Table"))
    assert model.item(table["id"])["isToggled"] is True


def test_search_narrows_both_lists(window, qtbot):
    field = find(window, "searchField")
    click(window, field)
    type_text(window, "peter")
    qtbot.waitUntil(lambda: window.controller.models.instances.rowCount() == 2, timeout=3000)  # Peter01, PeterLook
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.controller.models.instances.rowCount() > 2, timeout=3000)


def test_shortcuts_trigger_the_same_actions_as_the_buttons(window, qtbot):
    status = window.controller.status
    validate = find(window, "validateButton")
    assert validate.property("enabled") is True and validate.property("text") == "Validate"
    QTest.keyClick(window.window, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Validation"), timeout=30000)
    assert status.progress > 0
    QTest.keyClick(window.window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Ready."), timeout=30000)
    assert find(window, "resetButton").property("text") == "Reset"
