"""The bundle's manifest: what a worker needs to publish an instance without the artist's machine.

A versioned JSON document (``manifest.json``; docs/farm.md, "Manifest schema"): the scene file,
the host kind and version, the instances with their data and the artist's toggles and edits, the
Context's data with the comment, plugin paths, targets, the user, and the id of the window's run
this hand-off belongs to. :func:`check` refuses a manifest it does not understand, with a
sentence, so a worker never half-runs an unknown format.

Thread: any (plain data).
"""

from __future__ import annotations

import getpass
import json
import os
import re
import socket
import sys
import time
from pathlib import Path
from typing import Any, Iterable

FORMAT = "pyblish-qml-farm-bundle"
VERSION = 1
FARM_KEY = "farm"  # instance.data["farm"]: the pipeline's default for "publish this on the farm"
FARM_TARGETS = ("default", "farm")  # what workers collect with (docs/farm.md, "Targets")
KEY_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")
DEFAULT_LOST_AFTER = 300.0  # seconds a started task may be silent before it is lost on farm (docs/farm.md)
PATH_KEYS = ("currentFile", "thumbnail")  # data keys whose values are paths: mapped on the worker (pathmap.py)


class ManifestError(ValueError):
    """A manifest that cannot be used; the message says what is wrong."""


def task_keys(names: Iterable[str]) -> list[str]:
    """One task parameter value per instance: its name made safe for file names, unique.

    OpenJD task parameters and the output files are named by it (``chairA``, ``chairA-2``)."""
    keys: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = KEY_CHARS.sub("_", str(name)).strip("_.") or "instance"
        key, number = base, 1
        while key in seen:
            number += 1
            key = "%s-%d" % (base, number)
        seen.add(key)
        keys.append(key)
    return keys


def wants_farm(instance: dict, toggles: dict[str, bool] | None = None) -> bool:
    """Whether a (wire) instance goes to the farm: the artist's toggle, else ``data["farm"]``."""
    toggles = toggles or {}
    if instance.get("id") in toggles:
        return bool(toggles[instance["id"]])
    return bool((instance.get("data") or {}).get(FARM_KEY))


def make(context: dict, plugins: list[dict], instance_ids: Iterable[str], *, scene: str, comment: str = "",
         run_id: int | None = None, history: str | None = None, plugin_paths: Iterable[str] = (),
         host_kind: str | None = None, validate_on_farm: bool = True, edits: dict | None = None,
         python: str | None = None, collect_per_task: bool | None = None, host_executable: str | None = None,
         path_keys: Iterable[str] = ()) -> dict:
    """The manifest of a hand-off of ``instance_ids`` (in the Context's order).

    ``context`` is the wire Context (``ContextProxy.to_json``) with its instances, ``plugins`` the
    wire plugins with the artist's ``active`` toggles, ``edits`` ``{instance id: {key: value}}``
    set on the worker before publishing (per-instance options will travel this way), ``path_keys``
    the pipeline's data keys holding paths, besides :data:`PATH_KEYS` and those named in
    ``PYBLISH_QML_FARM_PATH_KEYS`` (comma-separated): the worker maps them (docs/farm.md, "Path mapping")."""
    wanted = set(instance_ids)
    data = dict(context.get("data") or {})
    chosen = [child for child in context.get("children") or () if child["id"] in wanted]
    if not chosen:
        raise ManifestError("no instance to hand off")
    keys = task_keys(child.get("name") or child["id"] for child in chosen)
    edits = edits or {}
    instances = []
    for key, child in zip(keys, chosen):
        child_data = dict(child.get("data") or {})
        instances.append({"key": key, "id": child["id"], "name": child.get("name") or "",
                          "family": child_data.get("family"), "data": child_data,
                          "edits": dict(edits.get(child["id"]) or {})})
    host_name = str(data.get("hostName") or "python")
    return {
        "format": FORMAT, "version": VERSION, "created": time.time(),
        "user": str(data.get("user") or getpass.getuser()), "machine": socket.gethostname(),
        "runId": run_id, "history": history,
        "host": {"kind": host_kind or _kind_for(host_name), "name": host_name, "version": _host_version(data),
                 "python": str(data.get("pythonVersion") or ""), "executable": host_executable},
        "scene": os.path.abspath(scene),
        "pluginPaths": [os.path.abspath(path) for path in plugin_paths],
        "targets": list(FARM_TARGETS),
        "comment": comment,
        "context": {"id": context.get("id"), "name": context.get("name") or "Context", "data": data},
        "instances": instances,
        "plugins": [{"id": p.get("id"), "name": p.get("name"), "label": p.get("label"), "order": p.get("order"),
                     "path": p.get("path"), "active": bool(p.get("active", True))} for p in plugins],
        "settings": {"validateOnFarm": bool(validate_on_farm),  # docs/farm.md, "Collection": default from the env
                     "collectPerTask": env_flag("PYBLISH_QML_FARM_COLLECT_PER_TASK") if collect_per_task is None
                     else bool(collect_per_task),
                     "lostAfter": env_seconds("PYBLISH_QML_FARM_LOST_AFTER", DEFAULT_LOST_AFTER)},
        "python": python or sys.executable,
        "pathKeys": _path_keys(path_keys),
    }


