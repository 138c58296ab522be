"""The whole farm loop once through the real window under Xvfb (issue 22): a real host process with
the farm test pipeline, real clicks, the local submitter's real ``openjd run``, a real SQLite history.

The artist marks an instance with its row's cloud (the other is marked by the pipeline's
``instance.data["farm"]``), clicks Publish: validation runs here, both are handed off, the footer
shows the bundle's path, the rows fill with farm states as the farm reports (one fails the farm's
own check), the timeline shows farm lanes, the report is exported with the farm pairs marked, and
"Re-run failed on farm" sends the failed one again as attempt 2. The run is not green while the farm
works nor when its part fails: the bar (its colour on screen), the footer's sentence and the Report's
headline say "running" then "1 of 2 failed on the farm", and green once the re-run publishes.
Screenshots at 430×600 and wide."""

from __future__ import annotations

import json
import time
import xmlrpc.client
from pathlib import Path

import pytest
from farm.farm_helpers import kill_worker, studio_farm_command
from helpers import REPO, HostProcess, free_port, isolated_env
from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from window_helpers import click, close_to, colour, find, needs_display, popup, rect, resize

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.farm import outputs
from pyblish_qml.record.store import RunStore

pytestmark = [needs_display, pytest.mark.slow]

FARM_PIPELINE = REPO / "tests" / "farm" / "pipeline"
WINDOW_PIPELINE = Path(__file__).parent / "pipeline"


@pytest.fixture
def farm_window(qapp, tmp_path, qtbot, monkeypatch):
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    yield from open_window(qapp, tmp_path, qtbot, monkeypatch, [{"name": "chairA", "farm": True},
                                                                {"name": "tableB", "failOnFarm": True}])


def open_window(qapp, tmp_path, qtbot, monkeypatch, instances: list[dict]):
    """The real window on a real host process serving the farm test pipeline and this scene."""
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.setenv("PYBLISH_QML_HISTORY_PATH", str(tmp_path / "history.sqlite3"))
    (tmp_path / "publish").mkdir(exist_ok=True)  # a reopened window: the same scene and history
    scene = tmp_path / "scene.json"
    scene.write_text(json.dumps({"publishDir": str(tmp_path / "publish"), "instances": instances}))
    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    host = HostProcess(FARM_PIPELINE, "--plugin-path", str(WINDOW_PIPELINE), "--target", "local",
                       "--heartbeat-interval", "0.5",
                       env=isolated_env(PYBLISH_QML_SCENE=str(scene), PYBLISH_QML_PORT=str(application.port)))
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
    assert proxy.show(host.port, {"ContextLabel": "Scene"}) is True
    qtbot.waitUntil(lambda: application.controller.status.state == State.Ready
                    and application.controller.models.instances.rowCount() >= len(instances) + 1, timeout=20000)
    yield application, tmp_path
    host.stop()
    application.shutdown()


def row_mark(ui, name: str, part: str):
    return find(ui, part, find(ui, "instance:" + name))


def farm_states(ui, names: tuple = ("chairA", "tableB")) -> dict:
    return {name: row_mark(ui, name, "farmRowState").property("text") for name in names}


def bar_says(ui, qtbot, outcome: str) -> None:
    """The run's outcome, and the progress bar drawn in its colour on screen."""
    assert ui.controller.status.outcome == outcome
    bar = find(ui, "progressBar").property("contentItem")
    qtbot.waitUntil(lambda: close_to(QColor(bar.property("color")), colour(ui, outcome), 0), timeout=3000)
    QTest.mouseMove(ui.window, QPoint(200, 280))  # no button's tooltip over the bar
    qtbot.wait(400)  # the bar's width animates, a tooltip fades
    x, y, w, h = rect(bar)
    assert close_to(ui.window.grabWindow().pixelColor(int(x + w / 4), int(y + h / 2)), colour(ui, outcome))


FARM_FAILURE = "tableB fails the farm's own check (no %s/publish/fixed yet)"


def report_entries(report) -> list:
    """What a Report lists: each group's plugin, and its entries with where they ran."""
    return [(group["pluginLabel"], [(e["instanceLabel"], e["message"], e["ranOn"], e["attempt"])
                                    for e in group["entries"].items()]) for group in report.items()]


