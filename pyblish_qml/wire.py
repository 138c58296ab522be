"""The wire format: pyblish objects to XML-RPC-safe, JSON-compatible dicts.

The dicts are documented in docs/protocol.md, "Data on the wire".

Everything that crosses a process boundary goes through this module, so every XML-RPC trap
is handled in one place:

- strings with characters XML 1.0 forbids (control characters, lone surrogates) have those
  characters escaped as visible ``\\xNN`` / ``\\uNNNN`` text;
- integers beyond 32 bits become a marked repr, so that stock clients (which cannot *send*
  ``<i8>``) can pass our dicts back unchanged;
- dict keys that are not strings become their repr; one that reads like a string key of the
  same dict gets its type added (``{1: "a", "1": "b"}`` arrives as ``"1"`` and ``"1 (int)"``);
- tuples and sets become lists; bytes, objects and anything else become a marked repr;
- very long strings are cut at ``MAX_TEXT`` characters with a note saying how much was cut.

A "marked repr" is ``{"__repr__": "<text>", "__type__": "<type name>"}`` so a reader can tell
a value that could not travel from a string that happened to look like one.

This module is pure Python and is imported by hosts (Maya, Nuke...), so it must never import Qt.
"""

from __future__ import annotations

import inspect
import json
import logging
import math
import re
import traceback
from typing import Any

import pyblish.api
import pyblish.lib
import pyblish.plugin

from . import options

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
MAX_TEXT = 256 * 1024
MAX_DEPTH = 32
REPR_KEY = "__repr__"
TYPE_KEY = "__type__"

# Keys pyblish keeps in context.data for itself; they hold live objects and grow with
# every result, so they never travel.
PRIVATE_KEYS = frozenset({"results"})

# Characters XML 1.0 forbids, plus lone surrogates (which cannot be encoded as UTF-8).
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_STANDARD_TYPES = (
    (pyblish.api.CollectorOrder, "Collector", "Collect"),
    (pyblish.api.ValidatorOrder, "Validator", "Validate"),
    (pyblish.api.ExtractorOrder, "Extractor", "Extract"),
    (pyblish.api.IntegratorOrder, "Integrator", "Integrate"),
)

_MATCH_NAMES = {
    pyblish.api.Intersection: "Intersection",
    pyblish.api.Subset: "Subset",
    pyblish.api.Exact: "Exact",
}


def _escape_char(match: re.Match) -> str:
    code = ord(match.group())
    return "\\x%02x" % code if code < 0x100 else "\\u%04x" % code


def safe_text(text: str, limit: int = MAX_TEXT) -> str:
    """Return ``text`` with XML-illegal characters escaped and cut at ``limit`` characters."""
    if len(text) > limit:
        cut = len(text) - limit
        text = text[:limit] + "\n… [%d more characters not shown]" % cut
    if _ILLEGAL_XML.search(text):
        text = _ILLEGAL_XML.sub(_escape_char, text)
    return text


def marked_repr(value: Any) -> dict:
    """A value that cannot travel, as its repr, marked as such."""
    try:
        text = repr(value)
    except Exception as error:  # a broken __repr__ must not break the publish
        text = "<unrepresentable %s: %s>" % (type(value).__name__, error)
    return {REPR_KEY: safe_text(text), TYPE_KEY: type(value).__name__}


def is_marked_repr(value: Any) -> bool:
    """True for a value :func:`safe` had to send as its repr (see the module docstring)."""
    return isinstance(value, dict) and REPR_KEY in value and TYPE_KEY in value and len(value) == 2


