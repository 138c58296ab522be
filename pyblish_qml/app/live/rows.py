"""Model rows built from what the host sends: instance, plugin and terminal rows as plain dicts.

Pure functions, so the controller only decides *when* rows change, not what they look like.
"""

from __future__ import annotations

import time

from ..lists.models import fresh_status, level_name

PLUGIN_KEYS = ("id", "name", "label", "verb", "type", "order", "doc", "path", "module", "families", "hosts",
               "optional", "contextEnabled", "instanceEnabled", "actions", "version", "targets",
               "options")  # the plugin's declared options (docs/options.md)


def context_row(context: dict, label: str) -> dict:
    data = context["data"]
    row = {"id": context["id"], "name": context.get("name") or "Context", "label": label, "family": "Context",
           "families": [], "category": "Context", "isToggled": True, "optional": False, "isContext": True,
           "sectionRank": -1, "data": data, "hasComment": bool(data.get("comment"))}
    row.update(fresh_status())
    return row


def category_of(data: dict) -> str:
    """The section an instance is listed in: its category, else its family."""
    return str(data.get("category") or data.get("family") or "default")


def instance_fields(name: str, data: dict) -> dict:
    """The row fields that follow from an instance's data: the one place they are derived,
    for a fresh row and for a row whose data a plugin changed."""
    return {"label": str(data.get("label") or data.get("name") or name), "family": str(data.get("family") or ""),
            "families": list(data.get("families") or []), "category": category_of(data),
            "isToggled": data.get("publish") is not False, "optional": data.get("optional", True) is not False,
            "hasComment": bool(data.get("comment"))}


def instance_row(entry: dict) -> dict:
    """An instance as the host described it; ``sectionRank`` is set when rows are grouped."""
    data = entry.get("data") or {}
    row = {"id": entry["id"], "name": entry["name"], "isContext": False, "sectionRank": 0, "data": data}
    row.update(instance_fields(entry["name"], data))
    row.update(fresh_status())
    return row


def plugin_row(plugin: dict, rank: int) -> dict:
    row = {key: plugin.get(key) for key in PLUGIN_KEYS}
    row.update({"isToggled": bool(plugin.get("active", True)), "isCompatible": True, "sectionRank": rank,
                "neverReason": ""})
    row.update(fresh_status())
    return row


def add_outcome(update: dict, current: dict, failed: bool, warned: bool, duration: float,
                lost: bool = False, ended: float = 0.0) -> None:
    """Fold one finished pair into a row's pending ``update`` (``current`` is the row as shown).

    A row's outcome accumulates over its pairs: one failure makes it failed for the run; a pair
    whose reply was ``lost`` makes it unknown (it may have run), counted neither way. ``ended`` is
    when the pair ended (0: now) -- a past run's rows say when it ran, not when it was opened."""
    update["isProcessing"] = False
    update["processed"] = True
    update["lastRun"] = ended or time.time()
    update["hasError"] = bool(update.get("hasError", current["hasError"]) or failed)
    update["hasWarning"] = bool(update.get("hasWarning", current["hasWarning"]) or warned)
    update["replyLost"] = bool(update.get("replyLost", current.get("replyLost")) or lost)
    update["succeeded"] = not update["hasError"] and not update["replyLost"]
    update["duration"] = update.get("duration", current["duration"]) + duration
    if not lost:
        key = "failedCount" if failed else "passedCount"
        update[key] = update.get(key, current[key]) + 1


def error_extra(error: dict) -> dict:
    """A host's error dict as the terminal-entry fields of a record."""
    return {
        "excText": error.get("traceback"), "lineno": error.get("line_number"),
        "funcName": error.get("func"), "pathname": error.get("fname"),
        "name": error.get("logger"), "threadName": error.get("thread"),
        "filename": (error.get("fname") or "").replace("\\", "/").rsplit("/", 1)[-1],
    }


def terminal_entry(entry_id: str, kind: str, levelno: int, message: str, extra: dict | None = None,
                   plugin: dict | None = None, instance: dict | None = None) -> dict:
    """A terminal row: a log record, an error (with its traceback) or a message of our own."""
    extra = extra or {}
    plugin = plugin or {}
    instance = instance or {}
    return {
        "id": entry_id, "kind": kind, "levelno": levelno,
        "levelname": extra.get("levelname") or ("ERROR" if kind == "error" else level_name(levelno).upper()),
        "message": message, "logger": extra.get("name") or "",
        "pluginId": plugin.get("id") or "", "pluginLabel": plugin.get("label") or "",
        "instanceId": instance.get("id") or "", "instanceLabel": instance.get("label") or "",
        "module": extra.get("module") or "", "filename": extra.get("filename") or "",
        "pathname": extra.get("pathname") or "", "lineno": extra.get("lineno") or 0,
        "funcName": extra.get("funcName") or "", "threadName": extra.get("threadName") or "",
        "created": extra.get("created") or time.time(),
        "excText": extra.get("exc_text") or extra.get("excText") or "",
    }


def terminal_text(items) -> str:
    """Terminal rows as plain text for the clipboard: level, where, message, then any traceback."""
    lines = []
    for item in items:
        where = " / ".join(x for x in (item["pluginLabel"], item["instanceLabel"]) if x)
        lines.append("%s %s%s" % (item["levelname"].ljust(8), "[%s] " % where if where else "", item["message"]))
        if item["excText"]:
            lines.append(item["excText"].rstrip("\n"))
    return "\n".join(lines)


def compatible_plugins(instances: list[dict], compat: dict) -> dict[str, dict]:
    """``isCompatible`` per plugin: it takes the context, or some toggled instance it processes."""
    toggled = {i["id"] for i in instances if i["isToggled"]}
    return {plugin_id: {"isCompatible": members is None or any(m in toggled for m in members)}
            for plugin_id, members in compat.items()}

