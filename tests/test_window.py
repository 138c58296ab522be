"""The real QML window against the real --debug mock host, driven with mouse and keyboard events.

Runs under Xvfb (scripts/test); screenshots of every test go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from helpers import REPO, free_port
from PySide6.QtCore import QMetaObject, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.demo import start_mock_host, stop_mock_host

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")
ARTIFACTS = REPO / "test-artifacts"

FAILED = QColor("#e06c75")
PASSED = QColor("#7cc67a")


@contextlib.contextmanager
def demo_window(qapp, preferences: Path, **settings):
    """A real UI in this process showing the demo host (what ``--debug`` starts), then closed."""
    application = Application(free_port(), mode="debug", app=qapp, preferences=Preferences(preferences))
    application.start()
    host_port = start_mock_host(application.port)
    application.controller.show_host(host_port, {"ContextLabel": "Demo", **settings})
    try:
        yield application
    finally:
        stop_mock_host()
        application.shutdown()


@pytest.fixture(scope="module")
def ui(qapp, tmp_path_factory):
    with demo_window(qapp, tmp_path_factory.mktemp("prefs") / "settings.json", WindowSize=[880, 640]) as application:
        yield application


@pytest.fixture
def window(ui, qtbot, request):
    """A freshly collected window, on the Overview tab; a screenshot is saved afterwards."""
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    status = controller.status
    if status.progress or controller.models.instances.rowCount() == 0 or status.state != State.Ready:
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.models.instances.rowCount() > 1,
                        timeout=20000)
    stack = find(ui, "overviewStack")
    while stack.property("depth") > 1:
        QMetaObject.invokeMethod(stack, "pop")
        qtbot.waitUntil(lambda: not stack.property("busy"), timeout=3000)
    find(ui, "tabs").setProperty("currentIndex", 0)
    qtbot.waitExposed(ui.window)
    yield ui
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))


def walk(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from walk(child)


def lookup(root: QQuickItem, name: str) -> QQuickItem | None:
    """Items by objectName through the visual tree (delegates are not QObject children)."""
    return next((item for item in walk(root) if item.objectName() == name), None)


def find(ui, name: str, root: QQuickItem | None = None) -> QQuickItem:
    item = lookup(root or ui.window.contentItem().window().contentItem(), name)
    if item is None and root is None:  # popups (menus, dialogs) live in the overlay
        item = ui.window.findChild(QQuickItem, name)
    assert item is not None, "no item named %r" % name
    return item


def centre(item: QQuickItem) -> QPoint:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return QPoint(int(point.x()), int(point.y()))


def click(ui, item: QQuickItem, button=Qt.MouseButton.LeftButton, qtbot=None) -> None:
    assert item.isVisible(), "%s is not visible" % item.objectName()
    QTest.mouseClick(ui.window, button, Qt.KeyboardModifier.NoModifier, centre(item))


def row(ui, name: str) -> QQuickItem:
    return find(ui, name)


def check_of(ui, row_name: str) -> QQuickItem:
    return find(ui, "statusCheck", row(ui, row_name))


def type_text(ui, text: str) -> None:
    """Real key presses into the focused field (QTest.keyClicks takes widgets only)."""
    for char in text:
        QTest.keyClick(ui.window, char)


def pixel(ui, item: QQuickItem) -> QColor:
    return ui.window.grabWindow().pixelColor(centre(item))


def darkest(ui, item: QQuickItem) -> int:
    """The lowest lightness inside an item's box on screen: is anything dark drawn there?"""
    frame = ui.window.grabWindow()
    corner = item.mapToScene(QPointF(0, 0))
    return min(frame.pixelColor(int(corner.x()) + x, int(corner.y()) + y).lightness()
               for x in range(int(item.width())) for y in range(int(item.height())))


def close_to(a: QColor, b: QColor, tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in ((a.red(), b.red()), (a.green(), b.green()),
                                                      (a.blue(), b.blue())))


