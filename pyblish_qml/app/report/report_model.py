"""The validation report: what failed and what warned in the current run, grouped by plugin.

:class:`ReportModel` has one row per (severity, plugin): errors first, in the order they
happened, then warnings. Each row carries the plugin's label, the first paragraph of its
documentation, its failing (or warning) instances with their messages (:class:`ReportEntries`)
and its applicable actions as buttons (:class:`~.action_buttons.ActionButtonsModel`, following
the plugin's row). The event folder feeds it as results arrive (:meth:`ReportModel.pair_done`);
it also writes the sentences the footer says after a run (:meth:`ReportModel.failure_summary`).
A drain's entries are appended at once, and the counts signalled once, in :meth:`ReportModel.flush`.

Thread: GUI thread only.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Property, QModelIndex, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ...engine.events import Finished
from ..lists.action_buttons import ActionButtonsModel
from ..lists.models import ItemModel, PluginModel, doc_html

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

WARNING = 30
MAX_MESSAGES = 5  # per warning entry; the rest are counted ("and 3 more")
MAX_ENTRIES = 50  # items listed per plugin; the rest are counted (the page is not virtualised)
VERB_NOUNS = {"Collect": "collector", "Validate": "validator", "Extract": "extractor", "Integrate": "integrator"}


def first_paragraph_html(doc: str) -> str:
    """The first paragraph of a docstring as rich text, links clickable."""
    match = re.match(r"<p>.*?</p>", doc_html(doc or ""), re.S)
    return match.group(0) if match else ""


def plural(count: int, word: str) -> str:
    return "%d %s%s" % (count, word, "" if count == 1 else "s")


@QmlElement
@QmlUncreatable("made by the report")
class ReportEntries(ItemModel):
    """The instances one plugin failed (or warned) on, with what it said."""

    ROLES = ("id", "instanceId", "instanceLabel", "isContext", "message", "warnings")


@QmlElement
@QmlUncreatable("made by the window models")
class ReportModel(ItemModel):
    ROLES = ("id", "severity", "pluginId", "pluginLabel", "verb", "docHtml", "entries", "actions", "entryCount",
             "actionCount", "outcome", "outcomeFailed", "firstOfSeverity", "hiddenCount")
    changed = Signal()

    def __init__(self, plugins: PluginModel, parent: QObject | None = None):
        super().__init__(parent)
        self._plugins = plugins
        self._op = ""  # the run the report is of: validate, publish ("" before any)
        self._finished = False
        self._pending: dict[str, list[dict]] = {}  # group id -> entries of this drain, not yet shown
        self._warnings = 0  # warning records of the entries, kept as they arrive
        self._dirty = False
        self.last_action = ""  # what the last action did (its name and outcome), for the footer
        self.last_action_of: tuple[str | None, str | None] = (None, None)  # (plugin id, action id)
        plugins.dataChanged.connect(self._on_plugins_changed)
        plugins.modelReset.connect(self._follow_all)

    # ------------------------------------------------------------------ fed by the event folder

    def clear(self, op: str = "") -> None:
        """Forget the report: a fresh run of ``op`` begins (or a reset: nothing has run)."""
        for item in self._items:
            item["entries"].deleteLater()
            item["actions"].deleteLater()
        self._op, self._finished = op, False
        self._pending, self._warnings, self._dirty = {}, 0, False
        self.reset_items([])
        self.changed.emit()

    def run_started(self, op: str, continues: bool) -> None:
        if op in ("validate", "publish"):
            if continues:  # a publish going on from a validation keeps its report
                self._op, self._finished = op, False
                self.changed.emit()
            else:
                self.clear(op)

    def pair_done(self, plugin: dict, instance: dict, result: dict) -> None:
        """One finished (plugin, instance) pair of a run: an error or warnings make an entry."""
        if result.get("action"):
            self.action_done(plugin, result)
            return
        if not self._op:  # collection during a reset: not part of a validation's report
            return
        error = result.get("error")
        warnings = [r for r in result.get("records") or () if (r.get("levelno") or 0) >= WARNING]
        if error is None and not warnings:
            return
        if error is not None:
            severity, message, count = "error", str(error.get("message") or "error"), 0
        else:
            shown = [str(r.get("message") or "") for r in warnings[:MAX_MESSAGES]]
            if len(warnings) > MAX_MESSAGES:
                shown.append("… and %d more" % (len(warnings) - MAX_MESSAGES))
            severity, message, count = "warning", "\n".join(shown), len(warnings)
        group = self._group(severity, plugin)
        entry = {"id": str(len(group["all"])), "instanceId": instance.get("id") or "",
                 "instanceLabel": str(instance.get("label") or "Context"),
                 "isContext": bool(instance.get("isContext")), "message": message, "warnings": count}
        group["all"].append(entry)
        if len(group["all"]) <= MAX_ENTRIES:
            self._pending.setdefault(group["id"], []).append(entry)
        self._warnings += count
        self._dirty = True

    def flush(self) -> None:
        """Show the entries that arrived since the last flush, and signal the counts, at once
        (the event folder calls this after each drain)."""
        for group_id, entries in self._pending.items():
            group = self.item(group_id)
            if group is not None:
                group["entries"].append_items(entries)
        self.update_items({group_id: {"entryCount": len(self.item(group_id)["all"]),
                                      "hiddenCount": len(self.item(group_id)["all"]) - MAX_ENTRIES}
                           for group_id in self._pending if self.item(group_id) is not None})
        self._pending = {}
        if self._dirty:
            self._dirty = False
            self.changed.emit()

    def action_done(self, plugin: dict, result: dict) -> None:
        """An action ran on ``plugin``: its outcome shows on the plugin's groups (and the footer)."""
        failed = result.get("error") is not None
        text = self.action_text(plugin, result)
        self.last_action, self.last_action_of = text, (plugin.get("id"), result.get("action"))
        self.update_items({item["id"]: {"outcome": text, "outcomeFailed": failed}
                           for item in self._items if item["pluginId"] == plugin.get("id")})
        self.changed.emit()

    def run_finished(self) -> None:
        self.flush()
        self._finished = True
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
        groups = [item for item in self._items if item["severity"] == "error"]
        if not groups:
            return ""
        instances: dict[str, bool] = {}
        for group in groups:
            for entry in group["all"]:
                instances.setdefault(entry["instanceId"], entry["isContext"])
        labels = {entry["instanceLabel"] for group in groups for entry in group["all"]}
        context = any(instances.values())
        others = sum(1 for is_context in instances.values() if not is_context)
        if len(instances) == 1:
            where = "the context" if context else next(iter(labels))
        else:
            where = plural(others, "instance") + (" and the context" if context else "")
        if len(groups) == 1:
            return "%s failed on %s" % (groups[0]["pluginLabel"], where)
        verbs = {group["verb"] for group in groups}
        noun = VERB_NOUNS.get(next(iter(verbs)), "plugin") if len(verbs) == 1 else "plugin"
        return "%s failed on %s" % (plural(len(groups), noun), where)

    # ------------------------------------------------------------------ counts

    @property
    def error_count(self) -> int:
        """Plugins that failed."""
        return sum(1 for item in self._items if item["severity"] == "error")

    @property
    def warning_count(self) -> int:
        """Warning (or louder) records of the pairs that did not fail."""
        return self._warnings

    @property
    def failed(self) -> bool:
        return self.error_count > 0

    def summary(self) -> str:
        """The page's headline."""
        if not self._op:
            return "Nothing has run yet. Validate to see a report."
        run = "Validation" if self._op == "validate" else "Publish"
        if not self._finished:
            return "%s running…" % run
        failed = self.failure_summary()
        if failed:
            return "%s: %s." % ("Validation found errors" if self._op == "validate" else "Publish finished with errors",
                                 failed)
        if self.warning_count:
            return "%s passed with %s." % (run, plural(self.warning_count, "warning"))
        return "%s passed: no errors, no warnings." % run

    def verdict(self) -> str:
        """One word for the page's colour: none (nothing ran), running, failed, warned or passed."""
        if not self._op:
            return "none"
        if self.error_count:
            return "failed"
        if not self._finished:
            return "running"
        return "warned" if self.warning_count else "passed"

    # ------------------------------------------------------------------ rows

    def _group(self, severity: str, plugin: dict) -> dict:
        """The row of (severity, plugin), made when it is the first: errors before warnings."""
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
               "actionCount": actions.rowCount(), "outcome": "",
               "outcomeFailed": False, "firstOfSeverity": False, "hiddenCount": 0, "all": []}
        at = len(self._items) if severity == "warning" else \
            sum(1 for item in self._items if item["severity"] == "error")
        self.beginInsertRows(QModelIndex(), at, at)
        self._items.insert(at, self._complete(row))
        self._reindex(at)
        self.endInsertRows()
        self.countChanged.emit()
        seen: set[str] = set()  # the first group of each severity carries its heading
        firsts = {}
        for item in self._items:
            firsts[item["id"]] = {"firstOfSeverity": item["severity"] not in seen}
            seen.add(item["severity"])
        self.update_items(firsts)
        return row

    def _on_plugins_changed(self, first: QModelIndex, last: QModelIndex, roles=()) -> None:
        """A plugin's status changed: the actions that apply follow (pyblish's ``on``)."""
        ids = {self._plugins.row_item(r)["id"] for r in range(first.row(), last.row() + 1)}
        self._follow([item for item in self._items if item["pluginId"] in ids])

    def _follow_all(self) -> None:
        self._follow(self._items)

    def _follow(self, groups: list[dict]) -> None:
        for item in groups:
            item["actions"].follow(self._plugins.item(item["pluginId"]))
        self.update_items({item["id"]: {"actionCount": item["actions"].rowCount()} for item in groups})


