"""The controller: the window's state and the commands it calls (docs/protocol.md, "States").

It owns the models the window shows and orchestrates the :class:`~.runner.Runner` (which talks
to hosts on its own thread). Its helpers each do one job: :class:`~.event_pump.EventPump` drains
runner events in batches and :class:`~.folding.EventFolder` folds them into the models;
:class:`~.host_switching.HostSwitcher` decides whose run is shown; :class:`~.run_status.RunStatus`
holds the state and what may start; where instance rows go is
:class:`~.instance_layout.InstanceLayout`'s job. Buttons, shortcuts and the control API all end
up in the slots here; a run already in flight is never started twice. QML reaches it as the
``Controller`` singleton of the ``Pyblish`` module.

Thread: GUI thread only. ``state_snapshot`` may be read from any thread.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QJSEngine, QmlElement, QmlSingleton

from ..engine import jobs
from ..engine.events import Finished
from ..engine.pairs import USER_STOP
from ..engine.runner import Runner
from .farm.farm_flow import FarmFlow
from .helper_answers import HelperAnswers
from .history.history import HistoryView
from .hosts.host_presence import HostPresence
from .hosts.host_switching import HostSwitcher
from .live.event_pump import EventPump
from .live.folding import EventFolder
from .live.run_progress import RunProgress
from .live.run_status import RunStatus
from .live.scene_watch import SceneWatch
from .live.state import State
from .options.options_panel import OptionsPanel
from .overview.toggles import Toggles
from .shell.preferences import Preferences, UserPreferences
from .shell.settings import WindowSettings
from .window_models import WindowModels

if TYPE_CHECKING:
    from ..record.recorder import Recorder

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)



@QmlElement
@QmlSingleton
class Controller(HelperAnswers, FarmFlow, QObject):
    hostChanged = Signal()
    commentChanged = Signal()
    settingsChanged = Signal()
    hostsChanged = Signal()
    modelsChanged = Signal()  # a past run is shown instead of the live host, or no longer

    showRequested = Signal()
    quitRequested = Signal()
    notify = Signal(str, str)  # title, text: for the tray and the log
    actionFinished = Signal(str, str, bool)  # plugin id, action id, success
    reportRequested = Signal()  # a validation or publish failed: the window shows its report

    _current: Controller | None = None  # what the QML singleton resolves to (see create)

    def __init__(self, registry=None, parent: QObject | None = None, timeout: float | None = None,
                 preferences: Preferences | None = None, control_port: int = 0):
        super().__init__(parent)
        self.registry = registry
        self.control_port = control_port
        self.settings = WindowSettings()
        self.run = RunProgress()
        self.recorder: Recorder | None = None  # the run history (record/recorder.py): the application sets it
        self._preferences = UserPreferences(preferences, self._hidden_sections, self)
        self._models = WindowModels(self, self, farm=lambda: self.farm_panel)
        self._instances = self._models.instance_model
        self._plugins = self._models.plugin_model
        self._terminal = self._models.terminal_model
        self._layout = self._models.layout
        self.hostsChanged.connect(self._list_hosts)

        self.switcher = HostSwitcher(self, preferences, control_port, self)  # whose run: app/hosts/
        self.switcher.hostChanged.connect(self.hostChanged)
        self.switcher.hostsChanged.connect(self.hostsChanged)
        self.switcher.showRequested.connect(self.showRequested)
        self.switcher.notify.connect(self.notify)
        self._presence = self.switcher.presence
        self._comment = ""
        self.visible = False  # the window is shown (a host asking to publish again then collects)
        self.state_lock = threading.RLock()  # held while a drain changes what state() reports
        self._history = HistoryView(self, self)
        self._history.pastChanged.connect(self._past_changed)
        self._status = RunStatus(self.run, self, self)
        self._presence.changed.connect(self._status.refresh)
        self.scene_watch = SceneWatch(self._status, self, self)  # stale validation (app/live/scene_watch.py)
        self.toggles = Toggles(self._instances, self._plugins, self, self)
        self.toggles.toggled.connect(self._after_toggle)
        self._folder = EventFolder(self._instances, self._plugins, self._terminal, self._layout, self.run, self,
                                   self._models.report_model)

        self.options_panel = OptionsPanel(self, self._models, self._status, self.toggles, self)  # app/options/
        self.pump = EventPump(self, self._folder, self._models.overview, self)  # runner events into the models
        self.pump.answered.connect(self._host_answered)
        self.pump.drained.connect(self._status.progressChanged)
        self.runner = Runner(self.pump.wake.emit, timeout=timeout)
        levels = self._preferences.terminal_levels()
        if levels is not None:
            self._models.terminal.levels = levels
            self._models.terminal.levelsChanged.connect(self._save_terminal_levels)

    @staticmethod
    def current() -> Controller:
        """The controller the window shows (see :meth:`expose`)."""
        controller = Controller._current
        if controller is None:
            raise RuntimeError("no controller: make one and call expose() before loading the QML")
        return controller

    @staticmethod
    def create(engine) -> Controller:
        """The QML singleton: the controller the application made for the window's engine."""
        return Controller.current()

    def expose(self) -> None:
        """Make this the controller QML's ``Controller`` singleton resolves to (before loading)."""
        QJSEngine.setObjectOwnership(self, QJSEngine.ObjectOwnership.CppOwnership)  # the engine must not delete it
        Controller._current = self

    # ------------------------------------------------------------------ properties for QML

    @Property(WindowModels, notify=modelsChanged, final=True)
    def models(self) -> WindowModels:
        """The models and views the window binds to: the live host's, or a past run's."""
        return self._history.shown_models() or self._models

    @Property(HistoryView, constant=True, final=True)
    def history(self) -> HistoryView:
        """The run history, past runs shown read-only, report files, the timeline."""
        return self._history

    def _past_changed(self) -> None:
        self.modelsChanged.emit()
        self._status.stateChanged.emit()  # what may start follows viewingPast

    @Property(UserPreferences, constant=True, final=True)
    def preferences(self) -> UserPreferences:
        return self._preferences

    @Property(RunStatus, constant=True, final=True)
    def status(self) -> RunStatus:
        """The run state, its message, what may start now and the progress."""
        return self._status

    @Property(SceneWatch, constant=True, final=True)
    def scene(self) -> SceneWatch:
        return self.scene_watch

    @Property(OptionsPanel, constant=True, final=True)
    def options(self) -> OptionsPanel:  # what the artist sets before publishing (app/options/)
        return self.options_panel

    @Property(HostPresence, constant=True, final=True)
    def presence(self) -> HostPresence:
        """The shown host's name, whether it has gone or is busy; notices about other hosts."""
        return self._presence

    @Property(int, notify=hostChanged, final=True)
    def host(self) -> int:
        return self.switcher.port or 0

    @Property(str, notify=commentChanged, final=True)
    def comment(self) -> str:
        return self._comment

    @Property(bool, notify=commentChanged, final=True)
    def hasComment(self) -> bool:
        return self.run.has_comment

    @Property(str, notify=settingsChanged, final=True)
    def windowTitle(self) -> str:
        return self.settings.values["WindowTitle"]

    @Property(str, notify=settingsChanged, final=True)
    def contextLabel(self) -> str:
        return self.settings.values["ContextLabel"]

    @Property(int, constant=True, final=True)
    def controlPort(self) -> int:
        """The port hosts call (shown while waiting for one)."""
        return self.control_port

    def _hidden_sections(self) -> list[str]:
        return list(self.settings.values["HiddenSections"])

    # ------------------------------------------------------------------ state

    @property
    def run_state(self) -> State:
        return self._status.state

    def enter(self, state: State, message: str | None = None) -> None:
        if self._presence.gone and state is not State.Dead:
            state = State.Dead  # a run's last word about a host that has gone: still a record only
        self._status.enter(state, message)  # the snapshot follows its stateChanged

    def set_visible(self, visible: bool) -> None:
        self.visible = visible

    # ------------------------------------------------------------------ hosts (app/hosts/host_switching.py)

    def show_host(self, port: int, settings: dict | None) -> None:
        """A host called ``show`` (the control API, the tray, the demo): see HostSwitcher."""
        self.switcher.show_host(port, settings)

    def apply_host_settings(self, settings: dict) -> None:
        """The settings a host sent with ``show``: the window, heartbeats, collapsed sections."""
        for warning in self.settings.apply(settings, fresh=True):  # one host's settings never stick to the next
            log.warning(warning)
        self.settingsChanged.emit()
        self._preferences.changed.emit()  # the collapsed sections follow HiddenSections until chosen
        self._models.sections_changed()
        self.options_panel.apply_settings(self.settings.values)
        if self.registry is not None:
            self.registry.interval = self.settings.values["HeartbeatInterval"]
            self.registry.timeout = self.settings.values["HeartbeatTimeout"]

    # ------------------------------------------------------------------ commands

    @Slot()
    def reset(self) -> None:
        if not self._status.canReset:
            return
        self._start("reset", State.Initialising)
        self.runner.submit(jobs.Reset(self.switcher.port))

    @Slot()
    def validate(self) -> None:
        if not self._status.canValidate:
            return
        self._start("validate", State.Validating)
        self.runner.submit(jobs.Validate(self.switcher.port, self.toggles.current()))

    @Slot()
    def publish(self) -> None:
        if (not self._status.canPublish or not self.options_panel.rule.satisfied  # app/options/comments.py
                or not self.scene_watch.clear_to_publish(self.run)  # app/live/scene_watch.py
                or self._validate_for_farm("publish")):  # app/farm/farm_flow.py
            return
        self._start("publish", State.Validating)
        self.runner.submit(jobs.Publish(self.switcher.port, self.toggles.current()))

    @Slot()
    def stop(self) -> None:
        if self._status.canStop:
            self.runner.stop()
            self.enter(State.Stopping)

    @Slot(str, str)
    def runAction(self, plugin_id: str, action_id: str) -> None:
        if not self._status.canToggle or self._history.viewingPast:
            return
        self._start("act", State.Acting)
        self.runner.submit(jobs.Act(self.switcher.port, plugin_id, action_id))

    # Partial runs (engine/partial.py; docs/semantics.md, "Partial runs"): never a util.publish().

    @Slot(str, "QStringList")
    def runPlugin(self, plugin_id: str, instance_ids: list) -> None:
        """Run one plugin on these instances (none given: every compatible one toggled on)."""
        self.runPlugins([plugin_id], instance_ids)

    @Slot("QStringList", "QStringList")
    def runPlugins(self, plugin_ids: list, instance_ids: list) -> None:
        """Run these plugins, in pyblish's order, on these instances (none: every compatible ticked one)."""
        if self._status.canRunPartial and plugin_ids:
            self._start("plugin" if len(plugin_ids) == 1 else "plugins", State.Validating)
            self.runner.submit(jobs.RunPlugins(self.switcher.port, self.toggles.current(),
                                               tuple(str(i) for i in plugin_ids), tuple(str(i) for i in instance_ids)))

    @Slot()
    def rerunFailed(self) -> None:
        """Run again exactly the pairs that failed in the last run."""
        if self._status.canRerunFailed:
            wanted = list(self.run.failed_pairs)
            self._start("rerun", State.Validating)
            self.runner.submit(jobs.Rerun(self.switcher.port, self.toggles.current(), tuple(wanted)))

    @Slot("QStringList")
    def sanityCheck(self, plugin_ids: list) -> None:
        """Run these validators (none given: every toggled validator), nothing else, no extraction."""
        if self._status.canRunPartial:
            self._start("sanity", State.Validating)
            self.runner.submit(jobs.Sanity(self.switcher.port, self.toggles.current(),
                                           tuple(str(i) for i in plugin_ids)))

    @Slot(str)
    def setComment(self, text: str) -> None:
        if text == self._comment:
            return
        self._comment = text
        self.options_panel.rule.follow(text)
        self.commentChanged.emit()
        if self.switcher.live():
            self.runner.submit(jobs.Comment(self.switcher.port, text))

    def _after_toggle(self, instances: bool) -> None:
        self.run.validated = False
        if instances:
            self._folder.update_compatibility()

    # ------------------------------------------------------------------ runs

    def _start(self, op: str, state: State) -> None:
        self.options_panel.before_run(op)  # the artist's option values reach the host before the run's job
        self.run.start(op)
        self._status.progressChanged.emit()
        self.enter(state)

    def run_finished(self, event: Finished) -> None:
        """What follows a run: an action's signal; after a reset, the comment and auto-runs."""
        if event.op == "act":
            self.actionFinished.emit(event.plugin or "", event.action or "", not event.failed)
        if event.op in ("validate", "publish") and event.stopped != USER_STOP and self._models.report_model.failed:
            self.reportRequested.emit()
        self._farm_run_finished(event)
        if event.op != "reset":
            return
        data = (self._instances.item(self._layout.context_id) or {}).get("data") or {}
        if data.get("hostName"):  # collectors may have set the scene file (currentFile)
            self.host_named(str(data["hostName"]), str(data.get("currentFile") or ""))
        if self._comment and (self.run.has_comment or self.options_panel.rule.active):
            self.runner.submit(jobs.Comment(self.switcher.port, self._comment))  # the comment survives a reset
        if self.settings.values.get("autoPublish"):
            self.publish()
        elif self.settings.values.get("autoValidate"):
            self.validate()

    def host_order(self) -> list[str]:
        """Instance ids in the host's order (the model groups them by category)."""
        return self._layout.host_order()

    def shutdown(self) -> None:
        self._farm_shutdown()
        self.runner.shutdown()
        if Controller._current is self:
            Controller._current = None
