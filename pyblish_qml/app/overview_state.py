"""What the Overview shows about the lists as a whole: the selection, each section's toggle
state, and which plugins will process the selected instance.

The selection lives here rather than in QML, so the plugins that will not process a selected
instance can be faded (as pyblish-qml 1.x did) from the run's compatibility, and section
boxes can say whether all, none or some of their optional members are on.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from .models import InstanceModel, PluginModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

ON, OFF, PARTIAL = "on", "off", "partial"


def section_states(items: list[dict], key: str, member: Callable[[dict], bool]) -> dict[str, str]:
    """Per section: "on" when every optional member is toggled on, "off" when none, else
    "partial". A section without optional members has no entry (its box is not shown)."""
    counts: dict[str, list[int]] = {}
    for item in items:
        if member(item):
            on_total = counts.setdefault(str(item.get(key) or ""), [0, 0])
            on_total[0] += bool(item.get("isToggled"))
            on_total[1] += 1
    return {section: ON if on == total else OFF if on == 0 else PARTIAL for section, (on, total) in counts.items()}


@QmlElement
@QmlUncreatable("the controller makes one")
class OverviewState(QObject):
    selectionChanged = Signal()
    sectionsChanged = Signal()
    fadedChanged = Signal()

    def __init__(self, instances: InstanceModel, plugins: PluginModel, compat: Callable[[], dict],
                 views: dict | None = None, collapsed: Callable[[], list[str]] = lambda: [],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._views = views or {}  # kind -> the filtered view the list shows (for moving by key)
        self._collapsed = collapsed  # the collapsed sections
        self._instances = instances
        self._plugins = plugins
        self._compat = compat  # plugin id -> instance ids it processes (None: the context)
        self._selected_id = ""
        self._selected_kind = ""
        self._sections: dict[str, str] = {}
        self._faded: list[str] = []
        for model in (instances, plugins):
            model.modelReset.connect(self.refresh)
            model.rowsInserted.connect(self.refresh)
            model.rowsRemoved.connect(self.refresh)
            model.dataChanged.connect(self._data_changed)
        self._toggle_roles = {instances.role("isToggled"), plugins.role("isToggled"), plugins.role("isCompatible")}

    def _data_changed(self, first, last, roles) -> None:
        if not roles or self._toggle_roles.intersection(roles):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute the section states and the faded plugins (cheap: one pass per list)."""
        sections = {"instance/" + k: v for k, v in section_states(
            self._instances.items(), "category", lambda i: i["optional"] and not i["isContext"]).items()}
        sections.update({"plugin/" + k: v for k, v in section_states(
            self._plugins.items(), "verb", lambda p: p["optional"]).items()})
        if sections != self._sections:
            self._sections = sections
            self.sectionsChanged.emit()
        faded = self._faded_plugins()
        if faded != self._faded:
            self._faded = faded
            self.fadedChanged.emit()

    def _faded_plugins(self) -> list[str]:
        if self._selected_kind != "instance":
            return []
        instance = self._instances.item(self._selected_id)
        if instance is None:
            return []
        compat = self._compat()
        if not compat:
            return []  # nothing known yet (before collection finishes)
        context = bool(instance.get("isContext"))
        return [plugin_id for plugin_id, members in compat.items()
                if (members is not None or not context) and (members is None or self._selected_id not in members)]

    @Property(str, notify=selectionChanged, final=True)
    def selectedId(self) -> str:
        return self._selected_id

    @Property(str, notify=selectionChanged, final=True)
    def selectedKind(self) -> str:
        return self._selected_kind

    @Slot(str, str)
    def select(self, kind: str, item_id: str) -> None:
        """Select one row ("instance" or "plugin"), or nothing with empty strings."""
        if kind not in ("", "instance", "plugin"):
            raise ValueError("unknown kind of row %r" % kind)
        if (kind, item_id) == (self._selected_kind, self._selected_id):
            return
        self._selected_kind, self._selected_id = kind, item_id
        self.selectionChanged.emit()
        self.refresh()

    @Property(int, notify=selectionChanged, final=True)
    def selectedRow(self) -> int:
        """The selected row in its list's (filtered) view, -1 when not shown."""
        view = self._views.get(self._selected_kind)
        if view is None:
            return -1
        for row in range(view.rowCount()):
            if view.data(view.index(row, 0), view.sourceModel().role("id")) == self._selected_id:
                return row
        return -1

    def _shown_ids(self, kind: str) -> list[str]:
        """The ids of ``kind``'s rows one can land on: shown by the filter, not in a collapsed section."""
        view = self._views.get(kind)
        if view is None:
            return []
        collapsed = set(self._collapsed())
        source = view.sourceModel()
        ids = []
        for row in range(view.rowCount()):
            item = source.row_item(view.mapToSource(view.index(row, 0)).row())
            section = item.get("category") if kind == "instance" else item.get("verb")
            if section in collapsed and not item.get("isContext"):
                continue
            ids.append(item["id"])
        return ids

    @Slot(str, int)
    def move(self, kind: str, delta: int) -> None:
        """Move the selection in ``kind``'s list by ``delta`` rows (Up/Down), skipping collapsed
        sections; a list entered anew (delta 0, or another list selected) selects its first row."""
        ids = self._shown_ids(kind)
        if not ids:
            return
        if self._selected_kind != kind or self._selected_id not in ids:
            target = ids[0] if delta >= 0 else ids[-1]
        else:
            target = ids[max(0, min(len(ids) - 1, ids.index(self._selected_id) + delta))]
        self.select(kind, target)

    @Property("QVariantMap", notify=sectionsChanged, final=True)
    def sectionStates(self) -> dict:
        """ "instance/<category>" or "plugin/<verb>" -> "on", "off" or "partial"."""
        return dict(self._sections)

    @Property("QStringList", notify=fadedChanged, final=True)
    def fadedPlugins(self) -> list[str]:
        """Plugins that will not process the selected instance (empty unless one is selected)."""
        return list(self._faded)
