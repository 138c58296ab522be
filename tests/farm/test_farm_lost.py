"""Lost on farm for a studio farm (the ``command`` submitter): the workstation cannot look a worker of
another machine up by pid, so it judges a started task by its heartbeat (docs/farm.md, "Lost on farm").

Real parts: the workstation host and the engine's Runner into a real SQLite history, the real hand-off,
the command submitter running ``openjd run`` per task on a "worker" of its own (pid, mount and UTS
namespaces: another host name). A worker frozen mid-task (SIGSTOP on every process of its machine: a
hung machine, a share gone away) is lost once it has been silent for ``lostAfter``; thawed, its late
heartbeat takes the verdict back — running, then done — and the record keeps no false "lost" pair."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from farm_helpers import Workstation, WorkstationHost, studio_farm_command, wait_for, worker_processes, write_scene

from pyblish_qml.farm import intake, outputs
from pyblish_qml.farm.intake import LOST_PLUGIN
from pyblish_qml.farm.outputs import FarmState
from pyblish_qml.record.store import RunStore

pytestmark = pytest.mark.slow
LOST_AFTER = 4.0


def record(history: Path, run_id: int) -> dict:
    """What the history says of the run: its counts, its farm tasks, its lost pairs, its pairs, and
    what its Report page counts (the latest result of each pair: the stored counts must say the same)."""
    db = sqlite3.connect(str(history))
    try:
        counts = db.execute("SELECT pair_count, error_count FROM runs WHERE id = ?", (run_id,)).fetchone()
        rows = db.execute("SELECT COUNT(*), SUM(success = 0) FROM pairs WHERE run_id = ?", (run_id,)).fetchone()
        tasks = dict(db.execute("SELECT task_key, state FROM farm_tasks WHERE run_id = ?", (run_id,)).fetchall())
        lost = db.execute("SELECT COUNT(*) FROM pairs WHERE run_id = ? AND plugin_id = ?",
                          (run_id, LOST_PLUGIN)).fetchone()[0]
    finally:
        db.close()
    store = RunStore(history)
    try:
        counted = store.load(run_id).counts()
    finally:
        store.close()
    return {"counts": tuple(counts), "rows": (rows[0], rows[1] or 0), "tasks": tasks, "lost": lost,
            "report": (counted["pairs"], counted["failed"])}


def test_a_frozen_worker_is_lost_when_silent_and_running_again_when_it_reports(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH", str(tmp_path / "bundles"))
    monkeypatch.setenv("PYBLISH_QML_FARM_SUBMITTER", "command")
    monkeypatch.setenv("PYBLISH_QML_FARM_COMMAND", studio_farm_command(tmp_path))
    monkeypatch.setenv("PYBLISH_QML_FARM_LOST_AFTER", str(LOST_AFTER))
    release = tmp_path / "release-tableB"  # tableB's extractor waits for it (on the farm: it is marked)
    scene = write_scene(tmp_path, [{"name": "chairA", "farm": True},
                                   {"name": "tableB", "farm": True, "waitFor": str(release)}])
    host = WorkstationHost(tmp_path, scene)
    station = Workstation(host.port, tmp_path / "history.sqlite3")
    frozen: list[int] = []
    try:
        station.collect()
        _, done = station.validate_and_hand_off(["chairA", "tableB"], tmp_path / "bundles")
        bundle = Path(done.bundle)
        manifest = json.loads((bundle / "manifest.json").read_text())
        run_id = manifest["runId"]
        assert manifest["settings"]["lostAfter"] == LOST_AFTER and done.submission.job_id == "job-studio-1"

        # tableB's worker, mid-task (validated, its extractor waiting); chairA publishes meanwhile.
        task = outputs.attempt_dir(bundle, 1) / "tableB.jsonl"
        wait_for(lambda: any(line["kind"] == "pair" and line["phase"] == "publish"
                             for line in outputs.read_lines(task)), 90, "tableB never got to publish on its worker")
        start = outputs.read_lines(task)[0]
        assert start["machine"] == "farm-worker-tableB"  # another machine: no pid to look up from here
        assert outputs.latest_states(bundle)["tableB"].state is FarmState.RUNNING
        wait_for(lambda: outputs.latest_states(bundle)["chairA"].state is FarmState.DONE, 90, "chairA did not publish")

        # Frozen: every process of its machine stops; silence past lostAfter is lost on farm.
        frozen = worker_processes(bundle, 1, "tableB")
        assert len(frozen) >= 3  # openjd, the session's host and task driver, the task's client
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        lost = wait_for(lambda: (s := outputs.latest_states(bundle)["tableB"]).state is FarmState.LOST and s,
                        LOST_AFTER + 20, "the silent worker was never judged lost")
        assert lost.silent and "No word from the worker for" in lost.message
        intake.intake(bundle)
        now = record(tmp_path / "history.sqlite3", run_id)
        assert now["tasks"] == {"chairA": "done", "tableB": "lost"} and now["lost"] == 1
        assert now["counts"] == now["report"] and now["counts"][1] == 1  # as the Report counts: one lost

        # Thawed: the late heartbeat takes "lost" back; released, it publishes; the record says done.
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        frozen = []
        wait_for(lambda: outputs.latest_states(bundle)["tableB"].state is FarmState.RUNNING, 10,
                 "the worker's heartbeat did not take the verdict back")
        intake.intake(bundle)
        assert record(tmp_path / "history.sqlite3", run_id)["lost"] == 0  # no false "lost" kept meanwhile
        release.write_text("go")
        wait_for(lambda: outputs.latest_states(bundle)["tableB"].state is FarmState.DONE, 60, "tableB did not finish")
        intake.intake(bundle)
        final = record(tmp_path / "history.sqlite3", run_id)
        assert final["tasks"] == {"chairA": "done", "tableB": "done"} and final["lost"] == 0
        assert final["counts"] == final["report"] and final["rows"][1] == 0  # every farm pair passed, none lost
        assert (tmp_path / "publish" / "tableB.json.integrated").read_text() == "farm"
        assert intake.intake(bundle) == 0  # nothing twice
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        release.write_text("go")
        station.close()
        host.close()
