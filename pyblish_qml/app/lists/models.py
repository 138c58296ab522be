"""List models the QML views show: instances and plugins (terminal entries: :mod:`.terminal_model`).

Every model is a :class:`ItemModel` — rows are plain dicts keyed by role name — so updates are
cheap and batched: many rows change with one ``dataChanged`` per contiguous range, many rows
arrive with one ``beginInsertRows``. Filtering and grouping happen in
``QSortFilterProxyModel`` subclasses (:mod:`.filters`).

Thread: GUI thread only.
"""

from __future__ import annotations

import html
import inspect
import json
import re
from typing import Any, Callable, Iterable

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

_FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class ItemModel(QAbstractListModel):
    """Rows of dicts with a fixed set of roles; rows are found by their ``id`` in O(1)."""

    ROLES: tuple[str, ...] = ("id",)
    countChanged = Signal()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "itemId" not in cls.ROLES:
            cls.ROLES = (*cls.ROLES, "itemId")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[dict] = []
        self._rows: dict[str, int] = {}
        self._role_of = {name: _FIRST_ROLE + i for i, name in enumerate(self.ROLES)}
        self._name_of = {role: name for name, role in self._role_of.items()}

    # Qt interface
    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in self._name_of.items()}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        return self.value(self._items[index.row()], role)

    def value(self, item: dict, role: int) -> Any:
        """A role of one row's dict: what :meth:`data` answers, for a caller that holds the item
        (:class:`~.section_rows.SectionRows` reads by item id, without a second index)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return item.get("label") or item.get("message") or item.get("id")
        name = self._name_of.get(role)
        if name == "itemId":  # "id" cannot be a QML property name; delegates read it as itemId
            return item.get("id")
        return item.get(name) if name else None

    def role(self, name: str) -> int:
        return self._role_of[name]

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return self.rowCount()

    # Python interface
    def items(self) -> list[dict]:
        return self._items

    def row_item(self, row: int) -> dict:
        """The row's dict itself: filters read it directly instead of one data() call per role."""
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        """The row of an id, -1 when it has none."""
        return self._rows.get(item_id, -1)

    def item(self, item_id: str | None) -> dict | None:
        row = self._rows.get(item_id) if item_id is not None else None
        return self._items[row] if row is not None else None

    def _reindex(self, start: int = 0) -> None:
        for row in range(start, len(self._items)):
            self._rows[self._items[row]["id"]] = row

    def reset_items(self, items: Iterable[dict]) -> None:
        self.beginResetModel()
        self._items = [self._complete(item) for item in items]
        self._rows = {}
        self._reindex()
        self.endResetModel()
        self.countChanged.emit()

    def append_items(self, items: Iterable[dict]) -> None:
        items = [self._complete(item) for item in items]
        if not items:
            return
        first = len(self._items)
        self.beginInsertRows(QModelIndex(), first, first + len(items) - 1)
        self._items.extend(items)
        self._reindex(first)
        self.endInsertRows()
        self.countChanged.emit()

    def remove_ids(self, ids: Iterable[str]) -> None:
        rows = sorted((self._rows[i] for i in ids if i in self._rows), reverse=True)
        for row in rows:  # from the bottom, so earlier rows keep their numbers
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[self._items.pop(row)["id"]]
            self._reindex(row)  # found by id again before rowsRemoved reaches anyone
            self.endRemoveRows()
        if rows:
            self.countChanged.emit()

    def update_items(self, changes: dict[str, dict]) -> None:
        """Apply ``{id: {role: value}}``; one dataChanged per contiguous run of rows."""
        touched: list[int] = []
        roles: set[int] = set()
        for item_id, values in changes.items():
            row = self._rows.get(item_id)
            if row is None:
                continue
            item = self._items[row]
            changed = [key for key, value in values.items() if item.get(key) != value]
            if not changed:
                continue
            item.update({key: values[key] for key in changed})
            changed += self._derive(item, set(changed))
            touched.append(row)
            roles.update(self._role_of[key] for key in changed if key in self._role_of)
        self._signal_rows(touched, roles)

    def _signal_rows(self, touched: list[int], roles: set[int]) -> None:
        """One ``dataChanged`` per run of adjacent rows, naming only the roles that changed."""
        if not touched:
            return
        touched.sort()
        start = previous = touched[0]
        for row in touched[1:] + [None]:
            if row is not None and row == previous + 1:
                previous = row
                continue
            self.dataChanged.emit(self.index(start), self.index(previous), sorted(roles))
            if row is not None:
                start = previous = row

    # Roles that follow from others: name -> (the keys it is computed from, how). Subclasses.
    DERIVED: dict[str, tuple[frozenset[str], Callable[[dict], Any]]] = {}

    def _complete(self, item: dict) -> dict:
        self._derive(item, None)
        return item

    def _derive(self, item: dict, changed: set[str] | None) -> list[str]:
        """Recompute the derived roles whose inputs are in ``changed`` (all when None).

        Returns the ones whose value differs, so a status-only update (the common case while
        running) neither re-renders an instance's data table nor re-filters the search.
        """
        differs = []
        for name, (inputs, compute) in self.DERIVED.items():
            if changed is not None and changed.isdisjoint(inputs):
                continue
            value = compute(item)
            if item.get(name, _MISSING) != value:
                item[name] = value
                differs.append(name)
        return differs


