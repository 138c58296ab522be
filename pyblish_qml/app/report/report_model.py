"""The validation report: what fails, crashes and warns now, grouped by plugin.

:class:`ReportModel` has one row per (severity, plugin): failures first, in the order they
happened, then crashes (a pipeline error, not the artist's: :mod:`~pyblish_qml.record.outcomes`),
then warnings. It holds the *latest* result of each (plugin, instance): a partial run (re-run
failed, sanity check, run one plugin) replaces the entries of the pairs it re-ran, so the page,
the tab's count and the footer's sentence (:mod:`.report_sentences`) say what is true now.
Each row carries the plugin's label, the first paragraph of its documentation, its failing (or
warning) instances with their messages (:class:`ReportEntries`) and its applicable actions as
buttons (:class:`~.action_buttons.ActionButtonsModel`, following the plugin's row). The event
folder feeds it as results arrive (:meth:`ReportModel.pair_done`).
A drain's entries are appended at once, and the counts signalled once, in :meth:`ReportModel.flush`.

Thread: GUI thread only.
"""

from __future__ import annotations

import itertools
from typing import Callable

from PySide6.QtCore import Property, QModelIndex, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...record.farm_words import FarmTally
from ...record.outcomes import LOST_ON_FARM, supersedes_lost, verdict
from ..lists.action_buttons import ActionButtonsModel
from ..lists.models import ItemModel, PluginModel
from .discovery import Discovery
from .report_entry import first_paragraph_html, plugin_of, severity_message, where_ran
from .report_sentences import PARTIAL, RUN_NAMES, RunEnd, empty_note, failure_summary, headline, here_only, run_sentence

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

MAX_ENTRIES = 50  # items listed per plugin; the rest are counted (the page is not virtualised)
SEVERITIES = ("error", "crash", "warning")  # the page's order: the artist's to fix, the pipeline's, warnings


@QmlElement
@QmlUncreatable("made by the report")
class ReportEntries(ItemModel):
    """The instances one plugin failed (or warned) on, with what it said."""

    ROLES = ("id", "instanceId", "instanceLabel", "isContext", "message", "warnings", "ranOn", "attempt", "detail")