def said(ui, qtbot, text: str) -> None:
    """The footer and the Report's headline say the same sentence."""
    qtbot.waitUntil(lambda: ui.controller.status.message == text, timeout=5000)
    assert find(ui, "statusMessage").property("text") == text
    assert ui.controller.models.report.summary == text


def test_mark_publish_watch_the_farm_export_and_rerun_failed_on_the_farm(farm_window, qtbot, docs_image):
    ui, folder = farm_window
    farm = ui.controller.farm_panel
    resize(ui, qtbot, 430, 600)
    ids = {row["name"]: row["id"] for row in ui.controller.models.instance_model.items() if not row["isContext"]}

    # The pipeline marked chairA; the artist marks tableB with the cloud on its row.
    assert row_mark(ui, "chairA", "farmRowToggle").property("checked") is True
    assert row_mark(ui, "chairA", "farmRowToggle").property("opacity") == 1.0
    assert row_mark(ui, "tableB", "farmRowToggle").property("checked") is False
    click(ui, row_mark(ui, "tableB", "farmRowToggle"))
    qtbot.waitUntil(lambda: farm.isOnFarm(ids["tableB"]), timeout=3000)
    assert row_mark(ui, "tableB", "farmRowToggle").property("checked") is True
    assert not find(ui, "farmStatusLine").isVisible()  # nothing handed off yet

    # Publish: validate here, hand both off; the rows fill with farm states as the farm reports.
    click(ui, find(ui, "publishButton"))
    seen: dict[str, list[str]] = {"chairA": [], "tableB": []}
    working: set[tuple[str, str]] = set()  # (outcome, sentence) while a farm task was queued or running
    deadline = time.monotonic() + 120
    while not (seen["chairA"][-1:] == ["done"] and seen["tableB"][-1:] == ["failed"]):
        assert time.monotonic() < deadline, seen
        for name, text in farm_states(ui).items():
            if text and seen[name][-1:] != [text]:
                seen[name].append(text)
        if {"queued", "running"} & set(farm_states(ui).values()) and ui.controller.status.state == State.Ready:
            working.add((ui.controller.status.outcome, ui.controller.status.message))
        qtbot.wait(50)
    assert seen["chairA"][0] in ("queued", "running") and seen["tableB"][0] in ("queued", "running"), seen
    # While the farm works the run is in progress (blue), never green; its sentence says so.
    assert working and {outcome for outcome, _ in working} <= {"running", "failed"}, working
    assert all(text.startswith("Validated here; on the farm: ") for _, text in working), working
    bundle = Path(farm.bundle)
    assert bundle.parent == folder / "bundles" and (bundle / "manifest.json").exists()
    line = find(ui, "farmStatusLine")
    qtbot.waitUntil(lambda: find(ui, "farmSummary").property("text") == "Farm: 1 done, 1 failed", timeout=5000)
    assert line.isVisible() and find(ui, "farmBundlePath").property("text") == str(bundle)
    assert farm.farmDetail(ids["tableB"]) == "On the farm: failed — tableB did not publish: failed validation"
    assert (folder / "publish" / "chairA.json.integrated").read_text() == "farm"
    assert not (folder / "publish" / "tableB.json").exists()
    # The farm's part failed: the bar, the footer and the Report's headline say so, as a local failure would.
    said(ui, qtbot, "Validated here; 1 of 2 failed on the farm.")
    bar_says(ui, qtbot, "failed")
    assert ui.controller.models.report.verdict == "failed"
    # Handing off was the publish: Reset is the next step, not Publish (it would hand them off twice).
    assert not ui.controller.status.canPublish and ui.controller.status.primaryAction == "reset"
    assert find(ui, "resetButton").property("drawnFilled") and not find(ui, "publishButton").property("drawnFilled")
    click(ui, find(ui, "tab:Report"))  # the page says the same, and lists the farm's failure as an entry
    qtbot.waitUntil(lambda: find(ui, "reportSummary").isVisible(), timeout=3000)
    assert find(ui, "reportSummary").property("text") == "Validated here; 1 of 2 failed on the farm."
    live = report_entries(ui.controller.models.report_model)
    assert live == [("Validate on farm", [("tableB", FARM_FAILURE % folder, "farm", 1)])], live
    entry = find(ui, "reportEntry:tableB", find(ui, "reportGroup:error:Validate on farm"))
    qtbot.waitUntil(entry.isVisible, timeout=3000)
    assert find(ui, "reportEntryFarm", entry).isVisible()
    assert find(ui, "reportEntryFarmText", entry).property("text") == "farm · attempt 1"
    assert find(ui, "reportEntryMessage", entry).property("text") == FARM_FAILURE % folder
    assert "ValueError: " + FARM_FAILURE % folder in find(ui, "reportEntryDetail", entry).property("text")
    assert not find(ui, "reportEmpty").isVisible()
    QTest.mouseMove(ui.window, QPoint(200, 280))
    qtbot.wait(400)
    ui.window.grabWindow().save(docs_image("farm-report.png"))
    # The same run from the record (History) lists the same, and says the same sentence.
    run_id = json.loads((Path(farm.bundle) / "manifest.json").read_text())["runId"]
    ui.controller.history.open_run(run_id)
    qtbot.waitUntil(lambda: ui.controller.history.viewingPast, timeout=10000)
    assert report_entries(ui.controller.models.report_model) == live
    assert ui.controller.models.report.summary == "Validated here; 1 of 2 failed on the farm."
    ui.controller.history.back_to_live()
    click(ui, find(ui, "tab:Overview"))
    click(ui, find(ui, "farmCopyPath"))
    assert ui.app.clipboard().text() == str(bundle)
    QTest.mouseMove(ui.window, QPoint(200, 280))  # no tooltip over the picture
    qtbot.wait(700)
    ui.window.grabWindow().save(docs_image("farm-states.png"))

    # The timeline: the farm's pairs in lanes of their own, marked "farm".
    click(ui, find(ui, "tab:Timeline"))
    timeline = ui.controller.history.timeline
    qtbot.waitUntil(lambda: any(lane.farm for lane in timeline.lanes), timeout=10000)
    farm_lanes = [lane for lane in timeline.lanes if lane.farm]
    assert {lane.label for lane in farm_lanes} >= {"Validate on farm", "ExtractFile"}
    assert all(lane.farm for lane in timeline.lanes[timeline.lanes.index(farm_lanes[0]):])  # below the local ones
    resize(ui, qtbot, 1100, 640)
    qtbot.wait(400)
    ui.window.grabWindow().save(docs_image("farm-lanes.png"))
    resize(ui, qtbot, 430, 600)
    qtbot.wait(300)
    ui.window.grabWindow().save(docs_image("farm-lanes-narrow.png"))
    click(ui, find(ui, "tab:Overview"))

    # Export the report: the run's local and farm pairs, each marked where it ran.
    exported = folder / "report.json"
    ui.controller.history.export(str(exported), "json")
    qtbot.waitUntil(exported.exists, timeout=10000)
    report = json.loads(exported.read_text())
    assert {pair.get("ranOn", "local") for pair in report["pairs"]} == {"local", "farm"}
    assert {(task["task"], task["state"]) for task in report["run"]["farm"]} == {("chairA", "done"),
                                                                                  ("tableB", "failed")}
    page = folder / "report.html"  # the HTML report lists the farm's failure marked as the window does
    ui.controller.history.export(str(page), "html")
    qtbot.waitUntil(page.exists, timeout=10000)
    assert '<b>tableB</b> <span class="farm">farm · attempt 1</span>: ' in page.read_text(encoding="utf-8")

    # The fix, then "Re-run failed on farm" from the run menu: tableB again, as attempt 2.
    (folder / "publish" / "fixed").write_text("yes")
    click(ui, find(ui, "runMenuButton"))
    menu = popup(ui, qtbot, "runMenu")
    item = next(i for i in _menu_items(menu) if i.objectName() == "rerunFailedOnFarmItem")
    assert item.property("enabled") and item.property("text") == "Re-run failed on farm (1)"
    click(ui, item)
    qtbot.waitUntil(lambda: farm_states(ui)["tableB"] == "done", timeout=120000)
    assert farm_states(ui)["chairA"] == "done"
    assert (folder / "publish" / "tableB.json.integrated").read_text() == "farm"
    qtbot.waitUntil(lambda: find(ui, "farmSummary").property("text") == "Farm: 2 done", timeout=5000)
    assert not find(ui, "farmRerunFailed").isVisible()
    said(ui, qtbot, "Validated here; 2 of 2 published on the farm.")  # the re-run published: green now
    bar_says(ui, qtbot, "passed")
    assert ui.controller.models.report.verdict == "passed"
    qtbot.waitUntil(lambda: report_entries(ui.controller.models.report_model) == [], timeout=5000)  # attempt 2 passed
    click(ui, find(ui, "tab:Report"))
    qtbot.waitUntil(lambda: find(ui, "reportEmpty").isVisible(), timeout=3000)
    assert find(ui, "reportEmpty").property("text") == "Nothing failed and nothing warned."
    click(ui, find(ui, "tab:Overview"))

    run_id = json.loads((bundle / "manifest.json").read_text())["runId"]
    store = RunStore(folder / "history.sqlite3")
    try:
        qtbot.waitUntil(lambda: len(store.load(run_id).run["farm"]) == 3, timeout=10000)
        tasks = {(task["task"], task["attempt"]): task["state"] for task in store.load(run_id).run["farm"]}
    finally:
        store.close()
    assert tasks == {("chairA", 1): "done", ("tableB", 1): "failed", ("tableB", 2): "done"}


