"""Integrations save the scene before a farm hand-off (the ``farmHandoff`` callback,
pyblish_qml/host/farm_save.py): the plain Python host and real Blender 3.4, asked over the wire as
the window's hand-off asks (farm/handoff.py ``save_scene``). A scene that was never saved is
refused with a sentence the window shows; a saved one is saved again and its path comes back."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from helpers import REPO, HostProcess, isolated_env, start_blender_host
from helpers import stop_process as stop

from pyblish_qml.engine.session import HostSession
from pyblish_qml.farm import handoff

FARM_PIPELINE = REPO / "tests" / "farm" / "pipeline"
needs_blender = pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed")


def collected(port: int) -> HostSession:
    session = HostSession(port)
    session.reset()
    session.collect()
    return session


def test_the_python_host_hands_off_its_collected_scene_file(tmp_path):
    scene = tmp_path / "scene.json"
    scene.write_text('{"publishDir": "%s", "instances": [{"name": "chairA"}]}' % tmp_path)
    host = HostProcess(FARM_PIPELINE, env=isolated_env(PYBLISH_QML_SCENE=str(scene)))
    try:
        session = collected(host.port)
        assert session.context.data["currentFile"] == str(scene)
        assert handoff.save_scene(host.port) == str(scene)
    finally:
        host.stop()


def test_the_python_host_refuses_a_scene_never_saved(tmp_path):
    host = HostProcess("walkaway", env=isolated_env())
    try:
        collected(host.port)
        with pytest.raises(handoff.HandoffRefused) as refused:
            handoff.save_scene(host.port)
        assert str(refused.value) == "The scene has never been saved: save it to a file, then publish on the farm."
    finally:
        host.stop()


@needs_blender
def test_blender_saves_the_blend_before_the_hand_off(tmp_path):
    blend = tmp_path / "scene.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python", str(REPO / "tests" / "farm" / "make_scene.py"),
                    "--", str(blend)], check=True, capture_output=True)
    before = blend.stat().st_mtime_ns
    time.sleep(0.05)
    process, port = start_blender_host(tmp_path, str(blend))
    try:
        assert handoff.save_scene(port) == str(blend)
        assert blend.stat().st_mtime_ns > before  # saved again, by Blender, just now
    finally:
        stop(process)


@needs_blender
def test_blender_refuses_a_file_never_saved(tmp_path):
    process, port = start_blender_host(tmp_path, "--factory-startup")
    try:
        with pytest.raises(handoff.HandoffRefused) as refused:
            handoff.save_scene(port)
        assert str(refused.value) == ("The Blender file has never been saved: save it as a .blend, then publish "
                                      "on the farm.")
        assert not any(name.endswith(".blend") for name in os.listdir(tmp_path))
    finally:
        stop(process)