def safe(value: Any, _depth: int = 0) -> Any:
    """Convert ``value`` into something XML-RPC (and JSON) can carry without loss of meaning."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        # a str subclass (a StrEnum family, say) cannot be marshalled; its text can
        return safe_text(value if type(value) is str else str.__str__(value))
    if isinstance(value, int):
        if INT32_MIN <= value <= INT32_MAX:
            return int(value)  # normalises int subclasses (IntEnum...)
        return marked_repr(value)
    if isinstance(value, float):
        # nan and inf are not XML-RPC doubles in most peers; keep them readable instead.
        return float(value) if math.isfinite(value) else marked_repr(value)
    if _depth >= MAX_DEPTH:
        return marked_repr(value)
    if isinstance(value, dict):
        return _safe_dict(value.items(), _depth + 1)
    if isinstance(value, (list, tuple)):
        return [safe(item, _depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        items = list(value)
        try:
            items.sort()
        except TypeError:
            items.sort(key=repr)
        return [safe(item, _depth + 1) for item in items]
    if isinstance(value, (bytes, bytearray)):
        try:
            return safe_text(bytes(value).decode("utf-8"))
        except UnicodeDecodeError:
            return marked_repr(value)
    return marked_repr(value)


def safe_key(key: Any, taken: dict | None = None) -> str:
    """Dict keys must be strings in XML-RPC; others become their repr, never colliding.

    A key whose text is already ``taken`` gets its type added (``"1 (int)"``), then a number.
    """
    text = safe_text(key) if isinstance(key, str) else safe_text(repr(key))
    if taken is not None and text in taken:
        base = text = "%s (%s)" % (text, type(key).__name__)
        number = 2
        while text in taken:
            text = "%s #%d" % (base, number)
            number += 1
    return text


def _safe_dict(items, depth: int) -> dict:
    """String keys first (they arrive as they are), then the others as their marked repr: two
    keys that read the same (``1`` and ``"1"``) both arrive, and neither value is lost."""
    out: dict = {}
    others = None
    for key, item in items:
        if type(key) is str and key not in out and not _ILLEGAL_XML.search(key) and len(key) <= MAX_TEXT:
            out[key] = safe(item, depth)
        else:
            if others is None:
                others = []
            others.append((key, item))
    for key, item in others or ():
        out[safe_key(key, out)] = safe(item, depth)
    return out


def format_data(data: dict) -> dict:
    """An entity's data, without pyblish's private bookkeeping."""
    return _safe_dict(((k, v) for k, v in list(data.items()) if k not in PRIVATE_KEYS), 0)


def format_instance(instance: pyblish.api.Instance) -> dict:
    data = format_data(instance.data)
    data.setdefault("name", safe_text(instance.name))
    data.setdefault("label", data.get("name"))
    data.setdefault("family", None)
    data.setdefault("families", [])
    data.setdefault("publish", True)
    data.setdefault("optional", True)
    data.setdefault("category", data.get("family"))
    data.setdefault("comment", None)
    return {
        "name": safe_text(instance.name),
        "id": instance.id,
        "data": data,
        "children": [safe(child) for child in list(instance)],
    }


def format_context_data(context: pyblish.api.Context) -> dict:
    data = format_data(context.data)
    data.setdefault("label", "Context")
    data.setdefault("publish", True)
    data.setdefault("optional", False)  # the Context can never be toggled off
    return data


def format_context(context: pyblish.api.Context) -> dict:
    data = format_context_data(context)
    return {
        "name": safe_text(context.name),
        "id": context.id,
        "data": data,
        "children": [format_instance(instance) for instance in list(context)],
    }


def plugin_type(order: float) -> tuple[str, str]:
    """(type, verb) of a plugin from its order: the ±0.5 band around 0, 1, 2, 3."""
    for base, type_, verb in _STANDARD_TYPES:
        if pyblish.lib.inrange(order, base=base):
            return type_, verb
    return "Other", "Other"


def format_action(action: type) -> dict:
    return {
        "id": action.id,
        "label": safe_text(str(action.label or action.__name__)),
        "icon": safe(action.icon),
        "on": action.on,
        "active": bool(action.active),
        "type": getattr(action, "__type__", "action"),
        "error": safe(getattr(action, "__error__", None)),
        "doc": safe_text(action.__doc__ or ""),
    }


def format_plugin(plugin: type) -> dict:
    type_, verb = plugin_type(plugin.order)
    module = getattr(plugin, "__module__", "") or ""
    try:
        path = inspect.getsourcefile(plugin) or module
    except (TypeError, OSError):
        path = module
    return {
        "id": plugin.id,
        "name": plugin.__name__,
        "label": safe_text(str(plugin.label or plugin.__name__)),
        "doc": safe_text(plugin.__doc__ or ""),
        "order": _order(plugin.order),
        "type": type_,
        "verb": verb,
        "families": safe(list(plugin.families)),
        "hosts": safe(list(plugin.hosts)),
        "targets": safe(list(getattr(plugin, "targets", ["default"]))),
        "match": int(plugin.match),
        "matchName": _MATCH_NAMES.get(plugin.match, str(plugin.match)),
        "optional": bool(plugin.optional),
        "active": bool(plugin.active),
        "version": safe(list(plugin.version) if isinstance(plugin.version, tuple) else plugin.version),
        "path": safe_text(path),
        "module": safe_text(module),
        "contextEnabled": bool(plugin.__contextEnabled__),
        "instanceEnabled": bool(plugin.__instanceEnabled__),
        "pre11": bool(getattr(plugin, "__pre11__", False)),
        "actions": [format_action(action) for action in plugin.actions],
        "options": safe(options.declared(plugin)),  # docs/options.md
    }


def _order(order: Any) -> Any:
    """An int order stays an int: the host's test gets it back and may print it ("1", not "1.0")."""
    if isinstance(order, int) and not isinstance(order, bool) and INT32_MIN <= order <= INT32_MAX:
        return int(order)
    return float(order)


