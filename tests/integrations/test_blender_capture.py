"""Blender's capture hook for real (Debian's Blender 3.4, ``blender -b`` and with its window under
Xvfb): the window's Capture
request (``update("pyblishQmlCapture", ...)`` on the Context, as app/thumbnails asks) renders the
scene through its camera into the PNG the window reads — a picture of the default cube, not a flat
frame — and a scene without a camera is rendered through a temporary one that is gone afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
from helpers import REPO, SUITES, free_port, isolated_env
from helpers import stop_process as stop
from PySide6.QtGui import QImage

from pyblish_qml.engine.session import HostSession
from pyblish_qml.options import CAPTURE_KEY

pytestmark = pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed")


def start(tmp_path: Path, *before: str, gui: bool = False) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        ["blender", *([] if gui else ["-b"]), "--factory-startup", *before,
         "--python", str(REPO / "tests" / "fixtures" / "blender_host.py"),
         "--", str(REPO), sysconfig.get_paths()["purelib"], str(SUITES / "blender"), "--port-zero"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=isolated_env(PYBLISH_QML_PORT=str(free_port())), cwd=str(tmp_path))
    port = 0
    for line in process.stdout:  # Blender prints its banner first
        if "pyblish host service listening on" in line:
            port = int(line.rsplit(":", 1)[1].split("/")[0])
        if port and (not gui or line.startswith("blender window ready")):  # with a window: once it is up
            return process, port
    raise AssertionError("Blender exited: %s" % process.poll())


def spread(path: Path) -> float:
    """The standard deviation of the picture's luminance: a rendered cube is not one flat colour."""
    image = QImage(str(path))
    values = [image.pixelColor(x, y).lightness()
              for y in range(0, image.height(), 9) for x in range(0, image.width(), 9)]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5


def test_blender_renders_the_scene_through_its_camera_for_the_capture_button(tmp_path):
    process, port = start(tmp_path)
    try:
        session = HostSession(port)
        session.reset()
        assert session.context.data[CAPTURE_KEY] is True  # the window offers Capture
        target = tmp_path / "captures" / "Cube.png"
        session.update(CAPTURE_KEY, {"path": str(target), "instance": "Cube"})
        image = QImage(str(target))
        assert (image.width(), image.height()) == (640, 360)
        assert spread(target) > 8
        session.reset()
        session.collect()
        assert sorted(i.name for i in session.context) == ["Camera", "Cube", "Light"]
    finally:
        stop(process)


def test_blender_without_a_camera_renders_through_a_temporary_one(tmp_path):
    process, port = start(tmp_path, "--python-expr",
                          "import bpy; bpy.data.objects.remove(bpy.data.objects['Camera'])")
    try:
        session = HostSession(port)
        session.reset()
        session.collect()
        assert sorted(i.name for i in session.context) == ["Cube", "Light"]
        target = tmp_path / "nocamera.jpeg"  # written as named: Blender adds no extension of its own
        session.update(CAPTURE_KEY, {"path": str(target), "instance": None})
        image = QImage(str(target))
        assert (image.width(), image.height()) == (640, 360) and spread(target) > 8
        session.reset()
        session.collect()
        assert sorted(i.name for i in session.context) == ["Cube", "Light"]  # the temporary camera is gone
    finally:
        stop(process)


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="a GUI Blender needs an X display (run under Xvfb)")
def test_a_blender_with_a_window_captures_its_3d_viewport(tmp_path):
    """Blender with its window (Xvfb, Mesa's OpenGL): the hook renders the 3D viewport as the artist
    sees it (OpenGL, the viewport's angle, its overlays: the selected cube's orange outline, which
    no render through the camera draws), on Blender's main thread through the timers' queue."""
    process, port = start(tmp_path, gui=True)
    try:
        session = HostSession(port)
        session.reset()
        session.collect()
        target = tmp_path / "viewport.png"
        session.update(CAPTURE_KEY, {"path": str(target), "instance": "Cube"})
        image = QImage(str(target))
        assert (image.width(), image.height()) == (640, 360) and spread(target) > 8
        outline = [image.pixelColor(x, y) for y in range(image.height()) for x in range(0, image.width(), 2)]
        assert any(c.red() > 200 and 100 < c.green() < 190 and c.blue() < 90 for c in outline)  # the viewport's
        session.reset()
        session.collect()
        assert sorted(i.name for i in session.context) == ["Camera", "Cube", "Light"]
    finally:
        stop(process)
