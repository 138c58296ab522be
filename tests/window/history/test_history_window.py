"""The run history in the real window (Xvfb): the History page lists, filters and opens past
runs read-only and goes back to the live host; the Report menu exports (JSON, HTML), copies and
opens report files, which round-trip to the same content; a report dropped on the window and
``--open-report`` in a real UI process show read-only; the timeline draws its bars and a click
on one opens that plugin. Real SQLite history files, the real --debug mock host."""

from __future__ import annotations

import os

import pytest
from helpers import REPO, UIProcess, wait_for
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from window_helpers import centre, demo_window, find

from pyblish_qml.app.live.state import State
from pyblish_qml.record.recorder import Recorder
from pyblish_qml.record.report import Report
from pyblish_qml.record.retention import Retention
from pyblish_qml.record.writer import HistoryWriter

pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def ui(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("history")
    old = os.environ.get("PYBLISH_QML_HISTORY_PATH")
    os.environ["PYBLISH_QML_HISTORY_PATH"] = str(folder / "history.sqlite3")
    with demo_window(qapp, folder / "settings.json", WindowSize=[880, 640]) as application:
        yield application
    if old is None:
        os.environ.pop("PYBLISH_QML_HISTORY_PATH", None)
    else:
        os.environ["PYBLISH_QML_HISTORY_PATH"] = old


@pytest.fixture
def win(ui, qtbot, request):
    """The live window after a publish (so the history holds a collect and a publish)."""
    controller = ui.controller
    controller.history.back_to_live()
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    if not getattr(ui, "published_once", False):
        controller.publish()
        assert controller.status.isRunning
        qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
        ui.published_once = True
    assert ui.recorder.flush(5)
    find(ui, "tabs").setProperty("currentIndex", 0)
    qtbot.waitExposed(ui.window)
    yield ui
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))
    controller.history.back_to_live()


def click(ui, item: QQuickItem, point: QPoint | None = None) -> None:
    assert item.isVisible(), "%s is not visible" % item.objectName()
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point or centre(item))


def open_tab(ui, qtbot, name: str) -> None:
    click(ui, find(ui, "tab:" + name))
    qtbot.waitUntil(lambda: find(ui, "tab:" + name).property("checked"), timeout=3000)


def shown_rows(model) -> list[dict]:
    source = model.sourceModel()
    return [source.row_item(model.mapToSource(model.index(r, 0)).row()) for r in range(model.rowCount())]


def row_facts(controller) -> tuple:
    """What the Overview and Terminal show: instance and plugin rows, and the terminal's messages."""
    models = controller.models
    keys = ("id", "label", "section", "hasError", "hasWarning", "processed", "succeeded")
    return ([tuple(r.get(k) for k in keys) for r in shown_rows(models.instances)],
            [tuple(r.get(k) for k in keys) for r in shown_rows(models.plugins)],
            [r.get("message") for r in shown_rows(models.terminal)])


def live_report(ui) -> Report:
    store = ui.recorder.store()
    try:
        return store.load(ui.recorder.last_run_id(ui.controller.host))
    finally:
        store.close()


def same_report(a: Report, b: Report) -> bool:
    one, two = a.to_dict(), b.to_dict()
    one.pop("exported")
    two.pop("exported")
    return one == two


