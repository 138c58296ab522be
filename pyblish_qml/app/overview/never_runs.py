"""Why a plugin will not run in this session, in a few words for its row ("farm only").

Why: a plugin excluded by pyblish's targets, by its hosts or by its families used to stay at full
strength with "idle · not yet", as if it were about to run. pyblish decides these with
``plugins_by_targets``, ``host_is_compatible`` and ``instances_by_plugin``; the window has the
same facts (each plugin's ``targets``, ``hosts`` and the run's compatibility, the session's
``pyblishTargets`` and ``host`` from the Context), so each greyed row says which one it is.

Thread: any (plain functions over row dicts).
"""

from __future__ import annotations

from typing import Iterable

from ..live.rows import compatible_plugins


def never_reason(plugin: dict, members: list[str] | None, toggled: set[str], targets: Iterable[str],
                 hosts: Iterable[str]) -> str:
    """Why ``plugin`` will not run ("" when it may): ``members`` are the instances it would
    process (None: it takes the context; missing from the compatibility: not known yet)."""
    wanted = list(plugin.get("targets") or ["default"])
    session = list(targets)
    if session and not set(wanted) & set(session):
        return "%s only" % " / ".join(wanted) if len(wanted) <= 2 else "other targets"
    own_hosts = list(plugin.get("hosts") or ["*"])
    live = [h for h in hosts if h not in ("*",)]
    if live and "*" not in own_hosts and not set(own_hosts) & set(live):
        return "%s only" % " / ".join(own_hosts[:2])
    if members is None:
        return ""
    if not members:
        families = [f for f in plugin.get("families") or () if f != "*"]
        return "no %s instance" % " / ".join(families[:2]) if families else "no instance to process"
    if not any(member in toggled for member in members):
        return "its instances are off"
    return ""


def never_reasons(plugins: list[dict], instances: list[dict], compat: dict, context_data: dict) -> dict[str, dict]:
    """A batched model update per plugin id: ``isCompatible`` and ``neverReason``; the session's
    targets and hosts are the Context's ``pyblishTargets`` and ``host``."""
    updates = compatible_plugins(instances, compat)
    toggled = {i["id"] for i in instances if i.get("isToggled")}
    targets = list(context_data.get("pyblishTargets") or [])
    hosts = context_data.get("host") if isinstance(context_data.get("host"), list) else []
    for plugin in plugins:
        reason = never_reason(plugin, compat.get(plugin["id"]), toggled, targets, hosts)
        updates.setdefault(plugin["id"], {})["neverReason"] = reason
    return updates
