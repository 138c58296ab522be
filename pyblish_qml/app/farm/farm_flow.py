"""Publish with instances marked for the farm: validate here, then hand off and publish the rest.

Mixed into :class:`~pyblish_qml.app.controller.Controller` (as :mod:`..helper_answers` is): when
Publish (or "Publish on farm") starts and some toggled instances are marked for the farm, the
controller validates everything here first; when that validation passes, the marked instances
are handed off (:meth:`~.farm_panel.FarmPanel.hand_off`, on its own thread) and, for Publish, once
the host has saved the scene as validated (before the local Publish can change it), the others
publish here in a Publish whose toggles leave the marked ones off (it validates them
again: a new set of toggles is a new run, docs/semantics.md). The farm's pairs go into that
Publish's run, so the record shows one run with both (the validation's run when nothing
publishes here). Validation failing hands off nothing. Without marked instances Publish is
exactly what it was. After each collection the panel looks for a bundle of this scene the farm
went on with while the window was closed (pick-up).

The run that handed off is not over when its local part is: as the farm reports, its tally goes
into the run's progress (:attr:`RunProgress.farm`), so the bar's colour, the footer's sentence
and the Report's headline say how the farm does ("Published here; 1 of 3 failed on the farm.",
app/farm/farm_verdict.py) until another run starts.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine import jobs
from ...engine.events import Finished
from ..live.state import State
from ..report.report_sentences import RunEnd
from .farm_panel import FarmPanel
from .farm_report import FarmReport
from .farm_watch import FarmUpdate, PickedUp

if TYPE_CHECKING:
    from ...engine.runner import Runner
    from ..history.history import HistoryView
    from ..hosts.host_switching import HostSwitcher
    from ..lists.models import InstanceModel, PluginModel
    from ..live.run_progress import RunProgress
    from ..live.run_status import RunStatus
    from ..overview.instance_layout import InstanceLayout
    from ..overview.toggles import Toggles
    from ..window_models import WindowModels


class FarmFlow:
    """Mixed into the controller, which owns every attribute named here."""

    runner: Runner
    switcher: HostSwitcher
    toggles: Toggles
    _status: RunStatus
    run: RunProgress
    _models: WindowModels
    _instances: InstanceModel
    _plugins: PluginModel
    _layout: InstanceLayout
    _farm_report: FarmReport
    _history: HistoryView
    _farm: FarmPanel | None = None
    _farm_next: tuple[str, list[str]] | None = None  # after this validation: ("publish" | "farm", ids)
    _farm_here: jobs.Publish | None = None  # the local Publish, once the hand-off has saved the scene
    _farm_only = False  # the last hand-off published nothing here ("Publish on farm", or all marked)

    @property
    def farm_panel(self) -> FarmPanel:
        """The window's farm (made on first use, owned by the controller)."""
        if self._farm is None:
            self._farm = FarmPanel(self, self)  # type: ignore[arg-type]
            self._farm.finished.connect(lambda text: self.notify.emit("Farm", text))  # type: ignore[attr-defined]
            self._farm.resultsArrived.connect(self._history.refresh_live_timeline)  # farm lanes fill as they report
            self._farm.proceed.connect(self._farm_proceed)
            self._farm.changed.connect(self._farm_follow)
            self._farm.handedOff.connect(self._farm_handed_off)
            self._farm.pickedUp.connect(self._farm_picked_up)
            self._farm.reported.connect(self._farm_reported)
            self._models.report_model.farm_of = lambda: self.run.farm  # the headline says the farm's part too
            self._farm_report = FarmReport(self._models.report_model, self._plugins.item,
                                           lambda i: self._instances.item(i or self._layout.context_id))
        return self._farm

    def farm_publish(self) -> None:
        """"Publish on farm": validate here, then hand off every marked instance; nothing runs here."""
        if self._status.canPublish:
            self._validate_for_farm("farm")

    def _validate_for_farm(self, then: str) -> bool:
        """Some toggled instances are marked for the farm: validate everything first (True)."""
        marked = self.farm_panel.marked(self.toggles.current()["instances"]) if self.switcher.live() else []
        if not marked:
            return False
        self._farm_next = (then, marked)
        self._start("validate", State.Validating)  # type: ignore[attr-defined]
        self.runner.submit(jobs.Validate(self.switcher.port, self.toggles.current()))
        return True

    def _farm_run_finished(self, event: Finished) -> None:
        """After a collection: the instances' farm defaults; after the farm's validation: the hand-off."""
        if event.op == "reset":
            rows = self._instances.items()
            self.farm_panel.know([row for row in rows if not row.get("isContext")])
            context = next((row for row in rows if row.get("isContext")), {})
            self.farm_panel.pick_up(str((context.get("data") or {}).get("currentFile") or ""))  # a reopened window
        elif event.op == "validate" and self._farm_next is not None:
            then, marked = self._farm_next
            self._farm_next = None
            if event.failed or event.stopped:
                self.notify.emit("Farm", "Validation failed: nothing was handed off to the farm.")  # type: ignore
                return
            toggles = self.toggles.current()
            toggles["instances"] = {i: on and i not in marked for i, on in toggles["instances"].items()}
            here = then == "publish" and any(toggles["instances"].values())
            if here:  # the Publish starts once the host has saved the scene (_farm_proceed)
                self._farm_here = jobs.Publish(self.switcher.port, toggles)
                self._start("publish", State.Validating)  # type: ignore[attr-defined]
            self.farm_panel.hand_off(marked, publish_here=here)  # the farm's pairs go into the run started here
            self.run.farm = self.farm_panel.tally()  # this run's farm part, until another run starts
            self._farm_only = not here
            self._farm_follow()  # nothing publishes here: say where the publish went (not "Ready to publish")

    def _farm_handed_off(self, bundle: str) -> None:
        """"Publish on farm" handed off: that was the publish — as after one here, Reset is next
        (Publish again would hand the same instances off twice)."""
        if self._farm_only and self.run.farm is not None and self._status.state == State.Ready:
            self.run.published = True
            self._status.refresh()

    def _farm_follow(self) -> None:
        """The farm changed: the run that handed off says so — the bar, the footer, the headline."""
        if self.run.farm is None:
            return  # another run started since (or this one handed nothing off)
        self.run.farm = self.farm_panel.tally()
        self._models.report_model.farm_changed()
        self._status.progressChanged.emit()
        if self._status.state == State.Ready:
            self.run.outcome_text = self._models.report_model.sentence()
            self._status.say(self.run.outcome_text)

    def _farm_reported(self, update: FarmUpdate) -> None:
        """The farm's pairs go onto the Report of the run that handed them off (not another run's; an
        action is no run: they go on while it runs — the watcher tells each look only once)."""
        if self.run.farm is not None:
            self._farm_report.take(update.bundle, update.pairs)

    def _farm_picked_up(self, found: PickedUp) -> None:
        """A reopened window follows the bundle again: when nothing has run since the collection, the
        run on screen is the one that handed it off — its bar, footer and headline say the farm's part."""
        if found.op not in ("validate", "publish") or self.run.last_op not in (None, "reset"):
            return
        if self._status.state != State.Ready:
            return
        report = self._models.report_model
        report.clear(found.op)
        report.run_finished(RunEnd(found.op, failed=found.failed))
        self.run.farm = self.farm_panel.tally()

    def _farm_proceed(self) -> None:
        """The hand-off saved the scene (or gave up): the others publish here now, in the farm's run."""
        job, self._farm_here = self._farm_here, None
        if job is not None:
            self.runner.submit(job)

    def _farm_shutdown(self) -> None:
        if self._farm is not None:
            self._farm.shutdown()
