"""A host's reset() behind the window's back (issue 23, point 7), in the real window (Xvfb) with
the demo host: the next Validate meets plugin ids the host no longer has. The window says so in
words (no raw Fault), the Report says the validation did not finish (not "Validation running…"
for ever), Validate and Publish wait for a Reset drawn as the next step, and a Reset recovers."""

from __future__ import annotations

import xmlrpc.client

from window_helpers import click, find, needs_display

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"
SAID = "The host was reset outside this window: its plugins and instances are new. Reset to collect again."


def test_a_reset_behind_the_windows_back_is_said_plainly_and_a_reset_recovers(window, qtbot):
    controller, status = window.controller, window.controller.status
    xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % controller.host, allow_none=True).reset()
    click(window, find(window, "validateButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message == SAID, timeout=20000)
    assert "Fault" not in find(window, "statusMessage").property("text")
    report = controller.models.report
    assert report.summary == "Validation did not finish. " + SAID and report.verdict == "none"
    assert not status.canValidate and not status.canPublish
    assert status.blockedReason == SAID and status.primaryAction == "reset"
    assert find(window, "resetButton").property("drawnFilled")
    click(window, find(window, "resetButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready and controller.run.last_op == "reset"
                    and status.canValidate, timeout=20000)
    click(window, find(window, "validateButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready and controller.run.last_op == "validate"
                    and status.progress > 0, timeout=20000)
    assert status.message.startswith("Validation found errors")  # the demo's Chair: a real run again
