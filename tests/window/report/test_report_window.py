"""The validation report page in the real window, against the real --debug mock host.

Real mouse clicks under Xvfb (scripts/test); the actions run in the host's service over
XML-RPC like any DCC's. Screenshots of the page go to docs/ with PYBLISH_QML_UPDATE_DOCS=1 (the README links them).
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, click, close_to, find, lookup, publish_with_the_button, row, walk

from pyblish_qml.app.live.state import State

WINDOW = "demo"  # the ui and window fixtures (tests/window/conftest.py): one window and mock host here
pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")

FAILED_RUN = "Validation found errors: Normals face outward failed on Chair."
ACCENT = QColor("#4fa3d9")  # Theme.accent: the focus ring
REPAIRED = "Repair done — Repaired every instance; validate again."


def validate_with_the_button(ui, qtbot) -> None:
    click(ui, find(ui, "validateButton"))
    status = ui.controller.status
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)


def report_page(ui, qtbot) -> QQuickItem:
    """The report, shown by the failed run itself (no click of ours)."""
    qtbot.waitUntil(lambda: find(ui, "tabs").property("currentIndex") == 2, timeout=3000)
    page = find(ui, "reportPage")
    qtbot.waitUntil(lambda: page.isVisible() and lookup(page, "reportGroup:error:Normals face outward") is not None,
                    timeout=3000)
    return page


def visible_named(root: QQuickItem, name: str) -> list[QQuickItem]:
    return [item for item in walk(root) if item.objectName() == name and item.isVisible()]


def settle(ui, qtbot) -> None:
    """No hover highlight or tooltip in a picture, and the status text faded in."""
    QTest.mouseMove(ui.window, QPoint(5, ui.window.height() - 5))
    qtbot.wait(350)


def shoot(ui, qtbot, size: tuple[int, int], path: str) -> None:
    ui.window.resize(*size)
    qtbot.waitUntil(lambda: (ui.window.width(), ui.window.height()) == size, timeout=3000)
    settle(ui, qtbot)
    ui.window.grabWindow().save(path)


def test_a_failed_validation_opens_the_report_grouped_by_validator(window, qtbot, docs_image):
    validate_with_the_button(window, qtbot)
    assert window.controller.status.message == FAILED_RUN
    page = report_page(window, qtbot)
    assert find(window, "tab:Report").property("text") == "Report (1)"
    assert find(window, "reportSummary", page).property("text") == FAILED_RUN

    # errors first, then warnings, each under its heading
    error = find(window, "reportGroup:error:Normals face outward", page)
    frames = find(window, "reportGroup:warning:Frame range", page)
    chatty = find(window, "reportGroup:warning:Log at every level", page)
    qtbot.waitUntil(lambda: error.width() > 0 and error.y() < frames.y() < chatty.y(), timeout=3000)  # laid out
    assert [h.property("text") for h in visible_named(page, "reportHeading:error")] == ["Errors · 1 plugin"]
    assert [h.property("text") for h in visible_named(page, "reportHeading:warning")] == ["Warnings · 4 messages"]

    # the validator's label and documentation, each failing instance with its message
    assert find(window, "reportPlugin", error).property("text") == "Normals face outward"
    assert "Models must have normals that face outward." in find(window, "reportDoc", error).property("text")
    entries = [item for item in walk(error) if item.objectName().startswith("reportEntry:")]
    assert [item.objectName() for item in entries] == ["reportEntry:Chair"]
    assert any("Chair has 12 flipped normals" in str(item.property("text")) for item in walk(entries[0]))
    warned = find(window, "reportEntry:Demo", chatty)  # the context, by its label
    assert any("texture path is absolute" in str(item.property("text")) for item in walk(warned))

    # the actions that apply (on = "failed") as buttons with their icons
    buttons = {item.property("text"): item for item in visible_named(error, "reportActions")[0].childItems()
               if item.objectName().startswith("actionButton:")}
    assert set(buttons) == {"Select invalid", "Repair"}
    icons = {label: [i.property("source").toString() for i in walk(button) if i.inherits("QQuickImage")]
             for label, button in buttons.items()}
    assert "wrench" in icons["Repair"][0] and "select" in icons["Select invalid"][0]
    frame_buttons = [i.property("text") for i in walk(frames) if i.objectName().startswith("actionButton:")]
    assert "When warning" in frame_buttons and "When failed" not in frame_buttons  # pyblish's "on"

    # pictures: the default size and wide, dark and light
    shoot(window, qtbot, (430, 600), docs_image("report.png"))
    shoot(window, qtbot, (1400, 900), docs_image("report-wide.png"))
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "light", timeout=3000)
    shoot(window, qtbot, (430, 600), docs_image("report-light.png"))
    shoot(window, qtbot, (1400, 900), docs_image("report-light-wide.png"))
    click(window, find(window, "themeButton"))
    qtbot.waitUntil(lambda: window.controller.preferences.theme == "dark", timeout=3000)
    window.window.resize(880, 640)
    click(window, find(window, "tab:Overview"))


def test_repair_button_runs_in_the_host_and_the_report_follows(window, qtbot):
    validate_with_the_button(window, qtbot)
    page = report_page(window, qtbot)
    status = window.controller.status
    counter = (status.progress, status.total)
    error = find(window, "reportGroup:error:Normals face outward", page)
    finished = []
    window.controller.actionFinished.connect(lambda plugin, action, ok: finished.append(ok))
    click(window, find(window, "actionButton:Repair", error))
    qtbot.waitUntil(lambda: finished == [True], timeout=10000)
    qtbot.waitUntil(lambda: status.state == State.Ready, timeout=3000)
    # the footer keeps the run's outcome (issue 23: never the last action's); the action's own is with it
    assert status.message == FAILED_RUN
    assert (status.progress, status.total) == counter  # the run's counter, not a jump to 1 / 1
    outcome = find(window, "reportOutcome", error)
    qtbot.waitUntil(lambda: outcome.isVisible() and outcome.property("text") == REPAIRED, timeout=3000)
    settle(window, qtbot)
    ARTIFACTS.mkdir(exist_ok=True)
    window.window.grabWindow().save(str(ARTIFACTS / "report-after-repair.png"))

    # validating again from the page: the host's repair holds, the error group goes
    click(window, find(window, "reportValidate", page))
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Validation"), timeout=30000)
    warnings = window.controller.models.report_model.warning_count
    assert warnings == 4 and status.message == "Validation passed with 4 warnings. Ready to publish."
    qtbot.waitUntil(lambda: lookup(page, "reportGroup:error:Normals face outward") is None, timeout=3000)
    assert find(window, "reportSummary", page).property("text") == status.message  # one sentence, both places
    assert find(window, "tab:Report").property("text") == "Report"
    assert lookup(page, "reportGroup:warning:Frame range") is not None

    click(window, find(window, "publishButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Published"), timeout=30000)
    assert status.message == "Published successfully with %d warnings." % \
        window.controller.models.report_model.warning_count
    assert find(window, "reportSummary", page).property("text") == status.message
    click(window, find(window, "tab:Overview"))


def test_clicking_a_report_item_opens_its_perspective_and_back_returns(window, qtbot):
    validate_with_the_button(window, qtbot)
    page = report_page(window, qtbot)
    stack = find(window, "reportStack")
    click(window, find(window, "reportEntry:Chair", page))
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    perspective = find(window, "perspective", stack)
    assert find(window, "perspectiveTitle", perspective).property("text") == "Chair"
    click(window, find(window, "backButton", perspective))
    qtbot.waitUntil(lambda: stack.property("depth") == 1 and not stack.property("busy"), timeout=3000)
    assert page.isVisible()

    # the validator's title opens the validator, with its actions; Esc comes back
    click(window, find(window, "reportPlugin", find(window, "reportGroup:error:Normals face outward", page)))
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    perspective = find(window, "perspective", stack)
    assert find(window, "perspectiveTitle", perspective).property("text") == "Normals face outward"
    assert find(window, "actionButton:Repair", perspective).isVisible()
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: stack.property("depth") == 1 and not stack.property("busy"), timeout=3000)

    # without the mouse: Tab reaches the item (a focus ring shows it), Enter opens it
    chair = find(window, "reportEntry:Chair", page)
    for _ in range(40):
        if chair.hasActiveFocus():
            break
        QTest.keyClick(window.window, Qt.Key.Key_Tab)
    assert chair.hasActiveFocus()
    edge = chair.mapToScene(QPointF(0, chair.height() / 2))
    qtbot.waitUntil(lambda: close_to(window.window.grabWindow().pixelColor(int(edge.x()), int(edge.y())), ACCENT),
                    timeout=3000)
    QTest.keyClick(window.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    assert find(window, "perspectiveTitle", find(window, "perspective", stack)).property("text") == "Chair"

    # one Perspective at a time: opening another from the Overview closes the report's
    click(window, find(window, "tab:Overview"))
    overview = find(window, "overviewStack")
    qtbot.waitUntil(lambda: row(window, "plugin:Frame range").isVisible(), timeout=3000)
    click(window, find(window, "perspectiveButton", row(window, "plugin:Frame range")))
    qtbot.waitUntil(lambda: overview.property("depth") == 2 and not overview.property("busy"), timeout=3000)
    assert stack.property("depth") == 1
    QTest.keyClick(window.window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: overview.property("depth") == 1, timeout=3000)


def test_perspective_of_a_failed_validator_has_its_actions_as_buttons(window, qtbot, docs_image):
    publish_with_the_button(window, qtbot)  # the report opened; back on the Overview
    status = window.controller.status
    counter = (status.progress, status.total)
    click(window, find(window, "perspectiveButton", row(window, "plugin:Normals face outward")))
    stack = find(window, "overviewStack")
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    page = find(window, "perspective", stack)
    actions = find(window, "perspectiveActions", page)
    labels = [item.property("text") for item in actions.childItems() if item.objectName().startswith("actionButton:")]
    assert labels == ["Select invalid", "Repair"]  # the plugin's order; "on" = failed applies
    settle(window, qtbot)
    window.window.grabWindow().save(docs_image("perspective-actions.png"))
    run_said = status.message
    click(window, find(window, "actionButton:Select invalid", page))
    said = find(window, "perspectiveActionOutcome", page)  # the action's words show with the action
    qtbot.waitUntil(lambda: status.state == State.Ready and said.isVisible(), timeout=10000)
    assert said.property("text") == "Select invalid done — Selected the invalid nodes of ValidateNormals"
    # the footer keeps the run's outcome: selecting nodes fixes nothing (issue 23), so no "Validate again"
    assert status.message == run_said
    assert (status.progress, status.total) == counter
    click(window, find(window, "backButton", page))
    qtbot.waitUntil(lambda: stack.property("depth") == 1 and not stack.property("busy"), timeout=3000)

    # a passing validator's page offers only what applies to it (on = all)
    click(window, find(window, "perspectiveButton", row(window, "plugin:Frame range")))
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=3000)
    page = find(window, "perspective", stack)
    labels = [item.property("text") for item in find(window, "perspectiveActions", page).childItems()
              if item.objectName().startswith("actionButton:")]
    assert "When all" in labels and "When failed" not in labels
    click(window, find(window, "backButton", page))
    qtbot.waitUntil(lambda: stack.property("depth") == 1, timeout=3000)
