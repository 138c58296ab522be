"""Options a plugin declares, read the same way in the host, in the window and in a headless run.

A plugin lists its options as a class attribute ``options = [...]`` (dicts, see docs/options.md)
or, AYON-style, answers ``get_attribute_defs()`` with objects that have ``key``, ``label``,
``tooltip``, ``default`` and a ``type`` (duck-typed: AYON is never imported). Both become the
same plain dicts here, the form that travels in the plugin's ``options`` field (docs/protocol.md).

The window writes the values the artist chose into ``data["pyblishOptions"]`` of each instance
(and of the Context for context plugins), keyed by the plugin's class name, before a run. A
plugin reads them with :func:`values`, which fills in the defaults, so a headless
``pyblish.util.publish()`` (no window, no key) behaves exactly as the window does untouched.

Pure Python, imported by hosts (Python 3.7+): no Qt, nothing of the window.
"""

from __future__ import annotations

import logging
import math
from typing import Any

log = logging.getLogger(__name__)

KEY = "pyblishOptions"
KEPT_KEY = "pyblishQmlKept"  # toggles and option edits kept with the scene (host/keeper.py)
CAPTURE_KEY = "pyblishQmlCapture"  # the window's Capture button asks the host's hook (host/capture.py)
KINDS = ("bool", "enum", "number", "text", "path")

# AYON's attribute definition types, and other spellings a pipeline may use, as our kinds.
_ALIASES = {"boolean": "bool", "bool": "bool", "enum": "enum", "number": "number", "int": "number",
            "float": "number", "text": "text", "string": "text", "path": "path", "file": "path"}


def declared(plugin: Any) -> list:
    """The plugin's options as plain dicts; a declaration that cannot be read is skipped with a
    warning (a broken option must never stop the plugins from being discovered)."""
    raw = list(getattr(plugin, "options", None) or [])
    getter = getattr(plugin, "get_attribute_defs", None)
    if callable(getter):
        try:
            raw += list(getter() or [])
        except Exception as error:  # the pipeline's code: say so, keep the rest
            log.warning("%s.get_attribute_defs() raised %s: %s", _name(plugin), type(error).__name__, error)
    out, seen = [], set()
    for entry in raw:
        try:
            option = normalize(entry)
        except (TypeError, ValueError) as error:
            log.warning("%s: option %r ignored: %s", _name(plugin), entry, error)
            continue
        if option is not None and option["name"] not in seen:
            seen.add(option["name"])
            out.append(option)
    return out


def normalize(entry: Any) -> dict | None:
    """One declaration (a dict or an attribute-definition object) as the documented dict, or
    None for AYON kinds that hold no value (labels, separators, hidden values)."""
    get = entry.get if isinstance(entry, dict) else (lambda name, default=None: getattr(entry, name, default))
    name = get("name") or get("key")
    if not isinstance(name, str) or not name:
        raise ValueError("an option needs a 'name' (or 'key') string")
    kind_name = get("kind") or get("type") or _kind_of_default(get("default"))
    kind = _ALIASES.get(str(kind_name).lower())
    if kind is None:
        if str(kind_name).lower() in ("hidden", "label", "ui_label", "separator", "ui_separator", "unknown"):
            return None
        raise ValueError("unknown kind %r (one of %s)" % (kind_name, ", ".join(KINDS)))
    option = {"name": name, "kind": kind, "label": str(get("label") or name),
              "tooltip": str(get("tooltip") or "")}
    if kind == "enum":
        option["items"] = _items(get("items"))
        if not option["items"]:
            raise ValueError("an enum needs items")
    if kind == "number":
        minimum, maximum = get("minimum"), get("maximum")
        option["minimum"] = float(minimum) if minimum is not None else -1e9
        option["maximum"] = float(maximum) if maximum is not None else 1e9
        option["decimals"] = int(get("decimals") or 0)
    option["default"] = coerce(option, get("default"))
    return option


def _kind_of_default(default: Any) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, (int, float)):
        return "number"
    return "text"


def _items(items: Any) -> list:
    """Enum items as ``[{"value", "label"}]``: from such dicts, (value, label) pairs, plain values
    or a ``{value: label}`` dict (AYON's forms)."""
    if isinstance(items, dict):
        items = list(items.items())
    out = []
    for item in items or ():
        if isinstance(item, dict):
            value, label = item.get("value"), item.get("label", item.get("value"))
        elif isinstance(item, (list, tuple)) and len(item) == 2:
            value, label = item
        else:
            value, label = item, item
        if isinstance(value, (str, int, float, bool)):
            out.append({"value": value, "label": str(label)})
    return out


def coerce(option: dict, value: Any) -> Any:
    """``value`` made valid for the option; ``None`` or an invalid value becomes its default
    (or the kind's own: False, the first item, the minimum clamped to 0, "")."""
    kind = option["kind"]
    fallback = option.get("default")
    if kind == "bool":
        return bool(value) if isinstance(value, (bool, int)) else bool(fallback)
    if kind == "enum":
        values = [item["value"] for item in option["items"]]
        if value in values:
            return value
        return fallback if fallback in values else values[0]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            floor = max(option["minimum"], min(0, option["maximum"]))
            value = fallback if isinstance(fallback, (int, float)) and not isinstance(fallback, bool) else floor
        value = max(option["minimum"], min(option["maximum"], value))
        return round(value, option["decimals"]) if option["decimals"] else int(round(value))
    return value if isinstance(value, str) else (fallback if isinstance(fallback, str) else "")


def defaults(plugin: Any) -> dict:
    """``{name: default}`` of the plugin's options."""
    return {option["name"]: option["default"] for option in declared(plugin)}


def values(plugin: Any, item: Any) -> dict:
    """What a plugin reads: its options' values for this instance (or the Context), the window's
    choice where it made one, else the default; a plugin instance or class both work."""
    cls = plugin if isinstance(plugin, type) else type(plugin)
    data = getattr(item, "data", None) or {}
    chosen = (data.get(KEY) or {}).get(cls.__name__) or {}
    return {option["name"]: coerce(option, chosen.get(option["name"])) if option["name"] in chosen
            else option["default"] for option in declared(cls)}


def _name(plugin: Any) -> str:
    return getattr(plugin, "__name__", None) or type(plugin).__name__