@QmlElement
@QmlUncreatable("made by the window models")
class ReportModel(ItemModel):
    ROLES = ("id", "severity", "pluginId", "pluginLabel", "verb", "docHtml", "entries", "actions", "entryCount",
             "actionCount", "outcome", "outcomeFailed", "firstOfSeverity", "hiddenCount", "errorType")
    changed = Signal()

    def __init__(self, plugins: PluginModel, parent: QObject | None = None):
        super().__init__(parent)
        self._plugins = plugins
        self._op = ""  # the run the report is of: validate, publish, a partial run ("" before any)
        self._end: RunEnd | None = None  # how that run ended (None while it runs)
        self.farm_of: Callable[[], FarmTally | None] = lambda: None  # the run's farm part (app/farm/farm_flow.py)
        self._interrupted = ""  # why the run did not finish (a job that failed), "" when it did
        self._pending: dict[str, list[dict]] = {}  # group id -> entries of this drain, not yet shown
        self._touched: set[str] = set()  # groups that lost an entry this drain
        self._of_pair: dict[tuple[str, str], tuple[str, dict]] = {}  # (plugin, instance) -> its entry now
        self._entry_ids = itertools.count(1)
        self._warnings = 0  # warning records of the entries, kept as they arrive
        self._dirty = False
        self.last_action = ""  # what the last action did (its name and outcome), shown with the action
        self.last_action_of: tuple[str | None, str | None] = (None, None)  # (plugin id, action id)
        self.discovery = Discovery(self)  # what the last reset's discovery found (report/discovery.py)
        plugins.dataChanged.connect(self._on_plugins_changed)
        plugins.modelReset.connect(self._follow_all)

    # ------------------------------------------------------------------ fed by the event folder

    def clear(self, op: str = "") -> None:
        """Forget the report: a fresh run of ``op`` begins (or a reset: nothing has run)."""
        for item in self._items:
            item["entries"].deleteLater()
            item["actions"].deleteLater()
        self._op, self._end, self._interrupted = op, None, ""
        self._pending, self._touched, self._of_pair, self._warnings, self._dirty = {}, set(), {}, 0, False
        self.reset_items([])
        self.changed.emit()

    def run_started(self, op: str, continues: bool) -> None:
        """A run begins. A fresh validate or publish starts the report afresh; a publish going on
        from its validation, and every partial run, keep it: their pairs replace their own."""
        if op in ("validate", "publish") and not continues:
            self.clear(op)
        elif op in ("validate", "publish") or op in PARTIAL:
            self._op, self._end, self._interrupted = op, None, ""
            self.changed.emit()

    def pair_done(self, plugin: dict, instance: dict, result: dict) -> None:
        """One finished (plugin, instance) pair of a run: it replaces that pair's earlier entry
        (a partial run re-ran it); a failure, a crash or warnings make the new one."""
        if result.get("action"):
            self.action_done(plugin, result)
            return
        if not self._op:  # collection during a reset: not part of a validation's report
            return
        plugin = plugin_of(plugin, result)
        self._forget((plugin.get("id") or "", instance.get("id") or ""))
        if supersedes_lost(result):  # the instance's task ran on the farm again: "lost" is no longer true
            self._forget((LOST_ON_FARM, instance.get("id") or ""))
        outcome = verdict(result)
        if outcome in ("passed", "lost"):  # a lost reply is neither: the footer and the rows say so
            return
        severity, message, count = severity_message(outcome, result)
        group = self._group(severity, plugin, str((result.get("error") or {}).get("type") or ""))
        entry = {"id": str(next(self._entry_ids)), "instanceId": instance.get("id") or "",
                 "instanceLabel": str(instance.get("label") or "Context"),
                 "isContext": bool(instance.get("isContext")), "message": message, "warnings": count,
                 **where_ran(result)}
        group["all"].append(entry)
        self._of_pair[(plugin.get("id") or "", instance.get("id") or "")] = (group["id"], entry)
        if len(group["all"]) <= MAX_ENTRIES:
            self._pending.setdefault(group["id"], []).append(entry)
        self._warnings += count
        self._dirty = True

    def _forget(self, key: tuple[str, str]) -> None:
        """The pair ran again: its earlier entry goes (and its group, when it was the last)."""
        found = self._of_pair.pop(key, None)
        group = self.item(found[0]) if found else None
        if group is None:
            return
        entry = found[1]
        group["all"].remove(entry)
        self._warnings -= entry["warnings"]
        self._dirty = True
        pending = self._pending.get(group["id"]) or []
        if any(e is entry for e in pending):
            pending.remove(entry)
        else:
            group["entries"].remove_ids([entry["id"]])
        if group["all"]:
            self._touched.add(group["id"])
            return
        self._pending.pop(group["id"], None)
        self._touched.discard(group["id"])
        group["entries"].deleteLater()
        group["actions"].deleteLater()
        self.remove_ids([group["id"]])
        self._mark_firsts()

    def flush(self) -> None:
        """Show the entries that arrived since the last flush, and signal the counts, at once
        (the event folder calls this after each drain)."""
        for group_id, entries in self._pending.items():
            group = self.item(group_id)
            if group is not None:
                group["entries"].append_items(entries)
        groups = [self.item(group_id) for group_id in set(self._pending) | self._touched]
        self.update_items({group["id"]: {"entryCount": len(group["all"]),
                                         "hiddenCount": len(group["all"]) - group["entries"].rowCount()}
                           for group in groups if group is not None})
        self._pending, self._touched = {}, set()
        if self._dirty:
            self._dirty = False
            self.changed.emit()

    def action_done(self, plugin: dict, result: dict) -> None:
        """An action ran on ``plugin``: its outcome shows on the plugin's groups, with its buttons."""
        failed = result.get("error") is not None
        text = self.action_text(plugin, result)
        self.last_action, self.last_action_of = text, (plugin.get("id"), result.get("action"))
        self.update_items({item["id"]: {"outcome": text, "outcomeFailed": failed}
                           for item in self._items if item["pluginId"] == plugin.get("id")})
        self.changed.emit()

    def run_finished(self, end: RunEnd | None = None) -> None:
        """The run ended (``end``: how; None: as its pairs say). An action or a collection is no run here."""
        self.flush()
        if end is None:
            self._end = RunEnd(self._op, failed=self.failed)
        elif end.op not in ("act", "reset"):
            self._op, self._end = end.op, end
        self.changed.emit()

    def interrupt(self, why: str) -> None:
        """The run broke off (``why``): the page says so instead of "running…" for ever."""
        self.flush()
        self._end, self._interrupted = RunEnd(self._op, failed=self.failed), why if self._op else ""
        self.changed.emit()

    def forget_lost_on_farm(self, instance_id: str) -> None:
        """The instance's task was lost only by its silence and reports again (flush follows)."""
        self._forget((LOST_ON_FARM, instance_id))

    def farm_changed(self) -> None:  # the run's farm part (farm_of) changed: the headline and verdict follow
        self.changed.emit()

    # ------------------------------------------------------------------ sentences

    @staticmethod
    def action_label(plugin: dict, action_id: str | None) -> str:
        return next((a.get("label") or a.get("id") for a in plugin.get("actions") or ()
                     if a.get("id") == action_id), None) or "Action"

    @classmethod
    def action_text(cls, plugin: dict, result: dict) -> str:
        """What an action did: its name, then its error or its last record."""
        label = cls.action_label(plugin, result.get("action"))
        error = result.get("error")
        records = [r for r in result.get("records") or () if r.get("message")]
        said = str(error.get("message") or "error") if error else (records[-1]["message"] if records else "")
        said = said.strip().splitlines()[0] if said.strip() else ""
        head = "%s failed" % label if error else "%s done" % label
        return "%s — %s" % (head, said) if said else head + "."

    def failure_summary(self) -> str:
        """What failed, in a few words: "2 validators failed on 3 instances"."""
        return failure_summary(self._items)

    def sentence(self) -> str:
        """The finished run's sentence, for the footer as for the headline (report_sentences.run_sentence)."""
        return run_sentence(self._end or RunEnd(self._op, failed=self.failed), self._items, self._warnings,
                            self.farm_of())

    def failing_pairs(self) -> list[tuple[str, str]]:
        """(plugin id, instance id) of every pair that fails or crashes now: what Re-run failed runs."""
        return [key for key, (group_id, entry) in self._of_pair.items()
                if not group_id.startswith("warning:") and not entry["ranOn"]]  # the farm's: from the farm line

    # ------------------------------------------------------------------ counts

    @property
    def error_count(self) -> int:
        """Plugins that failed."""
        return sum(1 for item in self._items if item["severity"] == "error")

    @property
    def crash_count(self) -> int:
        """Plugins that crashed (a pipeline error: docs/semantics.md, "Crash or failure")."""
        return sum(1 for item in self._items if item["severity"] == "crash")

    @property
    def warning_count(self) -> int:
        """Warning (or louder) records of the pairs that did not fail (outcomes.warning_records)."""
        return self._warnings

    @property
    def failed(self) -> bool:
        return self.error_count + self.crash_count > 0

    def groups_op(self) -> str:
        """The run the report is of ("" before any)."""
        return self._op

    def summary(self) -> str:
        """The page's headline."""
        if self._interrupted:
            return "%s did not finish. %s" % (RUN_NAMES.get(self._op, "The run"), self._interrupted)
        return headline(self._op, self._end, self._items, self._warnings, self.farm_of())

    def verdict(self) -> str:
        """One word for the page's colour: none (nothing ran), running, failed, warned or passed (farm included)."""
        if not self._op or (self._interrupted and not self.failed):
            return "none"  # nothing ran, or the run broke off: no verdict
        farm = self.farm_of()
        if self.failed or (farm is not None and farm.failing):
            return "failed"
        if self._end is None or (farm is not None and farm.working):
            return "running"
        return "warned" if self.warning_count else "passed"

    # ------------------------------------------------------------------ rows

    def _group(self, severity: str, plugin: dict, error_type: str = "") -> dict:
        """The row of (severity, plugin), made when it is the first: errors, crashes, warnings."""
        group_id = "%s:%s" % (severity, plugin.get("id"))
        found = self.item(group_id)
        if found is not None:
            return found
        actions = ActionButtonsModel(self)
        actions.follow(self._plugins.item(plugin.get("id")) or plugin)
        row = {"id": group_id, "severity": severity, "pluginId": plugin.get("id") or "",
               "pluginLabel": str(plugin.get("label") or plugin.get("name") or ""),
               "verb": str(plugin.get("verb") or ""), "docHtml": first_paragraph_html(plugin.get("doc") or ""),
               "entries": ReportEntries(self), "actions": actions, "entryCount": 0,
               "actionCount": actions.rowCount(), "outcome": "", "errorType": error_type,
               "outcomeFailed": False, "firstOfSeverity": False, "hiddenCount": 0, "all": []}
        rank = SEVERITIES.index(severity)
        at = sum(1 for item in self._items if SEVERITIES.index(item["severity"]) <= rank)
        self.beginInsertRows(QModelIndex(), at, at)
        self._items.insert(at, self._complete(row))
        self._reindex(at)
        self.endInsertRows()
        self.countChanged.emit()
        self._mark_firsts()
        return row

    def _mark_firsts(self) -> None:
        """The first group of each severity carries its heading."""
        seen: set[str] = set()
        firsts = {}
        for item in self._items:
            firsts[item["id"]] = {"firstOfSeverity": item["severity"] not in seen}
            seen.add(item["severity"])
        self.update_items(firsts)

    def _on_plugins_changed(self, first: QModelIndex, last: QModelIndex, roles=()) -> None:
        """A plugin's status changed: the actions that apply follow (pyblish's ``on``)."""
        ids = {self._plugins.row_item(r)["id"] for r in range(first.row(), last.row() + 1)}
        self._follow([item for item in self._items if item["pluginId"] in ids])

    def _follow_all(self) -> None:
        self._follow(self._items)

    def _follow(self, groups: list[dict]) -> None:  # the groups' action buttons follow their plugins
        for item in groups:
            item["actions"].follow(self._plugins.item(item["pluginId"]))
        self.update_items({item["id"]: {"actionCount": item["actions"].rowCount()} for item in groups})


