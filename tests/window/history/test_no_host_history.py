"""Support without a host (issue 23, point 3), in the real window (Xvfb) with no host at all.

A demo publish is recorded into a fresh history file; that window and its host are closed; a
second real window starts on the same history with no host, as a support person opens it a day
later. The waiting page covers the live pages but not History; File ▸ Export and Copy are off
with the reason; a past run opens on the full Report page (groups, docs, messages, actions shown
but disabled as a past run's), with its own footer (its outcome and counts, nothing of the live
host), a banner with outcome, user, host, file and date, and its own times. ``--open-report FILE``
in a real UI process, with no host, shows the same. Screenshots at 430×600 and wide, dark and
light, go to docs/ with PYBLISH_QML_UPDATE_DOCS=1.
"""

from __future__ import annotations

import os
import time

import pytest
from helpers import UIProcess, free_port, wait_for
from PySide6.QtCore import QObject, QPoint
from PySide6.QtTest import QTest
from window_helpers import ARTIFACTS, centre, click, demo_window, find, lookup, needs_display, popup, resize, walk

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.record.report import Report

pytestmark = needs_display


@pytest.fixture(scope="module")
def recorded(qapp, tmp_path_factory):
    """A history file holding a demo collect and a failed publish; the report file of the publish."""
    folder = tmp_path_factory.mktemp("nohost")
    old = os.environ.get("PYBLISH_QML_HISTORY_PATH")
    os.environ["PYBLISH_QML_HISTORY_PATH"] = str(folder / "history.sqlite3")
    with demo_window(qapp, folder / "demo.json", WindowSize=[880, 640]) as demo:
        controller = demo.controller
        deadline = time.monotonic() + 20
        while controller.status.state != State.Ready and time.monotonic() < deadline:
            qapp.processEvents()
        controller.publish()
        while (controller.status.state != State.Ready or not controller.status.progress) \
                and time.monotonic() < deadline + 30:
            qapp.processEvents()
        assert demo.recorder.flush(5)
        store = demo.recorder.store()
        try:
            report = store.load(demo.recorder.last_run_id(controller.host))
        finally:
            store.close()
    report.save(folder / "support.json")
    yield folder, report
    if old is None:
        os.environ.pop("PYBLISH_QML_HISTORY_PATH", None)
    else:
        os.environ["PYBLISH_QML_HISTORY_PATH"] = old


@pytest.fixture(scope="module")
def alone(qapp, recorded):
    """A real window on that history, with no host connected (none started, none will be)."""
    folder, _ = recorded
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(folder / "ui.json"))
    application.start()
    application.show()
    try:
        yield application
    finally:
        application.shutdown()


@pytest.fixture
def ui(alone, qtbot, request):
    alone.controller.history.back_to_live()
    resize(alone, qtbot, 880, 640)
    find(alone, "tabs").setProperty("currentIndex", 0)
    qtbot.waitExposed(alone.window)
    yield alone
    ARTIFACTS.mkdir(exist_ok=True)
    alone.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))


def open_tab(ui, qtbot, name: str) -> None:
    click(ui, find(ui, "tab:" + name))
    qtbot.waitUntil(lambda: find(ui, "tab:" + name).property("checked"), timeout=3000)


def open_past_publish(ui, qtbot) -> None:
    """History ▸ the newest run (the failed publish), by a real click."""
    open_tab(ui, qtbot, "History")
    listing = find(ui, "historyList")
    qtbot.waitUntil(lambda: listing.property("count") >= 2, timeout=5000)
    click(ui, find(ui, "historyRow:0"))
    qtbot.waitUntil(lambda: ui.controller.history.viewingPast, timeout=5000)


def file_menu(ui, qtbot) -> dict:
    click(ui, find(ui, "reportMenuButton"))
    menu = popup(ui, qtbot, "reportMenu")
    return {item.objectName(): item for item in walk(menu.property("contentItem")) if item.objectName()}


def close_menu(ui, qtbot) -> None:
    QTest.keyClick(ui.window, "\x1b")
    menu = ui.window.findChild(QObject, "reportMenu")
    qtbot.waitUntil(lambda: not menu.property("visible"), timeout=3000)


