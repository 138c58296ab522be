"""Job bundles on disk: where they live, writing one, finding one by run, copying one.

A bundle is a folder a worker needs nothing else to run (docs/farm.md, "Bundle layout"):
``template.json``, ``parameter_values.json`` (:mod:`.template`), ``asset_references.json``
(:mod:`.assets`), ``manifest.json`` (:mod:`.manifest`) and ``output/`` (:mod:`.outputs`): a
Deadline Cloud job bundle as ``deadline bundle submit`` reads it. They live in the per-user data folder
(``~/.local/share/pyblish-qml/farm`` on Linux; ``PYBLISH_QML_FARM_PATH`` elsewhere) — a studio
farm needs it on shared storage, with path mapping for other operating systems.

Thread: any (the window calls it from its hand-off thread).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from pathlib import Path

from . import assets, template
from . import manifest as manifests


def farm_root() -> Path:
    chosen = os.environ.get("PYBLISH_QML_FARM_PATH")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_data_dir("pyblish-qml", appauthor=False)) / "farm"


def job_name(manifest: dict) -> str:
    scene = os.path.basename(manifest["scene"]) or "scene"
    run = " (run %s)" % manifest["runId"] if manifest.get("runId") is not None else ""
    return "pyblish: %s%s" % (scene, run)


def write(manifest: dict, root: Path | None = None) -> Path:
    """A new bundle folder for ``manifest`` with the template of its first attempt."""
    root = Path(root) if root is not None else farm_root()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    run = "run%s-" % manifest["runId"] if manifest.get("runId") is not None else ""
    folder = root / ("%s%s-%s" % (run, stamp, uuid.uuid4().hex[:6]))
    (folder / "output").mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1, default=repr), encoding="utf-8")
    template.write(folder, job_name(manifest), [entry["key"] for entry in manifest["instances"]], 1,
                   manifest["python"])
    assets.write(manifest, folder)
    return folder


def all_bundles(root: Path | None = None) -> list[Path]:
    """Every bundle under ``root``, oldest first."""
    root = Path(root) if root is not None else farm_root()
    if not root.is_dir():
        return []
    found = [path for path in root.iterdir() if (path / "manifest.json").is_file()]
    return sorted(found, key=lambda path: path.stat().st_mtime)


def find(which: str, root: Path | None = None) -> Path:
    """A bundle by its folder, or by the id of the run it belongs to (the newest such)."""
    path = Path(which)
    if (path / "manifest.json").is_file():
        return path
    matches = []
    for bundle in all_bundles(root):
        try:
            if str(manifests.read(bundle).get("runId")) == str(which):
                matches.append(bundle)
        except manifests.ManifestError:
            continue
    if not matches:
        raise FileNotFoundError("no farm bundle for run %s in %s" % (which, root or farm_root()))
    return matches[-1]


def copy(bundle: Path, destination: Path) -> Path:
    """The bundle's job files (template, parameter values, asset references, manifest) in
    ``destination``, its parameter values pointing there: for a TD to submit or inspect elsewhere."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(template.path(bundle), destination / template.TEMPLATE)
    (destination / template.LEGACY[template.TEMPLATE]).unlink(missing_ok=True)
    shutil.copy2(Path(bundle) / "manifest.json", destination / "manifest.json")
    values = template.read_parameters(bundle)
    (destination / "output").mkdir(exist_ok=True)
    template.write_values(destination, template.parameter_values(
        destination.resolve(), int(values.get("Attempt") or 1), str(values.get("Python"))))
    assets.write(manifests.read(destination), destination)
    return destination


def find_unfinished(history: str, scene: str, instance_ids: set[str], root: Path | None = None) -> Path | None:
    """The newest bundle a window reopened on ``scene`` should pick up again, or None.

    One whose results go into ``history`` (this window's) and that was handed off from ``scene``
    or handed off one of ``instance_ids`` (the same host, still open): the farm may have gone on
    while the window or the DCC was closed (docs/farm.md, "Back in the window")."""
    for bundle in reversed(all_bundles(root)):
        try:
            manifest = manifests.read(bundle)
        except manifests.ManifestError:
            continue
        if str(manifest.get("history") or "") != str(history):
            continue
        handed = {entry.get("id") for entry in manifest["instances"]}
        if (scene and os.path.abspath(scene) == manifest.get("scene")) or handed & set(instance_ids):
            return bundle
    return None
