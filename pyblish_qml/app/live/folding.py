"""Runner events folded into the models: one drain of events, as few model updates as possible.

:class:`EventFolder` knows what each event of :mod:`.events` means for the rows (status,
outcome, terminal entries, instances added or regrouped) and for the run's progress
(:class:`RunProgress`). What the *window* does next — the state it enters, what runs after a
reset — it leaves to its :class:`RunListener` (the controller). An event of an unknown kind is
a ``TypeError``.

Thread: GUI thread only.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from ...engine import events as ev
from ...engine import pairs
from ...record.outcomes import verdict
from ..lists.models import InstanceModel, PluginModel, fresh_status
from ..overview.instance_layout import InstanceLayout
from ..overview.never_runs import never_reasons
from ..report.report_model import ReportModel
from ..terminal.terminal_model import TerminalModel
from .batch import Batch
from .pair_ledger import PairLedger
from .rows import add_outcome, error_extra, plugin_row
from .run_progress import RunProgress
from .run_sentences import finished_text, run_end
from .state import State, phase

START_MESSAGES = {"reset": "Resetting…", "validate": "Validating…", "publish": "Publishing…",
                  "act": "Running action…", "plugin": "Running one plugin…",
                  "plugins": "Running the selected plugins…", "rerun": "Re-running what failed…",
                  "sanity": "Sanity check: running the chosen validators…"}
PARTIAL = frozenset({"plugin", "plugins", "rerun", "sanity"})  # deliberately partial runs (engine/partial.py)
RUNS_IN_PHASES = PARTIAL | {"validate", "publish"}  # the state follows the plugin's order


class RunListener(Protocol):
    """What the folder asks of the controller."""

    @property
    def run_state(self) -> State: ...

    def enter(self, state: State, message: str | None = None) -> None: ...

    def host_named(self, name: str, file: str) -> None: ...

    def comment_key_changed(self) -> None: ...

    def run_finished(self, event: ev.Finished) -> None: ...

    def context_label(self) -> str: ...  # what the Context row is called (the host's ContextLabel)


RECORDS_PER_STEP = 500  # terminal entries one fold step makes (~5 ms): a chatty pair spans several drains
TRIM_AFTER_RECORDS = 20000  # after this many records, hand freed heap back to the system


@dataclass(frozen=True)
class _MoreRecords:
    """The rest of a chatty pair's records, folded in steps so one drain stays short."""

    port: int
    records: list
    start: int
    plugin: dict
    instance: dict
    error: dict | None = None  # the pair's error, entered after its records



