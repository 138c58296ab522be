"""The terminal's entries: records, messages and errors of a run, stored as column arrays.

A chatty plugin logs 100,000 records; a dict per row would cost ~2 KB each. Here every role is
one list, values that repeat from record to record (levels, plugin and instance labels, logger
names) are interned per model, and rows are read through :class:`TerminalRow` views made only
when asked (the views ask only for the rows on screen). Filtering: :mod:`.filters`.

Thread: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import ItemModel, level_name

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


def _terminal_search_text(item) -> str:
    return " ".join(str(item.get(k) or "") for k in _TERMINAL_SEARCHED).lower()


_TERMINAL_SEARCHED = ("message", "logger", "pluginLabel", "instanceLabel", "excText")
# Roles whose values repeat from record to record: stored once (interned per model).
_TERMINAL_SHARED = frozenset({"kind", "levelname", "logger", "pluginId", "pluginLabel", "instanceId",
                              "instanceLabel", "module", "filename", "pathname", "funcName", "threadName",
                              "level"})
# Roles whose values are unique per record and usually come straight from a parsed reply: kept
# as fresh copies, so the reply's memory (interleaved with them) can go back to the system.
_TERMINAL_COPIED = frozenset({"message", "excText", "created"})


def _fresh(value: Any) -> Any:
    if value.__class__ is str:
        return (value + "\0")[:-1] if value else value
    if value.__class__ is float:
        return value + 0.0 if value else value
    return value


class TerminalRow(Mapping):
    """One terminal row read from the model's columns: a read-only mapping, made when asked.

    The model keeps no dict per row (a chatty plugin logs 100,000 records); ``row["message"]``,
    ``row.get("level")`` and ``dict(row)`` work as they did on the dicts."""

    __slots__ = ("_model", "_row")

    def __init__(self, model: TerminalModel, row: int):
        self._model, self._row = model, row

    def __getitem__(self, key: str) -> Any:
        column = self._model._columns.get(key)
        if column is None:
            raise KeyError(key)
        return column[self._row]

    def __iter__(self):
        return iter(self._model._columns)

    def __len__(self) -> int:
        return len(self._model._columns)

    def __repr__(self) -> str:
        return "TerminalRow(%r)" % dict(self)


class _TerminalRows(Sequence):
    """``TerminalModel.items()``: the rows as :class:`TerminalRow`, without copying them."""

    __slots__ = ("_model",)

    def __init__(self, model: TerminalModel):
        self._model = model

    def __len__(self) -> int:
        return len(self._model._ids)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [TerminalRow(self._model, r) for r in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return TerminalRow(self._model, row)


@QmlElement
@QmlUncreatable("made by the controller")
class TerminalModel(ItemModel):
    """Terminal entries stored as one list per role (column arrays), repeating strings interned.

    A record costs a few hundred bytes instead of a dict of twenty keys; rows are read through
    :class:`TerminalRow` views and only the rows a view shows are ever asked for their roles.
    The :class:`~.filters.TerminalFilterModel` filters the columns directly."""

    ROLES = ("id", "kind", "levelname", "levelno", "level", "message", "logger", "pluginId", "pluginLabel",
             "instanceId", "instanceLabel", "module", "filename", "pathname", "lineno", "funcName",
             "threadName", "created", "excText", "searchText", "selected", "expanded")
    STORED = tuple(name for name in ROLES if name not in ("selected", "itemId"))
    DERIVED = {
        "level": (frozenset({"levelno"}), lambda item: level_name(item.get("levelno") or 0)),
        "searchText": (frozenset(_TERMINAL_SEARCHED), _terminal_search_text),
    }

    def __init__(self, parent=None):
        super().__init__(parent)
        self._strings: dict[str, str] = {}
        self._clear_columns()

    def _clear_columns(self) -> None:
        self._columns: dict[str, list] = {name: [] for name in self.STORED}
        self._ids = self._columns["id"]
        self._rows = {}
        self._role_columns = {self._role_of[name]: self._columns[name] for name in self.STORED}
        self._role_columns[self._role_of["itemId"]] = self._ids

    # Qt interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        return self.value(index.row(), role)

    def value(self, row: int, role: int) -> Any:
        """One role of one row (the filters call this instead of making an index)."""
        if not 0 <= row < len(self._ids):
            return None
        column = self._role_columns.get(role)
        if column is not None:
            return column[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns["message"][row] or self._ids[row]
        return None

    # Python interface
    def items(self) -> Sequence:
        return _TerminalRows(self)

    def row_item(self, row: int) -> TerminalRow:
        return TerminalRow(self, row)

    def item(self, item_id: str | None) -> TerminalRow | None:
        row = self._rows.get(item_id) if item_id is not None else None
        return TerminalRow(self, row) if row is not None else None

    def column(self, name: str) -> list:
        """One role of every row, in row order (read-only: the filters scan these)."""
        return self._columns[name]

    def _store(self, items: Iterable[dict]) -> int:
        """Append rows to the columns; returns how many."""
        columns, strings, first = self._columns, self._strings, len(self._ids)
        derived = self.DERIVED
        appends = [(name, columns[name].append, 1 if name in _TERMINAL_SHARED else 2 if name in _TERMINAL_COPIED
                    else 0) for name in self.STORED if name not in derived]
        add_level, add_search = columns["level"].append, columns["searchText"].append
        levels: dict[int, str] = {}
        for item in items:
            for name, append, how in appends:
                value = item.get(name)
                if how == 1 and value.__class__ is str:
                    value = strings.setdefault(value, value)
                elif how == 2:
                    value = _fresh(value)
                append(value)
            levelno = item.get("levelno") or 0
            level = levels.get(levelno)
            if level is None:
                level = levels[levelno] = level_name(levelno)
            add_level(level)
            add_search(_terminal_search_text(item))
        expanded = columns["expanded"]
        for row in range(first, len(self._ids)):
            if expanded[row] is None:
                expanded[row] = False
            self._rows[self._ids[row]] = row
        return len(self._ids) - first

    def reset_items(self, items: Iterable[dict]) -> None:
        self.beginResetModel()
        self._clear_columns()
        self._strings = {}
        self._store(items)
        self.endResetModel()
        self.countChanged.emit()

    def append_items(self, items: Iterable[dict]) -> None:
        items = list(items)
        if not items:
            return
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._store(items)
        self.endInsertRows()
        self.countChanged.emit()

    def remove_ids(self, ids: Iterable[str]) -> None:
        rows = sorted({self._rows[i] for i in ids if i in self._rows}, reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            for column in self._columns.values():
                del column[row]
            self.endRemoveRows()
        if rows:
            self._rows = {item_id: row for row, item_id in enumerate(self._ids)}
            self.countChanged.emit()

    def update_items(self, changes: dict[str, dict]) -> None:
        """Apply ``{id: {role: value}}``; one dataChanged per contiguous run of rows."""
        touched: list[int] = []
        roles: set[int] = set()
        columns = self._columns
        for item_id, values in changes.items():
            row = self._rows.get(item_id)
            if row is None:
                continue
            changed = [key for key, value in values.items() if key in columns and columns[key][row] != value]
            if not changed:
                continue
            for key in changed:
                columns[key][row] = values[key]
            item = TerminalRow(self, row)
            for name, (inputs, compute) in self.DERIVED.items():
                if not inputs.isdisjoint(changed):
                    value = compute(item)
                    if columns[name][row] != value:
                        columns[name][row] = value
                        changed.append(name)
            touched.append(row)
            roles.update(self._role_of[key] for key in changed)
        self._signal_rows(touched, roles)

    def toggle_expanded(self, item_id: str) -> None:
        item = self.item(item_id)
        if item is not None:
            self.update_items({item_id: {"expanded": not item["expanded"]}})

    def clear(self) -> None:
        self.reset_items([])
