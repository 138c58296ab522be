"""OpenJD path mapping on the worker: the manifest's paths as this worker sees them.

A Windows workstation writes ``P:\\proj\\shot.ma``; a Linux worker sees ``/mnt/proj/shot.ma``. The
scheduler gives each session its path-mapping rules (``pathmapping-1.0``; the session's
``{{Session.PathMappingRulesFile}}``, empty when there are none): OpenJD maps the ``Bundle`` job
parameter (a PATH) itself, and ``host-start`` keeps a copy of the rules in the session's working
directory (``path_mapping.json``) so every reader of the manifest on the worker maps it the same way
(:func:`read`). Mapped: ``scene``, ``pluginPaths``, each plugin's ``path``, and the values of the
keys named in ``pathKeys`` (default :data:`.manifest.PATH_KEYS`) in the Context's data and in each instance's
``data`` and ``edits`` (a string or a list of strings). Not mapped: other values (a string is a path
only when the manifest says so), ``history`` (read on the workstation), URI rules (``s3://``).

Rules as openjd-sessions applies them: the longest source first; a Windows source matches
case-insensitively, with either separator, whole components only; the rest of the path follows
the destination with this worker's separators. Thread: any (plain data).
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from . import manifest as manifests

RULES_NAME = "path_mapping.json"
FORMATS = {"WINDOWS": PureWindowsPath, "POSIX": PurePosixPath}

Rule = tuple  # (source parts, folded for comparison, the source's path class, destination)


def load(path: str | os.PathLike | None) -> list[Rule]:
    """The rules of a ``pathmapping-1.0`` file (none for no file, an empty one, or URI rules only)."""
    if not path or not Path(path).is_file():
        return []
    data = json.loads(Path(path).read_text(encoding="utf-8") or "{}")
    rules = []
    for rule in data.get("path_mapping_rules") or ():
        kind = FORMATS.get(str(rule.get("source_path_format", "")).upper())
        if kind is None:
            continue  # URI rules: not mapped here (docs/farm.md, "Path mapping")
        parts = kind(rule["source_path"]).parts
        rules.append((parts, _fold(parts, kind), kind, str(rule["destination_path"])))
    return sorted(rules, key=lambda rule: -len(rule[0]))


def _fold(parts: tuple, kind: type) -> tuple:
    if kind is PureWindowsPath:
        return tuple(part.replace("/", "\\").casefold() for part in parts)
    return tuple(parts)


def map_path(value: str, rules: list[Rule]) -> str:
    """``value`` through the first rule whose source holds it; unchanged when none does."""
    for parts, folded, kind, destination in rules:
        if kind is PureWindowsPath and not PureWindowsPath(value).anchor.strip("\\/"):
            continue  # not a Windows path with a drive or share
        if kind is PurePosixPath and not value.startswith("/"):
            continue
        mine = kind(value).parts
        if _fold(mine[:len(parts)], kind) == folded:
            return str(PurePath(destination, *mine[len(parts):]))
    return value


def map_manifest(manifest: dict, rules: list[Rule]) -> dict:
    """A copy of ``manifest`` with its paths mapped (see the module doc)."""
    if not rules:
        return manifest
    mapped = json.loads(json.dumps(manifest))
    keys = mapped.get("pathKeys") or manifests.PATH_KEYS
    mapped["scene"] = map_path(mapped["scene"], rules)
    mapped["pluginPaths"] = [map_path(path, rules) for path in mapped.get("pluginPaths") or ()]
    for plugin in mapped.get("plugins") or ():
        if isinstance(plugin.get("path"), str):
            plugin["path"] = map_path(plugin["path"], rules)
    holders = [(mapped.get("context") or {}).get("data") or {}]
    for entry in mapped.get("instances") or ():
        holders += [entry.get("data") or {}, entry.get("edits") or {}]
    for holder in holders:
        for key in keys:
            if isinstance(holder.get(key), str):
                holder[key] = map_path(holder[key], rules)
            elif isinstance(holder.get(key), list):
                holder[key] = [map_path(item, rules) if isinstance(item, str) else item for item in holder[key]]
    return mapped


def keep(rules_file: str | None, session: Path) -> None:
    """``host-start``: keep the session's rules where the tasks (and the driver) read them."""
    if rules_file and Path(rules_file).is_file():
        (Path(session) / RULES_NAME).write_text(Path(rules_file).read_text(encoding="utf-8"), encoding="utf-8")


def session_rules(session: Path) -> list[Rule]:
    return load(Path(session) / RULES_NAME)


def read(bundle: Path, session: Path) -> dict:
    """The bundle's manifest as this worker's session sees it (its rules applied)."""
    return map_manifest(manifests.read(bundle), session_rules(session))
