"""The option values the artist chose, per instance and plugin, and what the host must be sent.

Plugins declare options (:mod:`pyblish_qml.options`); an instance plugin's options apply to each
instance it processes, a context plugin's to the Context. Edits are kept by instance *name*
(the Context's is ``""``), not id: ids change on every Reset, and the artist's choice must
survive one (and, through the host's keeper, a restart: docs/options.md). Two instances with the
same name share their edits.

Before a run the window sends each item's whole value set, defaults filled in, under one key
(``data["pyblishOptions"]``, docs/protocol.md), but only where it differs from what this host's
Context was last sent: a run with nothing edited since costs no round trip.

Plain Python, no Qt: the Qt model (:mod:`.options_model`) shows it. Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ... import options

Compat = Callable[[], dict]  # plugin id -> the instance ids it processes (None: the Context)


class OptionValues:
    def __init__(self, compat: Compat):
        self._compat = compat
        self._plugins: list[dict] = []  # plugin rows with options, in the host's order
        self._items: dict[str, dict] = {}  # instance id -> {"name", "isContext"}
        self._edits: dict[str, dict[str, dict[str, Any]]] = {}  # instance name -> plugin name -> option -> value
        self._sent: dict[str | None, dict] = {}  # instance id (None: Context) -> payload last sent
        self._members: tuple[object, dict] = (None, {})  # (the compat dict, plugin id -> set of instance ids)

    # ---------------------------------------------------------------- what the host collected

    def collected(self, plugins: Iterable[dict], items: Iterable[dict]) -> None:
        """A Reset's plugins and instances; the host's Context is new, so nothing is sent yet."""
        self._plugins = [plugin for plugin in plugins if plugin.get("options")]
        self._items = {}
        self.add_items(items)
        self._sent = {}

    def add_items(self, items: Iterable[dict]) -> None:
        for item in items:
            self._items[item["id"]] = {"name": "" if item.get("isContext") else str(item.get("name") or ""),
                                       "isContext": bool(item.get("isContext"))}

    def has_options(self) -> bool:
        return bool(self._plugins)

    def applicable(self, item_id: str) -> list[dict]:
        """The plugins with options that process this item, in the host's order."""
        item = self._items.get(item_id)
        if item is None:
            return []
        members_of = self._member_sets()
        out = []
        for plugin in self._plugins:
            members = members_of.get(plugin["id"], ())
            takes_context = members is None or (not plugin.get("instanceEnabled") and plugin.get("contextEnabled"))
            if (item["isContext"] and takes_context) or (not item["isContext"] and members and item_id in members):
                out.append(plugin)
        return out

    def _member_sets(self) -> dict:
        """The compatibility as sets (a selection of thousands asks once per instance), made once per run."""
        compat = self._compat()
        if self._members[0] is not compat:
            sets = {plugin_id: None if ids is None else set(ids) for plugin_id, ids in compat.items()}
            self._members = (compat, sets)
        return self._members[1]

    # ---------------------------------------------------------------- values

    def value(self, item_id: str, plugin: dict, option: dict) -> Any:
        chosen = self._edits.get(self._name(item_id), {}).get(plugin["name"], {})
        return options.coerce(option, chosen[option["name"]]) if option["name"] in chosen else option["default"]

    def changed(self, item_id: str, plugin: dict, option: dict) -> bool:
        return self.value(item_id, plugin, option) != option["default"]

    def set(self, item_ids: Iterable[str], plugin_name: str, option_name: str, value: Any) -> None:
        """Set one option on these items (a multi-selection); a value equal to the default is no edit."""
        for item_id in item_ids:
            plugin, option = self._find(item_id, plugin_name, option_name)
            if option is None:
                continue
            value_here = options.coerce(option, value)
            plugin_edits = self._edits.setdefault(self._name(item_id), {}).setdefault(plugin_name, {})
            if value_here == option["default"]:
                plugin_edits.pop(option_name, None)
            else:
                plugin_edits[option_name] = value_here
            self._prune(self._name(item_id), plugin_name)

    def reset(self, item_ids: Iterable[str], plugin_name: str, option_name: str) -> None:
        for item_id in item_ids:
            self._edits.get(self._name(item_id), {}).get(plugin_name, {}).pop(option_name, None)
            self._prune(self._name(item_id), plugin_name)

    def payload(self, item_id: str) -> dict:
        """``{plugin name: {option: value}}`` for every plugin with options that processes the item."""
        return {plugin["name"]: {option["name"]: self.value(item_id, plugin, option) for option in plugin["options"]}
                for plugin in self.applicable(item_id)}

    def writes(self) -> list[tuple]:
        """(instance id or None, KEY, payload) for each item whose values the host has not been
        sent yet; marked as sent."""
        out = []
        for item_id, item in self._items.items():
            payload = self.payload(item_id)
            target = None if item["isContext"] else item_id
            if payload and self._sent.get(target) != payload:
                self._sent[target] = payload
                out.append((target, options.KEY, payload))
        return out

    # ---------------------------------------------------------------- kept with the scene

    def kept(self) -> dict:
        """The edits, ``{instance name: {plugin name: {option: value}}}`` ("" is the Context)."""
        return {name: {plugin: dict(values) for plugin, values in plugins.items()}
                for name, plugins in self._edits.items() if plugins}

    def restore(self, kept: Any) -> None:
        """Edits kept with the scene (what :meth:`kept` gave); malformed parts are skipped."""
        if not isinstance(kept, dict):
            return
        for name, plugins in kept.items():
            if isinstance(name, str) and isinstance(plugins, dict):
                for plugin, values in plugins.items():
                    if isinstance(values, dict) and values:
                        self._edits.setdefault(name, {}).setdefault(str(plugin), {}).update(values)

    # ---------------------------------------------------------------- helpers

    def _name(self, item_id: str) -> str:
        item = self._items.get(item_id)
        return item["name"] if item is not None else item_id

    def _find(self, item_id: str, plugin_name: str, option_name: str) -> tuple:
        for plugin in self.applicable(item_id):
            if plugin["name"] == plugin_name:
                for option in plugin["options"]:
                    if option["name"] == option_name:
                        return plugin, option
        return None, None

    def _prune(self, name: str, plugin_name: str) -> None:
        plugins = self._edits.get(name, {})
        if not plugins.get(plugin_name):
            plugins.pop(plugin_name, None)
        if not plugins:
            self._edits.pop(name, None)
