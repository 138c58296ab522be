"""One truth for a run whatever its shape (issue 23, point 1), in the real window against the demo host.

Validate (Chair fails) → ⋯ Re-run failed → ⋯ Sanity check → Repair → ⋯ Sanity check: at every
step the Report lists each failing pair once (a partial run replaces what it re-ran), the tab's
count, the Overview's rows, the progress bar and the footer all say the same, and an action
never turns the bar green or puts its own words in the footer. Screenshots of the Report after
partial runs go to docs/ with PYBLISH_QML_UPDATE_DOCS=1.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from window_helpers import click, entries, find, lookup, needs_display, popup, press, resize, walk

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"

FAILED = "Validation found errors: Normals face outward failed on Chair."
STILL = "Re-run: Normals face outward still fails on Chair."
SANITY_FAILED = "Sanity check found problems: Normals face outward failed on Chair."
SANITY_PASSED = "Sanity check passed with 4 warnings."


def chair_entries(ui) -> list[QQuickItem]:
    page = find(ui, "reportPage")
    return [item for item in walk(page) if item.objectName() == "reportEntry:Chair" and item.isVisible()]


def warning_entries(ui, label: str) -> list[QQuickItem]:
    group = lookup(find(ui, "reportPage"), "reportGroup:warning:%s" % label)
    return [] if group is None else [i for i in walk(group) if i.objectName().startswith("reportEntry:")
                                     and i.isVisible()]


def from_run_menu(ui, qtbot, item: str, starts: str) -> None:
    status = ui.controller.status
    click(ui, find(ui, "runMenuButton"))
    menu = popup(ui, qtbot, "runMenu")
    press(ui, entries(menu)[item])
    qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith(starts), timeout=20000)


def see_report(ui, qtbot) -> None:
    click(ui, find(ui, "tab:Report"))
    qtbot.waitUntil(lambda: find(ui, "tabs").property("currentIndex") == 2, timeout=3000)
    qtbot.wait(100)  # one frame: the page's delegates follow the model


def rows(ui) -> dict:
    models = ui.controller.models
    return {**{i["label"]: i for i in models.instance_model.items()},
            **{p["label"]: p for p in models.plugin_model.items()}}


def agree(ui, qtbot, chairs: int, message: str, bar: str) -> None:
    """The Report, the tab, the Overview, the bar and the footer say the same thing."""
    see_report(ui, qtbot)
    status = ui.controller.status
    qtbot.waitUntil(lambda: len(chair_entries(ui)) == chairs, timeout=3000)
    assert status.message == message
    assert find(ui, "reportSummary").property("text") == message  # the headline is the footer's sentence
    assert find(ui, "tab:Report").property("text") == ("Report (1)" if chairs else "Report")
    assert status.outcome == bar
    assert rows(ui)["Chair"]["status"] == ("failed" if chairs else "passed")
    assert rows(ui)["Normals face outward"]["status"] == ("failed" if chairs else "passed")
    assert len(warning_entries(ui, "Frame range")) <= 1  # shotCamera's warning once, however often it ran


def pictures(ui, qtbot, docs_image, stem: str) -> None:
    """The page at 430×600 and wide, dark and light, pointer parked off the content."""
    for theme in ("dark", "light"):
        ui.controller.preferences.setTheme(theme)
        for width, height, wide in ((430, 600, ""), (1400, 900, "-wide")):
            resize(ui, qtbot, width, height)
            QTest.mouseMove(ui.window, QPoint(5, ui.window.height() - 5))
            qtbot.wait(400)
            ui.window.grabWindow().save(docs_image("%s%s%s.png" % (stem, "-light" if theme == "light" else "", wide)))
    ui.controller.preferences.setTheme("dark")
    resize(ui, qtbot, 880, 640)


def test_validate_rerun_sanity_repair_sanity_tells_one_truth(window, qtbot, docs_image):
    status = window.controller.status
    click(window, find(window, "validateButton"))
    qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=30000)
    agree(window, qtbot, 1, FAILED, "failed")

    from_run_menu(window, qtbot, "rerunFailedItem", "Re-run")
    agree(window, qtbot, 1, STILL, "failed")  # Chair once, not twice
    assert find(window, "reportSummary").property("text") == STILL

    from_run_menu(window, qtbot, "sanityCheckItem", "Sanity")
    agree(window, qtbot, 1, SANITY_FAILED, "failed")  # not three times
    assert len(warning_entries(window, "Frame range")) == 1
    assert window.controller.models.report.warningCount == 4  # the same four messages, not three times four

    # an action: its words show with it; the footer and the bar keep the run's outcome
    group = find(window, "reportGroup:error:Normals face outward")
    finished = []
    window.controller.actionFinished.connect(lambda plugin, action, ok: finished.append(ok))
    click(window, find(window, "actionButton:Select invalid", group))
    qtbot.waitUntil(lambda: finished == [True] and status.state == State.Ready, timeout=10000)
    agree(window, qtbot, 1, SANITY_FAILED, "failed")  # not green, no "Validate again to check"
    click(window, find(window, "actionButton:Repair", group))
    qtbot.waitUntil(lambda: finished == [True, True] and status.state == State.Ready, timeout=10000)
    outcome = find(window, "reportOutcome", group)
    assert outcome.property("text") == "Repair done — Repaired every instance; validate again."
    agree(window, qtbot, 1, SANITY_FAILED, "failed")
    pictures(window, qtbot, docs_image, "report-partial")

    from_run_menu(window, qtbot, "sanityCheckItem", "Sanity")
    agree(window, qtbot, 0, SANITY_PASSED, "warning")  # the report empties of errors; Chair turns green
    assert find(window, "reportSummary").property("text") == SANITY_PASSED
    assert window.controller.models.report.problemCount == 0 and not status.canRerunFailed