def _menu_items(menu: QObject) -> list:
    from window_helpers import walk

    return [item for item in walk(menu.property("contentItem")) if item.inherits("QQuickMenuItem")]


def test_a_window_reopened_mid_farm_picks_its_run_up_bar_and_footer_included(qapp, tmp_path, qtbot, monkeypatch):
    """Publish hands chairA off (deskC publishes here); the window closes while the farm's task runs
    (held by a file the test writes); the window opens again on the same scene: it picks the bundle up
    into the same run, and its bar, footer and Report headline say the farm's part — blue while the task
    runs, green once it published — as the window that handed it off would."""
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    release = tmp_path / "release"
    scene = [{"name": "chairA", "farm": True, "waitFor": str(release)}, {"name": "deskC"}]
    first = open_window(qapp, tmp_path, qtbot, monkeypatch, scene)
    ui, folder = next(first)
    click(ui, find(ui, "publishButton"))
    qtbot.waitUntil(lambda: farm_states(ui, ("chairA",))["chairA"] == "running"
                    and ui.controller.status.state == State.Ready, timeout=90000)
    said(ui, qtbot, "Published here; on the farm: 1 running.")
    bundle = ui.controller.farm_panel.bundle
    next(first, None)  # the window closes mid-farm

    second = open_window(qapp, tmp_path, qtbot, monkeypatch, scene)
    ui, _ = next(second)
    try:
        farm = ui.controller.farm_panel
        qtbot.waitUntil(lambda: farm.bundle == bundle, timeout=15000)
        qtbot.waitUntil(lambda: farm_states(ui, ("chairA",))["chairA"] == "running", timeout=10000)
        said(ui, qtbot, "Published here; on the farm: 1 running.")
        bar_says(ui, qtbot, "running")
        release.write_text("go")
        qtbot.waitUntil(lambda: farm_states(ui, ("chairA",))["chairA"] == "done", timeout=60000)
        said(ui, qtbot, "Published here; 1 of 1 published on the farm.")
        bar_says(ui, qtbot, "passed")
        assert ui.controller.models.report.verdict == "passed"
        assert (folder / "publish" / "chairA.json.integrated").read_text() == "farm"
    finally:
        next(second, None)


