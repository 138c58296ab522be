"""The artist-grade window (issue 14's defects): the real QML window against the real --debug mock
host, driven with real mouse and key events under Xvfb, at the default 430×600 and wide.

Screenshots of every test go to test-artifacts/; the README's go to docs/ only with
PYBLISH_QML_UPDATE_DOCS=1 (see the ``docs_image`` fixture).
"""

from __future__ import annotations

import os

import pytest
from helpers import REPO
from PySide6.QtCore import QMetaObject, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from test_window import centre, click, close_to, demo_window, walk
from test_window import publish_with_the_button as publish

from pyblish_qml.app.application import fit_geometry
from pyblish_qml.app.live.state import State

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")
ARTIFACTS = REPO / "test-artifacts"
ROW = 26  # Theme.rowHeight
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture(scope="module")
def ui(qapp, tmp_path_factory):
    with demo_window(qapp, tmp_path_factory.mktemp("prefs") / "settings.json") as application:
        yield application


def resize(ui, qtbot, width: int, height: int) -> None:
    ui.window.resize(width, height)
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == (width, height), timeout=3000)
    qtbot.wait(50)  # one frame for the layouts (polish) to follow the new size


@pytest.fixture
def window(ui, qtbot, request):
    """A freshly collected window at the documented default 430×600, dark, on the Overview."""
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    if controller.status.progress or controller.models.instances.rowCount() == 0 or controller.run.last_op != "reset":
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.models.instances.rowCount() > 1
                        and controller.run.last_op == "reset", timeout=20000)
    controller.preferences.setTheme("dark")
    stack = find(ui, "overviewStack")
    while stack.property("depth") > 1:
        QMetaObject.invokeMethod(stack, "pop")
        qtbot.waitUntil(lambda: not stack.property("busy"), timeout=3000)
    find(ui, "tabs").setProperty("currentIndex", 0)
    find(ui, "searchField").setProperty("text", "")
    controller.models.overview.select("", "")
    ui.window.show()
    resize(ui, qtbot, 430, 600)
    qtbot.waitExposed(ui.window)
    yield ui
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))




def lookup(root: QQuickItem, name: str, visible_only: bool = False) -> QQuickItem | None:
    return next((item for item in walk(root) if item.objectName() == name
                 and (not visible_only or item.isVisible())), None)


def find(ui, name: str, root: QQuickItem | None = None):
    item = lookup(root or ui.window.contentItem(), name, visible_only=True) or lookup(root or ui.window.contentItem(),
                                                                                      name)
    if item is None:  # popups (menus, dialogs, tooltips) are not in the item tree
        item = (root or ui.window).findChild(QObject, name)
    assert item is not None, "no item named %r" % name
    return item


def rect(item: QQuickItem) -> tuple[float, float, float, float]:
    corner = item.mapToScene(QPointF(0, 0))
    return corner.x(), corner.y(), item.width(), item.height()


def inside_window(ui, item: QQuickItem) -> bool:
    x, y, w, h = rect(item)
    return x >= 0 and y >= 0 and x + w <= ui.window.width() + 0.5 and y + h <= ui.window.height() + 0.5






def key(ui, code, modifier=NONE) -> None:
    QTest.keyClick(ui.window, code, modifier)


def check_of(ui, row_name: str) -> QQuickItem:
    return find(ui, "statusCheck", find(ui, row_name))




def theme(ui) -> QObject:
    return ui.engine.singletonInstance("Pyblish", "Theme")


def colour(ui, name: str) -> QColor:
    return QColor(theme(ui).property(name))




# 1 ------------------------------------------------------------------------------------------------

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


# 2 ------------------------------------------------------------------------------------------------

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


# 3 ------------------------------------------------------------------------------------------------

