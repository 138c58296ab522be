"""Small defects of issue 23 (point 7) with the keyboard, in the real window (Xvfb, the demo host):
Comment opens with the keys in it (a typed space is the comment's, not the button's); after
Enter ▸ Perspective ▸ Esc the list has the keys again; the page tabs are reachable with Tab and
open with Space; the tabs, the host's name and the File menu show a focus ring.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from window_helpers import click, close_to, colour, find, focus_of, key, needs_display, type_text

pytestmark = needs_display
WINDOW = "demo"


def ring(ui, item) -> bool:
    """The item draws a focus ring: its edge, on screen, is drawn in the focus colour."""
    frame = ui.window.grabWindow()
    corner = item.mapToScene(QPointF(0, 0))
    edge = [frame.pixelColor(int(corner.x() + x), int(corner.y()) + 1) for x in range(4, int(item.width()) - 4)]
    return item.property("visualFocus") is True and sum(close_to(c, colour(ui, "focusRing"), 30) for c in edge) > 6


def test_comment_opens_with_the_keys_and_a_space_stays_in_it(window, qtbot):
    button = find(window, "commentButton")
    click(window, button)
    box = find(window, "commentBox")
    qtbot.waitUntil(lambda: box.isVisible() and box.hasActiveFocus(), timeout=3000)
    type_text(window, "fix uv")  # no click into the box first: the space used to close it
    qtbot.waitUntil(lambda: window.controller.comment == "fix uv", timeout=3000)
    assert box.isVisible()
    box.setProperty("text", "")
    qtbot.waitUntil(lambda: window.controller.comment == "", timeout=3000)
    click(window, button)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)


def test_back_from_a_perspective_the_list_has_the_keys(window, qtbot):
    click(window, find(window, "instance:Chair"))
    instances = find(window, "instanceList")
    qtbot.waitUntil(instances.hasActiveFocus, timeout=3000)
    key(window, Qt.Key.Key_Return)
    stack = find(window, "overviewStack")
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: stack.property("depth") == 1 and not stack.property("busy"), timeout=3000)
    qtbot.waitUntil(instances.hasActiveFocus, timeout=3000)  # not 7 Tabs away
    assert find(window, "focusRing", instances).isVisible()
    key(window, Qt.Key.Key_Down)  # and the keys work at once
    qtbot.waitUntil(lambda: window.controller.models.instance_model.item(
        window.controller.models.overview.selectedId)["name"] != "Chair", timeout=3000)


def test_the_tabs_are_reachable_by_keyboard_and_every_header_stop_shows_a_ring(window, qtbot):
    click(window, find(window, "instance:Chair"))
    seen = {}
    for _ in range(40):
        key(window, Qt.Key.Key_Tab)
        qtbot.wait(10)
        item = focus_of(window)
        name = item.objectName() if item is not None else ""
        if name.startswith("tab:") or name in ("reportMenuButton", "hostMenuButton", "themeButton"):
            seen[name] = ring(window, item)
    assert {"tab:Overview", "tab:Report", "tab:History", "reportMenuButton", "hostMenuButton"} <= set(seen), seen
    assert all(seen.values()), seen  # each shows where the keys are
    while focus_of(window).objectName() != "tab:History":
        key(window, Qt.Key.Key_Tab)
    key(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: find(window, "tabs").property("currentIndex") == 4, timeout=3000)
