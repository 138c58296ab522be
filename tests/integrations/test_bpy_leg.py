"""The bpy 5.x leg: Blender as a Python module (PyPI's ``bpy``, CPython 3.13) is the DCC.

``install-dcc blender --format extension`` makes the extension; bpy's own extension system
installs and enables it (``bpy.ops.extensions.package_install_files``); a scene built with bpy
is published through the real window (in this process, under Xvfb) by clicking: validate → the
n-gon validator fails on one mesh → Repair (bmesh triangulate, in Blender) → validate passes →
publish writes real .obj files. File ▸ Publish… is modal in background mode, so closing the
window ends Blender's script. The venv is cached (tests/integrations/bpy_venv.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bpy_venv
import pytest
from helpers import REPO, SUITES, free_port, isolated_env, wait_for

HOSTS = Path(__file__).parent / "hosts"
pytestmark = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="the window needs an X display (Xvfb)")


@pytest.fixture(scope="module")
def bpy_python() -> Path:
    if bpy_venv.find_python313() is None:
        reason = "bpy leg skipped: no CPython 3.13 (looked in ~/.pyenv/versions/3.13* and on PATH)"
        print(reason)
        pytest.skip(reason)
    started = time.monotonic()
    python = bpy_venv.ensure()
    print("bpy venv ready in %.1f s: %s" % (time.monotonic() - started, python))
    return python


def obj_faces(path: Path) -> list[int]:
    """The corner count of every face of a Wavefront .obj file."""
    return [len(line.split()) - 1 for line in path.read_text().splitlines() if line.startswith("f ")]


@pytest.mark.timeout(600)
def test_bpy_scene_validate_fail_repair_validate_publish_through_the_window(bpy_python, qapp, qtbot, tmp_path):
    from PySide6.QtCore import QPointF
    from window.window_helpers import click, find, lookup

    from pyblish_qml.app.application import Application
    from pyblish_qml.app.live.state import State
    from pyblish_qml.app.shell.preferences import Preferences

    started = time.monotonic()
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pyblish_qml", "install-dcc", "blender", "--format", "extension",
                    "--dest", str(dist)], check=True, capture_output=True)
    [extension] = dist.glob("pyblish_qml_publish-*.zip")
    published = tmp_path / "published"
    published.mkdir()

    application = Application(free_port(), mode="user", app=qapp, preferences=Preferences(tmp_path / "prefs.json"))
    application.start()
    env = isolated_env(PYBLISH_QML_PORT=str(application.port), BLENDER_USER_RESOURCES=str(tmp_path / "blender"))
    log = tempfile.TemporaryFile(mode="w+")
    blender = subprocess.Popen([str(bpy_python), str(HOSTS / "bpy_publish.py"), str(extension),
                                str(SUITES / "bpy_ngons"), str(published)], stdout=subprocess.PIPE, stderr=log,
                               text=True, env=env, cwd=str(tmp_path))
    try:
        lines = []
        for line in blender.stdout:  # bpy says what it installed first
            lines.append(line)
            if line.startswith("extension {"):
                break
        assert line.startswith("extension {"), "".join(lines) + _read(log)
        assert 'STATUS Installed "pyblish_qml_publish"\n' in lines
        report = json.loads(line[len("extension "):])
        extension_dir = tmp_path / "blender" / "extensions" / "user_default" / "pyblish_qml_publish"
        assert report["installed"] == ["FINISHED"] and report["enabled"] is True and report["background"] is True
        assert report["module"] == str(extension_dir / "__init__.py")
        assert report["pyblish_qml"].startswith(str(extension_dir / "host_site"))  # the bundled host side
        assert report["pyblish"].startswith(str(extension_dir / "host_site"))
        assert report["qt"] == [] and report["blender"].startswith("5.")

        controller, status = application.controller, application.controller.status
        qtbot.waitUntil(lambda: status.state == State.Ready and controller.models.instances.rowCount() == 4,
                        timeout=60000)  # the context and Crate, Nut, Roof
        qtbot.waitExposed(application.window)

        click(application, find(application, "validateButton"))
        qtbot.waitUntil(lambda: status.state == State.Ready and status.progress > 0, timeout=60000)
        assert controller.models.report_model.failed and status.message.startswith("Validation found errors")
        assert "No n-gons failed on Nut" in status.message, status.message
        qtbot.waitUntil(lambda: find(application, "tabs").property("currentIndex") == 2, timeout=5000)  # the report
        page = find(application, "reportPage")
        qtbot.waitUntil(lambda: page.isVisible() and lookup(page, "reportGroup:error:No n-gons") is not None,
                        timeout=5000)
        error = find(application, "reportGroup:error:No n-gons", page)
        repair = find(application, "actionButton:Repair", error)
        settled = []  # the page's layout stops moving before the click (a tab switch animates)

        def still() -> bool:
            settled.append(repair.mapToScene(QPointF(0, 0)))
            return (repair.isVisible() and repair.property("enabled") and repair.width() > 0
                    and len(settled) > 3 and settled[-1] == settled[-2] == settled[-3])

        qtbot.waitUntil(still, timeout=5000)
        finished = []
        controller.actionFinished.connect(lambda plugin, action, ok: finished.append(ok))
        click(application, repair)
        qtbot.waitUntil(lambda: finished == [True], timeout=30000)

        click(application, find(application, "validateButton"))
        qtbot.waitUntil(lambda: status.state == State.Ready and status.message.startswith("Validation passed"),
                        timeout=60000)
        assert not controller.models.report_model.failed
        click(application, find(application, "publishButton"))
        qtbot.waitUntil(lambda: status.state == State.Ready and controller.run.published, timeout=60000)
        assert status.message == "Published successfully." and not controller.run.run_failed, status.message

        faces = {name: obj_faces(published / ("%s.obj" % name)) for name in ("Crate", "Nut", "Roof")}
        assert faces["Crate"] == [4] * 6 and sorted(faces["Roof"]) == [3, 3, 3, 3, 4]
        assert max(faces["Nut"]) <= 4 and faces["Nut"].count(3) == 8  # each hexagon cap: four triangles
        application.hide()  # the artist closes the window: File ▸ Publish… returns, the script ends
        wait_for(lambda: blender.poll() is not None, 30, "bpy's script to end once the window closed")
        assert blender.returncode == 0, _read(log)
        assert blender.stdout.read().splitlines()[-1] == "operator returned ['FINISHED']"
        print("bpy leg: %.1f s (extension, scene, validate, repair, validate, publish, close)"
              % (time.monotonic() - started))
    finally:
        if blender.poll() is None:
            blender.kill()
            blender.wait()
        blender.stdout.close()
        log.close()
        application.shutdown()
    assert REPO.is_dir()


def _read(log) -> str:
    log.seek(0)
    return log.read()