STUDIO = ("chairA", "tableB", "lampC")


@pytest.fixture
def studio_window(qapp, tmp_path, qtbot, monkeypatch):
    """The window handing off to a studio farm: the command submitter, a worker per task (another machine)."""
    monkeypatch.setenv("PYBLISH_QML_FARM_SUBMITTER", "command")
    monkeypatch.setenv("PYBLISH_QML_FARM_COMMAND", studio_farm_command(tmp_path))
    monkeypatch.setenv("PYBLISH_QML_FARM_LOST_AFTER", "4")
    never = tmp_path / "never-written"  # tableB's extractor waits on its worker until it is killed
    yield from open_window(qapp, tmp_path, qtbot, monkeypatch, [
        {"name": "chairA", "farm": True}, {"name": "tableB", "farm": True, "waitFor": str(never)},
        {"name": "lampC", "farm": True}])


def test_a_studio_worker_killed_mid_task_is_lost_on_farm_and_the_others_publish(studio_window, qtbot):
    ui, folder = studio_window
    farm = ui.controller.farm_panel
    ids = {row["name"]: row["id"] for row in ui.controller.models.instance_model.items() if not row["isContext"]}
    click(ui, find(ui, "publishButton"))  # every instance is marked: validate here, all three to the farm
    qtbot.waitUntil(lambda: bool(farm.bundle), timeout=30000)
    bundle = Path(farm.bundle)
    task = outputs.attempt_dir(bundle, 1) / "tableB.jsonl"
    qtbot.waitUntil(lambda: any(line["kind"] == "pair" and line["phase"] == "publish"
                                for line in outputs.read_lines(task)), timeout=90000)  # mid-task: extracting
    assert outputs.read_lines(task)[0]["machine"] == "farm-worker-tableB"  # no pid to look up from here
    qtbot.waitUntil(lambda: farm_states(ui, STUDIO)["tableB"] == "running", timeout=5000)

    kill_worker(bundle, 1, "tableB")  # kill -9: its machine's processes all go, mid-task
    qtbot.waitUntil(lambda: farm_states(ui, STUDIO) == {"chairA": "done", "tableB": "lost", "lampC": "done"},
                    timeout=90000)
    assert farm.farmDetail(ids["tableB"]).startswith("Lost on farm — No word from the worker for")
    said(ui, qtbot, "Validated here; 1 of 3 lost on the farm.")
    bar_says(ui, qtbot, "failed")
    qtbot.waitUntil(lambda: find(ui, "farmSummary").property("text") == "Farm: 2 done, 1 lost", timeout=5000)
    assert find(ui, "farmRerunFailed").isVisible()
    # The Report lists it: one "Lost on farm" entry for tableB, marked farm, with why.
    live = report_entries(ui.controller.models.report_model)
    assert [(plugin, [(name, ran, attempt) for name, _, ran, attempt in entries]) for plugin, entries in live] == [
        ("Lost on farm", [("tableB", "farm", 1)])], live
    assert live[0][1][0][1].startswith("lost on farm (attempt 1): No word from the worker for")
    assert ui.controller.models.report.hereCount == 0  # nothing to validate again: the farm line re-runs it
    assert {p.name for p in (folder / "publish").glob("*.integrated")} == {"chairA.json.integrated",
                                                                         "lampC.json.integrated"}

    # The record: tableB lost on farm (one failed pair), the other two published, none of theirs failed.
    run_id = json.loads((bundle / "manifest.json").read_text())["runId"]
    store = RunStore(folder / "history.sqlite3")
    try:
        qtbot.waitUntil(lambda: {t["task"]: t["state"] for t in store.load(run_id).run["farm"]}
                        == {"chairA": "done", "tableB": "lost", "lampC": "done"}, timeout=10000)
        report = store.load(run_id)
    finally:
        store.close()
    farm_pairs = [pair for pair in report.pairs if pair.get("ranOn") == "farm"]
    failed = [(report.instance_label(pair["instance"]), pair["error"]["type"]) for pair in farm_pairs
              if not pair["success"]]
    assert failed == [("tableB", "LostOnFarm")]
    assert {report.instance_label(pair["instance"]) for pair in farm_pairs if pair["instance"]} == set(STUDIO)
    ui.controller.history.open_run(run_id)  # the same run from the record: the same entry, the same sentence
    qtbot.waitUntil(lambda: ui.controller.history.viewingPast, timeout=10000)
    assert report_entries(ui.controller.models.report_model) == live
    assert ui.controller.models.report.summary == "Validated here; 1 of 3 lost on the farm."
    ui.controller.history.back_to_live()