def test_a_failed_run_colours_the_bar_and_makes_validate_the_primary_button(window, qtbot, docs_image):
    """Also the README's first picture: 430×600 after a publish with a failed validator."""
    publish_button, validate_button = find(window, "publishButton"), find(window, "validateButton")
    assert publish_button.property("drawnFilled") is True and validate_button.property("drawnFilled") is False
    publish(window, qtbot)
    assert window.controller.status.outcome == "failed"
    bar = find(window, "progressBar").property("contentItem")
    qtbot.waitUntil(lambda: close_to(QColor(bar.property("color")), colour(window, "failed"), 0), timeout=3000)
    frame = window.window.grabWindow()
    x, y, w, h = rect(bar)
    assert close_to(frame.pixelColor(int(x + w / 2), int(y + h / 2)), colour(window, "failed"))
    assert window.controller.status.primaryAction == "validate"
    assert validate_button.property("drawnFilled") is True and publish_button.property("drawnFilled") is False
    assert inside_window(window, find(window, "stopButton"))
    QTest.mouseMove(window.window, QPoint(200, 300))
    qtbot.wait(300)  # the status text fades in; take the picture once it has
    window.window.grabWindow().save(docs_image("overview.png"))


def test_a_passing_validation_colours_the_bar_by_its_warnings(window, qtbot):
    click(window, check_of(window, "plugin:Normals face outward"))  # the failing one, optional: off
    click(window, find(window, "validateButton"))
    status = window.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)
    assert status.outcome == "warning"  # the frame range validator warns
    bar = find(window, "progressBar").property("contentItem")
    qtbot.waitUntil(lambda: close_to(QColor(bar.property("color")), colour(window, "warning"), 0), timeout=3000)
    assert status.primaryAction == "publish" and find(window, "publishButton").property("drawnFilled") is True
    click(window, check_of(window, "plugin:Normals face outward"))


# 6 ------------------------------------------------------------------------------------------------

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


# 7 ------------------------------------------------------------------------------------------------

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


# 8 ------------------------------------------------------------------------------------------------

def focus_of(ui) -> QQuickItem | None:
    return ui.window.activeFocusItem()


def test_keyboard_only_publish(window, qtbot):
    """No mouse at all: Ctrl+F, Tab into the lists, arrows, Space, Enter, Esc, Tab to Publish, Space."""
    controller, overview = window.controller, window.controller.models.overview
    key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: find(window, "searchField").hasActiveFocus(), timeout=3000)
    key(window, Qt.Key.Key_Tab)
    instances = find(window, "instanceList")
    qtbot.waitUntil(lambda: instances.hasActiveFocus(), timeout=3000)
    assert find(window, "focusRing", instances).isVisible()  # a visible focus ring
    assert overview.selectedKind == "instance"  # the first row is selected on entering the list
    first = overview.selectedId
    key(window, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: overview.selectedId != first, timeout=3000)
    key(window, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: overview.selectedId == first, timeout=3000)
    model = controller.models.instance_model
    # Down to Chair (optional), toggle it off and on with Space
    for _ in range(12):
        if model.item(overview.selectedId)["name"] == "Chair":
            break
        key(window, Qt.Key.Key_Down)
    chair = model.item(overview.selectedId)
    assert chair["name"] == "Chair"
    key(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: model.item(chair["id"])["isToggled"] is False, timeout=3000)
    key(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: model.item(chair["id"])["isToggled"] is True, timeout=3000)
    # Enter opens its Perspective page, Esc comes back
    key(window, Qt.Key.Key_Return)
    stack = find(window, "overviewStack")
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    assert find(window, "perspectiveTitle").property("text") == "Chair"
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: stack.property("depth") == 1 and not stack.property("busy"), timeout=3000)
    # Tab on to the plugins, then to the Publish button, and press it with Space
    publish_button = find(window, "publishButton")
    for _ in range(20):
        if publish_button.hasActiveFocus():
            break
        key(window, Qt.Key.Key_Tab)
        qtbot.wait(10)
    assert publish_button.hasActiveFocus(), "Tab never reached Publish (focus: %r)" % focus_of(window)
    assert publish_button.property("visualFocus") is True
    key(window, Qt.Key.Key_Space)
    status = controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)
    assert controller.run.last_op == "publish" and controller.run.run_failed  # the demo's Chair fails


# 9 ------------------------------------------------------------------------------------------------

