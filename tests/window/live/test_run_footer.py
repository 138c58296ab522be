"""The live run's footer at the default 430×600 (Xvfb): the bar's colour and the primary button follow
the outcome, closing mid-run asks, Stop is logged, the comment button shows a comment."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from window_helpers import check_of, click, close_to, colour, inside_window, key, needs_display, rect
from window_helpers import find_visible as find
from window_helpers import publish_with_the_button as publish

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "default"


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
