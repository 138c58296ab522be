"""The bundle's ``asset_references.json``: the files a job reads from outside its bundle.

Deadline Cloud's job attachments upload only what a job names: the ``Bundle`` parameter (a PATH,
``DIRECTORY``/``INOUT``: uploaded, and ``output/`` downloaded back) and the bundle's asset
references. The worker also needs the scene, the plugin folders and files, and the paths in the
data keys the manifest maps (``pathKeys``: ``currentFile``, ``thumbnail``, ...), so they are listed
here as inputs; the worker finds them through the session's path mapping (:mod:`.pathmap`). Only
paths that exist at hand-off are listed (Deadline refuses to submit a missing input), and none in
this Python's installation (pyblish's own plugins: the worker has its own). Other
schedulers ignore the file. Thread: any (reads the disk).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterable

NAME = "asset_references.json"


def _path_values(data: dict, keys: Iterable[str]) -> list[str]:
    found = []
    for key in keys:
        value = data.get(key)
        values = value if isinstance(value, (list, tuple)) else [value]
        found += [item for item in values if isinstance(item, str) and os.path.isabs(item)]
    return found


def references(manifest: dict, bundle: Path) -> dict:
    """``{"assetReferences": {...}}`` for ``manifest``, as Deadline Cloud's bundles have it."""
    keys = manifest.get("pathKeys") or ()
    candidates = [manifest.get("scene") or "", *manifest.get("pluginPaths", ())]
    candidates += [plugin.get("path") or "" for plugin in manifest.get("plugins", ())]
    candidates += _path_values((manifest.get("context") or {}).get("data") or {}, keys)
    for instance in manifest.get("instances", ()):
        candidates += _path_values({**(instance.get("data") or {}), **(instance.get("edits") or {})}, keys)
    skipped = {os.path.realpath(bundle), os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    files, folders = set(), set()
    for candidate in candidates:
        if not candidate or not os.path.isabs(candidate):
            continue
        real = os.path.realpath(candidate)
        if any(real == root or real.startswith(root + os.sep) for root in skipped):
            continue  # in the bundle (the Bundle parameter uploads it) or in this Python
        if os.path.isfile(candidate):
            files.add(os.path.normpath(candidate))
        elif os.path.isdir(candidate):
            folders.add(os.path.normpath(candidate))
    files = {path for path in files if not any(path.startswith(folder + os.sep) for folder in folders)}
    return {"assetReferences": {"inputs": {"filenames": sorted(files), "directories": sorted(folders)},
                                "outputs": {"directories": []}, "referencedPaths": []}}


def write(manifest: dict, bundle: Path) -> None:
    Path(bundle, NAME).write_text(json.dumps(references(manifest, bundle), indent=1, ensure_ascii=False) + "\n",
                                  encoding="utf-8")