def test_history_lists_filters_opens_a_past_run_read_only_and_goes_back(win, qtbot):
    ui, controller = win, win.controller
    history = controller.history
    live_models = controller.models
    open_tab(ui, qtbot, "History")
    listing = find(ui, "historyList")
    qtbot.waitUntil(lambda: listing.property("count") >= 2, timeout=5000)
    assert [r["op"] for r in shown_rows(history.runs)][:2] == ["Publish", "Collect"]  # newest first

    click(ui, find(ui, "historyFilter"))
    for char in "publish":
        QTest.keyClick(ui.window, char)
    qtbot.waitUntil(lambda: listing.property("count") >= 1 and all(r["op"] == "Publish"
                                                                   for r in shown_rows(history.runs)), timeout=3000)
    QTest.keyClick(ui.window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(ui.window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: history.runs.text == "", timeout=3000)

    outcome = find(ui, "historyOutcome")  # the combo box: open it, pick "failed" (index 2) with the keys
    click(ui, outcome)
    qtbot.waitUntil(lambda: outcome.property("down") is not None, timeout=3000)
    QTest.keyClick(ui.window, Qt.Key.Key_Down)
    QTest.keyClick(ui.window, Qt.Key.Key_Down)
    QTest.keyClick(ui.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: history.runs.outcome == "failed", timeout=3000)
    rows = shown_rows(history.runs)
    assert rows and all(r["outcome"] == "failed" for r in rows)
    history.runs.outcome = ""  # (the same slot the combo box calls) every run again
    hosts = find(ui, "historyHost")
    assert "python" in hosts.property("model")  # the mock host, for the host filter

    click(ui, find(ui, "historyRow:0"))
    qtbot.waitUntil(lambda: history.viewingPast, timeout=5000)
    banner = find(ui, "pastRunBanner")
    qtbot.waitUntil(banner.isVisible, timeout=3000)
    assert find(ui, "pastRunText").property("text").startswith("Past run — ")
    assert "python" in history.banner
    assert find(ui, "tabs").property("currentIndex") == 0  # straight to its Overview
    assert controller.models is not live_models
    stored = live_report(ui)
    assert len(shown_rows(controller.models.instances)) >= len(stored.instances)
    # Read-only: nothing that needs the live host can start; toggles do nothing.
    assert not find(ui, "publishButton").isEnabled() and not find(ui, "validateButton").isEnabled()
    assert not find(ui, "resetButton").isEnabled()
    assert not controller.status.canPublish
    instance = next(r for r in shown_rows(controller.models.instances) if r.get("optional", True)
                    and r["id"] != controller.models.layout.context_id)
    before = controller.models.instance_model.item(instance["id"]).get("isToggled")
    controller.toggles.instance(instance["id"])
    assert controller.models.instance_model.item(instance["id"]).get("isToggled") == before
    ui.window.grabWindow().save(str(ARTIFACTS / "history-past-run.png")) if ARTIFACTS.exists() else None

    click(ui, find(ui, "backToLive"))
    qtbot.waitUntil(lambda: not history.viewingPast, timeout=3000)
    assert controller.models is live_models
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=3000)
    assert find(ui, "resetButton").isEnabled()


def test_export_then_open_is_the_same_run(win, qtbot, tmp_path):
    ui, controller = win, win.controller
    history = controller.history
    stored = live_report(ui)
    history.open_run(stored.run["id"])  # the run as the History page shows it
    qtbot.waitUntil(lambda: history.viewingPast, timeout=5000)
    shown = row_facts(controller)
    assert shown[0] and shown[1] and shown[2]
    history.back_to_live()
    for fmt in ("json", "html"):
        path = tmp_path / ("run." + fmt)
        history.export(QUrl.fromLocalFile(str(path)).toString(), fmt)  # what the FileDialog's accept calls
        qtbot.waitUntil(lambda: history.notice.startswith("Report saved"), timeout=5000)
        assert path.exists()
        assert same_report(Report.from_file(path), stored)
        history.open_report(str(path))
        qtbot.waitUntil(lambda: history.viewingPast, timeout=5000)
        assert history.banner.startswith("Report file run.%s — " % fmt)
        assert row_facts(controller) == shown  # the same Overview and Terminal rows as the stored run
        assert same_report(history.report, stored)
        history.back_to_live()
        history._say("")


def test_copy_report_from_the_menu_confirms(win, qtbot):
    ui, controller = win, win.controller
    QGuiApplication.clipboard().clear()
    click(ui, find(ui, "reportMenuButton"))
    item = find(ui, "copyReport")
    qtbot.waitUntil(item.isVisible, timeout=3000)
    click(ui, item)
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text().startswith("Pyblish report: Publish"), timeout=5000)
    assert "Normals face outward" in QGuiApplication.clipboard().text()  # the demo's failing validator
    assert controller.history.notice == "Report copied to the clipboard"
    qtbot.waitUntil(lambda: find(ui, "reportMenuButton").property("noticeShown"), timeout=3000)


