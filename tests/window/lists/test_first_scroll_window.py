"""The instance list's first scroll in the real window (Xvfb, software Qt Quick), 3,000 rows from a
real host process: scrolled, the list keeps a buffer of rows above the screen as well as below; at
the top it has none above, and the first scroll used to make those ~20 rows in one frame (40-90 ms
once, docs/performance.md). Now the list makes a deeper buffer below while the window is idle
after its first frame and returns it to the reuse pool: the first scroll takes rows from there."""

from __future__ import annotations

import pytest
from shiboken6 import getCppPointer
from window_helpers import ROW, find, host_window, needs_display

from pyblish_qml.app.live.state import State

pytestmark = needs_display
ROWS = 3000


@pytest.fixture
def ui(qapp, tmp_path):
    with host_window(qapp, tmp_path, "long_list", {"WindowSize": [880, 640]},
                     PYBLISH_TEST_INSTANCES=str(ROWS)) as application:
        yield application


def made_rows(listing) -> set[int]:
    """The rows (headers and members) the list has made, by their C++ address: pooled ones too."""
    return {getCppPointer(i)[0] for i in listing.property("contentItem").childItems()
            if i.objectName().startswith(("instance:", "section:"))}


def test_the_first_scroll_takes_its_rows_from_those_made_while_idle(ui, qtbot):
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset"
                    and len(controller.models.instance_model.items()) == ROWS + 1, timeout=60000)
    ui.window.show()
    qtbot.waitExposed(ui.window)
    listing = find(ui, "instanceList")
    assert listing.property("contentY") == 0
    # the deep buffer's rows made, then the usual buffer again (they wait in the pool)
    qtbot.waitUntil(lambda: len(made_rows(listing)) * ROW >= listing.height() + 700, timeout=10000)
    qtbot.waitUntil(lambda: listing.property("cacheBuffer") == 400, timeout=5000)
    qtbot.wait(100)
    before = made_rows(listing)
    for step in range(1, 4):  # three screens, a frame each
        listing.setProperty("contentY", step * listing.height())
        qtbot.wait(20)
    made = made_rows(listing) - before
    # main made 22 here (the buffer above, in the first frame); a few remain at the buffer's edges
    assert len(made) <= 8, "the first scroll made %d rows" % len(made)
