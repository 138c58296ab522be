"""Filtered views of the models: search text for both lists; level, text and item for the terminal.

Filters read a precomputed lowercase ``searchText`` role (and the derived ``level``), so a
keystroke is one pass of string tests, no role lookups.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QModelIndex, QSortFilterProxyModel, Signal, Slot
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
    """Terminal entries filtered by level toggles, text and (optionally) one item at once."""

    levelsChanged = Signal()
    itemFilterChanged = Signal()

    def __init__(self, source: TerminalModel, parent=None):
        super().__init__(source, parent)
        self._levels = {name: True for name, _ in LEVELS}
        self._item = ""

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

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        item = self.sourceModel().row_item(source_row)
        if not self._levels[item["level"]]:
            return False
        if self._item and self._item != item.get("pluginId") and self._item != item.get("instanceId"):
            return False
        return self._text_accepts(item)
