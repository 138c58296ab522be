"""Blender keeps the window's toggles and options in the .blend, for real (integrations/blender.py
``scene_keeper``): Debian's Blender 3.4 (``blender -b``) and bpy 5.x (PyPI, Python 3.13, cached venv).

A value with awkward characters (quotes, backslashes, newlines, tabs, control characters,
non-ASCII, an emoji) is kept through the integration's registered keeper, the .blend is saved, and
a *new* Blender process that opens it loads the same value. Over the wire as the window does it
too: ``update("pyblishQmlKept", ...)`` to Blender's host service, the farm hand-off's save, a new
Blender, and its Reset stamps the value into the Context. A value that is not JSON is logged and
ignored: the host still collects.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sysconfig
from pathlib import Path

import bpy_venv
import pytest
from helpers import REPO, SUITES, isolated_env, start_blender_host
from helpers import stop_process as stop
from kept_values import AWKWARD, WIRE_SAFE

from pyblish_qml.engine.session import HostSession
from pyblish_qml.farm import handoff
from pyblish_qml.options import KEPT_KEY

SCRIPT = Path(__file__).parent / "hosts" / "blender_keeper.py"
SITE = sysconfig.get_paths()["purelib"]
needs_blender = pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed "
                                   "(apt-get install blender); scripts/bootstrap.sh --test installs it")

def bpy_python() -> Path:
    """The bpy 5.x venv's python (made once, cached; tests/integrations/bpy_venv.py)."""
    if bpy_venv.find_python313() is None:
        pytest.skip("bpy leg skipped: no CPython 3.13 (looked in ~/.pyenv/versions/3.13* and on PATH)")
    return bpy_venv.ensure()


def run(command: list[str], tmp_path: Path) -> dict[str, str]:
    """Run one Blender; its ``word rest`` lines as {word: rest}."""
    done = subprocess.run(command, capture_output=True, text=True, env=isolated_env(), cwd=str(tmp_path), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("saved", "scene", "kept", "teardown"):
            lines[word] = rest
    lines["log"] = done.stdout + done.stderr
    return lines


def keep_and_reload(leg: str, tmp_path: Path) -> None:
    value_file = tmp_path / "value.json"
    value_file.write_text(json.dumps(AWKWARD), encoding="utf-8")
    blend = tmp_path / "kept.blend"
    script = [str(SCRIPT), "--", str(REPO), SITE]
    if leg == "blender":
        saving = ["blender", "-b", "--factory-startup", "--python", *script]
        loading = ["blender", "-b", str(blend), "--python", *script]  # Blender opens the .blend itself
    else:
        saving = loading = [str(bpy_python()), *script]  # the script opens it

    saved = run(saving + ["save", str(value_file), str(blend)], tmp_path)
    assert blend.is_file() and json.loads(json.loads(saved["saved"])) == AWKWARD  # JSON text in the property
    assert json.loads(saved["teardown"]) == {"keeper": False, "scene_file": False}  # teardown removed both

    loaded = run(loading + ["load", str(blend)], tmp_path)  # a new Blender process, the .blend opened
    assert json.loads(loaded["kept"]) == AWKWARD, loaded["log"]
    assert json.loads(loaded["scene"]) == str(blend)  # the default keeper's scene file: the .blend

    damaged = run(loading + ["load-raw", str(blend), "{not json"], tmp_path)
    assert json.loads(damaged["kept"]) is None
    assert "ignored the property 'pyblish_qml_kept' of Blender's scene 'Scene'" in damaged["log"], damaged["log"]


@needs_blender
def test_blender_34_keeps_the_value_in_the_blend_for_a_new_blender(tmp_path):
    keep_and_reload("blender", tmp_path)


@pytest.mark.timeout(1800)
def test_bpy_5_keeps_the_value_in_the_blend_for_a_new_bpy(tmp_path):
    keep_and_reload("bpy", tmp_path)


@needs_blender
def test_what_the_window_sends_blender_keeps_for_the_next_blender(tmp_path):
    blend = tmp_path / "shot.blend"
    subprocess.run(["blender", "-b", "--factory-startup", "--python", str(REPO / "tests" / "farm" / "make_scene.py"),
                    "--", str(blend)], check=True, capture_output=True, timeout=300)
    process, port = start_blender_host(tmp_path, str(blend))
    try:
        session = HostSession(port)
        session.reset()
        assert KEPT_KEY not in session.context.data  # nothing kept yet
        session.update(KEPT_KEY, WIRE_SAFE)  # the window, on a toggle or an option edit
        session.reset()
        assert session.context.data[KEPT_KEY] == WIRE_SAFE  # a Reset in the same Blender
        assert handoff.save_scene(port) == str(blend)  # Blender saves the .blend (the farm hand-off's save)
    finally:
        stop(process)
    process, port = start_blender_host(tmp_path, str(blend))  # a new Blender opens the saved .blend
    try:
        session = HostSession(port)
        session.reset()
        assert session.context.data[KEPT_KEY] == WIRE_SAFE
        session.collect()
        assert sorted(i.name for i in session.context) == ["crate", "rock"]
    finally:
        stop(process)


QUIET = Path(__file__).parent / "hosts" / "blender_quiet_keeper.py"


def toggle_after_validating(command: list[str], tmp_path: Path) -> None:
    """Issues 21 and 24 in a real Blender: validate through the host service, send the window's keeper
    update, let the depsgraph evaluate; the probe's token is the validated one (the property is in the
    scene, the .blend not marked dirty); a mesh edit after it moves the token."""
    done = subprocess.run(command + [str(QUIET), "--", str(REPO), SITE, str(SUITES / "blender")], capture_output=True,
                          text=True, env=isolated_env(), cwd=str(tmp_path), timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    said = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("validated", "kept", "edited"):
            said[word] = json.loads(rest)
    assert set(said) == {"validated", "kept", "edited"}, done.stdout + done.stderr
    validated = said["validated"]
    assert validated["results"] and all(validated["results"]) and validated["after"] == validated["token"]
    kept = said["kept"]
    assert json.loads(kept["stored"]) == {"instances": {"Cube": False}}  # the choice is in the scene
    assert kept["token"] == kept["evaluated"] == validated["token"]  # ...and no scene change
    assert kept["dirty"] is False  # (background Blender marks nothing dirty; a GUI Blender did not either, by hand)
    assert said["edited"]["token"] != validated["token"]  # the artist's edit is one


@needs_blender
def test_blender_34_a_toggle_after_validating_is_no_scene_change(tmp_path):
    toggle_after_validating(["blender", "-b", "--factory-startup", "--python"], tmp_path)


@pytest.mark.timeout(1800)
def test_bpy_5_a_toggle_after_validating_is_no_scene_change(tmp_path):
    toggle_after_validating([str(bpy_python())], tmp_path)