def test_close_while_validating_asks_with_a_default_and_a_destructive_choice_and_follows_the_run(window, qtbot):
    status = window.controller.status
    click(window, find(window, "validateButton"))
    qtbot.waitUntil(lambda: status.isRunning, timeout=3000)
    window.window.close()
    dialog = window.window.findChild(QObject, "confirmClose")
    qtbot.waitUntil(lambda: dialog.property("opened") is True, timeout=3000)
    assert dialog.property("title") == "A validation is running"
    keep, stop = find(window, "keepRunning"), find(window, "stopAndClose")
    qtbot.waitUntil(lambda: keep.hasActiveFocus(), timeout=3000)  # the default: Enter keeps running
    assert keep.property("text") != stop.property("text")
    assert close_to(QColor(stop.property("background").property("color")), colour(window, "danger"), 0)
    key(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.property("visible") is False, timeout=3000)
    assert window.window.isVisible()
    if not status.isRunning:
        click(window, find(window, "validateButton"))
        qtbot.waitUntil(lambda: status.isRunning, timeout=3000)
    window.window.close()  # ask again, then let the run end: the dialog goes by itself
    qtbot.waitUntil(lambda: dialog.property("opened") is True, timeout=3000)
    qtbot.waitUntil(lambda: status.state == State.Ready, timeout=30000)
    qtbot.waitUntil(lambda: dialog.property("visible") is False, timeout=3000)
    assert window.window.isVisible()


def test_stop_is_logged_as_information(window, qtbot):
    status = window.controller.status
    click(window, find(window, "validateButton"))
    qtbot.waitUntil(lambda: status.isRunning and window.controller.run.done > 0, timeout=10000)
    click(window, find(window, "stopButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready, timeout=30000)
    stopped = [e for e in window.controller.models.terminal_model.items() if e["message"] == "Stopped."]
    assert stopped and stopped[-1]["level"] == "info" and stopped[-1]["kind"] == "message"


# 10, 11 -------------------------------------------------------------------------------------------

def test_restored_geometry_is_fitted_to_the_screen(window, qtbot):
    available = window.window.screen().availableGeometry()
    window.preferences.set("windowGeometry", [available.right() - 50, available.bottom() - 50,
                                              available.width() * 2, available.height() * 2])
    try:
        window._restore_geometry()
        qtbot.waitUntil(lambda: window.window.height() <= available.height(), timeout=3000)
        x, y, w, h = window.window.x(), window.window.y(), window.window.width(), window.window.height()
        assert available.left() <= x and x + w <= available.right() + 1
        assert available.top() <= y and y + h <= available.bottom() + 1
        assert fit_geometry((-500, 10, 300, 200), (0, 0, 1600, 1000), (400, 420)) == (0, 10, 400, 420)
    finally:
        window.preferences.set("windowGeometry", None)
        resize(window, qtbot, 430, 600)


def test_the_window_has_a_minimum_size_where_everything_fits(window, qtbot):
    # the window manager keeps the window at least this big (Xvfb has none, so no resize below it here)
    assert (window.window.minimumWidth(), window.window.minimumHeight()) == (400, 420)
    resize(window, qtbot, 400, 420)
    for name in ("resetButton", "validateButton", "publishButton", "stopButton", "commentButton", "searchField"):
        assert inside_window(window, find(window, name)), "%s is clipped at the minimum size" % name
    assert find(window, "instanceList").height() >= 3 * ROW and find(window, "pluginList").height() >= 3 * ROW


# 12 -----------------------------------------------------------------------------------------------

def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


BACKGROUNDS = ("window", "panel", "raised", "hover", "selected")
TEXT = ("text", "dim", "accent", "warningText", "failedText", "critical")  # body text and level colours
STATUS = ("idle", "running", "passed", "warning", "failed", "focusRing")  # boxes, bars, rings: 3:1
SECONDARY = ("faint",)  # placeholders and disabled text (WCAG exempts disabled): still 3:1


@pytest.mark.parametrize("name", ["dark", "light"])
def test_every_text_and_status_colour_meets_wcag_aa_in_both_themes(window, qtbot, name):
    window.controller.preferences.setTheme(name)
    qtbot.waitUntil(lambda: theme(window).property("dark") is (name == "dark"), timeout=3000)
    failures = []
    for background in BACKGROUNDS:
        for foreground, needed in [(t, 4.5) for t in TEXT] + [(s, 3.0) for s in STATUS + SECONDARY]:
            ratio = contrast(colour(window, foreground), colour(window, background))
            if ratio < needed:
                failures.append("%s on %s: %.2f < %.1f" % (foreground, background, ratio, needed))
    # filled buttons (Publish, Stop, the dialog's Stop and close): white text on them, hovered too
    for fill in ("primary", "danger"):
        base = colour(window, fill)
        for shade in (base, base.lighter(108), base.darker(115)):
            ratio = contrast(colour(window, "onFilled"), shade)
            if ratio < 4.5:
                failures.append("onFilled on %s %s: %.2f" % (fill, shade.name(), ratio))
    assert not failures, failures
    # what is on screen: the primary Publish button's label is white on its fill
    button = find(window, "publishButton")
    assert QColor(button.property("contentItem").property("color")) == colour(window, "onFilled")
    assert QColor(button.property("background").property("color")) == colour(window, "primary")
    window.controller.preferences.setTheme("dark")


def test_light_theme_picture(window, qtbot, docs_image):
    publish(window, qtbot)
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.window.grabWindow().pixelColor(5, 300).lightness() > 200, timeout=3000)
    QTest.mouseMove(window.window, QPoint(200, 300))
    qtbot.wait(300)
    window.window.grabWindow().save(docs_image("light.png"))
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "dark", timeout=3000)


