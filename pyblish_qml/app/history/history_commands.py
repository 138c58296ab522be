"""What the History page, the timeline and the report menu call: ``HistoryCommands { id: … }``.

QML calls commands on an object it creates (by id, so every binding compiles); each one finds
the shown :class:`~.history.HistoryView` through the ``Controller`` singleton and forwards.

Thread: GUI thread only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtQml import QmlElement, qmlEngine

from .export_gate import suggested_export
from .history import HistoryView, local_path

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class HistoryCommands(QObject):
    """What the History page, the timeline and the report menu call: ``HistoryCommands { id: … }``."""

    def _view(self) -> HistoryView:
        from ..controller import Controller

        engine = qmlEngine(self)
        found = engine.singletonInstance("Pyblish", "Controller") if engine is not None else None
        return (found if isinstance(found, Controller) else Controller.current()).history

    @Slot()
    def refresh(self) -> None:
        self._view().refresh()

    @Slot(int)
    def openRow(self, row: int) -> None:
        """Open the run on row ``row`` of the filtered list."""
        view = self._view()
        run_id = view.runs.run_id_at(row)
        if run_id is not None:
            view.open_run(run_id)

    @Slot(str)
    def openReport(self, url_or_path: str) -> None:
        self._view().open_report(url_or_path)

    @Slot(str, str)
    def exportReport(self, url_or_path: str, fmt: str) -> None:
        self._view().export(url_or_path, fmt)

    @Slot()
    def copyReport(self) -> None:
        self._view().copy()

    @Slot(str, result=str)
    def suggestedExport(self, fmt: str) -> str:
        """The file Export proposes for the run on screen: a full path, in the scene's folder, named
        after the scene, the run and its time."""
        from ..controller import Controller

        view = self._view()
        if view.report is not None:
            run = view.report.run
            host, started, op = run.get("host") or {}, float(run.get("started") or 0.0), str(run.get("op") or "")
            scene, name = str(host.get("currentFile") or ""), str(host.get("name") or "")
        else:
            controller = Controller.current()
            models = controller.models
            data = (models.instance_model.item(models.layout.context_id) or {}).get("data") or {}
            scene, name = str(data.get("currentFile") or ""), str(data.get("hostName") or "")
            op, started = controller.run.last_op or "", 0.0
        return str(suggested_export(scene, name, op, started, fmt))

    @Slot(str, str)
    def exportTo(self, typed: str, fmt: str) -> None:
        """Export to what the artist typed: a full path as it is (``~`` expanded), a bare name in
        the suggested folder — never the process's working folder."""
        path = Path(typed.strip()).expanduser()
        if not path.is_absolute():
            path = Path(self.suggestedExport(fmt)).parent / path
        self._view().export(str(path), fmt)

    @Slot()
    def refreshExport(self) -> None:
        """The File menu opens: whether there is a run to export is asked again (a run may have ended)."""
        self._view().exportChanged.emit()

    @Slot()
    def backToLive(self) -> None:
        self._view().back_to_live()

    @Slot()
    def showLiveTimeline(self) -> None:
        self._view().show_live_timeline()

    @Slot(str)
    def setFilterText(self, text: str) -> None:
        self._view().runs.text = text

    @Slot(str)
    def setOutcome(self, outcome: str) -> None:
        self._view().runs.outcome = outcome

    @Slot(str)
    def setHost(self, host: str) -> None:
        self._view().runs.host = host

    @Slot("QList<QUrl>")
    def dropUrls(self, urls: list) -> None:
        """Files dropped on the window: the first report among them opens."""
        for url in urls:
            text = url.toString() if isinstance(url, QUrl) else str(url)
            if local_path(text).suffix.lower() in (".json", ".html", ".htm"):
                self._view().open_report(text)
                return
        self._view()._say("Drop a pyblish-qml report (.json or .html) to open it.")
