"""The window's run history: the History page's list, a past run shown read-only, report files.

:class:`HistoryView` (``Controller.history`` in QML) lists the stored runs off the GUI thread,
opens one — or a report file — into a :class:`~.window_models.WindowModels` of its own by
folding :meth:`~pyblish_qml.record.report.Report.events` with its own
:class:`~.folding.EventFolder` (the same rows a live run makes, so the same Overview,
Perspective and Terminal show it), and while it does the controller shows those models and
disables every command that needs a live host. It exports the run on screen as JSON or HTML,
copies its plain-text summary, and feeds the :class:`~.timeline.Timeline`.
:class:`~.history_commands.HistoryCommands` is what QML calls.

Thread: GUI thread; disk reads and writes run on short-lived worker threads whose results come
back by a queued signal.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtCore import Property, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...record.farm_words import recorded
from ...record.html_page import html_page
from ...record.report import Report, ReportError
from ...record.schema import HistoryUnavailable
from ...record.store import RunStore
from ...record.summary import text_summary
from ..live.folding import EventFolder
from ..live.run_progress import RunProgress
from ..window_models import WindowModels
from .export_gate import export_blocked
from .history_model import HistoryFilter, HistoryModel, history_row
from .past_run import PastFacts, PastListener, PastRun, past_facts
from .timeline import Timeline

if TYPE_CHECKING:
    from ...record.recorder import Recorder

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

LIST_LIMIT = 2000  # the History page lists the newest runs (retention keeps 500 by default)
NOTICE_MS = 2500


class HistorySource(Protocol):
    """What the history asks of the window (the controller)."""

    recorder: Recorder | None  # the application's (set after the controller), None: no history

    def live_report(self) -> Report | None: ...  # the live run as recorded (worker thread: it waits)

    def live_run(self) -> tuple[int, bool]: ...  # (the live host's port or 0, something ran for it)


def local_path(url_or_path: str) -> Path:
    """A FileDialog's ``file://`` URL or a plain path."""
    url = QUrl(url_or_path)
    return Path(url.toLocalFile() if url.isLocalFile() else url_or_path)


