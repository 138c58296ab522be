"""Small models for single views: one item's Perspective page, a plugin's actions menu, the hosts.

Each gives QML typed properties or roles, so the pages bind to names the tooling can check
instead of reading members of JavaScript objects.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QModelIndex, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.action_buttons import ActionButtonsModel
from ..lists.models import InstanceModel, ItemModel, PluginModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("made by ItemDetail")
class DataRowsModel(ItemModel):
    """An instance's data as key/value rows (the Perspective page's table)."""

    ROLES = ("id", "key", "value")


@QmlElement
@QmlUncreatable("made by the controller")
class ActionsModel(ItemModel):
    """The actions of one plugin that apply in its current state (its menu); set ``pluginId``."""

    ROLES = ("id", "actionId", "type", "label", "icon", "iconName", "active", "error",
             "hasError")  # iconName: icon again, for QML (an "icon" property clashes with MenuItem's)
    pluginIdChanged = Signal()

    def __init__(self, plugins: PluginModel, parent: QObject | None = None):
        super().__init__(parent)
        self._plugins = plugins
        self._plugin_id = ""
        self._longest = ""

    @Property(str, notify=pluginIdChanged, final=True)
    def pluginId(self) -> str:
        return self._plugin_id

    @pluginId.setter
    def pluginId(self, plugin_id: str) -> None:
        self._plugin_id = plugin_id or ""
        plugin = self._plugins.item(self._plugin_id) or {}
        self.reset_items([{"id": str(n), "actionId": a.get("id") or "", "type": a.get("type") or "action",
                           "label": a.get("label") or "", "icon": a.get("icon") or "",
                           "iconName": str(a.get("icon") or ""), "active": bool(a.get("active")),
                           "error": str(a.get("error") or ""), "hasError": bool(a.get("error"))}
                          for n, a in enumerate(plugin.get("visibleActions") or ())])
        self._longest = max((a.get("label") or "" for a in plugin.get("visibleActions") or ()), key=len, default="")
        self.pluginIdChanged.emit()

    @Property(str, notify=pluginIdChanged, final=True)
    def longestLabel(self) -> str:
        """The longest action label: the menu is made wide enough for it (up to a limit)."""
        return self._longest


@QmlElement
@QmlUncreatable("made by the controller")
class HostModel(ItemModel):
    """The hosts the UI knows (waiting page, host menu): label (DCC, scene, pid), alive, busy."""

    ROLES = ("id", "port", "name", "alive", "busy", "pid", "beats", "file", "label")

    def set_hosts(self, hosts: list[dict]) -> None:
        self.reset_items([dict(host, id=str(host["port"]), pid=host.get("pid") or 0) for host in hosts])


@QmlElement
@QmlUncreatable("made by the controller")
class ItemDetail(QObject):
    """One instance or plugin as the Perspective page shows it; set ``kind`` and ``itemId``.

    It follows its row: any change to that row (status while running, data edited by a plugin)
    is re-read once and signalled with ``changed``.
    """

    changed = Signal()
    selectionChanged = Signal()

    def __init__(self, instances: InstanceModel, plugins: PluginModel, parent: QObject | None = None):
        super().__init__(parent)
        self._models = {"instance": instances, "plugin": plugins}
        self._kind = "plugin"
        self._id = ""
        self._item: dict = {}
        self._rows = DataRowsModel(self)
        self._actions = ActionButtonsModel(self)
        for model in self._models.values():
            model.dataChanged.connect(self._on_data_changed)
            model.modelReset.connect(self._refresh)
            model.rowsRemoved.connect(self._refresh)
            model.layoutChanged.connect(self._refresh)

    @Property(str, notify=selectionChanged, final=True)
    def kind(self) -> str:
        return self._kind

    @kind.setter
    def kind(self, kind: str) -> None:
        if kind not in self._models:
            raise ValueError("kind must be 'instance' or 'plugin', got %r" % (kind,))
        if kind != self._kind:
            self._kind = kind
            self.selectionChanged.emit()
            self._refresh()

    @Property(str, notify=selectionChanged, final=True)
    def itemId(self) -> str:
        return self._id

    @itemId.setter
    def itemId(self, item_id: str) -> None:
        if item_id != self._id:
            self._id = item_id or ""
            self.selectionChanged.emit()
            self._refresh()

    def _on_data_changed(self, first: QModelIndex, last: QModelIndex, roles=()) -> None:
        model = self._models[self._kind]
        if first.model() is model and first.row() <= model.row_of(self._id) <= last.row():
            self._refresh()

    def _refresh(self) -> None:
        item = self._models[self._kind].item(self._id) or {}
        if item.get("dataRows") is not self._item.get("dataRows"):
            self._rows.reset_items([{"id": str(n), **row} for n, row in enumerate(item.get("dataRows") or ())])
        self._item = dict(item)
        self._actions.follow(item if self._kind == "plugin" else None)  # before changed: actionCount follows
        self.changed.emit()

    def _get(self, key: str, default):
        value = self._item.get(key)
        return default if value is None else value

    @Property(str, notify=changed, final=True)
    def label(self) -> str:
        return str(self._get("label", ""))

    @Property(str, notify=changed, final=True)
    def status(self) -> str:
        return str(self._get("status", "idle"))

    @Property(str, notify=changed, final=True)
    def subtitle(self) -> str:
        """Plugin: verb · families; instance: family, families."""
        if self._kind == "plugin":
            return " · ".join([self._get("verb", ""), ", ".join(map(str, self._get("families", [])))])
        return ", ".join(str(f) for f in [self._get("family", ""), *self._get("families", [])])

    @Property(int, notify=changed, final=True)
    def passedCount(self) -> int:
        return int(self._get("passedCount", 0))

    @Property(int, notify=changed, final=True)
    def failedCount(self) -> int:
        return int(self._get("failedCount", 0))

    @Property(float, notify=changed, final=True)
    def duration(self) -> float:
        return float(self._get("duration", 0.0))

    @Property(float, notify=changed, final=True)
    def lastRun(self) -> float:
        return float(self._get("lastRun", 0.0))

    @Property(str, notify=changed, final=True)
    def docHtml(self) -> str:
        return str(self._get("docHtml", ""))

    @Property(str, notify=changed, final=True)
    def path(self) -> str:
        return str(self._get("path", ""))

    @Property(DataRowsModel, constant=True, final=True)
    def dataRows(self) -> DataRowsModel:
        return self._rows

    @Property(ActionButtonsModel, constant=True, final=True)
    def actions(self) -> ActionButtonsModel:
        """A plugin's applicable actions, as buttons (none for an instance)."""
        return self._actions

    @Property(int, notify=changed, final=True)
    def actionCount(self) -> int:
        return self._actions.rowCount()