def _kind_for(host_name: str) -> str:
    """The host kind workers start for this host: ``PYBLISH_QML_FARM_HOST_KIND`` maps host names to
    kinds (``blender=bpy``: this studio's workers run Blender as a Python module), else the name."""
    for pair in os.environ.get("PYBLISH_QML_FARM_HOST_KIND", "").split(","):
        name, _, kind = pair.partition("=")
        if name.strip() == host_name and kind.strip():
            return kind.strip()
    return host_name


def _path_keys(extra: Iterable[str]) -> list[str]:
    named = [key.strip() for key in os.environ.get("PYBLISH_QML_FARM_PATH_KEYS", "").split(",") if key.strip()]
    return list(dict.fromkeys([*PATH_KEYS, *extra, *named]))


def _host_version(data: dict) -> str:
    for key in ("hostVersion", "blenderVersion", "mayaVersion"):
        if data.get(key):
            return str(data[key])
    return ""


def check(manifest: Any) -> dict:
    """``manifest`` if this pyblish-qml can run it, else :class:`ManifestError` saying why."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ManifestError("not a pyblish-qml farm manifest")
    version = manifest.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ManifestError("manifest version %r is newer than this pyblish-qml knows (%d): update the worker"
                            % (version, VERSION))
    for key in ("scene", "host", "instances", "plugins", "targets"):
        if key not in manifest:
            raise ManifestError("the manifest has no %r" % key)
    if not manifest["instances"]:
        raise ManifestError("the manifest has no instances")
    return manifest


def read(bundle: Path) -> dict:
    path = Path(bundle) / "manifest.json"
    try:
        return check(json.loads(path.read_text(encoding="utf-8")))
    except OSError as error:
        raise ManifestError("cannot read %s: %s" % (path, error)) from None
    except json.JSONDecodeError as error:
        raise ManifestError("%s is not JSON: %s" % (path, error)) from None


def instance(manifest: dict, key: str) -> dict:
    for entry in manifest["instances"]:
        if entry["key"] == key:
            return entry
    raise ManifestError("no instance %r in this bundle (there are: %s)" % (
        key, ", ".join(entry["key"] for entry in manifest["instances"])))


def env_flag(name: str) -> bool:
    """An on/off environment variable (1, yes, true, on)."""
    return os.environ.get(name, "").strip().lower() in ("1", "yes", "true", "on")


def env_seconds(name: str, default: float) -> float:
    """A positive number of seconds from the environment, else ``default``."""
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        return default
    return value if value > 0 else default