@QmlElement
@QmlUncreatable("the controller makes one")
class HistoryView(QObject):
    listChanged = Signal()
    pastChanged = Signal()  # viewingPast, banner, models: the controller re-emits modelsChanged
    noticeChanged = Signal()
    busyChanged = Signal()
    exportChanged = Signal()  # whether the run on screen can be exported may have changed
    _wake = Signal()  # from a worker thread: a result waits in the outbox (queued to the GUI thread)

    def __init__(self, source: HistorySource, parent: QObject | None = None):
        super().__init__(parent)
        self._source = source
        self._model = HistoryModel(self)
        self._filter = HistoryFilter(self._model, self)
        self._hosts: list[str] = []
        self._status = ""
        self._notice = ""
        self._busy = 0
        self._generation = 0  # a newer open wins over a slower older one
        self._report: Report | None = None  # the past run (or report file) shown, None: live
        self._past = PastRun(self)
        self._models: WindowModels | None = None
        self._timeline = Timeline(self)
        self._timeline_live = False
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.setInterval(NOTICE_MS)
        self._notice_timer.timeout.connect(lambda: self._say(""))
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()  # (callback, result) from the workers
        self._wake.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self.pastChanged.connect(self.exportChanged)
        self.opened_at = 0.0  # perf_counter when the last past run was shown (benchmarks)

    # ------------------------------------------------------------------ properties

    @Property(HistoryFilter, constant=True, final=True)
    def runs(self) -> HistoryFilter:
        return self._filter

    @Property("QStringList", notify=listChanged, final=True)
    def hosts(self) -> list[str]:
        return self._hosts

    @Property(int, notify=listChanged, final=True)
    def total(self) -> int:
        return self._model.rowCount()

    @Property(str, notify=listChanged, final=True)
    def status(self) -> str:
        """Why there is no history, when there is none (empty when it works)."""
        return self._status

    @Property(str, notify=noticeChanged, final=True)
    def notice(self) -> str:
        """A short confirmation ("Report copied …") or error, cleared after a moment."""
        return self._notice

    @Property(bool, notify=busyChanged, final=True)
    def busy(self) -> bool:
        return self._busy > 0

    @Property(bool, notify=pastChanged, final=True)
    def viewingPast(self) -> bool:
        return self._report is not None

    @Property(str, notify=pastChanged, final=True)
    def banner(self) -> str:
        return self._past.heading

    @Property(PastRun, constant=True, final=True)
    def past(self) -> PastRun:
        """The past run on screen as the banner and the footer tell it (its own, never the live host's)."""
        return self._past

    @Property(str, notify=exportChanged, final=True)
    def exportBlocked(self) -> str:
        """Why File ▸ Export and Copy report have nothing to work on ("" when they have)."""
        port, ran = self._source.live_run()
        return export_blocked(self._source.recorder is not None, self._report is not None, port, ran)

    @Property(Timeline, constant=True, final=True)
    def timeline(self) -> Timeline:
        return self._timeline

    def shown_models(self) -> WindowModels | None:
        """The past run's models while one is shown (the controller shows them instead)."""
        return self._models if self._report is not None else None

    @property
    def report(self) -> Report | None:
        return self._report

    # ------------------------------------------------------------------ workers

    def _work(self, job: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Run ``job`` on a worker thread; ``then(result or exception)`` on the GUI thread."""
        self._busy += 1
        self.busyChanged.emit()

        def run() -> None:
            try:
                result = job()
            except Exception as error:  # handed to ``then``: it says what went wrong
                result = error
            self._outbox.put((then, result))
            self._wake.emit()  # no arguments cross the threads: the result waits in the outbox

        threading.Thread(target=run, name="pyblish-qml-history", daemon=True).start()

    @Slot()
    def _finish(self) -> None:
        while True:
            try:
                then, result = self._outbox.get_nowait()
            except queue.Empty:
                return
            self._busy -= 1
            self.busyChanged.emit()
            then(result)

    def _store(self) -> RunStore | None:
        recorder = self._source.recorder
        return recorder.store() if recorder is not None else None

    def _say(self, text: str) -> None:
        self._notice = text
        self.noticeChanged.emit()
        if text:
            self._notice_timer.start()

    # ------------------------------------------------------------------ the list

    def refresh(self) -> None:
        """Read the newest runs again (worker thread); the list follows when they are read."""
        recorder = self._source.recorder
        if recorder is None:
            self._status = "Run history is not available in this window."
            self._model.reset_items([])
            self.listChanged.emit()
            return
        status = recorder.status

        def job() -> list:
            store = recorder.store()
            if store is None:
                return []
            try:
                return store.list_runs(limit=LIST_LIMIT)
            finally:
                store.close()

        def then(result: Any) -> None:
            if isinstance(result, HistoryUnavailable):
                self._status, result = str(result), []
            elif isinstance(result, Exception):
                self._status, result = "Could not read the run history: %s" % result, []
            else:
                self._status = status
            now = time.time()
            rows = [history_row(run, now) for run in result]
            self._model.reset_items(rows)
            self._hosts = sorted({row["host"] for row in rows})
            self.listChanged.emit()

        self._work(job, then)

    # ------------------------------------------------------------------ past runs

    def open_run(self, run_id: int) -> None:
        """Show stored run ``run_id`` read-only (loaded on a worker thread)."""
        recorder = self._source.recorder
        if recorder is None:
            return
        self._generation += 1
        generation = self._generation

        def job() -> Report:
            store = recorder.store()
            try:
                return store.load(run_id)
            finally:
                store.close()

        self._work(job, lambda result: self._loaded(result, generation, ""))

    def open_report(self, url_or_path: str) -> None:
        """Show a report file (.json or .html) read-only, like a past run."""
        path = local_path(url_or_path)
        self._generation += 1
        generation = self._generation
        self._work(lambda: Report.from_file(path), lambda result: self._loaded(result, generation, path.name))

    def _loaded(self, result: Any, generation: int, file_name: str) -> None:
        if generation != self._generation:
            return
        if isinstance(result, Exception):
            text = str(result) if isinstance(result, (ReportError, HistoryUnavailable, KeyError)) else repr(result)
            self._say("Could not open the run: %s" % text.strip("'\""))
            return
        self.show_report(result, file_name)

    def show_report(self, report: Report, file_name: str = "") -> None:
        """Fold ``report`` into fresh models and show them instead of the live host's."""
        progress = RunProgress()
        models = WindowModels(PastFacts(progress), self)
        label = str(report.context.get("data", {}).get("label") or "Context")
        listener = PastListener(label)
        farm = recorded(report.run.get("farm"))
        models.report_model.farm_of = lambda: farm  # its sentence with the farm's part, as the live window said it
        folder = EventFolder(models.instance_model, models.plugin_model, models.terminal_model, models.layout,
                             progress, listener, models.report_model)
        folder.fold(report.events(port=0), 0)
        old = self._models
        self._report, self._models = report, models
        self._past.show(past_facts(report, file_name, listener.message))
        self._timeline_live = False
        self._timeline.set_report(report)
        self.pastChanged.emit()
        if old is not None:
            old.deleteLater()
        self.opened_at = time.perf_counter()

    def back_to_live(self) -> None:
        if self._report is None:
            return
        old, self._report, self._models = self._models, None, None
        self._past.clear()
        self._timeline.set_report(None)
        self.pastChanged.emit()
        if old is not None:
            old.deleteLater()

    def show_live_timeline(self) -> None:
        """The live run's timeline (read back from the history, worker thread)."""
        if self._report is not None:
            return
        self._timeline_live = True
        self._work(self._source.live_report, self._live_timeline)

    def refresh_live_timeline(self) -> None:
        """More pairs went into the live run's record (the farm's results): read it again if shown."""
        if self._timeline_live:
            self.show_live_timeline()

    def _live_timeline(self, result: Any) -> None:
        if self._report is None and self._timeline_live:
            self._timeline.set_report(result if isinstance(result, Report) else None)

    # ------------------------------------------------------------------ report files

    def _with_report(self, then: Callable[[Report], Any], done: Callable[[Any], None]) -> None:
        """``then(report)`` on a worker thread, for the run on screen (past, or the live one)."""
        shown = self._report

        def job() -> Any:
            report = shown if shown is not None else self._source.live_report()
            if report is None:
                raise ReportError("no run has been recorded yet for this host")
            return then(report)

        self._work(job, done)

    def export(self, url_or_path: str, fmt: str = "") -> None:
        """Write the run on screen to a file: ``fmt`` "json" or "html" (default: by the suffix)."""
        path = local_path(url_or_path)
        fmt = (fmt or path.suffix.lstrip(".") or "json").lower()
        if fmt not in ("json", "html"):
            self._say("Reports are JSON or HTML, not %s." % fmt)
            return
        if path.suffix.lower() != "." + fmt:
            path = path.with_name(path.name + "." + fmt)

        def write(report: Report) -> Path:
            text = report.to_json() if fmt == "json" else html_page(report)
            path.write_text(text, encoding="utf-8")
            return path

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                self._say("Could not export the report: %s" % result)
            else:
                self._say("Report saved to %s" % result)

        self._with_report(write, done)

    def copy(self) -> None:
        """Put the plain-text summary of the run on screen on the clipboard."""

        def done(result: Any) -> None:
            if isinstance(result, Exception):
                self._say("Could not copy the report: %s" % result)
                return
            QGuiApplication.clipboard().setText(result)
            self._say("Report copied to the clipboard")

        self._with_report(text_summary, done)