STATUS_ROLES = ("isProcessing", "processed", "succeeded", "hasError", "hasWarning", "duration",
                "passedCount", "failedCount", "status", "lastRun", "replyLost")
_STATUS_INPUTS = frozenset({"isProcessing", "processed", "hasError", "hasWarning", "replyLost"})
_MISSING = object()


def _search_text(*keys: str) -> Callable[[dict], str]:
    """Lowercase text of some roles plus the families, for the search filter."""
    def compute(item: dict) -> str:
        return " ".join(str(item.get(k) or "") for k in keys).lower() + \
            " " + " ".join(str(f) for f in item.get("families") or ()).lower()
    return compute


# The one mapping from logging level numbers to the names the terminal shows and filters by.
LEVELS = (("debug", 10), ("info", 20), ("warning", 30), ("error", 40), ("critical", 50))


def level_name(levelno: int) -> str:
    """The level a record counts as: the highest named level at or below its number."""
    name = LEVELS[0][0]
    for candidate, number in LEVELS:
        if levelno >= number:
            name = candidate
    return name


def status_of(item: dict) -> str:
    """One word for the checkbox colour: idle, running, passed, warning, failed or unknown (a
    pair's reply was lost: it may have run in the host; known failures still win)."""
    if item.get("isProcessing"):
        return "running"
    if item.get("hasError"):
        return "failed"
    if item.get("replyLost"):
        return "unknown"
    if item.get("hasWarning"):
        return "warning"
    if item.get("processed"):
        return "passed"
    return "idle"


def thumbnail_url(item: dict) -> str:
    """The picture a row shows as a file URL: the artist's choice, else ``data["thumbnail"]``
    (app/thumbnails/); "" for none."""
    path = item.get("chosenThumbnail") or (item.get("data") or {}).get("thumbnail")
    return QUrl.fromLocalFile(path).toString() if isinstance(path, str) and path else ""


def fresh_status() -> dict:
    return {"isProcessing": False, "processed": False, "succeeded": False, "hasError": False,
            "hasWarning": False, "duration": 0.0, "passedCount": 0, "failedCount": 0, "lastRun": 0.0,
            "replyLost": False}


