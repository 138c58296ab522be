"""What the Overview shows about the lists as a whole: the selection, each section's toggle
state, and which plugins will process the current instance.

The selection lives here rather than in QML, so the plugins that will not process the current
instance can be faded (as pyblish-qml 1.x did) from the run's compatibility, commands can act on
every selected row, and section boxes can say whether all, none or some of their optional
members are on. The rules of clicking, Ctrl, Shift and the keys are
:class:`~.overview_selection.Selection`'s; this turns them into signals and tells each list's
view which rows to draw selected (its ``isSelected`` role).

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Callable, Protocol

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import InstanceModel, ItemModel, PluginModel
from .overview_selection import Selection

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


class RunFacts(Protocol):
    """What the Overview's models ask of the run they show (the controller, or a past run)."""

    def compat(self) -> dict: ...  # plugin id -> the instance ids it processes (None: the context)

    def collapsed_sections(self) -> list[str]: ...  # the sections the artist has collapsed


@QmlElement
@QmlUncreatable("the controller makes one")
class OverviewState(QObject):
    selectionChanged = Signal()
    sectionsChanged = Signal()
    fadedChanged = Signal()

    def __init__(self, instances: InstanceModel, plugins: PluginModel, facts: RunFacts,
                 views: dict | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._views = views or {}  # kind -> the filtered view the list shows (for moving by key)
        self._collapsed = facts.collapsed_sections
        self._instances = instances
        self._plugins = plugins
        self._compat = facts.compat
        self._selection = Selection()
        self._sections: dict[str, str] = {}
        self._faded: list[str] = []
        self._seen_compat: dict | None = None  # the compatibility the faded plugins follow
        self._lost: dict[str, dict] = {}  # kind -> the selection's rows a reset took, by name (see _restore)
        for kind, model in (("instance", instances), ("plugin", plugins)):
            model.modelAboutToBeReset.connect(lambda kind=kind: self._remember(kind))
            model.modelReset.connect(lambda kind=kind: self._rows_went(kind))
            model.modelReset.connect(lambda kind=kind: self._restore(kind))
            model.rowsInserted.connect(lambda parent, first, last, kind=kind: self._restore(kind, first, last + 1))
            model.rowsRemoved.connect(lambda parent, first, last, kind=kind: self._rows_went(kind))
            model.modelReset.connect(self.refresh)
            model.rowsInserted.connect(self.refresh)
            model.rowsRemoved.connect(self.refresh)
            model.dataChanged.connect(self._data_changed)
        for kind, view in self._views.items():
            view.set_selected(lambda item_id, kind=kind: self._selection.kind == kind and item_id in self._selection)
            view.rowsRemoved.connect(lambda parent, first, last, kind=kind: self._prune(kind))  # the search hid rows
        self._toggle_roles = {instances.role("isToggled"), plugins.role("isToggled"), plugins.role("isCompatible")}

    def _data_changed(self, first, last, roles) -> None:
        if not roles or self._toggle_roles.intersection(roles):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Recompute the section states and the faded plugins (one pass per list: on toggles and
        row changes, never per drain — 10,000 instances make it ~5 ms)."""
        self._refresh_sections()
        self._refresh_faded()

    def follow_compatibility(self) -> None:
        """After a drain: the faded plugins follow a compatibility that arrived (O(1) otherwise)."""
        compat = self._compat()
        if compat is not self._seen_compat:
            self._seen_compat = compat
            self._refresh_faded()

    def _refresh_sections(self) -> None:
        sections = {"instance/" + k: v for k, v in section_states(
            self._instances.items(), "category", lambda i: i["optional"] and not i["isContext"]).items()}
        sections.update({"plugin/" + k: v for k, v in section_states(
            self._plugins.items(), "verb", lambda p: p["optional"]).items()})
        if sections != self._sections:
            self._sections = sections
            self.sectionsChanged.emit()

    def _refresh_faded(self) -> None:
        faded = self._faded_plugins()
        if faded != self._faded:
            self._faded = faded
            self.fadedChanged.emit()

    def _faded_plugins(self) -> list[str]:
        if self._selection.kind != "instance":
            return []
        current = self._selection.current
        instance = self._instances.item(current)
        if instance is None:
            return []
        compat = self._compat()
        if not compat:
            return []  # nothing known yet (before collection finishes)
        context = bool(instance.get("isContext"))
        return [plugin_id for plugin_id, members in compat.items()
                if (members is not None or not context) and (members is None or current not in members)]

    # ------------------------------------------------------------------ the selection

    def _model(self, kind: str) -> ItemModel:
        return self._instances if kind == "instance" else self._plugins

    def _change(self, change: Callable[[], None]) -> None:
        """Apply a change to the selection; say what changed (rows redrawn, signals)."""
        before, kind_before, ids_before = self._selection.state(), self._selection.kind, set(self._selection.ids)
        change()
        if self._selection.state() == before:
            return
        kind, ids = self._selection.kind, set(self._selection.ids)
        for view_kind, view in self._views.items():  # the rows whose "selected" changed
            old = ids_before if kind_before == view_kind else set()
            new = ids if kind == view_kind else set()
            if old != new:
                view.selection_changed(old ^ new)
        self.selectionChanged.emit()
        self._refresh_faded()  # the sections' boxes follow toggles, not the selection

    def _remember(self, kind: str) -> None:
        """Before a model reset: the selection's rows by name, to find them again as rows arrive."""
        if self._selection.kind != kind:
            return
        model, selection = self._model(kind), self._selection
        lost = self._lost.setdefault(kind, {"ids": set(), "current": None, "anchor": None})
        lost["ids"].update(_identity(model.item(i)) for i in selection.ids if model.item(i) is not None)
        for role in ("current", "anchor"):
            item = model.item(getattr(selection, role))
            if item is not None:
                lost[role] = _identity(item)

    def _rows_went(self, kind: str) -> None:
        """Rows went (removed, or a reset): the selected ones no longer there drop out."""
        model = self._model(kind)
        self._change(lambda: self._selection.retain(kind, lambda i: model.item(i) is not None))

    def _restore(self, kind: str, first: int = 0, last: int | None = None) -> None:
        """After a reset rows come back with new ids (pyblish's are uuids), all at once or as the
        collectors make them: those with the name of a lost selected row (one new row with it)
        are selected again, until the user selects something else. Looks at rows [first, last)."""
        lost = self._lost.get(kind)
        if not lost:
            return
        wanted = lost["ids"] | {lost["current"], lost["anchor"]}
        found: dict[tuple, list[str]] = {}
        for item in self._model(kind).items()[first:last]:
            identity = _identity(item)
            if identity in wanted:
                found.setdefault(identity, []).append(item["id"])
        found_one = {identity: ids[0] for identity, ids in found.items() if len(ids) == 1}
        if not found_one:
            return
        ids = [found_one[i] for i in lost["ids"] if i in found_one]
        current, anchor = found_one.get(lost["current"], ""), found_one.get(lost["anchor"], "")
        lost["ids"] -= set(found_one)
        for role in ("current", "anchor"):
            if lost[role] in found_one:
                lost[role] = None
        if not lost["ids"] and lost["current"] is None and lost["anchor"] is None:
            del self._lost[kind]
        self._change(lambda: self._selection.restore(kind, ids, current, anchor))
        self._prune(kind)

    def _user(self, change: Callable[[], None]) -> None:
        """A change the user made: rows lost in a reset are no longer looked for."""
        self._lost.clear()
        self._change(change)

    def _prune(self, kind: str | None = None) -> None:
        """Selected rows the search hides or a collapsed section holds are no longer selected:
        what a command on the selection changes is always what one can see. O(selected rows)."""
        kind = self._selection.kind if kind is None else kind
        if kind == self._selection.kind and len(self._selection) and kind in self._views:
            collapsed = set(self._collapsed())
            self._change(lambda: self._selection.keep_only(lambda i: self._is_shown(kind, i, collapsed)))

    def _is_shown(self, kind: str, item_id: str, collapsed: set[str]) -> bool:
        model, view = self._model(kind), self._views[kind]
        row = model.row_of(item_id)
        if row < 0 or not view.mapFromSource(model.index(row, 0)).isValid():
            return False
        item = model.row_item(row)
        return bool(item.get("isContext")) or (item.get("category") if kind == "instance" else item.get("verb")) \
            not in collapsed

    @Property(str, notify=selectionChanged, final=True)
    def selectedId(self) -> str:
        """The current row: the last one clicked or moved to (the Perspective page shows it)."""
        return self._selection.current

    @Property(str, notify=selectionChanged, final=True)
    def selectedKind(self) -> str:
        """The list the current row and the selection are in: "instance", "plugin" or ""."""
        return self._selection.kind

    @Property("QStringList", notify=selectionChanged, final=True)
    def selectedIds(self) -> list[str]:
        """Every selected row's id, in the list's order."""
        model = self._model(self._selection.kind)
        return sorted(self._selection.ids, key=model.row_of)

    @Property(int, notify=selectionChanged, final=True)
    def selectionCount(self) -> int:
        return len(self._selection)

    @Property("QStringList", notify=selectionChanged, final=True)
    def selectedValidatorIds(self) -> list[str]:
        """The selected plugins that are validators: what "Sanity check selected" runs."""
        if self._selection.kind != "plugin":
            return []
        return [i for i in self.selectedIds if (self._plugins.item(i) or {}).get("verb") == "Validate"]

    def targets(self, kind: str) -> list[str]:
        """What a command on ``kind``'s selection acts on: its selected rows, else the current one."""
        if self._selection.kind != kind:
            return []
        model = self._model(kind)
        return sorted(self._selection.targets(), key=model.row_of)

    @Slot(str, str)
    def select(self, kind: str, item_id: str) -> None:
        """Select one row ("instance" or "plugin") alone, or nothing with empty strings."""
        if kind not in ("", "instance", "plugin"):
            raise ValueError("unknown kind of row %r" % kind)
        self._user(lambda: self._selection.only(kind, item_id))

    @Slot(str, str, int)
    def click(self, kind: str, item_id: str, modifiers: int) -> None:
        """A click on a row with the keyboard modifiers held (Ctrl adds/removes, Shift extends)."""
        self._user(lambda: self._selection.click(kind, item_id, self._shown_ids(kind), modifiers))

    @Slot(str, str)
    def makeCurrent(self, kind: str, item_id: str) -> None:
        """A right-click or a checkbox click: a selected row becomes current, keeping the selection."""
        self._user(lambda: self._selection.make_current(kind, item_id))

    @Slot(str)
    def selectAll(self, kind: str) -> None:
        self._user(lambda: self._selection.select_all(kind, self._shown_ids(kind)))

    @Slot()
    def clearSelection(self) -> None:
        """Only the current row stays selected (Esc, the selection bar's clear button)."""
        current = self._selection.current
        self._user(lambda: self._selection.only(self._selection.kind, current))

    @Property(int, notify=selectionChanged, final=True)
    def selectedRow(self) -> int:
        """The current row in its list's (filtered) view, -1 when not shown."""
        view = self._views.get(self._selection.kind)
        if view is None:
            return -1
        row = view.sourceModel().row_of(self._selection.current)
        return view.mapFromSource(view.sourceModel().index(row, 0)).row() if row >= 0 else -1

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
        """Move the current row in ``kind``'s list by ``delta`` rows (Up/Down) and select it alone,
        skipping collapsed sections; a list entered anew (delta 0, or another list) selects its first row."""
        self._user(lambda: self._selection.step(kind, self._shown_ids(kind), delta))

    @Slot(str, int)
    def extend(self, kind: str, delta: int) -> None:
        """Shift+Up/Down: move the current row and select the range from the anchor to it."""
        self._user(lambda: self._selection.step(kind, self._shown_ids(kind), delta, extend=True))

    def sections_changed(self) -> None:
        """A section collapsed or expanded: its rows may have left what one can see."""
        self._prune()

    @Property("QVariantMap", notify=sectionsChanged, final=True)
    def sectionStates(self) -> dict:
        """ "instance/<category>" or "plugin/<verb>" -> "on", "off" or "partial"."""
        return dict(self._sections)

    @Property("QStringList", notify=fadedChanged, final=True)
    def fadedPlugins(self) -> list[str]:
        """Plugins that will not process the selected instance (empty unless one is selected)."""
        return list(self._faded)

    @Property(str, notify=fadedChanged, final=True)
    def fadedFor(self) -> str:
        """The instance the plugins are faded for ("" when none are): named beside the plugins, so
        a faded list always says why even when that instance's row is out of sight."""
        instance = self._instances.item(self._selection.current) if self._faded else None
        return str(instance.get("label") or "") if instance else ""


def _identity(item: dict | None) -> tuple:
    """How a row is recognised again after a reset gave it a new id."""
    item = item or {}
    return bool(item.get("isContext")), item.get("name"), item.get("label"), item.get("family") or item.get("verb")
