"""Real OpenJD runs: validate on the workstation, hand off, ``openjd run`` publishes on the "farm"
(this machine), the results come back into the same run in the SQLite history."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from farm_helpers import CHROMIUM, Workstation, WorkstationHost, chromium_dom, openjd_check, wait_ended, write_scene

from pyblish_qml.app.history.history_model import history_row
from pyblish_qml.app.history.past_run import counts_text
from pyblish_qml.farm import cli, intake, outputs
from pyblish_qml.farm.outputs import FarmState
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.summary import text_summary

pytestmark = pytest.mark.slow


@pytest.fixture()
def farm(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.delenv("PYBLISH_QML_FARM_SUBMITTER", raising=False)
    made = []

    def start(instances):
        scene = write_scene(tmp_path, instances)
        host = WorkstationHost(tmp_path, scene)
        station = Workstation(host.port, tmp_path / "history.sqlite3")
        made.append((host, station))
        station.collect()
        return scene, station

    yield start
    for host, station in made:
        station.close()
        host.close()


def test_two_instances_one_fails_on_the_worker_one_publishes_then_a_fixed_rerun(farm, tmp_path):
    # chairA is valid; tableB passes here but the scene says otherwise by the time the farm validates.
    scene, station = farm([{"name": "chairA", "farm": True}, {"name": "tableB", "farm": True}])
    end, done = station.validate_and_hand_off(["chairA", "tableB"], tmp_path / "bundles")
    bundle = Path(done.bundle)
    openjd_check(bundle)
    data = json.loads(scene.read_text())
    data["instances"][1]["valid"] = False  # the farm validates again, and fails it
    scene.write_text(json.dumps(data))

    states = wait_ended(bundle, 1)
    assert states["chairA"].state is FarmState.DONE, states["chairA"]
    assert states["tableB"].state is FarmState.FAILED, states["tableB"]
    assert "failed validation" in states["tableB"].message
    published = tmp_path / "publish" / "chairA.json"
    made = json.loads(published.read_text())
    assert made["targets"] == ["default", "farm"] and made["pid"] != station.port
    assert (tmp_path / "publish" / "chairA.json.integrated").read_text() == "farm"  # target "farm" ran there
    assert not (tmp_path / "publish" / "chairA.json.local").exists()  # target "local" did not
    assert not (tmp_path / "publish" / "tableB.json").exists()  # nothing extracted after a failed validation
    hosts = outputs.hosts_started(bundle, 1)
    log = (outputs.attempt_dir(bundle, 1) / "openjd.log").read_text()
    assert "openjd_progress: 100" in log and "openjd_fail: tableB did not publish" in log

    # Back in the run that validated: farm pairs marked, local ones not.
    intake.intake(bundle)
    run_id = done.submission and json.loads((bundle / "manifest.json").read_text())["runId"]
    store = RunStore(tmp_path / "history.sqlite3")
    report = store.load(run_id)
    farm_pairs = [pair for pair in report.pairs if pair.get("ranOn") == "farm"]
    local_pairs = [pair for pair in report.pairs if "ranOn" not in pair]
    assert local_pairs and farm_pairs
    assert {report.instance_label(pair["instance"]) for pair in farm_pairs} == {"chairA", "tableB"}
    failed = [pair for pair in farm_pairs if not pair["success"]]
    assert [report.plugin(pair["plugin"])["name"] for pair in failed] == ["ValidateReady"]
    assert report.plugin(failed[0]["plugin"])["id"] in {p["id"] for p in station.plugins}  # the window's ids
    assert {(task["task"], task["state"]) for task in report.run["farm"]} == {("chairA", "done"),
                                                                           ("tableB", "failed")}
    assert intake.intake(bundle) == 0  # nothing twice
    assert len(store.load(run_id).pairs) == len(report.pairs)
    row = store.summary(run_id)
    assert (row.errors, row.crashed, row.lost) == (1, 0, 0)  # History's row: tableB's failure
    assert history_row(row)["counts"].replace("1 error", "") == counts_text(report).replace("1 error", "")
    assert "1 error" in history_row(row)["counts"] and "1 error" in counts_text(report)
    assert text_summary(report).startswith("Pyblish report: Validate passed; 1 of 2 failed on the farm\n")

    # The fix, and a re-run of the failed one only (attempt 2), through the command line.
    data["instances"][1]["valid"] = True
    scene.write_text(json.dumps(data))
    assert cli.main(["rerun", str(run_id)]) == 0
    states = wait_ended(bundle, 2)
    assert states["tableB"].state is FarmState.DONE and states["tableB"].attempt == 2
    assert states["chairA"].attempt == 1
    assert json.loads((bundle / "template.json").read_text())["steps"][0]["parameterSpace"][
        "taskParameterDefinitions"][0]["range"] == ["tableB"]
    openjd_check(bundle)
    assert len(hosts) == 1
    assert (tmp_path / "publish" / "tableB.json").exists()
    assert cli.main(["status", str(run_id)]) == 0
    again = store.load(run_id)
    tasks = {(task["task"], task["attempt"]): task["state"] for task in again.run["farm"]}
    assert tasks == {("chairA", 1): "done", ("tableB", 1): "failed", ("tableB", 2): "done"}
    assert {pair["attempt"] for pair in again.pairs if pair.get("ranOn")} == {1, 2}

    # History's row says it all published: the attempt-1 failure attempt 2 fixed is no error now,
    # counted as the Report page of the same run counts it.
    row = store.summary(run_id)
    assert (row.errors, row.crashed, row.lost) == (0, 0, 0), row
    assert history_row(row)["counts"] == counts_text(again), (history_row(row)["counts"], counts_text(again))
    assert "error" not in history_row(row)["counts"]
    assert row.pairs == again.counts()["pairs"] < len(again.pairs)
    assert again.problems("failed") == [] and again.counts()["failed"] == 0
    [(earlier, later)] = again.superseded()
    assert (earlier["attempt"], later["attempt"], later["success"]) == (1, 2, True)
    assert report.instance_label(earlier["instance"]) == "tableB"

    # pyblish-qml report export: local and farm pairs of the one run, each marked where it ran.
    text = subprocess.run([sys.executable, "-m", "pyblish_qml", "report", "--database",
                           str(tmp_path / "history.sqlite3"), "export", "--run", str(run_id)],
                          capture_output=True, text=True, check=True).stdout
    assert "Farm:" in text and "tableB (attempt 2): done" in text, text
    assert text.startswith("Pyblish report: Validate passed; 2 of 2 published on the farm (tableB by attempt 2)\n")
    assert "\nErrors (" not in text and "0 failed" in text, text
    assert "Earlier attempts (1)" in text and "tableB: attempt 1 failed: " in text, text
    assert "; fixed by attempt 2" in text, text
    exported = json.loads(subprocess.run(
        [sys.executable, "-m", "pyblish_qml", "report", "--database", str(tmp_path / "history.sqlite3"), "export",
         "--run", str(run_id), "--format", "json"], capture_output=True, text=True, check=True).stdout)
    assert {pair.get("ranOn", "local") for pair in exported["pairs"]} == {"local", "farm"}
    assert len(exported["pairs"]) == len(again.pairs)  # every pair kept, the replaced ones marked
    replaced = [pair for pair in exported["pairs"] if "supersededBy" in pair]
    by_seq = {pair["seq"]: pair for pair in exported["pairs"]}
    assert earlier["seq"] in {pair["seq"] for pair in replaced}
    assert by_seq[by_seq[earlier["seq"]]["supersededBy"]]["attempt"] == 2
    assert all(by_seq[pair["supersededBy"]]["seq"] > pair["seq"] for pair in replaced)
    assert exported["run"]["counts"]["errors"] == 0

    # The HTML page, as a browser shows it: no current problem for tableB, its attempt 1 as history.
    if CHROMIUM is None:
        pytest.skip("needs Debian's chromium for the HTML part")
    page = tmp_path / "report.html"
    subprocess.run([sys.executable, "-m", "pyblish_qml", "report", "--database", str(tmp_path / "history.sqlite3"),
                    "export", "--run", str(run_id), "--format", "html", "-o", str(page)], check=True)
    dom = chromium_dom(page, tmp_path / "profile")
    assert 'data-ready="1"' in dom
    assert '<header class="passed"><h1>Validate passed; 2 of 2 published on the farm (tableB by attempt 2)</h1>' in dom
    errors = dom[dom.index('<section id="errors">'):dom.index("</section>", dom.index('<section id="errors">'))]
    assert "Errors (0)" in errors and "tableB" not in errors and "None." in errors
    history = dom[dom.index('<section id="earlier">'):dom.index("</section>", dom.index('<section id="earlier">'))]
    assert "Earlier attempts (1)" in history and "<b>ValidateReady</b> on tableB" in history, history
    assert "attempt 1 failed: " in history and "fixed by attempt 2" in history, history
    assert "0 failed" in dom and "replaced by a later result" in dom
    store.close()


def test_a_worker_killed_mid_task_is_lost_on_farm_and_the_other_instance_publishes(farm, tmp_path):
    scene, station = farm([{"name": "slowA", "farm": True, "sleep": 0}, {"name": "quickB", "farm": True}])
    data = json.loads(scene.read_text())
    data["instances"][0]["sleep"] = 60  # after validation here: the worker's validator takes a minute
    scene.write_text(json.dumps(data))
    from pyblish_qml.farm import handoff

    end = station.run(__import__("pyblish_qml.engine.jobs", fromlist=["Validate"]).Validate(
        station.port, station.toggles()))
    assert not end.failed
    # The collector reads "sleep" from the scene: a farm-side collect sees 60 s.
    station.writer.flush(5)
    run_id = station.writer.last_run_id(station.port)
    done = handoff.hand_off(station.context, station.plugins, list(station.instances.values()), port=station.port,
                            run_id=run_id, history=str(station.history), root=tmp_path / "bundles",
                            plugin_paths=[str(Path(__file__).parent / "pipeline")])
    bundle = Path(done.bundle)
    task_file = outputs.attempt_dir(bundle, 1) / "slowA.jsonl"
    deadline = time.monotonic() + 60
    while not any(line.get("kind") == "start" for line in outputs.read_lines(task_file)):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # mid-task: collecting or validating
    assert outputs.task_state(bundle, 1, "slowA").state is FarmState.RUNNING
    worker = outputs.read_lines(task_file)[0]["pid"]
    os.kill(worker, signal.SIGKILL)

    states = wait_ended(bundle, 1)
    assert states["slowA"].state is FarmState.LOST, states["slowA"]
    assert "lost on farm" in states["slowA"].message
    assert states["quickB"].state is FarmState.DONE
    intake.intake(bundle)
    store = RunStore(tmp_path / "history.sqlite3")
    report = store.load(run_id)
    by_task = {task["task"]: task for task in report.run["farm"]}
    assert by_task["slowA"]["state"] == "lost" and by_task["quickB"]["state"] == "done"
    lost = [pair for pair in report.pairs if pair.get("ranOn") and report.instance_label(pair["instance"]) == "slowA"]
    assert lost and not any(pair["success"] for pair in lost)
    assert all(pair["success"] for pair in report.pairs if pair.get("ranOn")
               and report.instance_label(pair["instance"]) == "quickB")
    store.close()