@QmlElement
@QmlUncreatable("made by the controller")
class InstanceModel(ItemModel):
    ROLES = ("id", "name", "label", "family", "families", "category", "isToggled", "optional",
             "isContext", "sectionRank", "searchText", "data", "dataRows", "hasComment", "thumbnail",
             "chosenThumbnail", *STATUS_ROLES)
    DERIVED = {
        "thumbnail": (frozenset({"data", "chosenThumbnail"}), lambda item: thumbnail_url(item)),
        "status": (_STATUS_INPUTS, lambda item: status_of(item)),
        "dataRows": (frozenset({"data"}), lambda item: data_rows(item.get("data") or {})),
        "searchText": (frozenset({"name", "label", "family", "families"}), _search_text("name", "label", "family")),
    }


@QmlElement
@QmlUncreatable("made by the controller")
class PluginModel(ItemModel):
    ROLES = ("id", "name", "label", "verb", "type", "order", "doc", "path", "module", "families", "hosts",
             "optional", "isToggled", "isCompatible", "contextEnabled", "instanceEnabled", "actions",
             "visibleActions", "hasActions", "sectionRank", "searchText", "version", "docHtml", "neverReason",
             *STATUS_ROLES)
    DERIVED = {  # in order: hasActions reads visibleActions
        "status": (_STATUS_INPUTS, lambda item: status_of(item)),
        "docHtml": (frozenset({"doc"}), lambda item: doc_html(item.get("doc") or "")),
        "visibleActions": (_STATUS_INPUTS | {"actions"},
                           lambda item: visible_actions(item.get("actions") or [], item)),
        "hasActions": (_STATUS_INPUTS | {"actions"},
                       lambda item: any(a.get("type") == "action" for a in item["visibleActions"])),
        "searchText": (frozenset({"name", "label", "verb", "families"}), _search_text("name", "label", "verb")),
    }


_URL = re.compile(r"(https?://[^\s<>\"')\]]+)")


def doc_html(doc: str) -> str:
    """A docstring as rich text: paragraphs kept, indentation removed, links clickable."""
    paragraphs = [" ".join(line.strip() for line in block.splitlines())
                  for block in re.split(r"\n\s*\n", inspect.cleandoc(doc)) if block.strip()]
    return "".join("<p>%s</p>" % _URL.sub(r'<a href="\1">\1</a>', html.escape(p, quote=False))
                   for p in paragraphs)


def data_rows(data: dict) -> list[dict]:
    """An instance's data as sorted key/value text rows for the Perspective page."""
    rows = []
    for key in sorted(data, key=str.lower):
        text = value_text(data[key])
        rows.append({"key": key, "value": text if len(text) <= 2000 else text[:2000] + " …"})
    return rows


def value_text(value: Any) -> str:
    """A data value as the window writes it: strings as they are, the host's repr of an object
    it could not send, anything else as JSON."""
    if isinstance(value, dict) and "__repr__" in value and "__type__" in value:
        return str(value["__repr__"])
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


_ON = {
    "all": lambda s: True,
    "processed": lambda s: s.get("processed"),
    "notProcessed": lambda s: not s.get("processed"),
    "succeeded": lambda s: s.get("processed") and not s.get("hasError"),
    "failed": lambda s: s.get("hasError"),
    "warning": lambda s: s.get("hasWarning"),
    "failedOrWarning": lambda s: s.get("hasError") or s.get("hasWarning"),
}


def visible_actions(actions: list[dict], state: dict) -> list[dict]:
    """The plugin's actions that apply in its current state, as pyblish defines ``on``.

    Actions with an unknown ``on`` are kept (shown as broken). A category is kept only when an
    action follows it before the next category; separators never lead or trail, never double.
    """
    shown = [a for a in actions
             if a.get("type") != "action" or a.get("error") or _ON.get(a.get("on"), _ON["all"])(state)]
    out: list[dict] = []
    for index, action in enumerate(shown):
        kind = action.get("type")
        if kind == "category":
            following = shown[index + 1:]
            nxt = next((a for a in following if a.get("type") != "separator"), None)
            if nxt is None or nxt.get("type") != "action":
                continue
        if kind == "separator" and (not out or out[-1].get("type") == "separator"):
            continue
        out.append(action)
    while out and out[-1].get("type") in ("separator", "category"):
        out.pop()
    return out
