"""The session's collection: in one real ``openjd run`` session the driver collects once and every
next task publishes on that Context with only its instance on; ``settings.collectPerTask`` (for
collectors with side effects) makes every task collect, as before. Each task says which it did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from farm.farm_helpers import PIPELINE, wait_ended, write_scene

from pyblish_qml.farm import bundle, manifest, submitters
from pyblish_qml.farm.outputs import attempt_dir

pytestmark = pytest.mark.slow
NAMES = ["chairA", "deskC", "lampD", "sofaE"]


def publish(folder: Path, per_task: bool) -> tuple[dict, str]:
    scene = write_scene(folder, [{"name": name} for name in NAMES])
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene)},
               "children": [{"id": "id-" + name, "name": name, "data": {"family": "model"}} for name in NAMES]}
    made = manifest.make(context, [], [c["id"] for c in context["children"]], scene=str(scene),
                         plugin_paths=[str(PIPELINE)], collect_per_task=per_task)
    folder_ = bundle.write(made, folder / "bundles")
    submitters.submit(folder_, NAMES, submitters.SubmitterKind.LOCAL)
    states = wait_ended(folder_, 1)
    return states, (attempt_dir(folder_, 1) / "openjd.log").read_text()


@pytest.mark.parametrize("per_task", [False, True])
def test_one_collection_per_session_unless_the_bundle_asks_for_one_per_task(tmp_path, monkeypatch, per_task):
    monkeypatch.delenv("PYBLISH_QML_FARM_COLLECT_PER_TASK", raising=False)
    states, log = publish(tmp_path, per_task)
    assert {key: state.state.value for key, state in states.items()} == {name: "done" for name in NAMES}
    collected = log.count("openjd_status: collecting ")
    reused = log.count("openjd_status: the session's collection for ")
    assert (collected, reused) == ((len(NAMES), 0) if per_task else (1, len(NAMES) - 1)), log[-3000:]
    for name in NAMES:  # each published its own instance, on the farm
        assert json.loads((tmp_path / "publish" / ("%s.json" % name)).read_text())["targets"] == ["default", "farm"]
        assert (tmp_path / "publish" / ("%s.json.integrated" % name)).read_text() == "farm"