def publish_with_the_button(ui, qtbot) -> None:
    click(ui, find(ui, "publishButton"))
    status = ui.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)
    tabs = find(ui, "tabs")
    if ui.controller.models.report_model.failed:  # a failed run shows its report: back to the lists
        qtbot.waitUntil(lambda: tabs.property("currentIndex") == 2, timeout=3000)
        click(ui, find(ui, "tab:Overview"))
        qtbot.waitUntil(lambda: tabs.property("currentIndex") == 0, timeout=3000)


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


def test_perspective_of_a_failed_validator_shows_its_error(window, qtbot, docs_image):
    publish_with_the_button(window, qtbot)
    target = row(window, "plugin:Normals face outward")
    click(window, find(window, "perspectiveButton", target))
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "perspective") is not None, timeout=3000)
    page = find(window, "perspective")
    assert find(window, "perspectiveTitle").property("text") == "Normals face outward"
    assert "outward" in find(window, "documentation", page).property("text")
    qtbot.waitUntil(lambda: lookup(page, "perspectiveError") is not None, timeout=3000)
    error = find(window, "perspectiveError", page)
    assert "flipped normals" in error.property("text")
    qtbot.waitUntil(lambda: not find(window, "overviewStack").property("busy"), timeout=3000)  # pushed
    qtbot.wait(150)  # let the progress bar's own animation settle before the picture
    window.window.grabWindow().save(docs_image("perspective.png"))
    click(window, find(window, "backButton"))
    qtbot.waitUntil(lambda: find(window, "overviewStack").property("depth") == 1, timeout=3000)


def test_perspective_lists_thousands_of_records_virtualised(window, qtbot):
    """A chatty plugin's page stays light: only the visible records get delegates."""
    publish_with_the_button(window, qtbot)
    plugin = next(i for i in window.controller.models.plugin_model.items() if i["label"] == "Log at every level")
    logged = window.controller.models.itemLog
    window.controller.models.itemLog.itemFilter = plugin["id"]
    before = logged.rowCount()
    assert before >= 50  # what the real plugin logged in the host
    window.controller.models.terminal_model.append_items(
        {"id": "bulk%d" % i, "kind": "record", "levelno": 20, "levelname": "INFO", "message": "bulk %d" % i,
         "logger": "pyblish", "pluginId": plugin["id"], "pluginLabel": plugin["label"], "instanceId": "",
         "instanceLabel": "", "module": "m", "filename": "f.py", "pathname": "/f.py", "lineno": i,
         "funcName": "process", "threadName": "MainThread", "created": 0.0, "excText": ""} for i in range(3000))
    click(window, find(window, "perspectiveButton", row(window, "plugin:Log at every level")))
    qtbot.waitUntil(lambda: lookup(window.window.contentItem(), "perspectiveRecords") is not None, timeout=3000)
    records = find(window, "perspectiveRecords")
    qtbot.waitUntil(lambda: records.property("count") == before + 3000, timeout=3000)
    alive = sum(1 for item in walk(records) if item.objectName() == "perspectiveRecord")
    assert 0 < alive < 100
    qtbot.waitUntil(lambda: not find(window, "overviewStack").property("busy"), timeout=3000)  # laid out
    QMetaObject.invokeMethod(records, "positionViewAtEnd")
    qtbot.waitUntil(lambda: any(item.property("text") == "bulk 2999" for item in walk(records)
                                if item.objectName() == "perspectiveRecord"), timeout=3000)
    click(window, find(window, "backButton"))
    qtbot.waitUntil(lambda: find(window, "overviewStack").property("depth") == 1, timeout=3000)


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


def test_search_narrows_both_lists(window, qtbot):
    field = find(window, "searchField")
    click(window, field)
    type_text(window, "peter")
    qtbot.waitUntil(lambda: window.controller.models.instances.rowCount() == 2, timeout=3000)  # Peter01, PeterLook
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.controller.models.instances.rowCount() > 2, timeout=3000)


