"""The instance list at 3,000 rows in the real window (Xvfb, software Qt Quick), against a real host
process: every row — section header or member — is one row tall, so the list knows its exact
length; the end of the scroll bar shows the last row (the list used to estimate 27 px a row and
land past its end, from where a jump back built every row in between: docs/performance.md), a
far jump lands on the row at that height, and a collapsed section's members are not rows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from window_helpers import ROW, click, drawn, find, host_window, lookup, needs_display

from pyblish_qml.app.live.state import State

pytestmark = needs_display
ROWS = 3000


@pytest.fixture(scope="module")
def ui(qapp, tmp_path_factory):
    with host_window(qapp, tmp_path_factory.mktemp("long_list"), "long_list", {"WindowSize": [880, 640]},
                     PYBLISH_TEST_INSTANCES=str(ROWS)) as application:
        yield application


@pytest.fixture
def listing(ui, qtbot):
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset"
                    and len(controller.models.instance_model.items()) == ROWS + 1, timeout=60000)
    ui.window.show()
    qtbot.waitExposed(ui.window)
    return find(ui, "instanceList")


def shown_at(listing, y: float) -> str:
    """The objectName of the row drawn at content height ``y``."""
    rows = [i for i in listing.property("contentItem").childItems()
            if drawn(i) and i.y() <= y < i.y() + i.height() and i.objectName()]
    return rows[0].objectName() if len(rows) == 1 else ""


def test_the_list_knows_its_exact_length_and_its_end_shows_the_last_row(ui, listing, qtbot):
    rows = ui.controller.models.instanceRows
    assert rows.rowCount() == ROWS + 1 + 4  # the context and 3,000 instances under four headers
    for y in (0.0, 20000.0, 50000.0):  # wherever it is scrolled, not a guess from the rows in view
        listing.setProperty("contentY", y)
        qtbot.waitUntil(lambda: listing.property("contentHeight") == rows.rowCount() * ROW, timeout=3000)
    bar = find(ui, "scrollBar", listing)
    bar.setProperty("position", 1.0 - bar.property("size"))  # the scroll bar dragged to its end
    last = "instance:asset%05d" % (ROWS - 1)
    qtbot.waitUntil(lambda: find(ui, last, listing).isVisible(), timeout=3000)
    bottom = listing.property("contentY") + listing.height()
    assert bottom == pytest.approx(listing.property("contentHeight") + listing.property("originY"))
    assert shown_at(listing, bottom - ROW / 2) == last  # the last row at the bottom, nothing past it


def test_a_far_jump_back_from_the_end_lands_on_the_row_at_that_height(ui, listing, qtbot):
    height = ROW
    listing.setProperty("contentY", listing.property("contentHeight") - listing.height())
    qtbot.wait(50)
    keys = ui.controller.models.instanceRows.keys()
    for row in (1500, 40, 2900, 700):
        listing.setProperty("contentY", row * height)
        want = keys[row]
        assert not want.startswith("\x00")  # members, not headers, in this suite's rows
        label = ui.controller.models.instance_model.item(want)["label"]
        middle, name = row * height + height / 2, "instance:" + label
        qtbot.waitUntil(lambda m=middle, n=name: shown_at(listing, m) == n, timeout=3000)
        alive = [i for i in listing.property("contentItem").childItems() if i.objectName().startswith("instance:")]
        assert len(alive) < 80  # the rows in view and the cache buffer, not every row in between


def blank(ui, listing) -> bool:
    """Nothing drawn in the list but its background, its scroll bar aside: every pixel one colour."""
    corner = listing.mapToScene(QPointF(0, 0))
    x, y = int(corner.x()) + 3, int(corner.y()) + 3  # inside the focus ring
    picture = ui.window.grabWindow().copy(x, y, int(listing.width()) - 16, int(listing.height()) - 6)
    background = picture.pixel(0, 0)
    return all(picture.pixel(i, j) == background
               for j in range(0, picture.height(), 2) for i in range(0, picture.width(), 2))


def test_after_a_scroll_a_collapsed_sections_rows_are_not_drawn(ui, listing, qtbot):
    """A scroll of a few screens sends rows to the reuse pool; Qt keeps a pooled row in the list
    with ``visible`` true at its old place (culled). After a collapse, what the screen shows is the
    list's rows only: hide those, and nothing else is drawn (no stale member of the section)."""
    rows = ui.controller.models.instanceRows
    listing.setProperty("contentY", 0)
    qtbot.wait(50)
    for step in (1, 2, 3, 0):  # three screens down, a frame each, and back to the top
        listing.setProperty("contentY", step * listing.height())
        qtbot.wait(20)
    header = find(ui, "section:camera", listing)
    qtbot.waitUntil(lambda: drawn(header), timeout=3000)
    before = rows.rowCount()
    click(ui, header)
    qtbot.waitUntil(lambda: rows.rowCount() == before - 10, timeout=3000)
    qtbot.waitUntil(lambda: listing.property("contentHeight") == rows.rowCount() * ROW, timeout=3000)
    keys, model = rows.keys(), ui.controller.models.instance_model
    assert keys[3] == "\x00rig"  # the next section's header where the collapsed members were
    qtbot.waitUntil(lambda: shown_at(listing, 3 * ROW + ROW / 2) == "section:rig", timeout=3000)
    assert lookup(listing, "instance:asset00000", visible_only=True) is None
    held = [i for i in listing.property("contentItem").childItems() if drawn(i) and i.objectName()]
    for item in held:  # each row the list holds shows the item of its place
        key = keys[round(item.y() / ROW)]
        want = "section:" + key.strip("\x00\x01") if key.startswith("\x00") else "instance:" + model.item(key)["label"]
        assert item.objectName() == want
    stale = [i for i in listing.property("contentItem").childItems()
             if i.isVisible() and not drawn(i) and i.objectName() == "instance:asset00000"]
    assert stale, "the pooled row this test is about is not there: the test no longer tests it"
    assert not blank(ui, listing)  # the rows are drawn, and the check sees them
    for item in held:
        item.setOpacity(0.0)
    try:
        qtbot.waitUntil(lambda: blank(ui, listing), timeout=3000)  # pooled rows (visible, culled) not drawn
    finally:
        for item in held:
            item.setOpacity(1.0)
    click(ui, find(ui, "section:camera", listing))
    qtbot.waitUntil(lambda: rows.rowCount() == before, timeout=3000)
    qtbot.waitUntil(lambda: shown_at(listing, 3 * ROW + ROW / 2) == "instance:asset00000", timeout=3000)


