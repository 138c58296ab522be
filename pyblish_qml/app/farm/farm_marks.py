"""The instance rows' farm mark as one role of the list's rows (``farmMark``).

A row handed a new instance while the list scrolls reads its roles once; its farm mark used to
ask the farm five questions from its bindings (revision, on the farm, state, tone, tooltip) on
every such row. Here it is one value, a :class:`FarmMark` (on the farm, state, tone), computed
when the row reads it and read again by every shown row when the farm changes (a toggle, a state
that arrived). Marks are shared: one object per combination, never one per instance. The
tooltip's sentence is asked only on hover (FarmRowMark.qml).

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.section_rows import SectionRows

if TYPE_CHECKING:
    from .farm_panel import FarmPanel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

ROLE = "farmMark"


@QmlElement
@QmlUncreatable("the rows' farmMark role")
class FarmMark(QObject):
    """What an instance row's farm mark shows; constant (a change is another mark)."""

    def __init__(self, on_farm: bool, state: str, tone: str, parent: QObject | None = None):
        super().__init__(parent)
        self._on_farm, self._state, self._tone = on_farm, state, tone

    @Property(bool, constant=True, final=True)
    def onFarm(self) -> bool:
        return self._on_farm

    @Property(str, constant=True, final=True)
    def state(self) -> str:
        """queued, running, done, failed, lost — or "" (not handed off)."""
        return self._state

    @Property(str, constant=True, final=True)
    def tone(self) -> str:
        """The state's status colour (Theme.statusColor), "" when none."""
        return self._tone


class FarmMarks(QObject):
    """Adds ``farmMark`` to the instance rows and refreshes it when the farm panel changes."""

    def __init__(self, rows: SectionRows, panel: Callable[[], FarmPanel] | None, parent: QObject | None = None):
        super().__init__(parent)
        self._rows = rows
        self._panel_of = panel
        self._watched: FarmPanel | None = None
        self._marks: dict[tuple[bool, str, str], FarmMark] = {}
        self._none = self._of(False, "", "")
        rows.add_role(ROLE, self.mark, ("data",))

    def _of(self, on_farm: bool, state: str, tone: str) -> FarmMark:
        key = (on_farm, state, tone)
        found = self._marks.get(key)
        if found is None:
            found = self._marks[key] = FarmMark(on_farm, state, tone, self)
        return found

    def mark(self, item: dict) -> FarmMark:
        if self._panel_of is None or item.get("isContext"):
            return self._none
        panel = self._panel_of()  # made on first use, as the farm's own commands do
        if panel is not self._watched:
            self._watched = panel
            panel.changed.connect(self._changed)
        instance_id = str(item.get("id"))
        return self._of(panel.isOnFarm(instance_id), panel.farmState(instance_id), panel.farmTone(instance_id))

    def _changed(self) -> None:
        self._rows.refresh_role(ROLE)
