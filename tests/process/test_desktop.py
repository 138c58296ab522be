"""Double-click launch: the desktop entry validates, installs and uninstalls cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from helpers import REPO, isolated_env
from PySide6.QtGui import QImage

from pyblish_qml import desktop
from pyblish_qml.resources import packaging_dir

validator = pytest.mark.skipif(not shutil.which("desktop-file-validate"),
                               reason="desktop-file-validate not installed (apt-get install desktop-file-utils)")


@validator
def test_shipped_entry_is_valid():
    result = subprocess.run(["desktop-file-validate", str(packaging_dir() / "pyblish-qml.desktop")],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


@pytest.mark.parametrize("size", desktop.SIZES)
def test_icons_are_real_pngs_of_their_size(size):
    image = QImage(str(packaging_dir() / "icons" / ("pyblish-qml-%d.png" % size)))
    assert not image.isNull() and (image.width(), image.height()) == (size, size)
    assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty


@validator
def test_install_and_uninstall_through_the_command_line(tmp_path):
    env = isolated_env(XDG_DATA_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-m", "pyblish_qml", "--install-desktop"], env=env, capture_output=True,
                         text=True, check=True, cwd=str(REPO)).stdout
    installed = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    expected = sorted(["applications/pyblish-qml.desktop", "icons/hicolor/scalable/apps/pyblish-qml.svg"] +
                      ["icons/hicolor/%dx%d/apps/pyblish-qml.png" % (s, s) for s in desktop.SIZES])
    assert installed == expected
    assert out.count("installed ") == len(expected)
    entry = tmp_path / "applications" / "pyblish-qml.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert "pyblish-qml-gui --tray" in exec_line or "-m pyblish_qml --tray" in exec_line
    assert exec_line.split("=", 1)[1].split()[0].startswith("/")  # absolute: works from any menu
    result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout

    subprocess.run([sys.executable, "-m", "pyblish_qml", "--uninstall-desktop"], env=env, check=True,
                   capture_output=True, cwd=str(REPO))
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