def test_a_collapsed_section_has_no_rows_and_its_header_stays(ui, listing, qtbot):
    height = ROW
    rows = ui.controller.models.instanceRows
    listing.setProperty("contentY", 0)
    header = find(ui, "section:camera", listing)
    qtbot.waitUntil(header.isVisible, timeout=3000)
    before = rows.rowCount()
    click(ui, header)
    qtbot.waitUntil(lambda: rows.rowCount() == before - 10, timeout=3000)
    assert "camera" in ui.controller.preferences.collapsedSections
    qtbot.waitUntil(lambda: listing.property("contentHeight") == rows.rowCount() * height, timeout=3000)
    assert lookup(listing, "instance:asset00000", visible_only=True) is None  # no row for a collapsed member
    header = find(ui, "section:camera", listing)
    assert header.mapToItem(listing, QPointF(0, 0)).y() >= 0 and header.isVisible()
    click(ui, header)
    qtbot.waitUntil(lambda: rows.rowCount() == before, timeout=3000)
    qtbot.waitUntil(lambda: find(ui, "instance:asset00000", listing).isVisible(), timeout=3000)


def test_rows_handed_to_other_items_while_scrolling_show_those_items(ui, listing, qtbot):
    """Rows are reused (``reuseItems``): after a row went to the pool and came back for other items,
    each row still shows its own item's state, not the one it showed before."""
    model = ui.controller.models.instance_model

    def check() -> object:  # the shown row's box (a pooled row may still carry the name, hidden)
        return find(ui, "statusCheck", lookup(listing, "instance:asset00003", visible_only=True))

    listing.setProperty("contentY", 0)
    qtbot.waitUntil(lambda: lookup(listing, "instance:asset00003", visible_only=True) is not None, timeout=3000)
    click(ui, check())
    qtbot.waitUntil(lambda: model.item(model.items()[4]["id"])["isToggled"] is False, timeout=5000)
    for y in (3000.0, 30000.0, 60000.0, 0.0):  # through the pool and back
        listing.setProperty("contentY", y)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: lookup(listing, "instance:asset00003", visible_only=True) is not None, timeout=3000)
    shown = {name: lookup(listing, "instance:" + name, visible_only=True) for name in ("asset00003", "asset00004")}
    assert shown["asset00003"].property("toggled") is False and shown["asset00004"].property("toggled") is True
    click(ui, check())
    qtbot.waitUntil(lambda: model.item(model.items()[4]["id"])["isToggled"] is True, timeout=5000)
