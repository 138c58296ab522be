"""The built wheel carries the QML module and icons, and an installed (non-editable) copy finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest
from helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                   check=True, capture_output=True, text=True)
    [built] = list(out.glob("pyblish_qml-*.whl"))
    return built


def test_wheel_contains_qml_and_icons(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "pyblish_qml/qml/Pyblish/qmldir" in names
    assert "pyblish_qml/qml/Pyblish/Main.qml" in names
    assert any(name.startswith("pyblish_qml/icons/") for name in names)
    for font in ("LICENSE", "fontawesome5-solid-webfont-5.15.4.ttf",
                 "fontawesome5-regular-webfont-charmap-5.15.4.json"):
        assert "pyblish_qml/fonts/" + font in names  # Font Awesome Free, with its licence
    assert "pyblish_qml/demo/plugins/validate.py" in names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    pins = [line for line in text.splitlines() if line.lower().startswith("requires-dist: pyside6-essentials")]
    assert any("!=6.12.0" in line and "python_version < '3.12'" in line for line in pins), pins
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "pyblish-qml = pyblish_qml.app.main:main" in entry_points
    assert "pyblish-qml-gui = pyblish_qml.app.main:gui_main" in entry_points


def test_installed_copy_finds_its_resources(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    probe = ("import pyblish_qml, pyblish_qml.resources as r; "
             "print(pyblish_qml.__file__); print(r.qml_dir()); print(r.icons_dir()); print(r.fonts_dir())")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, cwd=str(tmp_path))
    package, qml, icons, fonts = out.stdout.split()
    assert package.startswith(str(target)) and fonts == str(target / "pyblish_qml" / "fonts")
    assert qml == str(target / "pyblish_qml" / "qml") and icons == str(target / "pyblish_qml" / "icons")
    assert (target / "pyblish_qml" / "qml" / "Pyblish" / "qmldir").is_file()
