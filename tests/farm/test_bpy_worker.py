"""Real bpy 5.x (Blender as a Python module, CPython 3.13, the cached venv of
tests/integrations/bpy_venv.py) as the farm's worker: host kind ``bpy``, the manifest naming the
venv's Python as ``host.executable``. A real .blend with real meshes made by bpy, an extractor
writing an OBJ from them, one bpy process held open by the session for both tasks."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from farm_helpers import openjd_check, wait_ended
from integrations import bpy_venv

from pyblish_qml.farm import bundle, manifest, submitters
from pyblish_qml.farm.outputs import FarmState, attempt_dir, hosts_started, read_lines

HERE = Path(__file__).parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bpy_python() -> Path:
    if bpy_venv.find_python313() is None:
        pytest.skip("bpy worker skipped: no CPython 3.13 (looked in ~/.pyenv/versions/3.13* and on PATH)")
    return bpy_venv.ensure()


@pytest.mark.timeout(600)
def test_bpy_publishes_two_meshes_in_one_session(bpy_python, tmp_path, monkeypatch):
    monkeypatch.delenv("PYBLISH_QML_FARM_BPY_PYTHON", raising=False)
    scene = tmp_path / "props.blend"
    subprocess.run([str(bpy_python), str(HERE / "make_scene.py"), str(scene)], check=True, capture_output=True,
                   timeout=300)
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene), "hostName": "blender"},
               "children": [{"id": "w-crate", "name": "crate", "data": {"family": "mesh", "farm": True}},
                            {"id": "w-rock", "name": "rock", "data": {"family": "mesh", "farm": True}}]}
    made = manifest.make(context, [], ["w-crate", "w-rock"], scene=str(scene), host_kind="bpy",
                         host_executable=str(bpy_python), plugin_paths=[str(HERE / "blender_pipeline")])
    folder = bundle.write(made, tmp_path / "bundles")
    openjd_check(folder)
    submitters.submit(folder, ["crate", "rock"], submitters.SubmitterKind.LOCAL)
    states = wait_ended(folder, 1, timeout=300)
    assert {key: state.state for key, state in states.items()} == {"crate": FarmState.DONE, "rock": FarmState.DONE}, \
        {key: state.message for key, state in states.items()}

    crate = (tmp_path / "publish" / "crate.obj").read_text().splitlines()
    rock = (tmp_path / "publish" / "rock.obj").read_text().splitlines()
    assert crate[0].startswith("# blender 5.")  # bpy 5.x wrote it, not Debian's blender 3.4
    assert sum(line.startswith("v ") for line in crate) == 8 and sum(line.startswith("f ") for line in crate) == 6
    assert sum(line.startswith("v ") for line in rock) == 12 and sum(line.startswith("f ") for line in rock) == 20

    hosts = hosts_started(folder, 1)
    assert len(hosts) == 1  # bpy started once for the session ...
    starts = [read_lines(attempt_dir(folder, 1) / ("%s.jsonl" % key))[0] for key in ("crate", "rock")]
    assert {start["hostPid"] for start in starts} == {hosts[0]["pid"]}  # ... both tasks ran in it ...
    assert crate[0] == rock[0] == "# blender %s pid %d" % (crate[0].split()[2], hosts[0]["pid"])  # ... it wrote both
    log = (attempt_dir(folder, 1) / "openjd.log").read_text()
    assert log.count("openjd_status: host started") == 1 and "the session's collection for rock" in log
