"""What an instance row shows, as one role of the list's rows (``rowView``).

A row handed a new instance while the list scrolls read ~14 roles, and each is two calls into
Python from C++ (``index()`` asks ``rowCount()``, then ``data()``): ~270 calls a tick in a flick
of 10,000 rows (docs/performance.md, fourth pass). Here a row reads one role, a :class:`RowView`
per instance, kept while the instance is: its properties read the instance's row when QML asks
(plain Python getters, no model index), and its one ``changed`` signal fires when the row's
``dataChanged`` arrives, so only that row's bindings run again. Views are made only for the
instances a list has shown; a gone instance's view is dropped.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

ROLE = "rowView"


@QmlElement
@QmlUncreatable("the rows' rowView role")
class RowView(QObject):
    """One instance row's values, read from its item when asked; the same object while the
    instance is, ``changed`` when the row's data changed (``dataChanged``)."""

    changed = Signal()

    def __init__(self, item_id: str, item: dict, computed: dict[str, Callable[[dict], Any]],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._id = item_id
        self._item = item
        self._computed = computed  # the added roles it shows (columnsLine, columnsTip), by name

    def update(self, item: dict) -> None:
        self._item = item
        self.changed.emit()

    def _text(self, name: str) -> str:
        value = self._item.get(name)
        return "" if value is None else str(value)

    @Property(str, constant=True, final=True)
    def itemId(self) -> str:
        return self._id

    @Property(str, notify=changed, final=True)
    def label(self) -> str:
        return self._text("label")

    @Property(str, notify=changed, final=True)
    def status(self) -> str:
        return self._text("status") or "idle"

    @Property(bool, notify=changed, final=True)
    def isToggled(self) -> bool:
        return bool(self._item.get("isToggled"))

    @Property(bool, notify=changed, final=True)
    def optional(self) -> bool:
        return bool(self._item.get("optional"))

    @Property(bool, notify=changed, final=True)
    def isProcessing(self) -> bool:
        return bool(self._item.get("isProcessing"))

    @Property(bool, notify=changed, final=True)
    def isContext(self) -> bool:
        return bool(self._item.get("isContext"))

    @Property(bool, notify=changed, final=True)
    def hasComment(self) -> bool:
        return bool(self._item.get("hasComment"))

    @Property(str, notify=changed, final=True)
    def category(self) -> str:
        return self._text("category")

    @Property(str, notify=changed, final=True)
    def thumbnail(self) -> str:
        return self._text("thumbnail")

    @Property(str, notify=changed, final=True)
    def columnsLine(self) -> str:
        compute = self._computed.get("columnsLine")
        return compute(self._item) if compute else ""

    @Property(str, notify=changed, final=True)
    def columnsTip(self) -> str:
        compute = self._computed.get("columnsTip")
        return compute(self._item) if compute else ""


class RowViews:
    """The views of one list's rows, by item id."""

    def __init__(self, computed: dict[str, Callable[[dict], Any]], parent: QObject):
        self._computed = computed  # filled by SectionRows.add_role: the views see roles added later
        self._parent = parent
        self._views: dict[str, RowView] = {}

    def view(self, item_id: str, item: dict) -> RowView:
        found = self._views.get(item_id)
        if found is None:
            found = self._views[item_id] = RowView(item_id, item, self._computed, self._parent)
        return found

    def refresh(self, item_of: Callable[[str], dict | None], ids: list[str] | None = None) -> None:
        """Views of ``ids`` (all when None) show their items now; a gone item's view is dropped."""
        for item_id in list(self._views) if ids is None else [i for i in ids if i in self._views]:
            item = item_of(item_id)
            if item is None:
                self._views.pop(item_id).deleteLater()
            else:
                self._views[item_id].update(item)

    def __len__(self) -> int:
        return len(self._views)
