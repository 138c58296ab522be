"""The rows a sectioned list draws: a header row before each section, then its shown members.

Why a flat model and not ListView's ``section.property``: a list whose rows are not all one
height is one a ``ListView`` can only guess at. With the header drawn inside the first row of a
section (52 px among 26 px rows) and a collapsed section's members 0 px tall, its rounded
average row size was 27 px, so at 10,000 rows it believed the content 10,000 px longer than it
was; a scroll to the end landed past the last row, the view let go of every delegate, and the
next jump back built every row in between, one by one (3,800 delegates, 10 s on the GUI thread,
docs/performance.md). Here every row — header or member — is one row tall, and a collapsed
section's members are not rows at all, so the view's estimate is exact and a far jump makes
only the rows it shows.

The model follows an :class:`~.filters.ItemFilterModel` (the search) and the collapsed
sections; structural changes are signalled as the one removed and one inserted block that turn
the old rows into the new (a collapse, an append, a keystroke of the search), so the view keeps
its place. Rows are kept by item id, never by the filter's row numbers, which are already new
when its signals arrive.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from .filters import ItemFilterModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

_HEADER = "\x00"  # a header row's key starts with it; item ids never do


@QmlElement
@QmlUncreatable("made by the window's models")
class SectionRows(QAbstractListModel):
    """Headers and shown members of a grouped, filtered list, one row tall each.

    Roles: every role of the filter model (a header row answers them for its section's first
    member), plus ``rowKind`` ("header" or "item"), ``rowSection`` (the section's title) and
    ``rowCollapsed`` (a header's section is collapsed), plus the roles others add with
    :meth:`add_role`: one value a row reads once when it is handed a row (a farm mark, the data
    columns), instead of several calls into Python from its bindings.
    """

    def __init__(self, source: ItemFilterModel, section_role: str, collapsed: Callable[[], list[str]],
                 parent=None):
        super().__init__(parent)
        self._source = source
        self._base = source.sourceModel()
        self._section_role = section_role
        self._collapsed_of = collapsed
        self._collapsed: frozenset[str] = frozenset()
        names = {bytes(name.data()).decode(): role for role, name in source.roleNames().items()}
        self._selected_role = names.get("isSelected", -1)
        self._section_role_id = names[section_role]
        first = max(source.roleNames()) + 1
        self._kind_role, self._title_role, self._collapsed_role = first, first + 1, first + 2
        self._next_role = first + 3
        self._name_of: dict[int, str] = {role: bytes(name.data()).decode() for role, name in source.roleNames().items()}
        # added roles: role -> (name, compute, the roles it follows)
        self._added: dict[int, tuple[bytes, Callable[[dict], Any], frozenset[int]]] = {}
        self._keys: list[str] = []  # per row: the item id, or _HEADER + section (+ "\x01" when collapsed)
        self._items: list[str] = []  # per row: the item id it answers for (a header: its first member)
        self._row_of: dict[str, int] = {}  # item id -> its row (shown members only)
        source.modelReset.connect(self._reset)
        source.layoutChanged.connect(self._follow)
        source.rowsInserted.connect(self._inserted)
        source.rowsRemoved.connect(self._follow)
        source.rowsMoved.connect(self._follow)
        source.dataChanged.connect(self._on_data_changed)
        self._collapsed = frozenset(self._collapsed_of())
        self._keys, self._items = self._layout()
        self._index_rows()

    # Qt interface
    def roleNames(self) -> dict[int, QByteArray]:
        return {**self._source.roleNames(), self._kind_role: QByteArray(b"rowKind"),
                self._title_role: QByteArray(b"rowSection"), self._collapsed_role: QByteArray(b"rowCollapsed"),
                **{role: QByteArray(name) for role, (name, _, _) in self._added.items()}}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._keys):
            return None
        key = self._keys[row]
        if role == self._kind_role:
            return "header" if key.startswith(_HEADER) else "item"
        if role == self._title_role:
            return self._section_of(row)
        if role == self._collapsed_role:
            return key.endswith("\x01")
        item_id = self._items[row]
        if role == self._selected_role:
            return not key.startswith(_HEADER) and self._source.is_selected(item_id)
        item = self._base.item(item_id)
        if item is None:
            return None
        added = self._added.get(role)
        if added is not None:
            return added[1](item)
        return self._base.value(item, role)  # the row's dict read directly: no second index()/data() hop

    # what QML asks
    @Slot(int, result=int)
    def viewRow(self, filter_row: int) -> int:
        """The row that shows the filter model's ``filter_row`` (the selection's row), -1 if none."""
        if not 0 <= filter_row < self._source.rowCount():
            return -1
        base_row = self._source.mapToSource(self._source.index(filter_row, 0)).row()
        return self._row_of.get(self._base.row_item(base_row)["id"], -1) if base_row >= 0 else -1

    # Python interface
    def add_role(self, name: str, compute: Callable[[dict], Any], inputs: tuple[str, ...] = ()) -> None:
        """A role computed from a row's item when a view reads it; it changes with the item's
        ``inputs`` roles, and everywhere at once on :meth:`refresh_role`. Before any view binds."""
        by_name = {value: role for role, value in self._name_of.items()}
        self._added[self._next_role] = (name.encode(), compute, frozenset(by_name[i] for i in inputs))
        self._next_role += 1

    def refresh_role(self, name: str) -> None:
        """What an added role computes from changed for every row (a setting, the farm's states)."""
        role = next((r for r, (n, _, _) in self._added.items() if n == name.encode()), None)
        if role is not None and self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, 0), [role])

    def sections_changed(self) -> None:
        """The collapsed sections may have changed (the artist, or the host's HiddenSections)."""
        collapsed = frozenset(self._collapsed_of())
        if collapsed != self._collapsed:
            self._collapsed = collapsed
            self._follow()

    def keys(self) -> list[str]:
        """Each row's key: an item id, or a header's (tests and the benchmark read them)."""
        return list(self._keys)

    # internals
    def _section_of(self, row: int) -> str:
        key = self._keys[row]
        if key.startswith(_HEADER):
            return key[1:].removesuffix("\x01")
        item = self._base.item(self._items[row])
        return str(item.get(self._section_role) or "") if item else ""

    def _layout(self, first: int = 0, last: int | None = None, previous: str | None = None
                ) -> tuple[list[str], list[str]]:
        """The rows the filter's rows ``first`` to ``last`` make now, after a row of section
        ``previous``: (keys, item ids)."""
        source, base, collapsed = self._source, self._base, self._collapsed
        keys: list[str] = []
        items: list[str] = []
        role = self._section_role
        for row in range(first, source.rowCount() if last is None else last + 1):
            item = base.row_item(source.mapToSource(source.index(row, 0)).row())
            section = str(item.get(role) or "")
            hidden = section in collapsed
            if section != previous:
                previous = section
                keys.append(_HEADER + section + ("\x01" if hidden else ""))
                items.append(item["id"])
            if hidden and not item.get("isContext"):
                continue
            keys.append(item["id"])
            items.append(item["id"])
        return keys, items

    def _index_rows(self) -> None:
        self._row_of = {key: row for row, key in enumerate(self._keys) if not key.startswith(_HEADER)}

    def _reset(self) -> None:
        """The filter's rows were all replaced: the same ids may now carry other data."""
        self.beginResetModel()
        self._collapsed = frozenset(self._collapsed_of())
        self._keys, self._items = self._layout()
        self._index_rows()
        self.endResetModel()

    def _follow(self, *args) -> None:
        """Rows came, went or moved: signal the one block removed and the one inserted."""
        keys, items = self._layout()
        old = self._keys
        if keys == old:
            self._items = items
            return
        start = 0
        limit = min(len(old), len(keys))
        while start < limit and old[start] == keys[start]:
            start += 1
        end = 0
        while end < limit - start and old[-1 - end] == keys[-1 - end]:
            end += 1
        if len(old) - end > start:
            self.beginRemoveRows(QModelIndex(), start, len(old) - end - 1)
            self._keys = old[:start] + old[len(old) - end:]
            self._items = self._items[:start] + self._items[len(old) - end:]
            self._index_rows()
            self.endRemoveRows()
        if len(keys) - end > start:
            self.beginInsertRows(QModelIndex(), start, len(keys) - end - 1)
            self._keys, self._items = keys, items
            self._index_rows()
            self.endInsertRows()
        self._keys, self._items = keys, items
        self._index_rows()

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        """Rows appended at the end (a collection arriving in batches): only the new rows are laid
        out, not the whole list again; anything else is :meth:`_follow`'s."""
        if last + 1 != self._source.rowCount() or (first > 0 and not self._keys):
            self._follow()
            return
        previous = None
        if first > 0:
            base_row = self._source.mapToSource(self._source.index(first - 1, 0)).row()
            previous = str(self._base.row_item(base_row).get(self._section_role) or "")
        keys, items = self._layout(first, last, previous)
        if not keys:
            return
        start = len(self._keys)
        self.beginInsertRows(QModelIndex(), start, start + len(keys) - 1)
        self._keys += keys
        self._items += items
        self._row_of.update({key: start + n for n, key in enumerate(keys) if not key.startswith(_HEADER)})
        self.endInsertRows()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles=()) -> None:
        if not roles or self._section_role_id in roles:
            self._follow()  # a row may have changed section (regrouping resets: this is a rename)
        source, base = self._source, self._base
        rows = [self._row_of.get(base.row_item(source.mapToSource(source.index(r, 0)).row())["id"], -1)
                for r in self._ends(top.row(), bottom.row())]
        shown = [r for r in rows if r >= 0]
        if shown:
            roles = list(roles) + [role for role, (_, _, inputs) in self._added.items()
                                   if roles and not inputs.isdisjoint(roles)]
            self.dataChanged.emit(self.index(min(shown), 0), self.index(max(shown), 0), roles)

    def _ends(self, top: int, bottom: int) -> list[int]:
        """The first and last filter rows of [top, bottom] that are shown (the block between maps
        to one block of rows, in order); all of them when the range is small."""
        if bottom - top < 8:
            return list(range(top, bottom + 1))
        first = next((r for r in range(top, bottom + 1) if self._shown(r)), None)
        if first is None:
            return []
        last = next(r for r in range(bottom, first - 1, -1) if self._shown(r))
        return [first, last]

    def _shown(self, filter_row: int) -> bool:
        base_row = self._source.mapToSource(self._source.index(filter_row, 0)).row()
        return self._base.row_item(base_row)["id"] in self._row_of
