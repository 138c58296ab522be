"""Filtered views of the models: search text for both lists; level, text and item for the terminal.

Filters read a precomputed lowercase ``searchText`` role (and the derived ``level``), so a
keystroke is one pass of string tests, no role lookups.

Thread: GUI thread only.
"""

from __future__ import annotations

import bisect
from typing import Callable, Iterable

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..terminal.terminal_model import TerminalModel
from .models import LEVELS, ItemModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


class _TextFilter(QSortFilterProxyModel):
    """Filters on a precomputed lowercase ``searchText`` role."""

    filterTextChanged = Signal()

    def __init__(self, source: ItemModel, parent=None):
        super().__init__(parent)
        self._text = ""
        self._words: list[str] = []
        self.setSourceModel(source)

    @Property(str, notify=filterTextChanged)
    def filterText(self) -> str:
        return self._text

    @filterText.setter
    def filterText(self, text: str) -> None:
        text = (text or "").strip().lower()
        if text == self._text:
            return
        self.beginFilterChange()
        self._text = text
        self._words = text.split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filterTextChanged.emit()

    def _text_accepts(self, item: dict) -> bool:
        if not self._text:
            return True
        haystack = item.get("searchText") or ""
        return all(word in haystack for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return self._text_accepts(self.sourceModel().row_item(source_row))


@QmlElement
@QmlUncreatable("made by the controller")
class ItemFilterModel(_TextFilter):
    """Instances or plugins as the source orders them (already grouped by section), searchable.

    No sorting here: a sorting proxy re-orders with layoutChanged, after which ListView keeps
    stale section headers; the controller keeps the source rows grouped instead.

    It adds one role, ``isSelected``: whether the Overview's selection holds the row (the
    selection is :class:`~.overview_state.OverviewState`'s; it calls :meth:`selection_changed`).
    """

    def __init__(self, source: ItemModel, parent=None):
        super().__init__(source, parent)
        self._selected_role = max(source.roleNames()) + 1
        self._selected: Callable[[str], bool] = lambda item_id: False

    def roleNames(self):
        return {**self.sourceModel().roleNames(), self._selected_role: QByteArray(b"isSelected")}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == self._selected_role:
            return index.isValid() and self._selected(self.sourceModel().row_item(self.mapToSource(index).row())["id"])
        return super().data(index, role)

    def is_selected(self, item_id: str) -> bool:
        """The ``isSelected`` role of an id (:class:`~.section_rows.SectionRows` asks by id)."""
        return self._selected(item_id)

    def set_selected(self, selected: Callable[[str], bool]) -> None:
        """Whether an id is selected (asked for each row drawn)."""
        self._selected = selected

    def selection_changed(self, ids: Iterable[str]) -> None:
        """These rows were selected or unselected: one dataChanged per run of shown rows."""
        source = self.sourceModel()
        rows = sorted(row for row in (self.mapFromSource(source.index(source.row_of(i), 0)).row() for i in ids
                                      if source.row_of(i) >= 0) if row >= 0)
        start = 0
        for at in range(1, len(rows) + 1):
            if at == len(rows) or rows[at] != rows[at - 1] + 1:
                self.dataChanged.emit(self.index(rows[start], 0), self.index(rows[at - 1], 0), [self._selected_role])
                start = at


@QmlElement
@QmlUncreatable("made by the controller")
class TerminalFilterModel(QAbstractListModel):
    """Terminal entries filtered by level toggles, text and (optionally) one item at once.

    Not a ``QSortFilterProxyModel``: that asks Python once per row (about 3 µs each, 0.3 s for
    100,000 records); this one keeps the list of source rows it shows and computes it with a
    few list comprehensions over the model's columns (:meth:`TerminalModel.column`). New
    entries are filtered as they arrive and appended; a filter change resets the rows.

    It also keeps which shown rows the user selected (a ``QItemSelectionModel``; a filter
    change keeps the selected rows that stay in view) and reports it as the ``selected`` role.
    """

    filterTextChanged = Signal()
    levelsChanged = Signal()
    itemFilterChanged = Signal()

    def __init__(self, source: TerminalModel, parent=None):
        super().__init__(parent)
        self._source = source
        self._text = ""
        self._words: list[str] = []
        self._levels = {name: True for name, _ in LEVELS}
        self._item = ""
        self._shown: list[int] = []  # the source rows shown, ascending
        self._selected_role = source.role("selected")
        self._selection = QItemSelectionModel(self, self)
        self._selection.selectionChanged.connect(self._on_selection_changed)
        self._anchor = -1  # the source row a Shift-click extends from
        self._errors_first = False  # show_errors_first()
        source.modelReset.connect(self._refilter)
        source.rowsInserted.connect(self._on_inserted)
        source.rowsRemoved.connect(self._refilter)
        source.dataChanged.connect(self._on_changed)
        self._refilter()

    # Qt interface
    def roleNames(self):
        return self._source.roleNames()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return None
        if role == self._selected_role:
            return self._selection.isSelected(index)
        return self._source.value(self._shown[index.row()], role)

    def sourceModel(self) -> TerminalModel:
        return self._source

    def mapToSource(self, index: QModelIndex | QPersistentModelIndex) -> QModelIndex:
        if not index.isValid() or not 0 <= index.row() < len(self._shown):
            return QModelIndex()
        return self._source.index(self._shown[index.row()], 0)

    # filtering
    def _accepted(self, first: int, last: int) -> list[int]:
        """The source rows in [first, last) this filter shows."""
        source = self._source
        rows: range | list[int] = range(first, last)
        if not all(self._levels.values()):
            levels, level = self._levels, source.column("level")
            rows = [r for r in rows if levels[level[r]]]
        if self._item:
            item, plugins, instances = self._item, source.column("pluginId"), source.column("instanceId")
            rows = [r for r in rows if plugins[r] == item or instances[r] == item]
        if self._words:
            text = source.column("searchText")
            for word in self._words:
                rows = [r for r in rows if word in text[r]]
        return rows if isinstance(rows, list) else list(rows)

    def _refilter(self, *args) -> None:
        """Compute the rows again, keeping the selected ones that stay in view."""
        shown = self._shown
        selected = sorted(shown[i.row()] for i in self._selection.selectedRows() if i.row() < len(shown))
        anchor = self._anchor
        self.beginResetModel()
        self._shown = self._ordered(self._accepted(0, self._source.rowCount()))
        self.endResetModel()
        self._anchor = anchor if self._position(anchor) >= 0 else -1
        if selected:
            where = {row: n for n, row in enumerate(self._shown)}
            keep = QItemSelection()
            for row in selected:
                n = where.get(row)
                if n is not None:
                    keep.select(self.index(n, 0), self.index(n, 0))
            if not keep.isEmpty():
                self._selection.select(keep, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _position(self, source_row: int) -> int:
        """Where ``source_row`` is shown, or -1."""
        if source_row < 0:
            return -1
        if self._errors_first:
            return self._shown.index(source_row) if source_row in self._shown else -1
        at = bisect.bisect_left(self._shown, source_row)
        return at if at < len(self._shown) and self._shown[at] == source_row else -1

    def _on_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self._errors_first:
            self._refilter()
            return
        if first != (self._shown[-1] + 1 if self._shown else 0) and self._shown and first <= self._shown[-1]:
            self._refilter()  # not an append (the terminal only appends): start over
            return
        rows = self._accepted(first, last + 1)
        if rows:
            self.beginInsertRows(QModelIndex(), len(self._shown), len(self._shown) + len(rows) - 1)
            self._shown.extend(rows)
            self.endInsertRows()

    _FILTERED = frozenset({"level", "levelno", "searchText", "pluginId", "instanceId"})

    def _on_changed(self, top: QModelIndex, bottom: QModelIndex, roles=()) -> None:
        names = {self._source._name_of.get(r) for r in roles}
        if not roles or names & self._FILTERED or self._errors_first:
            self._refilter()
            return
        first = bisect.bisect_left(self._shown, top.row())
        last = bisect.bisect_right(self._shown, bottom.row()) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, 0), roles)

    @Property(str, notify=filterTextChanged)
    def filterText(self) -> str:
        return self._text

    @filterText.setter
    def filterText(self, text: str) -> None:
        text = (text or "").strip().lower()
        if text == self._text:
            return
        self._text = text
        self._words = text.split()
        self._refilter()
        self.filterTextChanged.emit()

    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        for part in (selected, deselected):
            for span in part:
                self.dataChanged.emit(span.topLeft(), span.bottomRight(), [self._selected_role])

    def click_row(self, row: int, modifiers: int) -> None:
        """Select ``row`` as a click does: alone; with Ctrl toggle it; with Shift extend from the anchor."""
        index = self.index(row, 0)
        if not index.isValid():
            return
        flags = QItemSelectionModel.SelectionFlag
        anchor = self._position(self._anchor)
        if modifiers & Qt.KeyboardModifier.ShiftModifier.value and anchor >= 0:
            first, last = sorted((anchor, row))
            span = QItemSelection(self.index(first, 0), self.index(last, 0))
            self._selection.select(span, flags.ClearAndSelect)
            return
        self._selection.select(index, flags.Toggle if modifiers & Qt.KeyboardModifier.ControlModifier.value
                               else flags.ClearAndSelect)
        self._anchor = self._shown[row]

    def select_all(self) -> None:
        if self.rowCount():
            self._selection.select(QItemSelection(self.index(0, 0), self.index(self.rowCount() - 1, 0)),
                                   QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self._selection.selectedRows())

    @Slot(str, result=bool)
    def levelEnabled(self, level: str) -> bool:
        return self._levels.get(level, True)

    @Slot(str, bool)
    def setLevelEnabled(self, level: str, enabled: bool) -> None:
        if level in self._levels and self._levels[level] != bool(enabled):
            self._levels[level] = bool(enabled)
            self._refilter()
            self.levelsChanged.emit()

    @Property("QVariantMap", notify=levelsChanged)
    def levels(self) -> dict:
        return dict(self._levels)

    @levels.setter
    def levels(self, levels: dict) -> None:
        wanted = {name: bool(enabled) for name, enabled in (levels or {}).items() if name in self._levels}
        if all(self._levels[name] == enabled for name, enabled in wanted.items()):
            return
        self._levels.update(wanted)
        self._refilter()
        self.levelsChanged.emit()

    @Property(str, notify=itemFilterChanged)
    def itemFilter(self) -> str:
        """Only entries of this plugin or instance id ("" for all)."""
        return self._item

    @itemFilter.setter
    def itemFilter(self, item_id: str) -> None:
        if item_id != self._item:
            self._item = item_id or ""
            self._refilter()
            self.itemFilterChanged.emit()

    @Property("QStringList", constant=True, final=True)
    def levelNames(self) -> list[str]:
        """The levels, lowest first, for the level toggles."""
        return [name for name, _ in LEVELS]

    def show_errors_first(self) -> None:
        """Errors (in time order) above every other entry (in time order): the Perspective page.
        The shown rows are then no longer ascending, so every change recomputes them (one
        item's entries, not the whole terminal's)."""
        self._errors_first = True
        self._refilter()

    def _ordered(self, rows: list[int]) -> list[int]:
        if not self._errors_first:
            return rows
        kind = self._source.column("kind")
        return [r for r in rows if kind[r] == "error"] + [r for r in rows if kind[r] != "error"]
