"""Toggling instances and plugins on and off: the rows at once, the host by a queued job.

Only optional items toggle, never while a run is in flight; a section's box turns all its
optional members on, unless all are on already. A toggle forgets a passed validation (the next
publish validates again) and greys out plugins left without a toggled compatible instance.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal

from ..lists.models import InstanceModel, PluginModel

BULK_MODES = ("all", "none", "failed")


class ToggleOwner(Protocol):
    """What toggling asks of the window (the controller)."""

    def submit_toggle(self, kind: str, item_id: str, new: bool, old: bool) -> None: ...  # the host's side

    def toggles_locked(self) -> bool: ...  # a run is in flight, or a past run is shown


class Toggles(QObject):
    toggled = Signal(bool)  # after any toggle: whether instances changed (compatibility follows)

    def __init__(self, instances: InstanceModel, plugins: PluginModel, owner: ToggleOwner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._instances = instances
        self._plugins = plugins
        self._submit = owner.submit_toggle
        self._busy = owner.toggles_locked

    def current(self) -> dict:
        """Every item's toggle, as the runner applies them before a run."""
        return {"instances": {i["id"]: i["isToggled"] for i in self._instances.items() if not i["isContext"]},
                "plugins": {p["id"]: p["isToggled"] for p in self._plugins.items()}}

    def instance(self, item_id: str) -> None:
        item = self._instances.item(item_id)
        if item is None or item["isContext"] or not item["optional"] or self._busy():
            return
        self._set(self._instances, "instance", {item_id: not item["isToggled"]})

    def plugin(self, item_id: str) -> None:
        item = self._plugins.item(item_id)
        if item is None or not item["optional"] or self._busy():
            return
        self._set(self._plugins, "plugin", {item_id: not item["isToggled"]})

    def section(self, kind: str, section: str) -> None:
        """Toggle every optional member of a section: all on, unless all are on already."""
        if self._busy():
            return
        if kind == "instance":
            model, key = self._instances, "category"
            members = [i for i in model.items() if i[key] == section and i["optional"] and not i["isContext"]]
        else:
            model, key = self._plugins, "verb"
            members = [p for p in model.items() if p[key] == section and p["optional"]]
        target = not all(i["isToggled"] for i in members)
        self._set(model, kind, {i["id"]: target for i in members if i["isToggled"] != target})

    def set_toggled(self, kind: str, item_ids: list[str], on: bool) -> None:
        """Tick or untick the given items (a selection): the optional ones that differ."""
        if self._busy():
            return
        model, members = self._members(kind)
        wanted = set(item_ids)
        self._set(model, kind, {i["id"]: on for i in members if i["id"] in wanted and i["isToggled"] != on})

    def flip(self, kind: str, item_ids: list[str]) -> str:
        """Space or "Toggle selected" on these rows (a selection), as one toggle: the optional ones
        all on, unless all are on already (then all off), like a section's box. Returns why the
        others did not change ("" when all could): required items and the Context never do."""
        if self._busy():
            return ""
        model = self._instances if kind == "instance" else self._plugins
        items = [item for item in map(model.item, item_ids) if item is not None]
        optional = [i for i in items if i["optional"] and not i.get("isContext")]
        target = not all(i["isToggled"] for i in optional)
        self._set(model, kind, {i["id"]: target for i in optional if i["isToggled"] != target})
        return locked_reason([i for i in items if not i["optional"] or i.get("isContext")], len(items))

    def bulk(self, kind: str, section: str, mode: str) -> None:
        """Every optional member of a section (or of the whole list, ``section`` empty) on
        (``all``), off (``none``), or on exactly when it failed in the last run (``failed``)."""
        if mode not in BULK_MODES:
            raise ValueError("bulk toggle mode %r: expected one of %s" % (mode, ", ".join(BULK_MODES)))
        if self._busy():
            return
        model, members = self._members(kind, section)
        target = {i["id"]: mode == "all" or (mode == "failed" and bool(i["hasError"])) for i in members}
        self._set(model, kind, {i["id"]: v for i in members if i["isToggled"] != (v := target[i["id"]])})

    def _members(self, kind: str, section: str = "") -> tuple:
        """The model and its optional, toggleable rows (in ``section`` when given)."""
        if kind == "instance":
            model, key = self._instances, "category"
        elif kind == "plugin":
            model, key = self._plugins, "verb"
        else:
            raise ValueError("toggle kind %r: expected instance or plugin" % (kind,))
        return model, [i for i in model.items() if i["optional"] and not i.get("isContext")
                       and (not section or i[key] == section)]

    def _set(self, model, kind: str, values: dict[str, bool]) -> None:
        if not values:
            return
        model.update_items({i: {"isToggled": v} for i, v in values.items()})
        for item_id, value in values.items():
            self._submit(kind, item_id, value, not value)
        self.toggled.emit(kind == "instance")


def locked_reason(locked: list[dict], selected: int) -> str:
    """Why these rows (of ``selected``) cannot be toggled; the window shows it where the keys are."""
    if not locked:
        return ""
    required = [str(i.get("label") or i.get("name")) for i in locked if not i.get("isContext")]
    parts = []
    if required:
        names = ", ".join(required[:3]) + (" and %d more" % (len(required) - 3) if len(required) > 3 else "")
        if len(required) == 1:
            parts.append("%s is required by the pipeline and cannot be turned off" % names)
        else:
            parts.append("%s are required by the pipeline and cannot be turned off" % names)
    if any(i.get("isContext") for i in locked):
        parts.append("the context is always processed" if parts else "The context is always processed")
    reason = "; ".join(parts) + "."
    if selected == 1:
        return reason
    if len(locked) == selected:
        return "None of the %d selected can be toggled. %s" % (selected, reason)
    return "%d of the %d selected stay as they are. %s" % (len(locked), selected, reason)
