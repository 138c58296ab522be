"""OpenJD path mapping on the worker, for real: a bundle written as a Windows workstation writes it
(``P:\\proj\\...`` everywhere), run by ``openjd run --path-mapping-rules`` on this Linux machine with
a rule ``P:\\proj`` → the test's folder. The scene, the plugin folder and a thumbnail path in an
instance's edits arrive mapped; a path the manifest does not mark as one stays as written. The
``Bundle`` parameter is given as a macOS workstation names it (``/Volumes/proj/...``) and OpenJD maps
it with a POSIX rule: ``openjd run`` takes a Windows path on Linux for a relative one, where a
scheduler maps the submitted value."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path, PureWindowsPath

import pytest
from farm_helpers import OPENJD, PIPELINE, openjd_check, write_scene

from pyblish_qml.farm import bundle, manifest, pathmap
from pyblish_qml.farm.outputs import FarmState, hosts_started, task_state

pytestmark = pytest.mark.slow
WINDOWS_ROOT = "P:\\proj"
MAC_ROOT = "/Volumes/proj"


def windows(path: Path, root: Path) -> str:
    """``path`` as the Windows workstation names it: under P:\\proj instead of ``root``."""
    return str(PureWindowsPath(WINDOWS_ROOT, *path.relative_to(root).parts))


def test_a_windows_bundle_publishes_on_a_linux_worker_with_the_sessions_rules(tmp_path):
    root = tmp_path / "proj"
    scene = write_scene(root, [{"name": "chairA"}, {"name": "deskB"}])
    plugins = root / "plugins"
    shutil.copytree(PIPELINE, plugins)
    context = {"id": "ctx", "name": "Context",
               "data": {"currentFile": windows(scene, root), "notes": "P:\\proj\\not_a_path_key.txt"},
               "children": [{"id": "a", "name": "chairA", "data": {"family": "model"}},
                            {"id": "b", "name": "deskB", "data": {"family": "model"}}]}
    made = manifest.make(context, [], ["a", "b"], scene=str(scene), plugin_paths=[str(plugins)],
                         edits={"a": {"thumbnail": "P:/proj/thumbs/chairA.png", "note": "P:\\proj\\kept.txt"}})
    made["scene"], made["pluginPaths"] = windows(scene, root), [windows(plugins, root)]  # as Windows wrote them
    folder = bundle.write(made, root / "bundles")
    openjd_check(folder)
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"version": "pathmapping-1.0", "path_mapping_rules": [
        {"source_path_format": "WINDOWS", "source_path": WINDOWS_ROOT, "destination_path": str(root)},
        {"source_path_format": "POSIX", "source_path": MAC_ROOT, "destination_path": str(root)}]}))

    mac_bundle = "%s/%s" % (MAC_ROOT, folder.relative_to(root).as_posix())
    done = subprocess.run([OPENJD, "run", str(folder / "template.json"), "-p", "Bundle=%s" % mac_bundle,
                           "-p", "Attempt=1", "--path-mapping-rules", "file://%s" % rules],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    for key in ("chairA", "deskB"):
        assert task_state(folder, 1, key, alive=False).state is FarmState.DONE, done.stdout[-3000:]
    assert hosts_started(folder, 1)[0]["scene"] == str(scene)  # the host opened the mapped scene
    chair = json.loads((root / "publish" / "chairA.json").read_text())
    assert chair["scene"] == str(scene) and chair["targets"] == ["default", "farm"]
    assert chair["thumbnail"] == str(root / "thumbs" / "chairA.png")  # an edit's path key, mapped
    assert (root / "publish" / "chairA.json.integrated").read_text() == "farm"  # the mapped plugin folder's

    kept = pathmap.map_manifest(made, pathmap.load(rules))  # what was not marked as a path stays as written
    assert kept["context"]["data"]["notes"] == "P:\\proj\\not_a_path_key.txt"
    assert kept["instances"][0]["edits"]["note"] == "P:\\proj\\kept.txt"
    assert kept["context"]["data"]["currentFile"] == str(scene)
    assert kept["history"] == made["history"]


def test_rules_map_whole_components_longest_source_first_case_insensitively_on_windows(tmp_path):
    rules_file = tmp_path / "rules.json"
    rules_file.write_text(json.dumps({"version": "pathmapping-1.0", "path_mapping_rules": [
        {"source_path_format": "WINDOWS", "source_path": "P:\\proj", "destination_path": "/mnt/proj"},
        {"source_path_format": "WINDOWS", "source_path": "P:\\proj\\shots", "destination_path": "/fast/shots"},
        {"source_path_format": "POSIX", "source_path": "/Volumes/proj", "destination_path": "/mnt/proj"},
        {"source_path_format": "URI", "source_path": "s3://bucket", "destination_path": "/mnt/bucket"}]}))
    rules = pathmap.load(rules_file)
    assert pathmap.map_path("P:\\proj\\shot.ma", rules) == "/mnt/proj/shot.ma"
    assert pathmap.map_path("p:/PROJ/a/b.ma", rules) == "/mnt/proj/a/b.ma"
    assert pathmap.map_path("P:\\proj\\shots\\s01.ma", rules) == "/fast/shots/s01.ma"  # the longer source
    assert pathmap.map_path("P:\\project\\x.ma", rules) == "P:\\project\\x.ma"  # not a whole component
    assert pathmap.map_path("/Volumes/proj/x.ma", rules) == "/mnt/proj/x.ma"
    assert pathmap.map_path("/volumes/proj/x.ma", rules) == "/volumes/proj/x.ma"  # POSIX is case-sensitive
    assert pathmap.map_path("s3://bucket/x", rules) == "s3://bucket/x"  # URI rules are not applied here
    assert pathmap.load(tmp_path / "none.json") == [] and pathmap.map_path("P:\\proj\\a", []) == "P:\\proj\\a"