def test_the_waiting_page_covers_the_live_pages_but_not_history(ui, qtbot, recorded):
    assert ui.controller.host == 0
    waiting = find(ui, "waitingPage")
    assert waiting.isVisible()  # Overview: nothing live to show
    open_tab(ui, qtbot, "History")
    qtbot.waitUntil(lambda: not waiting.isVisible(), timeout=3000)
    listing = find(ui, "historyList")
    qtbot.waitUntil(lambda: listing.property("count") >= 2, timeout=5000)
    runs = ui.controller.history.runs
    ops = [runs.sourceModel().row_item(runs.mapToSource(runs.index(r, 0)).row())["op"] for r in range(2)]
    assert ops == ["Publish", "Collect"]  # newest first, read with no host
    row = find(ui, "historyRow:0")
    assert row.isVisible()
    assert find(ui, "historyNoHost").isVisible()  # the page says what it still does with no host
    _, report = recorded
    who = "%s@%s" % (report.run["host"]["user"], report.run["host"]["machine"])
    assert any(item.property("text") == "python · " + who for item in walk(row))  # who ran it, for support
    open_tab(ui, qtbot, "Report")
    qtbot.waitUntil(waiting.isVisible, timeout=3000)


def test_export_and_copy_are_off_with_the_reason_when_there_is_nothing(ui, qtbot):
    items = file_menu(ui, qtbot)
    reason = items["exportBlockedReason"]
    assert reason.isVisible()
    assert "No host is connected" in reason.property("contentItem").property("text")
    for name in ("exportJson", "exportHtml", "copyReport"):
        assert not items[name].isEnabled(), name
    assert items["openReport"].isEnabled()  # opening a file needs no host
    close_menu(ui, qtbot)

    open_past_publish(ui, qtbot)
    items = file_menu(ui, qtbot)
    assert not items["exportBlockedReason"].isVisible()
    assert all(items[name].isEnabled() for name in ("exportJson", "exportHtml", "copyReport"))
    close_menu(ui, qtbot)


def test_a_past_run_shows_the_full_report_its_own_footer_banner_and_times(ui, qtbot, recorded):
    _, report = recorded
    open_past_publish(ui, qtbot)
    history = ui.controller.history
    open_tab(ui, qtbot, "Report")
    assert not find(ui, "waitingPage").isVisible()
    page = find(ui, "reportPage")
    summary = find(ui, "reportSummary").property("text")
    # the run's one sentence, as its footer says it (below): it stopped at the failed validation
    assert summary == "Stopped due to failed validation: Normals face outward failed on Chair."
    assert not find(ui, "reportEmpty").isVisible()
    assert find(ui, "tab:Report").property("text") == "Report (1)"
    group = lookup(page, "reportGroup:error:Normals face outward")
    assert group is not None and group.isVisible()
    texts = [item.property("text") for item in walk(group) if item.property("text")]
    assert any("normals that face outward" in str(t) for t in texts)  # the plugin's docs
    assert any("Chair has 12 flipped normals" in str(t) for t in texts)  # its message
    repair = lookup(group, "actionButton:Repair")
    assert repair is not None and repair.isVisible() and not repair.isEnabled()  # shown, not runnable
    note = lookup(group, "reportActionsPast")
    assert note.isVisible() and note.property("text").startswith("Past run:")
    assert not find(ui, "reportValidate").isVisible()  # a past run validates nothing

    # Its own footer: its outcome and counts, nothing of the live host ("Waiting for a host…").
    footer = find(ui, "statusMessage").property("text")
    assert footer == "Stopped due to failed validation: Normals face outward failed on Chair."
    assert "host" not in footer.lower()
    counts = find(ui, "footerCounts").property("text")
    stored = report.counts()
    assert counts.startswith("%d pairs · 1 error · " % stored["pairs"])  # as the History list says it
    assert "%d warnings · " % stored["warnings"] in counts and counts.endswith(" s")  # and how long it took
    assert history.past.outcome == "failed"

    # The banner: outcome, host, file; who, when (a date and how long ago) and how long it took.
    heading, detail = find(ui, "pastRunText").property("text"), find(ui, "pastRunDetail").property("text")
    assert heading == "Past run — Publish failed · python · layout_v012.ma"
    started = time.strftime("%Y-%m-%d %H:%M", time.localtime(report.run["started"]))
    assert detail.startswith("ran %s, just now · " % started)  # minutes old here; a day old below
    assert "by %s" % report.run["host"]["user"] in detail
    assert find(ui, "backToLive").property("text") == "Close"  # no live host to go back to

    # Its own times: a row says when its pairs ran, not when the run was opened.
    chair = next(i for i in ui.controller.models.instance_model.items() if i["label"] == "Chair")
    ended = max(p["ended"] for p in report.pairs if p.get("instance") == chair["id"])
    assert abs(chair["lastRun"] - ended) < 0.01

    click(ui, find(ui, "backToLive"))
    qtbot.waitUntil(lambda: not history.viewingPast, timeout=3000)
    qtbot.waitUntil(find(ui, "waitingPage").isVisible, timeout=3000)
    assert find(ui, "statusMessage").property("text") == "Waiting for a host…"


