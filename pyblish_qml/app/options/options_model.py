"""The options panel of the Perspective page: one row per option of the plugins that process the
items shown, grouped by plugin, with the value, whether it differs from the default, and
whether a multi-selection disagrees.

The items shown are the Perspective's item, or, when it is one of several selected instances,
all of them (tk-multi-publish2's homogeneous selection): an option is listed when its plugin
processes every one of them, and an edit applies to all at once. Edits go to
:class:`~.option_values.OptionValues`; this model re-reads after each and says so with ``edited``
(the owner keeps them with the scene and marks validation stale).

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, QTimer, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import ItemModel
from .option_values import OptionValues

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


def shown_ids(detail_kind: str, detail_id: str, selected_ids: list[str]) -> list[str]:
    """The items an edit applies to: the selection when the Perspective's item is part of it."""
    if detail_kind != "instance" or not detail_id:
        return []
    return list(selected_ids) if detail_id in selected_ids and len(selected_ids) > 1 else [detail_id]


def text_of(option: dict, value: Any) -> str:
    if option["kind"] == "enum":
        return next((item["label"] for item in option["items"] if item["value"] == value), str(value))
    if option["kind"] == "number" and option.get("decimals"):
        return "%.*f" % (option["decimals"], value)
    return str(value)


@QmlElement
@QmlUncreatable("the controller makes one")
class OptionsModel(ItemModel):
    ROLES = ("id", "pluginName", "pluginLabel", "firstOfPlugin", "name", "kind", "label", "tooltip",
             "checked", "number", "text", "choices", "choiceIndex", "minimum", "maximum", "decimals",
             "changed", "mixed", "defaultText")
    itemsChanged = Signal()
    edited = Signal()  # the artist changed a value (or reset one)

    def __init__(self, values: OptionValues, parent: QObject | None = None):
        super().__init__(parent)
        self._values = values
        self._ids: list[str] = []
        self._later = QTimer(self)  # many model changes in one drain: re-read once, after it
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)

    @Property("QStringList", notify=itemsChanged, final=True)
    def itemIds(self) -> list[str]:
        return list(self._ids)

    @Property(int, notify=itemsChanged, final=True)
    def itemCount(self) -> int:
        """How many items an edit changes (more than one: a multi-selection)."""
        return len(self._ids)

    def show(self, item_ids: list[str]) -> None:
        if item_ids != self._ids:
            self._ids = list(item_ids)
            self.itemsChanged.emit()
            self.refresh()

    def refresh_soon(self) -> None:
        if self._ids and not self._later.isActive():
            self._later.start()

    def refresh(self) -> None:
        """Re-read the values; the same options as shown change in place (an editor keeps its focus)."""
        rows = self._option_rows()
        if [row["id"] for row in rows] == [row["id"] for row in self.items()]:
            self.update_items({row["id"]: row for row in rows})
        else:
            self.reset_items(rows)

    def _option_rows(self) -> list[dict]:
        if not self._ids:
            return []
        plugins = None  # the plugins with options that process every shown item
        for item_id in self._ids:
            here = self._values.applicable(item_id)
            plugins = here if plugins is None else [p for p in plugins if any(p is q for q in here)]
        rows = []
        for plugin in plugins or ():
            for n, option in enumerate(plugin["options"]):
                found = [self._values.value(item_id, plugin, option) for item_id in self._ids]
                value = found[0]
                mixed = any(other != value for other in found[1:])
                kind = option["kind"]
                items = option.get("items") or []
                rows.append({
                    "id": "%s/%s" % (plugin["name"], option["name"]), "pluginName": plugin["name"],
                    "pluginLabel": plugin.get("label") or plugin["name"], "firstOfPlugin": n == 0,
                    "name": option["name"], "kind": kind, "label": option["label"], "tooltip": option["tooltip"],
                    "checked": bool(value) if kind == "bool" else False,
                    "number": float(value) if kind == "number" else 0.0,
                    "text": "" if mixed else text_of(option, value),
                    "choices": [item["label"] for item in items],
                    "choiceIndex": -1 if mixed else next((i for i, item in enumerate(items)
                                                          if item["value"] == value), -1),
                    "minimum": float(option.get("minimum", 0.0)), "maximum": float(option.get("maximum", 0.0)),
                    "decimals": int(option.get("decimals", 0)),
                    "changed": any(v != option["default"] for v in found), "mixed": mixed,
                    "defaultText": text_of(option, option["default"]),
                })
        return rows

    # ---------------------------------------------------------------- edits (from Commands)

    def set_value(self, plugin_name: str, option_name: str, value: Any) -> None:
        row = self.item("%s/%s" % (plugin_name, option_name))
        if row is None:
            return
        if row["kind"] == "enum":  # QML sends the index of the label chosen
            plugin = next(p for p in self._values.applicable(self._ids[0]) if p["name"] == plugin_name)
            option = next(o for o in plugin["options"] if o["name"] == option_name)
            if not isinstance(value, int) or not 0 <= value < len(option["items"]):
                return
            value = option["items"][value]["value"]
        elif row["kind"] == "number":
            try:
                value = float(value)
            except (TypeError, ValueError):
                self.refresh()  # not a number: show the value as it was
                return
        self._values.set(self._ids, plugin_name, option_name, value)
        self.refresh()
        self.edited.emit()

    def flip(self, plugin_name: str, option_name: str) -> None:
        """A checkbox clicked: on when it was off or mixed, else off."""
        row = self.item("%s/%s" % (plugin_name, option_name))
        if row is not None and row["kind"] == "bool":
            self.set_value(plugin_name, option_name, row["mixed"] or not row["checked"])

    def reset_value(self, plugin_name: str, option_name: str) -> None:
        self._values.reset(self._ids, plugin_name, option_name)
        self.refresh()
        self.edited.emit()
