"""The plugins one instance row's menu offers to run on it alone (pyblish-qml #8).

For an instance: every plugin after collection that would process it (the compatibility the
runner reported after Reset); for the Context row: the ContextPlugins after collection.
Collectors are left out: running one again would collect its instances twice. Set
``instanceId`` before showing the menu; the rows are the plugins in the host's order.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from .models import InstanceModel, ItemModel, PluginModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by the controller")
class InstancePlugins(ItemModel):
    ROLES = ("id", "pluginId", "label", "verb")
    instanceIdChanged = Signal()

    def __init__(self, instances: InstanceModel, plugins: PluginModel, parent: QObject | None = None):
        super().__init__(parent)
        self._instances = instances
        self._plugins = plugins
        self._instance_id = ""
        self.compat: Callable[[], dict] = dict  # plugin id -> instance ids (None: the context); the controller's

    @Property(str, notify=instanceIdChanged, final=True)
    def instanceId(self) -> str:
        return self._instance_id

    @instanceId.setter
    def instanceId(self, instance_id: str) -> None:
        self._instance_id = instance_id or ""
        instance = self._instances.item(self._instance_id)
        compat = self.compat()
        rows = []
        if instance is not None:
            for plugin in self._plugins.items():
                members = compat.get(plugin["id"], [])
                wanted = members is None if instance["isContext"] else members is not None and \
                    self._instance_id in members
                if wanted and plugin["verb"] != "Collect":
                    rows.append({"id": plugin["id"], "pluginId": plugin["id"], "label": plugin["label"] or "",
                                 "verb": plugin["verb"] or ""})
        self.reset_items(rows)
        self.instanceIdChanged.emit()
