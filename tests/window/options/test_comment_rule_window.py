"""The comment rule and what is shown before publishing, in the real window (Xvfb) against a real
host process, with real clicks and keys: Publish waits while the comment is short and says why;
an instance's own comment reaches its plugin, the others inherit the Context's; the output keys
the settings name are on the Perspective page."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, centre, click, find, lookup, needs_display, resize

from pyblish_qml.app.live.state import State

pytestmark = needs_display


def type_keys(ui, text: str) -> None:
    for char in text:
        QTest.keyClick(ui.window, char)


def press_row(ui, qtbot, name: str) -> None:
    body = find(ui, "rowBody", find(ui, "instance:" + name))
    qtbot.waitUntil(body.isVisible, timeout=3000)
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(body))


def comments(ui) -> dict:
    out = {}
    for line in ui.log.read_text().splitlines():
        if line.startswith("comment "):
            _, name, text = line.split(" ", 2)
            out[name] = json.loads(text)
    return out


def test_publish_waits_for_the_comment_and_says_why(ui, qtbot, docs_image):
    controller = ui.controller
    controller.apply_host_settings({"CommentMinLength": 20, "InstanceComment": True,
                                    "InstanceColumns": ["version", "outputPath"]})
    try:
        controller.setComment("")
        resize(ui, qtbot, 430, 600)
        publish = find(ui, "publishButton")
        hint = find(ui, "commentRuleHint")
        qtbot.waitUntil(lambda: hint.isVisible() and not publish.isEnabled(), timeout=3000)
        assert hint.property("text") == "Comment: 20 more characters needed"
        click(ui, hint)  # opens the comment field
        box = find(ui, "commentBox")
        qtbot.waitUntil(box.isVisible, timeout=3000)
        click(ui, box)
        type_keys(ui, "New lens")
        qtbot.waitUntil(lambda: hint.property("text") == "Comment: 12 more characters needed", timeout=3000)
        assert not publish.isEnabled()
        qtbot.wait(50)
        ARTIFACTS.mkdir(exist_ok=True)
        ui.window.grabWindow().save(str(ARTIFACTS / "comment-rule.png"))
        ui.window.grabWindow().save(docs_image("comment-rule.png"))
        controller.publish()  # the control API's publish obeys the rule too
        assert controller.status.state == State.Ready and controller.run.last_op == "reset"

        press_row(ui, qtbot, "shot010")
        click(ui, find(ui, "perspectiveButton", find(ui, "instance:shot010")))
        stack = find(ui, "overviewStack")
        qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
        page = find(ui, "perspective")
        facts = find(ui, "outputSection", page)
        qtbot.waitUntil(facts.isVisible, timeout=3000)
        assert lookup(page, "output:outputPath") is not None and lookup(page, "output:version") is not None
        own = find(ui, "instanceComment", page)
        click(ui, own)
        type_keys(ui, "Only the hero shot")
        QTest.keyClick(ui.window, Qt.Key.Key_Return)
        qtbot.wait(50)
        ui.window.grabWindow().save(str(ARTIFACTS / "publishes-as.png"))
        ui.window.grabWindow().save(docs_image("publishes-as.png"))
        click(ui, box)
        QTest.keyClick(ui.window, Qt.Key.Key_End)
        type_keys(ui, " and a new grade")
        qtbot.waitUntil(lambda: publish.isEnabled() and not hint.isVisible(), timeout=3000)
        click(ui, publish)
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "publish",
                        timeout=20000)
        got = comments(ui)
        assert got["shot010"] == "Only the hero shot"
        assert got["shot020"] == got["shot030"] == "New lens and a new grade"
    finally:
        controller.apply_host_settings({"CommentMinLength": 0, "InstanceComment": False, "InstanceColumns": []})
