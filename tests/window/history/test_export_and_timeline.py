"""Small defects of issue 23 (point 7) around History, in the real window (Xvfb, the demo host):
Export opens in a suggested folder with a suggested name (not the process's working folder,
nameless), saves to the full path chosen and confirms where; a one-pair run reads "1 pair" in
History and on the Timeline; the Timeline's axis labels stay inside the view at 430 px; a bar's
figures follow another run (never the old run's) and go with a page switch.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtTest import QTest
from window_helpers import centre, click, find, needs_display, popup, resize, type_text, walk

from pyblish_qml.app.live.state import State

pytestmark = needs_display
WINDOW = "demo"


def test_export_suggests_a_folder_and_name_and_confirms_the_full_path(window, qtbot, tmp_path):
    controller = window.controller
    controller.validate()
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "validate",
                    timeout=20000)
    click(window, find(window, "reportMenuButton"))
    menu = popup(window, qtbot, "reportMenu")
    items = {item.objectName(): item for item in walk(menu.property("contentItem")) if item.objectName()}
    click(window, items["exportHtml"])
    dialog = window.window.findChild(QObject, "exportDialog")
    qtbot.waitUntil(lambda: dialog.property("opened"), timeout=5000)
    field = find(window, "exportPath")
    suggested = Path(field.property("text"))
    today = time.strftime("%Y-%m-%d")
    assert suggested.is_absolute() and suggested.parent.is_dir() and suggested.parent != Path.cwd()
    assert suggested.name.startswith("layout_v012_validate_%s_" % today) and suggested.suffix == ".html"
    assert field.hasActiveFocus() and field.property("selectedText") == suggested.name  # ready to retype
    chosen = tmp_path / "for the TD" / "chair.html"
    chosen.parent.mkdir()
    QTest.keyClick(window.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(window, str(chosen))  # a full path, as an artist types it
    QTest.keyClick(window.window, Qt.Key.Key_Return)
    history = controller.history
    qtbot.waitUntil(lambda: history.notice == "Report saved to %s" % chosen, timeout=5000)
    assert chosen.exists() and "Normals face outward" in chosen.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: find(window, "reportMenuButton").property("noticeShown"), timeout=3000)


def test_a_one_pair_run_reads_1_pair_and_the_axis_labels_stay_inside(window, qtbot):
    controller = window.controller
    controller.validate()
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.last_op == "validate",
                    timeout=20000)
    normals = next(p for p in controller.models.plugin_model.items() if p["label"] == "Normals face outward")
    repair = next(a for a in normals["visibleActions"] if a.get("label") == "Repair")
    controller.runAction(normals["id"], repair["id"])  # an action run: one pair
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and not controller.status.isRunning,
                    timeout=20000)
    assert window.recorder.flush(5)
    click(window, find(window, "tab:History"))
    history = controller.history
    history.refresh()
    qtbot.waitUntil(lambda: history.total > 0 and history.runs.sourceModel().row_item(0)["op"] == "Action",
                    timeout=5000)
    assert history.runs.sourceModel().row_item(0)["counts"] == "1 pair · 1 warning"  # the Repair logs one
    history.open_run(history.runs.run_id_at(0))
    qtbot.waitUntil(lambda: history.viewingPast, timeout=5000)
    click(window, find(window, "tab:Timeline"))
    qtbot.waitUntil(lambda: find(window, "tabs").property("currentIndex") == 3, timeout=3000)
    assert find(window, "timelineCount").property("text").startswith("1 pair · ")
    history.open_run(history.runs.run_id_at(1))  # the validation before it: many pairs on the axis
    view = find(window, "timelineView")
    qtbot.waitUntil(lambda: history.timeline.count > 1, timeout=5000)
    for width in (430, 880):
        resize(window, qtbot, width, 640)
        for zoom in (1.0, 3.0, 40.0):
            view.zoomAt(zoom / view.property("zoom"), view.width() / 2)
            view.update()
            qtbot.wait(80)
            labels = view.axis_labels
            assert labels, "no axis labels drawn"
            assert all(0 <= r.left() and r.right() <= view.width() + 0.5 for r in labels), \
                [(r.left(), r.right(), view.width()) for r in labels]
    resize(window, qtbot, 880, 640)
    history.back_to_live()


def test_a_bars_figures_do_not_stay_over_another_run_or_page(window, qtbot):
    """A guard for the "stale tooltips" of issue 23: the hover line follows another run under a still
    pointer and goes with a page switch (Qt re-sends hover and leave events; nothing of ours was needed)."""
    controller = window.controller
    history = controller.history
    history.refresh()
    qtbot.waitUntil(lambda: history.total >= 2, timeout=5000)
    busiest = max(range(history.total), key=lambda r: history.runs.sourceModel().row_item(r)["pairs"])
    history.open_run(history.runs.run_id_at(busiest))
    qtbot.waitUntil(lambda: history.viewingPast and history.timeline.count > 1, timeout=5000)
    click(window, find(window, "tab:Timeline"))
    view, hover = find(window, "timelineView"), find(window, "timelineHover")
    qtbot.waitUntil(view.isVisible, timeout=3000)

    def point_at_a_bar() -> None:
        point = view.mapToScene(view.bar_point(0))
        QTest.mouseMove(window.window, centre(find(window, "zoomFit")))
        QTest.mouseMove(window.window, QPoint(int(point.x()) - 1, int(point.y())))
        QTest.mouseMove(window.window, QPoint(int(point.x()), int(point.y())))
        qtbot.waitUntil(lambda: bool(view.property("hoverText")), timeout=3000)

    point_at_a_bar()
    other = next(r for r in range(history.total) if r != busiest)
    history.open_run(history.runs.run_id_at(other))  # another run, the pointer still on the view
    qtbot.waitUntil(lambda: history.timeline.count >= 1 and history.report is not None, timeout=5000)
    qtbot.wait(200)
    said = view.property("hoverText")  # "" or what the new run has under the pointer, never the old run's
    assert said == "" or any(said.startswith("%s on %s —" % (p.plugin, p.instance)) for p in history.timeline.pairs)
    history.open_run(history.runs.run_id_at(busiest))
    qtbot.waitUntil(lambda: history.timeline.count > 1, timeout=5000)
    click(window, find(window, "tab:Timeline"))
    qtbot.waitUntil(view.isVisible, timeout=3000)
    point_at_a_bar()
    find(window, "tabs").setProperty("currentIndex", 0)  # a page switch by the keys or a run, the pointer still
    qtbot.waitUntil(lambda: view.property("hoverText") == "", timeout=3000)
    assert hover.property("text").startswith("Hover a bar")  # back on the page: the hint, not a stale pair
    history.back_to_live()
