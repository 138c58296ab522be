"""What the farm's QML calls, on an object it creates: ``FarmCommands { id: farmCommands }``.

As :mod:`..commands` explains, compiled bindings call methods without a guard only on an object
they know by id; this forwards each call to the :class:`~.farm_panel.FarmPanel` of the window's
controller; its ``revision`` changes with the panel's, so a binding that reads it asks again.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, qmlEngine

from ..controller import Controller
from .farm_panel import FarmPanel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class FarmCommands(QObject):
    changed = Signal()  # the farm panel changed: bindings that call the methods below ask again

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._watched: FarmPanel | None = None
        self._found: Controller | None = None

    def _controller(self) -> Controller:
        """The engine's controller, looked up once: every instance row has one of these objects and
        asks it several times a row, and ``singletonInstance`` goes through the type loader (a
        py-spy profile of a 10,000-row scroll had this lookup as the GUI thread's largest Python cost)."""
        if self._found is None:
            engine = qmlEngine(self)
            found = engine.singletonInstance("Pyblish", "Controller") if engine is not None else None
            if isinstance(found, Controller):
                self._found = found
            else:
                return Controller.current()
        return self._found

    def _farm(self) -> FarmPanel:
        panel = self._controller().farm_panel
        if panel is not self._watched:
            self._watched = panel
            panel.changed.connect(self.changed)
        return panel

    @Property(int, notify=changed, final=True)
    def revision(self) -> int:
        return self._farm().revision

    @Property(str, notify=changed, final=True)
    def bundle(self) -> str:
        """The current bundle's folder ("" before a hand-off)."""
        return self._farm().bundle

    @Property(str, notify=changed, final=True)
    def summary(self) -> str:
        """The footer's farm line (FarmPanel.summary)."""
        return self._farm().summary

    @Property(bool, notify=changed, final=True)
    def busy(self) -> bool:
        return self._farm().busy

    @Property(int, notify=changed, final=True)
    def farmCount(self) -> int:
        return self._farm().farmCount

    @Property(int, notify=changed, final=True)
    def redoCount(self) -> int:
        return self._farm().redoCount

    @Slot(str, result=bool)
    def isOnFarm(self, instance_id: str) -> bool:
        return self._farm().isOnFarm(instance_id)

    @Slot(str, bool)
    def setOnFarm(self, instance_id: str, on: bool) -> None:
        self._farm().setOnFarm(instance_id, on)

    @Slot(str, result=str)
    def farmState(self, instance_id: str) -> str:
        return self._farm().farmState(instance_id)

    @Slot(str, result=str)
    def farmTone(self, instance_id: str) -> str:
        return self._farm().farmTone(instance_id)

    @Slot(str, result=str)
    def farmDetail(self, instance_id: str) -> str:
        return self._farm().farmDetail(instance_id)

    @Slot()
    def copyBundlePath(self) -> None:
        self._farm().copyBundlePath()

    @Slot()
    def openBundle(self) -> None:
        self._farm().openBundle()

    @Slot()
    def publishOnFarm(self) -> None:
        self._controller().farm_publish()

    @Slot()
    def rerunFailedOnFarm(self) -> None:
        self._farm().rerunFailed()