_RECORD_FIELDS = ("name", "levelname", "levelno", "created", "module", "filename", "pathname",
                  "lineno", "funcName", "threadName")


def format_record(record: logging.LogRecord) -> dict:
    try:
        message = record.getMessage()
    except Exception as error:  # bad %-args in a plugin's log call must not lose the record
        message = "%s (could not format %r with %r: %s)" % (record.msg, record.msg, record.args, error)
    out = {field: safe(getattr(record, field, None)) for field in _RECORD_FIELDS}
    out["message"] = safe_text(str(message))
    exc_text = record.exc_text
    if not exc_text and record.exc_info and record.exc_info[0] is not None:
        exc_text = "".join(traceback.format_exception(*record.exc_info))
    out["exc_text"] = safe_text(exc_text) if exc_text else None
    return out


def format_error(error: BaseException | None) -> dict | None:
    if error is None:
        return None
    fname, line_number, func, exc = getattr(error, "traceback", None) or (None, None, None, None)
    formatted = getattr(error, "formatted_traceback", None)
    if formatted is None:
        formatted = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        message = str(error)
    except Exception:
        message = repr(error)
    return {
        "message": safe_text(message or type(error).__name__),
        "traceback": safe_text(formatted),
        "fname": safe(fname),
        "line_number": safe(line_number),
        "func": safe(func),
        "exc": safe(exc),
        "type": type(error).__name__,
    }


def format_result(result: dict) -> dict:
    instance = result.get("instance")
    action = result.get("action")
    plugin = result.get("plugin")
    return {
        "success": bool(result.get("success")),
        "plugin": getattr(plugin, "id", plugin),
        "instance": getattr(instance, "id", instance),
        "action": getattr(action, "id", action),
        "error": format_error(result.get("error")),
        "records": [format_record(record) for record in result.get("records", [])],
        "duration": float(result.get("duration") or 0.0),
    }


def json_text(value: Any) -> str:
    """``value`` (already made safe: what ``process``/``context``/``discover`` return) as one JSON
    string, for the ``*_json`` form of those calls.

    ASCII only (non-ASCII and lone surrogates as ``\\uXXXX``), so the string needs no more than
    XML's ``&amp; &lt; &gt;`` to travel inside an XML-RPC reply; ``\\r`` and every control character
    are JSON escapes. Ints of any size, floats (``repr``, exact) and ``None`` arrive as they left.
    """
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))