@QmlElement
@QmlUncreatable("made by the window models")
class ValidationReport(QObject):
    """The report as the page binds to it: the headline and counts, and the groups (a model).

    QML cannot read properties of list-model types with compiled bindings, so the counts live
    here, on a plain QObject."""

    changed = Signal()

    def __init__(self, groups: ReportModel, parent: QObject | None = None):
        super().__init__(parent)
        self._groups = groups
        groups.changed.connect(self.changed)
        groups.countChanged.connect(self.changed)

    @Property(ReportModel, constant=True, final=True)
    def groups(self) -> ReportModel:
        return self._groups

    @Property(int, notify=changed, final=True)
    def groupCount(self) -> int:
        return self._groups.rowCount()

    @Property(int, notify=changed, final=True)
    def errorCount(self) -> int:
        """Plugins that failed."""
        return self._groups.error_count

    @Property(int, notify=changed, final=True)
    def warningCount(self) -> int:
        """Warning (or louder) messages of the pairs that did not fail."""
        return self._groups.warning_count

    @Property(str, notify=changed, final=True)
    def summary(self) -> str:
        return self._groups.summary()

    @Property(str, notify=changed, final=True)
    def verdict(self) -> str:
        return self._groups.verdict()


def action_finished_text(plugins: PluginModel, report: ReportModel, event: Finished, failed: bool) -> str:
    """The footer after an action: which one, what it said, and what to do next."""
    plugin = plugins.item(event.plugin) or {}
    said = report.last_action if report.last_action_of == (event.plugin, event.action) else ""
    text = said or "%s %s." % (ReportModel.action_label(plugin, event.action), "failed" if failed else "done")
    if not text.endswith((".", "!", "?")):
        text += "."
    if failed:
        return text + " See its error in the terminal."
    return text if "validate again" in text.lower() else text + " Validate again to check."
