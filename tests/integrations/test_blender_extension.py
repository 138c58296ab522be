"""Blender 4.2+ gets an extension (blender_manifest.toml), older Blenders the bl_info add-on;
``install-dcc blender`` picks by the version of the Blender it finds. The manifest is checked by
Blender's own validator (bpy's bundled ``blender_ext.py``, what ``blender --command extension
validate`` runs) and against the documented schema; ``blender -b`` ends when the window closes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import bpy_venv
import pytest
from helpers import SUITES, UIProcess, isolated_env, ready, wait_for

from pyblish_qml import install_dcc
from pyblish_qml.version import __version__

HOSTS = Path(__file__).parent / "hosts"
UI_PYTHON = "/opt/studio/ui/bin/python3.11"
# https://docs.blender.org/manual/en/latest/advanced/extensions/getting_started.html#manifest (schema 1.0.0)
REQUIRED = {"schema_version", "id", "version", "name", "tagline", "maintainer", "type", "blender_version_min",
            "license"}
OPTIONAL = {"website", "tags", "blender_version_max", "platforms", "wheels", "permissions", "copyright", "build"}
PERMISSIONS = {"files", "network", "clipboard", "camera", "microphone"}


def fake_blender(folder: Path, version: str) -> Path:
    """Something on disk that answers ``--version`` as that Blender would (its first line)."""
    path = folder / ("blender-%s" % version)
    path.write_text("#!/bin/sh\necho 'Blender %s'\necho '\tbuild date: 2026-01-01'\n" % version)
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("version,kind", [("3.4.1", "addon"), ("4.1.1", "addon"), ("4.2.0", "extension"),
                                          ("5.3.0", "extension")])
def test_install_dcc_blender_picks_by_the_version_it_finds(version, kind, tmp_path):
    blender = fake_blender(tmp_path, version)
    out = subprocess.run([sys.executable, "-m", "pyblish_qml", "install-dcc", "blender", "--blender", str(blender),
                          "--dest", str(tmp_path / "out"), "--python", UI_PYTHON], capture_output=True, text=True,
                         check=True)
    assert ("Blender %s (Blender %s)" % ("extension" if kind == "extension" else "add-on", version[:3])) in out.stdout
    zips = sorted(p.name for p in (tmp_path / "out").glob("*.zip"))
    if kind == "extension":
        assert zips == ["pyblish_qml_publish-%s.zip" % __version__]
        assert "extension install-file -r user_default -e" in out.stdout
        assert not (tmp_path / "out" / "pyblish_qml_publish-host-site").exists()  # bundled in the zip instead
    else:
        assert zips == ["pyblish_qml_publish.zip"] and "Preferences > Add-ons > Install" in out.stdout
        assert (tmp_path / "out" / "pyblish_qml_publish-host-site" / "pyblish_qml" / "api.py").is_file()


def test_no_blender_found_means_the_add_on_which_every_blender_installs(tmp_path):
    assert install_dcc.blender_format("auto", str(tmp_path / "missing"))[0] == "addon"
    assert install_dcc.blender_format("extension", str(tmp_path / "missing")) == ("extension", "--format extension")
    with pytest.raises(install_dcc.InstallError, match="unknown Blender format"):
        install_dcc.blender_format("wheel")


def extension_zip(tmp_path: Path, **kwargs) -> Path:
    install_dcc.write(install_dcc.plan("blender", str(tmp_path), UI_PYTHON, blender="extension", **kwargs))
    [path] = tmp_path.glob("pyblish_qml_publish-*.zip")
    return path


def test_the_manifest_follows_the_documented_schema(tmp_path):
    tomllib = pytest.importorskip("tomllib", reason="tomllib needs Python 3.11+")
    archive = zipfile.ZipFile(extension_zip(tmp_path))
    names = archive.namelist()
    assert {"blender_manifest.toml", "__init__.py"} <= set(names)
    assert {name.split("/")[0] for name in names} == {"blender_manifest.toml", "__init__.py", "host_site"}
    manifest = tomllib.load(io.BytesIO(archive.read("blender_manifest.toml")))
    assert REQUIRED <= set(manifest) and set(manifest) <= REQUIRED | OPTIONAL
    assert manifest["schema_version"] == "1.0.0" and manifest["type"] == "add-on"
    assert manifest["id"] == install_dcc.ADDON and manifest["id"].isidentifier()
    assert manifest["version"] == __version__ and manifest["blender_version_min"] == "4.2.0"
    assert len(manifest["tagline"]) <= 64 and not manifest["tagline"].endswith((".", "!", "?"))
    assert all(entry.startswith("SPDX:") for entry in manifest["license"])
    assert set(manifest["permissions"]) <= PERMISSIONS
    assert all(len(reason) <= 64 and not reason.endswith(".") for reason in manifest["permissions"].values())
    source = archive.read("__init__.py").decode()
    compile(source, "__init__.py", "exec")
    assert "bl_info" not in source and "def register():" in source and "def unregister():" in source


def bpy_tools() -> tuple[Path, Path]:
    if not bpy_venv.ready():
        pytest.skip("no bpy venv yet (tests/integrations/bpy_venv.py makes it; the bpy leg does too)")
    python = bpy_venv.venv_python()
    [scripts] = (bpy_venv.venv_dir() / "lib").glob("python3.*/site-packages/bpy/*/scripts")
    return python, scripts


def test_blenders_own_validator_accepts_the_extension(tmp_path):
    """bpy's bundled ``blender_ext.py validate`` is the code behind ``blender --command extension
    validate``; the valid tags are Blender's own list (``_bpy_internal/extensions/tags.py``)."""
    python, scripts = bpy_tools()
    tags = {}
    exec(compile((scripts / "modules" / "_bpy_internal" / "extensions" / "tags.py").read_text(), "tags.py", "exec"),
         tags)
    (tmp_path / "tags.json").write_text(json.dumps({"add-on": sorted(tags["addons"]), "theme": sorted(tags["themes"])}))
    validator = scripts / "addons_core" / "bl_pkg" / "cli" / "blender_ext.py"
    command = [str(python), str(validator), "validate", "--valid-tags", str(tmp_path / "tags.json")]
    good = subprocess.run(command + [str(extension_zip(tmp_path / "good"))], capture_output=True, text=True)
    assert good.returncode == 0 and "Success" in good.stdout, good.stdout + good.stderr
    # the validator is strict: a tagline Blender would refuse is refused here too
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(extension_zip(tmp_path / "src")) as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "blender_manifest.toml":
                data = data.replace(b'tagline = "', b'tagline = "' + b"x" * 70)
            target.writestr(name, data)
    bad = subprocess.run(command + [str(broken)], capture_output=True, text=True)
    assert bad.returncode != 0 and "tagline" in bad.stdout + bad.stderr


@pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed")
def test_blender_command_extension_validate_where_blender_has_it(tmp_path):
    version = install_dcc.blender_version()
    if version is None or version < install_dcc.EXTENSIONS_SINCE:
        pytest.skip("this Blender (%s) has no extensions, so no --command extension validate" % (version,))
    out = subprocess.run(["blender", "--command", "extension", "validate", str(extension_zip(tmp_path))],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.skipif(not shutil.which("blender"), reason="Blender is not installed (apt-get install blender)")
def test_blender_background_show_returns_when_the_window_closes(tmp_path):
    """``blender -b``: File ▸ Publish's show() serves the plugins on Blender's main thread (the
    suite asserts it) and returns once the window closes, so Blender exits by itself."""
    started = time.monotonic()
    outputs = install_dcc.plan("nuke", str(tmp_path / "dest"), UI_PYTHON)  # any DCC: the same host-only folder
    install_dcc.write(outputs)
    [site] = [os.path.dirname(o.path) for o in outputs if o.path.endswith(install_dcc.HOST_MARKER)]
    ui = UIProcess(env={"XDG_CONFIG_HOME": str(tmp_path / "config")})  # hide() saves geometry: our own
    env = isolated_env(PYBLISH_QML_PORT=str(ui.port))
    process = subprocess.Popen(["blender", "-b", "--factory-startup", "--python", str(HOSTS / "blender_background.py"),
                                "--", site, str(SUITES / "blender")], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env, cwd=str(tmp_path))
    try:
        state = wait_for(lambda: ready(ui.proxy), 60, "blender -b's show() to collect")
        assert state["instances"] == 4 and state["visible"]
        assert ui.proxy.publish() is True
        state = wait_for(lambda: (s := ready(ui.proxy)) and (s["published"] or s["failed"]) and s, 60, "publish")
        assert state["published"] and not state["failed"], ui.output()  # the validators assert the main thread
        assert process.poll() is None  # still serving: the window is open
        assert ui.proxy.hide() is True
        assert process.wait(timeout=30) == 0
        output = process.stdout.read()
        assert "showing from %s" % os.path.join(site, "pyblish_qml", "integrations", "blender.py") in output
        assert "show returned True" in output, output
        print("blender -b leg: %.1f s" % (time.monotonic() - started))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        ui.stop()