@QmlElement
@QmlUncreatable("made by the window models")
class ValidationReport(QObject):
    """The report as the page binds to it: the headline and counts, and the groups (a model).
    QML cannot read properties of list-model types with compiled bindings: the counts live here."""

    changed = Signal()

    def __init__(self, groups: ReportModel, parent: QObject | None = None):
        super().__init__(parent)
        self._groups = groups
        groups.changed.connect(self.changed)
        groups.countChanged.connect(self.changed)
        groups.discovery.changed.connect(self.changed)

    @Property(ReportModel, constant=True, final=True)
    def groups(self) -> ReportModel:
        return self._groups

    @Property(int, notify=changed, final=True)
    def groupCount(self) -> int:
        return self._groups.rowCount()

    @Property(int, notify=changed, final=True)
    def hereCount(self) -> int:
        """Groups with an entry that ran here: what validating again may change (the farm's: its re-run)."""
        return len(here_only(self._groups.items()))

    @Property(int, notify=changed, final=True)
    def errorCount(self) -> int:
        """Plugins that failed."""
        return self._groups.error_count

    @Property(int, notify=changed, final=True)
    def crashCount(self) -> int:
        """Plugins that crashed: a pipeline error, counted apart from failures."""
        return self._groups.crash_count

    @Property(int, notify=changed, final=True)
    def problemCount(self) -> int:
        """Plugins that failed or crashed, and plugin files that failed to load: the Report tab's count."""
        return self._groups.error_count + self._groups.crash_count + self._groups.discovery.failed_count

    @Property(Discovery, constant=True, final=True)
    def discovery(self) -> Discovery:
        """The plugin files that failed to load; whether any plugin was found; where the host looked."""
        return self._groups.discovery

    @Property(int, notify=changed, final=True)
    def warningCount(self) -> int:
        """Warning (or louder) messages of the pairs that did not fail."""
        return self._groups.warning_count

    @Property(str, notify=changed, final=True)
    def summary(self) -> str:
        failed = self._groups.discovery.failedTitle
        if failed and not self._groups.groups_op():
            return "%s: their checks will not run. Validate to see what the others say." % failed
        return self._groups.summary()

    @Property(str, notify=changed, final=True)
    def lastAction(self) -> str:
        """What the last action did ("Repair done — ..."): shown with the action, not in the footer."""
        return self._groups.last_action

    @Property(str, notify=changed, final=True)
    def lastActionPlugin(self) -> str:
        """The plugin whose action that was, so its page shows the words by its buttons."""
        return self._groups.last_action_of[0] or ""

    @Property(str, notify=changed, final=True)
    def verdict(self) -> str:
        return self._groups.verdict()

    @Property(str, notify=changed, final=True)
    def emptyNote(self) -> str:
        """What the page says when it lists nothing (a run that passed here may have a farm part)."""
        return empty_note(self._groups.verdict(), self._groups.farm_of())
