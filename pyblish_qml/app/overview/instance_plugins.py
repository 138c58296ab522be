"""The plugins one instance row's menu offers to run on it alone (pyblish-qml #8).

For an instance: every plugin after collection that would process it (the compatibility the
runner reported after Reset); for the Context row: the ContextPlugins after collection.
Collectors are left out: running one again would collect its instances twice. Set
``instanceId`` (or ``instanceIds``, a multi-selection: the plugins that process any of them,
each with how many) before showing the menu; the rows are the plugins in the host's order.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import InstanceModel, ItemModel, PluginModel
from .overview_state import RunFacts

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the controller")
class InstancePlugins(ItemModel):
    ROLES = ("id", "pluginId", "label", "verb", "matches")
    instanceIdChanged = Signal()

    def __init__(self, instances: InstanceModel, plugins: PluginModel, facts: RunFacts,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._instances = instances
        self._plugins = plugins
        self._instance_ids: list[str] = []
        self._longest = ""
        self.compat = facts.compat  # plugin id -> instance ids (None: the context)

    @Property(str, notify=instanceIdChanged, final=True)
    def instanceId(self) -> str:
        return self._instance_ids[0] if len(self._instance_ids) == 1 else ""

    @instanceId.setter
    def instanceId(self, instance_id: str) -> None:
        self._show([instance_id] if instance_id else [])

    @Property("QStringList", notify=instanceIdChanged, final=True)
    def instanceIds(self) -> list[str]:
        return list(self._instance_ids)

    @instanceIds.setter
    def instanceIds(self, instance_ids: list) -> None:
        self._show([str(i) for i in instance_ids or ()])

    def _show(self, instance_ids: list[str]) -> None:
        """The plugins after collection that process any of these instances, each with how many."""
        self._instance_ids = instance_ids
        chosen = [item for item in map(self._instances.item, instance_ids) if item is not None]
        wanted_ids = {item["id"] for item in chosen if not item["isContext"]}
        context = any(item["isContext"] for item in chosen)
        compat = self.compat()
        rows = []
        for plugin in self._plugins.items():
            if plugin["verb"] == "Collect":
                continue
            members = compat.get(plugin["id"], [])
            matches = int(context) if members is None else len(wanted_ids.intersection(members))
            if matches:
                rows.append({"id": plugin["id"], "pluginId": plugin["id"], "label": plugin["label"] or "",
                             "verb": plugin["verb"] or "", "matches": matches})
        self.reset_items(rows)
        self._longest = max((row["label"] for row in rows), key=len, default="")
        self.instanceIdChanged.emit()

    @Property(str, notify=instanceIdChanged, final=True)
    def longestLabel(self) -> str:
        """The longest plugin label listed: the menu is made wide enough for it (up to a limit)."""
        return self._longest
