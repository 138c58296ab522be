"""Accessibility at the default 430×600 (Xvfb): a publish with the keyboard only, WCAG AA contrast in
both themes, every control named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from window_helpers import click, colour, contrast, focus_of, key, needs_display, theme, walk
from window_helpers import find_visible as find
from window_helpers import publish_with_the_button as publish

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "default"

BACKGROUNDS = ("window", "panel", "raised", "hover", "selected")

TEXT = ("text", "dim", "accent", "warningText", "failedText", "critical")  # body text and level colours

STATUS = ("idle", "running", "passed", "warning", "failed", "focusRing")  # boxes, bars, rings: 3:1

SECONDARY = ("faint",)  # placeholders and disabled text (WCAG exempts disabled): still 3:1

CONTROLS = ("QQuickAbstractButton", "QQuickTextInput", "QQuickTextField", "QQuickTextArea", "QQuickListView")


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
