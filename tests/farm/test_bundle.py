"""The bundle as files: ``openjd check`` passes, the manifest is versioned and refuses what it does not
know, task keys are unique, the command line lists and copies bundles, each submitter's command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from farm_helpers import OPENJD, openjd_check

from pyblish_qml.farm import bundle, cli, manifest, submitters, template
from pyblish_qml.farm.outputs import FarmState, attempt_dir, hosts_started, latest_states


def wire_context(tmp_path: Path, names: list[str]) -> dict:
    scene = tmp_path / "shot010.ma"
    scene.write_text("scene")
    return {"id": "ctx", "name": "Context",
            "data": {"currentFile": str(scene), "hostName": "python", "user": "ann", "comment": "ok"},
            "children": [{"id": "id-%d" % n, "name": name, "data": {"family": "model", "farm": n % 2 == 0},
                          "children": []} for n, name in enumerate(names)]}


PLUGINS = [{"id": "p1", "name": "ValidateReady", "label": "Ready", "order": 1.0, "active": False}]


def test_a_bundle_passes_openjd_check_and_holds_a_versioned_manifest(tmp_path):
    context = wire_context(tmp_path, ["chair A", "chair A", "table/B"])
    made = manifest.make(context, PLUGINS, ["id-0", "id-1", "id-2"], scene=context["data"]["currentFile"],
                         comment="ok", run_id=7, history="/h.sqlite3")
    folder = bundle.write(made, tmp_path / "bundles")
    assert "passes validation" in openjd_check(folder)
    read = manifest.read(folder)
    assert read["format"] == manifest.FORMAT and read["version"] == manifest.VERSION == 1
    assert [entry["key"] for entry in read["instances"]] == ["chair_A", "chair_A-2", "table_B"]
    assert read["targets"] == ["default", "farm"] and read["runId"] == 7 and read["plugins"][0]["active"] is False
    values = template.read_parameters(folder)
    assert values == {"Bundle": str(folder), "Python": sys.executable, "Attempt": 1}
    job = json.loads((folder / "template.json").read_text())
    assert job["steps"][0]["stepEnvironments"][0]["name"] == template.ENVIRONMENT
    summary = subprocess.run([OPENJD, "summary", str(folder / "template.json"), "-p", "Bundle=%s" % folder],
                             capture_output=True, text=True)
    assert summary.returncode == 0 and "3" in summary.stdout, summary.stdout + summary.stderr


def test_the_manifest_refuses_a_newer_version_or_another_format(tmp_path):
    with pytest.raises(manifest.ManifestError, match="newer"):
        manifest.check({"format": manifest.FORMAT, "version": manifest.VERSION + 1})
    with pytest.raises(manifest.ManifestError, match="not a pyblish-qml farm manifest"):
        manifest.check({"format": "else"})
    assert manifest.wants_farm({"id": "a", "data": {"farm": True}}) is True
    assert manifest.wants_farm({"id": "a", "data": {"farm": True}}, {"a": False}) is False


def test_the_workstation_names_the_host_kind_and_the_path_keys_the_worker_uses(tmp_path, monkeypatch):
    context = wire_context(tmp_path, ["chairA"])
    context["data"]["hostName"] = "blender"
    monkeypatch.setenv("PYBLISH_QML_FARM_HOST_KIND", "maya=mayapy, blender=bpy")
    monkeypatch.setenv("PYBLISH_QML_FARM_PATH_KEYS", "cachePath, thumbnail")
    made = manifest.make(context, PLUGINS, ["id-0"], scene=context["data"]["currentFile"], path_keys=["texture"])
    assert made["host"]["kind"] == "bpy" and made["host"]["name"] == "blender" and made["host"]["executable"] is None
    assert made["pathKeys"] == ["currentFile", "thumbnail", "texture", "cachePath"]
    monkeypatch.setenv("PYBLISH_QML_FARM_HOST_KIND", "maya=mayapy")
    assert manifest.make(context, PLUGINS, ["id-0"], scene=context["data"]["currentFile"])["host"]["kind"] == "blender"


def test_cli_lists_and_copies_a_bundle_and_a_rerun_refuses_with_nothing_failed(tmp_path, capsys):
    context = wire_context(tmp_path, ["chairA"])
    folder = bundle.write(manifest.make(context, PLUGINS, ["id-0"], scene=context["data"]["currentFile"], run_id=3),
                          tmp_path / "bundles")
    assert cli.main(["--root", str(tmp_path / "bundles"), "list"]) == 0
    assert "run 3" in capsys.readouterr().out
    assert cli.main(["--root", str(tmp_path / "bundles"), "bundle", "3", "-o", str(tmp_path / "copy")]) == 0
    openjd_check(tmp_path / "copy")
    assert template.read_parameters(tmp_path / "copy")["Bundle"] == str((tmp_path / "copy").resolve())
    assert cli.main(["--root", str(tmp_path / "bundles"), "rerun", "3"]) == 1
    assert "nothing failed" in capsys.readouterr().err
    assert cli.main(["--root", str(tmp_path / "bundles"), "status", "99"]) == 1
    assert latest_states(folder) == {}


@pytest.mark.slow
def test_the_command_submitter_runs_a_studio_command_one_openjd_run_per_task(tmp_path):
    # What Deadline 10 or OpenCue would do per task: openjd run <bundle>/template.json --task-param Instance=...
    from farm_helpers import PIPELINE, write_scene

    scene = write_scene(tmp_path, [{"name": "chairA"}, {"name": "tableB"}])
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene), "hostName": "python"},
               "children": [{"id": "a", "name": "chairA", "data": {}}, {"id": "b", "name": "tableB", "data": {}}]}
    folder = bundle.write(manifest.make(context, [], ["a", "b"], scene=str(scene), plugin_paths=[str(PIPELINE)]),
                          tmp_path / "bundles")
    command = ("for i in {instances}; do %s run {template} -p Bundle={bundle} -p Attempt={attempt} "
               "--task-param Instance=$i > /dev/null || exit 1; done; echo job-42") % OPENJD
    submission = submitters.submit(folder, ["chairA", "tableB"], submitters.SubmitterKind.COMMAND, command)
    assert submission.job_id == "job-42" and submission.attempt == 1
    (attempt_dir(folder, 1) / "finished.json").write_text("{}")  # the studio's farm says: over
    states = latest_states(folder)
    assert {key: state.state for key, state in states.items()} == {"chairA": FarmState.DONE,
                                                                   "tableB": FarmState.DONE}
    assert len(hosts_started(folder, 1)) == 2  # one session per task: one host start each
    assert (tmp_path / "publish" / "tableB.json").exists()


def test_the_deadline_cloud_submitter_builds_its_command_and_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PYBLISH_QML_DEADLINE_FARM_ID", "farm-1")
    monkeypatch.setenv("PYBLISH_QML_DEADLINE_QUEUE_ID", "queue-2")
    command = submitters.deadline_cloud_command(tmp_path)
    assert command[1:] == ["bundle", "submit", str(tmp_path), "--yes", "--farm-id", "farm-1", "--queue-id", "queue-2"]
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(submitters.SubmitError, match="pip install deadline"):
        submitters._deadline_cloud(tmp_path)
    monkeypatch.setenv("PYBLISH_QML_FARM_SUBMITTER", "nope")
    with pytest.raises(submitters.SubmitError, match="unknown farm submitter"):
        submitters.chosen_kind()


def test_the_worker_setting_names_the_host_program_before_the_manifest(tmp_path, monkeypatch):
    from pyblish_qml.farm import hostproc

    context = wire_context(tmp_path, ["chairA"])
    made = manifest.make(context, PLUGINS, ["id-0"], scene=context["data"]["currentFile"], host_kind="bpy",
                         host_executable="/studio/bpy/bin/python")
    monkeypatch.delenv("PYBLISH_QML_FARM_BPY_PYTHON", raising=False)
    command, env = hostproc.host_command(made, tmp_path / "host.port", tmp_path / "session")
    assert command[:2] == ["/studio/bpy/bin/python", "-c"] and "open_scene=True" in command[2]
    site = Path(env["PYTHONPATH"].split(":")[0])
    assert site == tmp_path / "session" / "host_site"  # only pyblish and pyblish_qml, not the worker's site-packages
    assert sorted(path.name for path in site.iterdir()) == ["pyblish", "pyblish_qml"]
    monkeypatch.setenv("PYBLISH_QML_FARM_BPY_PYTHON", "/worker/bpy/python")
    assert hostproc.host_command(made, tmp_path / "host.port", tmp_path / "session")[0][0] == "/worker/bpy/python"
    made["host"]["kind"] = "blender"
    monkeypatch.setenv("PYBLISH_QML_FARM_BLENDER", "/opt/blender/blender")
    command = hostproc.host_command(made, tmp_path / "host.port", tmp_path / "session")[0]
    assert command[:3] == ["/opt/blender/blender", "-b", made["scene"]]
    made["host"].update(kind="bpy", executable=None)
    monkeypatch.delenv("PYBLISH_QML_FARM_BPY_PYTHON")
    with pytest.raises(hostproc.HostStartError, match="PYBLISH_QML_FARM_BPY_PYTHON"):
        hostproc.host_command(made, tmp_path / "host.port", tmp_path / "session")
