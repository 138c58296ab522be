"""Filtered views of the models: search text for both lists; level, text and item for the terminal.

Filters read a precomputed lowercase ``searchText`` role (and the derived ``level``), so a
keystroke is one pass of string tests, no role lookups.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import (
    Property,
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

from .models import LEVELS, ItemModel, TerminalModel

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
    """


@QmlElement
@QmlUncreatable("made by the controller")
class TerminalFilterModel(_TextFilter):
    """Terminal entries filtered by level toggles, text and (optionally) one item at once.

    It also keeps which shown rows the user selected (a ``QItemSelectionModel``, so a filter
    change drops rows that went out of view) and reports it as the ``selected`` role.
    """

    levelsChanged = Signal()
    itemFilterChanged = Signal()

    def __init__(self, source: TerminalModel, parent=None):
        super().__init__(source, parent)
        self._levels = {name: True for name, _ in LEVELS}
        self._item = ""
        self._selected_role = source.role("selected")
        self._selection = QItemSelectionModel(self, self)
        self._selection.selectionChanged.connect(self._on_selection_changed)
        self._anchor = QPersistentModelIndex()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == self._selected_role:
            return self._selection.isSelected(index)
        return super().data(index, role)

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
        if modifiers & Qt.KeyboardModifier.ShiftModifier.value and self._anchor.isValid():
            first, last = sorted((self._anchor.row(), row))
            span = QItemSelection(self.index(first, 0), self.index(last, 0))
            self._selection.select(span, flags.ClearAndSelect)
            return
        self._selection.select(index, flags.Toggle if modifiers & Qt.KeyboardModifier.ControlModifier.value
                               else flags.ClearAndSelect)
        self._anchor = QPersistentModelIndex(index)

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
            self.beginFilterChange()
            self._levels[level] = bool(enabled)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            self.levelsChanged.emit()

    @Property("QVariantMap", notify=levelsChanged)
    def levels(self) -> dict:
        return dict(self._levels)

    @levels.setter
    def levels(self, levels: dict) -> None:
        wanted = {name: bool(enabled) for name, enabled in (levels or {}).items() if name in self._levels}
        if all(self._levels[name] == enabled for name, enabled in wanted.items()):
            return
        self.beginFilterChange()
        self._levels.update(wanted)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.levelsChanged.emit()

    @Property(str, notify=itemFilterChanged)
    def itemFilter(self) -> str:
        """Only entries of this plugin or instance id ("" for all)."""
        return self._item

    @itemFilter.setter
    def itemFilter(self, item_id: str) -> None:
        if item_id != self._item:
            self.beginFilterChange()
            self._item = item_id or ""
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            self.itemFilterChanged.emit()

    @Property("QStringList", constant=True, final=True)
    def levelNames(self) -> list[str]:
        """The levels, lowest first, for the level toggles."""
        return [name for name, _ in LEVELS]

    def show_errors_first(self) -> None:
        """Errors (in time order) above every other entry (in time order): the Perspective page."""
        self.setDynamicSortFilter(True)
        self.sort(0)

    def lessThan(self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex) -> bool:
        source = self.sourceModel()
        a, b = source.row_item(left.row()), source.row_item(right.row())
        return (a["kind"] != "error", left.row()) < (b["kind"] != "error", right.row())

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        item = self.sourceModel().row_item(source_row)
        if not self._levels[item["level"]]:
            return False
        if self._item and self._item != item.get("pluginId") and self._item != item.get("instanceId"):
            return False
        return self._text_accepts(item)