def test_terminal_filters_and_copies(window, qtbot):
    publish_with_the_button(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    terminal = window.controller.models.terminal
    everything = terminal.rowCount()
    click(window, find(window, "level:debug"))
    qtbot.waitUntil(lambda: terminal.rowCount() < everything, timeout=3000)
    assert not terminal.levelEnabled("debug")
    click(window, find(window, "terminalFilter"))
    type_text(window, "flipped")
    qtbot.waitUntil(lambda: terminal.rowCount() == 1, timeout=3000)
    click(window, find(window, "copyAll"))
    text = QGuiApplication.clipboard().text()
    assert "Chair has 12 flipped normals" in text and "AssertionError" in text
    # a double click opens the row's details: where it was raised
    error = next(item for item in walk(find(window, "terminalList")) if item.objectName() == "terminalRow"
                 and item.isVisible())
    QTest.mouseDClick(window.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(error))
    qtbot.waitUntil(lambda: error.property("expanded") is True, timeout=3000)
    details = error.property("details")
    assert "function process" in details and "validate.py" in details
    assert "logger pyblish.ValidateNormals" in details and "thread -" not in details
    # without the text filter (debug still off), keep a picture of the terminal
    find(window, "terminalFilter").setProperty("text", "")
    qtbot.waitUntil(lambda: terminal.rowCount() > 1, timeout=3000)
    click(window, find(window, "level:debug"))
    qtbot.waitUntil(lambda: terminal.rowCount() == everything, timeout=3000)
    click(window, find(window, "tab:Overview"))


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


def test_terminal_rows_select_with_click_shift_ctrl_and_copy(window, qtbot):
    publish_with_the_button(window, qtbot)
    click(window, find(window, "tab:Terminal"))
    terminal = window.controller.models.terminal
    terminal.filterText = ""
    qtbot.waitUntil(lambda: terminal.rowCount() > 4, timeout=3000)
    listing = find(window, "terminalList")
    listing.setProperty("follow", False)  # stay at the top while we click there

    def rows() -> dict[int, QQuickItem]:
        top, bottom = listing.property("contentY"), listing.property("contentY") + listing.height()
        return {item.property("index"): item for item in walk(listing) if item.objectName() == "terminalRow"
                and item.isVisible() and top <= item.y() and item.y() + item.height() <= bottom}

    def press(row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        QMetaObject.invokeMethod(listing, "positionViewAtBeginning")
        qtbot.waitUntil(lambda: row in rows(), timeout=3000)
        item = rows()[row]
        point = item.mapToScene(QPointF(item.width() / 2, 8))
        QTest.mouseClick(window.window, Qt.MouseButton.LeftButton, modifier, QPoint(int(point.x()), int(point.y())))

    press(0)
    press(3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0, 1, 2, 3], timeout=3000)
    press(1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0, 2, 3], timeout=3000)
    qtbot.waitUntil(lambda: {1, 2} <= set(rows()) and rows()[2].property("selected") is True
                    and rows()[1].property("selected") is False, timeout=3000)
    QTest.keyClick(window.window, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    messages = [terminal.index(r, 0).data(window.controller.models.terminal_model.role("message")) for r in (0, 2, 3)]
    qtbot.waitUntil(lambda: all(m in QGuiApplication.clipboard().text() for m in messages), timeout=3000)
    assert terminal.index(1, 0).data(window.controller.models.terminal_model.role("message")) not in \
        QGuiApplication.clipboard().text().splitlines()
    QTest.keyClick(window.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: terminal.selected_rows() == list(range(terminal.rowCount())), timeout=3000)
    press(0)  # a plain click selects that row alone again
    qtbot.waitUntil(lambda: terminal.selected_rows() == [0], timeout=3000)
    listing.setProperty("follow", True)
    click(window, find(window, "tab:Overview"))


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