# 13 -----------------------------------------------------------------------------------------------

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


# 15 -----------------------------------------------------------------------------------------------

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


# 16 -----------------------------------------------------------------------------------------------

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


# 17 -----------------------------------------------------------------------------------------------

def test_comment_button_shows_that_a_comment_is_set(window, qtbot):
    button = find(window, "commentButton")
    assert button.isVisible() and button.property("enabled") is True and "●" not in button.property("text")
    click(window, button)
    box = find(window, "commentBox")
    qtbot.waitUntil(lambda: box.isVisible(), timeout=3000)
    click(window, box)
    for char in "wip":
        QTest.keyClick(window.window, char)
    qtbot.waitUntil(lambda: window.controller.comment == "wip", timeout=3000)
    assert "●" in button.property("text")
    box.setProperty("text", "")
    qtbot.waitUntil(lambda: window.controller.comment == "", timeout=3000)
    click(window, button)
    assert "●" not in button.property("text")


# 19 -----------------------------------------------------------------------------------------------

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


# 20 -----------------------------------------------------------------------------------------------

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


# 21, 22 -------------------------------------------------------------------------------------------

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


# 23 -----------------------------------------------------------------------------------------------

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


# accessibility --------------------------------------------------------------------------------------

CONTROLS = ("QQuickAbstractButton", "QQuickTextInput", "QQuickTextField", "QQuickTextArea", "QQuickListView")


def test_every_control_has_an_accessible_name(window, qtbot):
    publish(window, qtbot)
    unnamed = []
    for tab in ("tab:Overview", "tab:Terminal"):
        click(window, find(window, tab))
        qtbot.wait(50)
        for item in walk(window.window.contentItem()):
            if not item.isVisible() or not any(item.inherits(kind) for kind in CONTROLS):
                continue
            if item.parentItem() is not None and item.parentItem().inherits("QQuickContainer"):
                item = item.parentItem()  # a TabBar's own list: the TabBar carries the name
            interface = QAccessible.queryAccessibleInterface(item)
            name = interface.text(QAccessible.Text.Name) if interface is not None else ""
            if not name.strip():
                parent = item.parentItem()
                unnamed.append("%s %s in %s" % (item.metaObject().className(), item.objectName(),
                                                parent.objectName() or parent.metaObject().className()))
        # icon-only buttons have a tooltip too
        for item in walk(window.window.contentItem()):
            if item.isVisible() and item.inherits("QQuickAbstractButton") and not item.property("text"):
                assert item.property("tip"), "%s has neither text nor a tooltip" % item.objectName()
    click(window, find(window, "tab:Overview"))
    assert not unnamed, unnamed
    checks = [QAccessible.queryAccessibleInterface(item) for item in walk(find(window, "instanceList"))
              if item.objectName() == "statusCheck" and item.isVisible()]
    assert checks and all(c.role() == QAccessible.Role.CheckBox and c.text(QAccessible.Text.Name) for c in checks)