class EventFolder:
    def __init__(self, instances: InstanceModel, plugins: PluginModel, terminal: TerminalModel,
                 layout: InstanceLayout, progress: RunProgress, listener: RunListener,
                 report: ReportModel | None = None):
        self._instances = instances
        self._plugins = plugins
        self._terminal = terminal
        self._layout = layout
        self.progress = progress
        self._listener = listener
        self.report = report if report is not None else ReportModel(plugins)
        self.ledger = PairLedger()  # the latest verdict of each pair: the rows' statuses
        self._entry_ids = itertools.count(1)
        self._handlers = {
            ev.Started: self._started, ev.TotalKnown: self._total, ev.Collected: self._collected,
            ev.Processing: self._processing, ev.PairDone: self._pair_done, ev.Compatibility: self._compatibility,
            ev.Finished: self._finished, ev.HostUnreachable: self._host_unreachable, ev.JobFailed: self._job_failed,
            _MoreRecords: self._more_records,
        }
        self._pending: deque = deque()  # events a time-bounded fold left for the next one
        self._records_since_trim = 0

    @property
    def pending(self) -> bool:
        """Events wait for the next fold (the last one ran out of its time budget)."""
        return bool(self._pending)

    def fold(self, events: list[ev.Event], current_host: int | None, budget: float | None = None) -> None:
        """Fold a drain of events into the models; events of other hosts only end their run.

        With a ``budget`` (seconds) the fold stops once it is spent and keeps the rest, in
        order, for the next call (see :attr:`pending`): the GUI thread renders in between."""
        pending = self._pending
        pending.extend(events)
        deadline = None if budget is None else time.perf_counter() + budget
        batch = Batch(self._instances, self._plugins, self._terminal, self._entry_ids)
        handlers = self._handlers
        while pending:
            event = pending.popleft()
            handler = handlers.get(type(event))
            if handler is None:
                raise TypeError("unknown runner event %r" % (event,))
            if event.port != current_host and not isinstance(event, ev.ENDS_A_RUN):
                continue
            if type(event) is ev.Processing and pending and type(pending[0]) is ev.PairDone \
                    and pending[0].result.get("plugin") == event.plugin:
                # its result is here too: no "processing" to show, but what a start means still holds
                self._refresh_partial(event.plugin, event.instance or self._layout.context_id, batch)
                self._enter_phase(event.plugin)
            else:
                handler(event, batch)
            if deadline is not None and time.perf_counter() > deadline:
                break
        batch.flush()
        self.report.flush()

    def take_trim(self) -> bool:
        """Many records went in since the last call and the drain is done: time to give the
        heap their reply used back (:func:`trim_heap`, once the reply is let go of)."""
        if self._records_since_trim >= TRIM_AFTER_RECORDS and not self._pending:
            self._records_since_trim = 0
            return True
        return False

    def update_compatibility(self) -> None:
        """Grey out plugins left with no toggled compatible instance, each with why it will not run."""
        instances, compat = self._instances.items(), self.progress.compat
        data = (self._instances.item(self._layout.context_id) or {}).get("data") or {}
        self._plugins.update_items(never_reasons(self._plugins.items(), instances, compat, data))

    # ------------------------------------------------------------------ one handler per event

    def _started(self, event: ev.Started, batch: Batch) -> None:
        self.report.run_started(event.op, event.continues)
        if event.op == "act":
            plugin = self._plugins.item(event.plugin) or {}
            text = "Running %s of %s…" % (ReportModel.action_label(plugin, event.action), plugin.get("label", "plugin"))
            batch.entry("message", 20, text)
            self._listener.enter(State.Acting, text)
            return
        self.progress.total = event.total
        if event.op not in ("act", "reset") and not event.continues:
            self.progress.failed_pairs = []  # a new run: "failed last run" means this one's
        if event.op in ("validate", "publish") and not event.continues:
            # A fresh run: forget earlier outcomes of what runs after collection.
            batch.flush()
            self.ledger.clear()
            self._plugins.update_items({p["id"]: fresh_status() for p in self._plugins.items()
                                        if p["verb"] != "Collect"})
            self._instances.update_items({i["id"]: fresh_status() for i in self._instances.items()})
        batch.entry("message", 20, START_MESSAGES.get(event.op, event.op))

    def _total(self, event: ev.TotalKnown, batch: Batch) -> None:
        self.progress.total = event.total

    def _collected(self, event: ev.Collected, batch: Batch) -> None:
        batch.discard_rows()
        self._terminal.clear()
        self.report.clear()
        progress = self.progress
        progress.validated = progress.published = progress.failed = progress.stale = False
        progress.stale_why, progress.compat, progress.failed_pairs, progress.outcome_text = "", {}, [], ""
        self.ledger.clear()
        data = event.context["data"]
        if data.get("hostName"):
            self._listener.host_named(str(data["hostName"]), str(data.get("currentFile") or ""))
        progress.has_comment = "comment" in event.context["data"]
        self._layout.reset(event.context, self._listener.context_label())
        verbs: dict[str, int] = {}
        self._plugins.reset_items([plugin_row(p, verbs.setdefault(p["verb"], len(verbs))) for p in event.plugins])
        progress.plugins_found, progress.load_failures = self.report.discovery.collected(data, event.plugins)
        self._listener.comment_key_changed()

    def _processing(self, event: ev.Processing, batch: Batch) -> None:
        plugin_id, instance_id = event.plugin, event.instance or self._layout.context_id
        previous_plugin, previous_instance = self.progress.processing
        if previous_plugin:
            batch.plugin(previous_plugin)["isProcessing"] = False
        if previous_instance:
            batch.instance(previous_instance)["isProcessing"] = False
        self._refresh_partial(plugin_id, instance_id, batch)
        batch.plugin(plugin_id)["isProcessing"] = True
        batch.instance(instance_id)["isProcessing"] = True
        self.progress.processing = (plugin_id, instance_id)
        plugin = self._plugins.item(plugin_id)
        instance = self._instances.item(instance_id)
        self.progress.pair_started = time.monotonic()
        self.progress.pair_label = "%s on %s" % ((plugin or {}).get("label", "plugin"),
                                                 (instance or {}).get("label", "the context"))
        self.progress.pair_text = "Running " + self.progress.pair_label
        self._enter_phase(plugin_id)

    def _refresh_partial(self, plugin_id: str, instance_id: str, batch: Batch) -> None:
        """A partial run shows its own outcome: what it runs starts afresh (a re-run that
        passes turns green), the instance rows too for a re-run (every failure runs again)."""
        if self.progress.op not in PARTIAL:
            return
        refresh = [batch.plugin(plugin_id)] if plugin_id not in self.progress.touched else []
        if self.progress.op == "rerun" and instance_id not in self.progress.touched:
            refresh.append(batch.instance(instance_id))
        self.progress.touched.update((plugin_id, instance_id))
        for update in refresh:
            update.update(fresh_status())

    def _enter_phase(self, plugin_id: str) -> None:
        plugin = self._plugins.item(plugin_id)
        state = self._listener.run_state
        if plugin is not None and self.progress.op in RUNS_IN_PHASES and state != State.Stopping:
            now = phase(plugin["order"])
            if now != state:
                self._listener.enter(now)

    def _pair_done(self, event: ev.PairDone, batch: Batch) -> None:
        result = event.result
        progress = self.progress
        if not result.get("action"):
            progress.done += 1
        self._apply_changes(result, batch)

        plugin_id = result["plugin"]
        instance_id = result.get("instance") or self._layout.context_id
        lost = bool(result.get("replyLost"))  # it may have run in the host: unknown, never failed
        failed = result.get("error") is not None and not lost
        records = result.get("records") or ()
        warned = bool(records) and max((r.get("levelno") or 0) for r in records) >= 30
        progress.processing = (None, None)
        progress.pair_text = progress.pair_label = ""
        if not result.get("action"):  # a row's status: the latest verdicts of its pairs (a re-run replaces)
            self.ledger.put(plugin_id, instance_id, verdict(result), warned)
        for update, current, status in ((batch.plugin(plugin_id), self._plugins.item(plugin_id),
                                         self.ledger.plugin_status(plugin_id)),
                                        (batch.instance(instance_id), self._instances.item(instance_id),
                                         self.ledger.instance_status(instance_id))):
            if current is not None:
                add_outcome(update, current, failed, warned, result.get("duration") or 0.0, lost, event.ended)
                if not result.get("action"):
                    update.update(status)

        plugin = self._plugins.item(plugin_id) or {}
        instance = self._instances.item(instance_id) or {}
        if lost:
            progress.lost = "The reply of %s on %s was lost: it may have run in the host; it was not run again." % (
                plugin.get("label", "a plugin"), instance.get("label", "the context"))
            batch.entry("message", 30, progress.lost, None, plugin, instance)
        self.report.pair_done(plugin, instance, result)
        if result.get("action"):
            label = ReportModel.action_label(plugin, result["action"])
            batch.entry("message", 20, "%s: %s %s" % (plugin.get("label"), label, "failed" if failed else "done"))
        progress.run_warned = progress.run_warned or warned
        if failed:
            progress.failed = True
            if not progress.run_failed:
                progress.run_failed = True
                progress.failed_phase = phase(plugin.get("order", 0.0))
        if len(records) > RECORDS_PER_STEP:  # the rest, and the error, in the next steps
            self._records_since_trim += len(records)
            self._pending.appendleft(_MoreRecords(event.port, records, 0, plugin, instance, result.get("error")))
            return
        for record in records:
            batch.entry("record", record.get("levelno") or 20, record.get("message") or "", record,
                        plugin, instance)
        if failed:
            batch.entry("error", 40, result["error"].get("message") or "error", error_extra(result["error"]),
                        plugin, instance)

    def _apply_changes(self, result: dict, batch: Batch) -> None:
        """What the pair changed in the host's Context: instances added, removed, reordered, data."""
        progress = self.progress
        summary = result.get("summary") or {}
        changes = result.get("changes") or {}
        if summary.get("added") or summary.get("removed") or summary.get("reordered"):
            batch.flush()
            self._layout.apply_structure(changes)
        regroup, context_comment = self._layout.apply_data_changes(changes, batch)
        if regroup:
            batch.flush()
            self._layout.regroup()
        if context_comment and not progress.has_comment:
            progress.has_comment = True
            self._listener.comment_key_changed()

    def _more_records(self, event: _MoreRecords, batch: Batch) -> None:
        plugin, instance = event.plugin, event.instance
        stop = event.start + RECORDS_PER_STEP
        for record in event.records[event.start:stop]:
            batch.entry("record", record.get("levelno") or 20, record.get("message") or "", record,
                        plugin, instance)
        if stop < len(event.records):
            self._pending.appendleft(_MoreRecords(event.port, event.records, stop, plugin, instance, event.error))
        elif event.error is not None:
            batch.entry("error", 40, event.error.get("message") or "error", error_extra(event.error),
                        plugin, instance)
        batch.flush()  # the step's rows go in now, so its cost counts against the drain's budget

    def _compatibility(self, event: ev.Compatibility, batch: Batch) -> None:
        batch.flush()
        self.progress.compat = event.plugins
        self.update_compatibility()

    def _finished(self, event: ev.Finished, batch: Batch) -> None:
        op, stopped, failed = event.op, event.stopped, event.failed
        progress = self.progress
        batch.flush()
        if progress.processing != (None, None):
            plugin_id, instance_id = progress.processing
            self._plugins.update_items({plugin_id: {"isProcessing": False}})
            self._instances.update_items({instance_id: {"isProcessing": False}})
            progress.processing = (None, None)
        progress.stopped = bool(stopped)
        report = self.report
        report.run_finished(run_end(event, progress))  # its sentence: the footer's and the headline's
        if op not in ("act", "reset"):  # the run's outcome is the state of every pair, whatever its shape
            progress.run_failed, progress.run_warned = report.failed, bool(report.warning_count)
            context_id = self._layout.context_id  # (a lost reply is never failing: it may have run)
            progress.failed_pairs = [(p, None if i == context_id else i) for p, i in report.failing_pairs()]
        text = finished_text(event, progress, report, len(self._instances.items()) - 1)
        if not failed and not stopped and op in ("validate", "publish"):
            progress.validated = progress.validated or op == "validate"
            progress.published = progress.published or op == "publish"
        if op == "reset":
            # An instance collector "passing" on some instances is no verdict on them: after
            # collection every instance reads as not yet checked, unless collection failed or warned.
            self._instances.update_items({i["id"]: {"processed": False, "succeeded": False}
                                          for i in self._instances.items() if not i["hasError"]
                                          and not i["hasWarning"]})
        trouble = (failed or stopped) and stopped != pairs.USER_STOP  # a Stop the user asked for is information
        batch.entry("message", 40 if trouble and op != "reset" else 20, text)
        batch.flush()
        if op != "act":
            progress.outcome_text = text
        progress.op = None
        self._listener.enter(State.Ready, text)
        self._listener.run_finished(event)

    def _host_unreachable(self, event: ev.HostUnreachable, batch: Batch) -> None:
        batch.flush()
        if self.progress.processing != (None, None):  # the pair in flight never finished
            plugin_id, instance_id = self.progress.processing
            self._plugins.update_items({plugin_id: {"isProcessing": False}})
            self._instances.update_items({instance_id: {"isProcessing": False}})
            self.progress.processing = (None, None)
        self.progress.pair_text = self.progress.pair_label = ""
        message = event.message
        if event.reply_lost:
            self.progress.stale = True
            message = "Stopped: %s Reset to collect again." % (self.progress.lost or "a reply from the host was lost.")
            batch.entry("message", 30, message, {"excText": event.message})
        else:
            batch.entry("error", 40, message)
        batch.flush()
        self.progress.op = None
        self._listener.enter(State.Ready, message)

    def _job_failed(self, event: ev.JobFailed, batch: Batch) -> None:
        batch.entry("error", 40, event.message, {"excText": event.traceback})
        batch.flush()
        self.report.interrupt(event.message)  # the Report says the run did not finish, not "running…"
        self.progress.mark_stale(event.message if event.host_reset else "")  # the host's ids are new: reset first
        self.progress.op = None
        self._listener.enter(State.Ready, event.message)