def test_a_report_dropped_on_the_window_opens_read_only(win, qtbot, tmp_path):
    """A real XDND drag needs a second X client; this sends the drag and drop events Qt makes of
    one to the window, so the DropArea's own handler runs."""
    ui, history = win, win.controller.history
    path = tmp_path / "dropped.json"
    live_report(ui).save(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    at = QPointF(ui.window.width() / 2, ui.window.height() / 2)
    actions = Qt.DropAction.CopyAction
    for event_type in (QDragEnterEvent, QDragMoveEvent):
        event = event_type(at.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QGuiApplication.sendEvent(ui.window, event)
        assert event.isAccepted(), "the window did not accept the drag"
    QGuiApplication.sendEvent(ui.window, QDropEvent(at, actions, mime, Qt.MouseButton.LeftButton,
                                                    Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: history.viewingPast, timeout=5000)
    assert history.banner.startswith("Report file dropped.json")


def test_timeline_draws_bars_and_a_click_opens_the_plugin(win, qtbot):
    ui, controller = win, win.controller
    history = controller.history
    history.show_report(live_report(ui))
    open_tab(ui, qtbot, "Timeline")
    view = find(ui, "timelineView")
    timeline = history.timeline
    assert timeline.count >= 10 and timeline.laneCount >= 5
    slowest = max(range(timeline.count), key=lambda i: timeline.pairs[i].end - timeline.pairs[i].start)
    failed = next(i for i, p in enumerate(timeline.pairs) if p.outcome == 2)

    def on_screen(index: int) -> QPoint:
        point = view.mapToScene(view.bar_point(index))
        return QPoint(int(point.x()), int(point.y()))

    passed_colour, failed_colour = QColor("#7cc67a"), QColor("#e06c75")
    qtbot.waitUntil(lambda: ui.window.grabWindow().pixelColor(on_screen(slowest)) == passed_colour, timeout=3000)
    view.zoomAt(200.0, view.bar_point(failed).x())  # a 4 ms pair in a 2 s run: zoom in on it
    qtbot.waitUntil(lambda: ui.window.grabWindow().pixelColor(on_screen(failed)) == failed_colour, timeout=3000)
    QTest.mouseMove(ui.window, centre(find(ui, "zoomFit")))  # from outside the view, so it hovers in
    QTest.mouseMove(ui.window, on_screen(failed) + QPoint(-2, 0))
    QTest.mouseMove(ui.window, on_screen(failed))
    qtbot.waitUntil(lambda: "failed" in view.property("hoverText"), timeout=3000)
    assert timeline.pairs[failed].plugin in find(ui, "timelineHover").property("text")
    click(ui, find(ui, "zoomOut"))
    qtbot.waitUntil(lambda: view.property("zoom") == 100.0, timeout=3000)
    click(ui, find(ui, "zoomFit"))
    qtbot.waitUntil(lambda: view.property("zoom") == 1.0, timeout=3000)

    click(ui, view, on_screen(slowest))
    qtbot.waitUntil(lambda: find(ui, "tabs").property("currentIndex") == 0, timeout=3000)
    qtbot.waitUntil(lambda: find(ui, "overviewStack").property("depth") == 2, timeout=3000)
    assert controller.models.detail.itemId == timeline.pairs[slowest].plugin_id
    assert controller.models.detail.kind == "plugin"


def test_history_unavailable_says_why(win, qtbot, tmp_path):
    ui, controller = win, win.controller
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    recorder = Recorder(HistoryWriter(broken, Retention()))
    live = controller.recorder
    try:
        controller.recorder = recorder
        open_tab(ui, qtbot, "History")
        controller.history.refresh()
        status = find(ui, "historyStatus")
        qtbot.waitUntil(lambda: status.isVisible() and "broken.sqlite3" in status.property("text"), timeout=5000)
    finally:
        controller.recorder = live
        recorder.close()
        controller.history.refresh()


def test_open_report_on_the_command_line(win, tmp_path):
    path = tmp_path / "support.json"
    live_report(win).save(path)
    ui = UIProcess("--open-report", str(path), offscreen=False)
    try:
        wait_for(lambda: ui.proxy.state().get("pastRun", "").startswith("Report file support.json — "), 20,
                 "the report on screen")
        assert ui.proxy.state()["visible"] is True
    finally:
        ui.stop()
