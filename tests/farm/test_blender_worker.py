"""Real Blender (Debian's 3.4, ``blender -b scene.blend``) as the farm's worker: a real .blend with
real meshes, an extractor writing an OBJ from them, one Blender held open by the session for both tasks."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from farm_helpers import openjd_check, wait_ended

from pyblish_qml.farm import bundle, intake, manifest, submitters
from pyblish_qml.farm.outputs import FarmState, attempt_dir, hosts_started, read_lines

HERE = Path(__file__).parent
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("blender") is None, reason="needs blender")]


def test_blender_publishes_two_meshes_in_one_session(tmp_path):
    scene = tmp_path / "props.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python", str(HERE / "make_scene.py"), "--", str(scene)],
                   check=True, capture_output=True, timeout=120)
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene), "hostName": "blender"},
               "children": [{"id": "w-crate", "name": "crate", "data": {"family": "mesh", "farm": True}},
                            {"id": "w-rock", "name": "rock", "data": {"family": "mesh", "farm": True}}]}
    made = manifest.make(context, [], ["w-crate", "w-rock"], scene=str(scene), host_kind="blender",
                         plugin_paths=[str(HERE / "blender_pipeline")])
    folder = bundle.write(made, tmp_path / "bundles")
    openjd_check(folder)
    submitters.submit(folder, ["crate", "rock"], submitters.SubmitterKind.LOCAL)
    states = wait_ended(folder, 1, timeout=240)
    assert {key: state.state for key, state in states.items()} == {"crate": FarmState.DONE, "rock": FarmState.DONE}, \
        {key: state.message for key, state in states.items()}

    crate = (tmp_path / "publish" / "crate.obj").read_text().splitlines()
    rock = (tmp_path / "publish" / "rock.obj").read_text().splitlines()
    assert crate[0].startswith("# blender 3.4")
    assert sum(line.startswith("v ") for line in crate) == 8 and sum(line.startswith("f ") for line in crate) == 6
    assert sum(line.startswith("v ") for line in rock) == 12 and sum(line.startswith("f ") for line in rock) == 20

    hosts = hosts_started(folder, 1)
    assert len(hosts) == 1  # Blender started once for the session ...
    starts = [read_lines(attempt_dir(folder, 1) / ("%s.jsonl" % key))[0] for key in ("crate", "rock")]
    assert {start["hostPid"] for start in starts} == {hosts[0]["pid"]}  # ... and both tasks ran in it
    assert crate[0] == rock[0]  # the same Blender process wrote both files
    assert intake.intake(folder) == 0  # no history named: nothing to write, nothing raised
