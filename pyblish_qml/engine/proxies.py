"""UI-side stand-ins for the host's Context, Instances and Plugins, built from the wire format.

They subclass pyblish's own types, so ``pyblish.logic`` (family matching with ``"*"`` and each
``match``, targets) runs on them unchanged in the UI process, exactly as it would in the host.
A :class:`ContextProxy` also applies the per-step changes of ``process`` in O(change) (see
docs/protocol.md, "Results and changes").
"""

from __future__ import annotations

from typing import Any

import pyblish.api
import pyblish.plugin

from ..wire import is_marked_repr


def merge_change(data: dict, change: dict) -> None:
    """Merge one change entry (``data``: keys set, ``removedKeys``: keys gone) into ``data``, in
    place: the one place a per-step change meets data, for the proxies and the window's rows."""
    dict.update(data, change.get("data") or {})
    for key in change.get("removedKeys") or ():
        dict.pop(data, key, None)


class InstanceProxy(pyblish.api.Instance):
    """An Instance as the host last described it."""

    @classmethod
    def from_json(cls, data: dict, parent: "ContextProxy | None" = None) -> "InstanceProxy":
        self = cls(data["name"])
        self._id = data["id"]
        self._parent = parent
        dict.clear(self._data)
        dict.update(self._data, _matchable(data.get("data") or {}))
        self[:] = list(data.get("children") or [])
        return self

    def to_json(self) -> dict:
        return {"name": self.name, "id": self.id, "data": dict(self.data), "children": list(self)}

    def apply(self, change: dict) -> None:
        """Apply one ``changes["changed"]`` entry from the host."""
        merge_change(self._data, dict(change, data=_matchable(change.get("data") or {})))
        if "children" in change:
            self[:] = list(change["children"])
        if "name" in change:
            self._name = change["name"]


class ContextProxy(pyblish.api.Context):
    """The Context as the host last described it, kept current by :meth:`apply_changes`."""

    @classmethod
    def from_json(cls, data: dict) -> "ContextProxy":
        self = cls(data.get("name") or "Context")
        self._id = data["id"]
        dict.update(self._data, data.get("data") or {})
        self._by_id: dict[str, InstanceProxy] = {}
        for child in data.get("children") or ():
            self._adopt(InstanceProxy.from_json(child, parent=self))
        return self

    def _adopt(self, instance: InstanceProxy) -> None:
        self.append(instance)
        self._by_id[instance.id] = instance

    def to_json(self) -> dict:
        return {"name": self.name, "id": self.id, "data": dict(self.data),
                "children": [instance.to_json() for instance in self]}

    def instance(self, instance_id: str | None) -> InstanceProxy | None:
        """O(1) lookup by id (pyblish's ``Context.get`` scans the list)."""
        return self._by_id.get(instance_id) if instance_id else None

    def apply_changes(self, changes: dict | None) -> dict:
        """Apply a ``process`` result's changes; returns which ids were added/removed/changed."""
        changes = changes or {}
        summary: dict[str, Any] = {"added": [], "removed": [], "changed": [], "reordered": False,
                                   "context": False}
        removed = set(changes.get("removed") or ())
        if removed:
            self[:] = [instance for instance in self if instance.id not in removed]
            for instance_id in removed:
                self._by_id.pop(instance_id, None)
            summary["removed"] = list(changes["removed"])
        for entry in changes.get("added") or ():
            self._adopt(InstanceProxy.from_json(entry, parent=self))
            summary["added"].append(entry["id"])
        order = changes.get("order")
        if order:
            self[:] = [self._by_id[i] for i in order if i in self._by_id]
            summary["reordered"] = True
        for entry in changes.get("changed") or ():
            instance = self._by_id.get(entry["id"])
            if instance is not None:
                instance.apply(entry)
                summary["changed"].append(entry["id"])
        context_change = changes.get("context")
        if context_change:
            merge_change(self._data, context_change)
            summary["context"] = True
        return summary


class PluginProxy(pyblish.api.Plugin):
    """Base of the plugin stand-ins; :meth:`from_json` makes one class per host plugin."""

    @classmethod
    def from_json(cls, data: dict) -> type["PluginProxy"]:
        attrs = {
            "__doc__": data.get("doc") or "",
            "label": data.get("label"),
            "order": data["order"],
            # pyblish's defaults only when the key is missing: an empty list is a real value
            # (``families = []`` matches nothing by Intersection and everything by Subset).
            "families": _listed(data, "families", ["*"]),
            "hosts": _listed(data, "hosts", ["*"]),
            "targets": _listed(data, "targets", ["default"]),
            "match": int(data["match"]) if data.get("match") is not None else pyblish.api.Intersection,
            "optional": bool(data.get("optional")),
            "active": bool(data.get("active", True)),
            "actions": list(data.get("actions") or []),
            "_json": dict(data),
        }
        name = str(data.get("name") or "Plugin")
        plugin = type(name, (cls,), attrs)
        plugin._id = data["id"]
        plugin.__instanceEnabled__ = bool(data.get("instanceEnabled"))
        plugin.__contextEnabled__ = bool(data.get("contextEnabled"))
        plugin.__pre11__ = bool(data.get("pre11"))
        return plugin

    @classmethod
    def to_json(cls) -> dict:
        out = dict(cls._json)
        out["active"] = bool(cls.active)
        return out


def _listed(data: dict, key: str, default: list) -> list:
    value = data.get(key)
    return list(default) if value is None else list(value)


def _matchable(data: dict) -> dict:
    """pyblish matches families with ``set()``: a family that could not travel (an object, sent
    as a marked-repr dict) is matched as its repr text, which no plugin names, instead of
    failing the whole run as an unhashable dict."""
    family, families = data.get("family"), data.get("families")
    if not is_marked_repr(family) and not (isinstance(families, list) and any(map(is_marked_repr, families))):
        return data
    data = dict(data)
    if is_marked_repr(family):
        data["family"] = family["__repr__"]
    if isinstance(families, list):
        data["families"] = [f["__repr__"] if is_marked_repr(f) else f for f in families]
    return data
