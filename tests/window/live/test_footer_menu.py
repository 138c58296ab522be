"""The footer's run menu in the real window (Xvfb): Re-run failed and the sanity check."""

from __future__ import annotations

from window_helpers import click, entries, find, needs_display, popup, press, publish_with_the_button, shot

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"



def test_footer_menu_reruns_failed_and_sanity_checks(window, qtbot):
    publish_with_the_button(window, qtbot)
    status = window.controller.status
    failed = status.failedPairs
    assert failed > 0
    button = find(window, "runMenuButton")
    click(window, button)
    menu = popup(window, qtbot, "runMenu")
    items = entries(menu)
    assert items["rerunFailedItem"].property("text") == "Re-run failed (%d)" % failed
    shot(window, "power-footer-menu")
    lines = len(window.controller.models.terminal_model.items())
    press(window, items["rerunFailedItem"])
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Re-run"), timeout=15000)
    done = [e for e in window.controller.models.terminal_model.items()[lines:] if e["kind"] == "error"]
    assert len(done) == status.failedPairs  # the demo's failures do not fix themselves: each fails again
    click(window, find(window, "runMenuButton"))
    menu = popup(window, qtbot, "runMenu")
    press(window, entries(menu)["sanityCheckItem"])
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Sanity"), timeout=15000)
    assert not window.controller.run.published
