"""The History page's list: past runs as rows, and the filter by text, outcome and host.

Rows come from :meth:`pyblish_qml.record.store.RunStore.list_runs` (read off the GUI thread by
:class:`~.history.HistoryView`); filtering is in memory, so typing never waits on the disk.

Thread: GUI thread only.
"""

from __future__ import annotations

import datetime
import os

from PySide6.QtCore import Property, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...record.store import RunSummary
from ..lists.models import ItemModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

OPS = {"reset": "Collect", "validate": "Validate", "publish": "Publish", "act": "Action"}


def when_text(stamp: float, now: float | None = None) -> str:
    """A run's start as the list shows it: the time today, else the date and time (local)."""
    moment = datetime.datetime.fromtimestamp(stamp)
    today = datetime.datetime.fromtimestamp(now) if now is not None else datetime.datetime.now()
    if moment.date() == today.date():
        return moment.strftime("%H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M")


def duration_text(seconds: float) -> str:
    if seconds < 1:
        return "%d ms" % round(seconds * 1000)
    if seconds < 60:
        return "%.1f s" % seconds
    return "%d min %02d s" % divmod(int(seconds), 60)


def history_row(run: RunSummary, now: float | None = None) -> dict:
    file_name = os.path.basename(run.current_file) if run.current_file else ""
    host = run.host_name or "host"
    counts = "%d pair%s" % (run.pairs, "" if run.pairs == 1 else "s")  # "1 pair", never "1 pairs"
    if run.errors:
        counts += " · %d error%s" % (run.errors, "" if run.errors == 1 else "s")
    if run.crashed:
        counts += " · %d crashed" % run.crashed  # a pipeline error, counted apart from the artist's failures
    if run.lost:
        counts += " · %d unknown" % run.lost  # replies lost: they may have run (not errors)
    if run.warnings:
        counts += " · %d warning%s" % (run.warnings, "" if run.warnings == 1 else "s")
    search = " ".join((host, run.current_file, run.user, run.machine, run.comment, run.message, run.op,
                       OPS.get(run.op, ""), run.outcome)).lower()
    return {"id": str(run.id), "runId": run.id, "when": when_text(run.started, now), "started": run.started,
            "host": host, "file": file_name or run.cwd or "", "path": run.current_file, "outcome": run.outcome,
            "op": OPS.get(run.op, run.op), "counts": counts, "errors": run.errors, "pairs": run.pairs,
            "duration": duration_text(run.duration), "comment": run.comment, "search": search,
            "who": "%s@%s" % (run.user, run.machine) if run.user and run.machine else run.user or run.machine,
            "thumbnail": run.thumbnail}


@QmlElement
@QmlUncreatable("made by the history view")
class HistoryModel(ItemModel):
    ROLES = ("id", "runId", "when", "started", "host", "file", "path", "outcome", "op", "counts", "errors", "pairs",
             "duration", "comment", "search", "who", "thumbnail")  # thumbnail: a data: URI read with the run ("" none)


@QmlElement
@QmlUncreatable("made by the history view")
class HistoryFilter(QSortFilterProxyModel):
    """The runs shown: every word of ``text`` in the row, ``outcome`` and ``host`` exact (empty: all)."""

    filterChanged = Signal()

    def __init__(self, source: HistoryModel, parent: QObject | None = None):
        super().__init__(parent)
        self.setSourceModel(source)
        self._source = source
        self._words: list[str] = []
        self._text = self._outcome = self._host = ""

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        item = self._source.row_item(row)
        if self._outcome and item["outcome"] != self._outcome:
            return False
        if self._host and item["host"] != self._host:
            return False
        return all(word in item["search"] for word in self._words)

    def _set(self, name: str, value: str) -> None:
        if getattr(self, name) == value:
            return
        self.beginFilterChange()
        setattr(self, name, value)
        self._words = self._text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self.filterChanged.emit()

    @Property(str, notify=filterChanged, final=True)
    def text(self) -> str:
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._set("_text", value or "")

    @Property(str, notify=filterChanged, final=True)
    def outcome(self) -> str:
        return self._outcome

    @outcome.setter
    def outcome(self, value: str) -> None:
        self._set("_outcome", value or "")

    @Property(str, notify=filterChanged, final=True)
    def host(self) -> str:
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        self._set("_host", value or "")

    def run_id_at(self, row: int) -> int | None:
        index = self.mapToSource(self.index(row, 0))
        return self._source.row_item(index.row())["runId"] if index.isValid() else None