def day_old(report, path, hours: float = 29) -> float:
    """The report as a support person gets it the next day: every time moved ``hours`` back."""
    shift = hours * 3600
    data = report.to_dict()
    for key in ("started", "ended"):
        data["run"][key] = data["run"][key] - shift
    for pair in data["pairs"]:
        pair["started"], pair["ended"] = pair["started"] - shift, pair["ended"] - shift
    data["run"]["comment"] = "Fixed the UVs\nand the normals"
    Report.from_dict(data).save(path)
    return data["run"]["started"]


def test_a_day_old_report_file_opens_with_no_host_and_tells_its_own_times(ui, qtbot, recorded, tmp_path):
    _, report = recorded
    started = day_old(report, tmp_path / "yesterday.json")
    ui.controller.history.open_report(str(tmp_path / "yesterday.json"))
    qtbot.waitUntil(lambda: ui.controller.history.viewingPast, timeout=5000)
    assert find(ui, "pastRunText").property("text").startswith("Report file yesterday.json — Publish failed")
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(started))
    detail = find(ui, "pastRunDetail").property("text")
    assert detail.startswith("ran %s, 29 h ago · " % when)
    assert detail.endswith(" · “Fixed the UVs”")  # the artist's comment, its first line
    open_tab(ui, qtbot, "Report")
    assert ui.controller.models.report.problemCount == 1
    assert find(ui, "statusMessage").property("text").startswith("Stopped due to failed validation")

    # The Perspective of Chair, opened from the Report: "Last run 29 h ago", not "just now".
    entry = find(ui, "reportEntry:Chair")
    qtbot.waitUntil(entry.isVisible, timeout=5000)
    qtbot.wait(100)  # laid out: a click lands on it, not on where it was a frame ago
    click(ui, entry)
    stack = find(ui, "reportStack")
    qtbot.waitUntil(lambda: stack.property("depth") == 2 and not stack.property("busy"), timeout=5000)

    def facts() -> list:
        return [item.property("text") for item in walk(stack.property("currentItem")) if item.property("text")]

    qtbot.waitUntil(lambda: "29 h ago" in facts(), timeout=5000)
    ui.controller.history.back_to_live()  # another run on screen: no Perspective of this one stays open
    qtbot.waitUntil(lambda: find(ui, "reportStack").property("depth") == 1, timeout=3000)


def test_open_report_on_the_command_line_with_no_host(recorded):
    folder, _ = recorded
    process = UIProcess("--open-report", str(folder / "support.json"), offscreen=False)
    try:
        wait_for(lambda: process.proxy.state().get("pastRun", "").startswith(
            "Report file support.json — Publish failed · python"), 20, "the report on screen")
        state = process.proxy.state()
        assert state["host"] in (0, None) and state["visible"] is True
        output = process.output()
    finally:
        process.stop()
    assert "TypeError" not in output and "ReferenceError" not in output, output  # the QML bound cleanly


def test_pictures_of_a_past_run_and_the_no_host_history(ui, qtbot, docs_image):
    """The past run's Report and the no-host History at 430×600 and wide, dark and light."""
    for theme in ("dark", "light"):
        ui.controller.preferences.setTheme(theme)
        for width, height, wide in ((430, 600, ""), (1400, 900, "-wide")):
            resize(ui, qtbot, width, height)
            suffix = "%s%s" % ("-light" if theme == "light" else "", wide)
            ui.controller.history.back_to_live()
            open_tab(ui, qtbot, "History")
            qtbot.waitUntil(lambda: find(ui, "historyList").property("count") >= 2, timeout=5000)
            QTest.mouseMove(ui.window, QPoint(5, ui.window.height() - 5))
            qtbot.wait(400)
            ui.window.grabWindow().save(docs_image("no-host-history%s.png" % suffix))
            click(ui, find(ui, "historyRow:0"))
            qtbot.waitUntil(lambda: ui.controller.history.viewingPast, timeout=5000)
            open_tab(ui, qtbot, "Report")
            QTest.mouseMove(ui.window, QPoint(5, ui.window.height() - 5))
            qtbot.wait(400)
            ui.window.grabWindow().save(docs_image("past-run-report%s.png" % suffix))
    ui.controller.preferences.setTheme("dark")
    assert centre(find(ui, "tabs"))  # the window is still laid out
