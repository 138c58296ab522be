"""The controller: the window's state and the commands it calls (docs/protocol.md, "States").

It owns the models the window shows and orchestrates the :class:`~.runner.Runner` (which talks
to hosts on its own thread). Runner events arrive in batches, at most ~60 a second, and
:class:`~.folding.EventFolder` folds them into the models; where instance rows go is
:class:`~.instance_layout.InstanceLayout`'s job. Buttons, shortcuts and the control API all end
up in the slots here; a run already in flight is never started twice. QML reaches it as the
``Controller`` singleton of the ``Pyblish`` module.

Thread: GUI thread only. ``state_snapshot`` may be read from any thread.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QJSEngine, QmlElement, QmlSingleton

from ..pairs import USER_STOP
from .events import Finished
from .folding import EventFolder, RunProgress, trim_heap
from .history import HistoryView
from .host_presence import HostPresence, LastHosts
from .hosts import host_label, start_python_host
from .preferences import Preferences, UserPreferences
from .run_status import RunStatus
from .runner import Runner
from .settings import WindowSettings
from .state import State, wire_name
from .toggles import Toggles
from .window_models import WindowModels

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

BATCH_INTERVAL_MS = 16  # at most ~60 model updates a second while running
DRAIN_BUDGET_S = 0.008  # one drain's GUI work; the rest waits for the next, right after a frame


@QmlElement
@QmlSingleton
class Controller(QObject):
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

    _wake = Signal()  # from the runner thread: events are waiting

    _current: Controller | None = None  # what the QML singleton resolves to (see create)

    def __init__(self, registry=None, parent: QObject | None = None, timeout: float | None = None,
                 preferences: Preferences | None = None, control_port: int = 0):
        super().__init__(parent)
        self.registry = registry
        self.control_port = control_port
        self.settings = WindowSettings()
        self._models = WindowModels(self, compat=lambda: self.run.compat,
                                    collapsed=lambda: self._preferences.collapsedSections)
        self._instances = self._models.instance_model
        self._plugins = self._models.plugin_model
        self._terminal = self._models.terminal_model
        self._layout = self._models.layout
        self._preferences = UserPreferences(preferences, self._hidden_sections, self)
        self.hostsChanged.connect(
            lambda: self._models.hosts.set_hosts(self.registry.snapshot() if self.registry else []))

        self._host: int | None = None
        self._presence = HostPresence(self)
        self._last_hosts = LastHosts(preferences, control_port)
        self._host_settings: dict[int, dict] = {}  # what each host sent with show (for switching back)
        self._comment = ""
        self._visible = False
        self._state_lock = threading.RLock()  # held while a drain changes what state() reports
        self.run = RunProgress()
        self._models.instancePlugins.compat = lambda: self.run.compat
        self._history = HistoryView(lambda: self.recorder, self._live_report, self)
        self._history.pastChanged.connect(self._past_changed)
        self._status = RunStatus(self.run, lambda: self._host_live() and not self._history.viewingPast, self,
                                 self._blocked_reason)
        self._status.stateChanged.connect(self._publish_snapshot)
        self._presence.changed.connect(self._status.refresh)
        self._presence.noticeChanged.connect(self._publish_snapshot)
        self.toggles = Toggles(self._instances, self._plugins, self._submit_toggle,
                               lambda: not self._status.canToggle or self._history.viewingPast, self._after_toggle)
        self._folder = EventFolder(self._instances, self._plugins, self._terminal, self._layout, self.run, self,
                                   lambda: self.settings.values["ContextLabel"], self._models.report_model)

        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_INTERVAL_MS)
        self._batch.timeout.connect(self._drain)
        self._wake.connect(self._on_wake)  # queued: emitted from the runner thread
        self.runner = Runner(self._wake.emit, timeout=timeout)
        self.recorder = None  # the run history (record/recorder.py): the application sets it
        levels = self._preferences.terminal_levels()
        if levels is not None:
            self._models.terminal.levels = levels
            self._models.terminal.levelsChanged.connect(
                lambda: self._preferences.save_terminal_levels(self._models.terminal.levels))
        self._publish_snapshot()

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
        self._publish_snapshot()
        self._status.stateChanged.emit()  # what may start follows viewingPast

    def _live_report(self):
        """The current host's run as recorded (worker thread: waits for the history writer)."""
        if self.recorder is None or self._host is None:
            return None
        run_id = self.recorder.last_run_id(self._host)
        store = self.recorder.store()
        if run_id is None or store is None:
            return None
        try:
            return store.load(run_id)
        finally:
            store.close()

    @Property(UserPreferences, constant=True, final=True)
    def preferences(self) -> UserPreferences:
        return self._preferences

    @Property(RunStatus, constant=True, final=True)
    def status(self) -> RunStatus:
        """The run state, its message, what may start now and the progress."""
        return self._status

    @Property(HostPresence, constant=True, final=True)
    def presence(self) -> HostPresence:
        """The shown host's name, whether it has gone or is busy; notices about other hosts."""
        return self._presence

    @Property(int, notify=hostChanged, final=True)
    def host(self) -> int:
        return self._host or 0

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

    def _host_live(self) -> bool:
        return self._host is not None and not self._presence.gone

    def _blocked_reason(self) -> str:
        if self._presence.gone:
            return "%s has gone away: nothing can run in it. The Terminal keeps the whole run." % (
                self._presence.label or "The host")
        return ""

    def _publish_snapshot(self) -> None:
        """Nothing to copy: :meth:`state_snapshot` is built when the control API asks for it."""

    def state_snapshot(self) -> dict:
        """The control server's ``state()`` (any thread; the hosts come from the registry there).

        Built on demand from plain attributes, under the lock a drain holds, so it never shows
        half a drain; no copy is made on the GUI thread per drain."""
        with self._state_lock:
            run, status = self.run, self._status
            return {
                "state": wire_name(status.state), "message": status.message, "host": self._host,
                "progress": [run.done, max(run.total, run.done)], "visible": self._visible,
                "instances": len(self._instances.items()), "plugins": len(self._plugins.items()),
                "failed": run.failed, "published": run.published, "validated": run.validated,
                "stopped": run.stopped, "comment": self._comment, "pastRun": self._history.banner,
                "hostLabel": self._presence.label, "hostGone": self._presence.gone,
                "hostBusy": self._presence.busy, "notice": self._presence.notice,
                "noticePort": self._presence.noticePort,
            }

    def set_visible(self, visible: bool) -> None:
        self._visible = visible
        self._publish_snapshot()

    # ------------------------------------------------------------------ hosts

    def show_host(self, port: int, settings: dict | None) -> None:
        """A host called ``show``: make it current, apply its settings, collect if new/hidden.

        Never mid-run: then the artist is told and switches when they choose. Switching away
        from a live host says so, with a way back."""
        if port != self._host and self._status.isRunning:
            if settings:
                self._host_settings[port] = dict(settings)
            self._presence.offer(port, "%s asks to publish; switch when this run ends." % self.label_of(port),
                                 "Switch")
            self.showRequested.emit()
            return
        if settings:
            self._host_settings[port] = dict(settings)
        previous = self._host if self._host_live() else None
        warnings = self.settings.apply(settings or {})
        for warning in warnings:
            log.warning(warning)
        self.settingsChanged.emit()
        self._preferences.changed.emit()  # the collapsed sections follow HiddenSections until chosen
        if self.registry is not None:
            self.registry.interval = self.settings.values["HeartbeatInterval"]
            self.registry.timeout = self.settings.values["HeartbeatTimeout"]
            self.registry.register(port)
            self.hostsChanged.emit()
        new_host = port != self._host or self._presence.gone
        was_hidden = not self._visible
        if new_host or was_hidden:
            self._history.back_to_live()  # a host asking to publish wins over a past run on screen
        if new_host:
            self._host = port
            self.hostChanged.emit()
            self._presence.show(self.label_of(port))
            self._status.forget_busy()
            self._presence.clear_notice()
            if previous is not None and previous != port:
                self._presence.offer(previous, "Switched to %s." % self.label_of(port),
                                     "Back to %s" % self.label_of(previous))
        self._presence.clear_notice(port)
        info = self.registry.get(port) if self.registry is not None else None
        self._last_hosts.remember(port, info.pid if info else None, self._host_settings.get(port, {}))
        self.showRequested.emit()
        if (new_host or was_hidden) and not self._status.isRunning:
            self.reset()
        self._publish_snapshot()

    @Slot(int)
    def showHost(self, port: int) -> None:
        """The user picked a connected host (waiting page, host menu, notice, tray)."""
        info = self.registry.get(port) if self.registry is not None else None
        if info is not None and not info.alive:
            return  # a dead host is listed as dead; it cannot be chosen
        self.show_host(port, self._host_settings.get(port, {}))

    def label_of(self, port: int) -> str:
        """How the artist knows the host on ``port``: "maya — shot010.ma (pid 1234)"."""
        info = self.registry.get(port) if self.registry is not None else None
        if info is None:
            return "the host on port %d" % port
        if info.name:
            return info.label
        announced = str(self._host_settings.get(port, {}).get("ContextLabel") or "").lower()
        return host_label(announced, info.file, info.pid, port)  # before its context says more

    def host_seen(self, port: int) -> None:
        """A host not known before beat: the one shown last before a crash comes back; another is
        announced, never switched to silently."""
        self.hostsChanged.emit()
        info = self.registry.get(port) if self.registry is not None else None
        if not self._host_live():
            settings = self._last_hosts.settings_for(port, info.pid if info else None)
            if settings is not None:
                log.info("re-attaching to %s, the host this UI showed last", self.label_of(port))
                self.show_host(port, settings)
                return
        if self._host is not None and port != self._host:
            self._presence.offer(port, "Another host connected: %s." % self.label_of(port), "Switch")

    def host_died(self, port: int) -> None:
        self.runner.forget(port)
        self.hostsChanged.emit()
        label = self.label_of(port)
        text = "%s has gone away." % (label[0].upper() + label[1:])
        log.warning(text)
        self.notify.emit("Host closed", text)
        self._presence.clear_notice(port)
        if port == self._host and not self._presence.gone:
            self._status.forget_busy()
            self._presence.set_gone("%s What it collected and ran stays here, read-only: read it and copy it "
                                    "from the Terminal." % text)
            self.enter(State.Dead, " ".join(filter(None, [text, self.run.lost])))
        self._publish_snapshot()

    def host_busy(self, port: int) -> None:
        self.hostsChanged.emit()
        if port == self._host and self._host_live():
            self._presence.set_busy(True)
            self._status.say_busy("%s is busy and not answering; waiting for it…" % self.label_of(port))

    def host_recovered(self, port: int) -> None:
        """A busy host answers again (a heartbeat or a result): its busy message goes at once."""
        self.hostsChanged.emit()
        if port == self._host and self._presence.busy:
            self._presence.set_busy(False)
            self._status.clear_busy()

    def host_named(self, name: str, file: str) -> None:
        if self.registry is not None and self._host is not None:
            self.registry.register(self._host, name=name, file=file)
            self._presence.rename(self.label_of(self._host))
            self.hostsChanged.emit()

    @Slot(result=bool)
    def startPythonHost(self) -> bool:
        """Start the standalone Python host (plugins of PYBLISHPLUGINPATH); it calls show()."""
        try:
            start_python_host(self.control_port)
        except OSError as error:
            self._status.say("Could not start the Python host: %s" % error)
            return False
        self._status.say("Starting a Python host with the plugins of PYBLISHPLUGINPATH…")
        return True

    # ------------------------------------------------------------------ commands

    @Slot()
    def reset(self) -> None:
        if not self._status.canReset:
            return
        self._start("reset", State.Initialising)
        self.runner.submit("reset", self._host)

    @Slot()
    def validate(self) -> None:
        if not self._status.canValidate:
            return
        self._start("validate", State.Validating)
        self.runner.submit("validate", self._host, self.toggles.current())

    @Slot()
    def publish(self) -> None:
        if not self._status.canPublish:
            return
        self._start("publish", State.Validating)
        self.runner.submit("publish", self._host, self.toggles.current())

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
        self.runner.submit("act", self._host, plugin_id, action_id)

    # Partial runs (app/partial.py; docs/semantics.md, "Partial runs"): never a util.publish().

    @Slot(str, "QStringList")
    def runPlugin(self, plugin_id: str, instance_ids: list) -> None:
        """Run one plugin on these instances (none given: every compatible one toggled on)."""
        if self._status.canRunPartial:
            self._start("plugin", State.Validating)
            self.runner.submit("run_plugin", self._host, self.toggles.current(), plugin_id,
                               [str(i) for i in instance_ids])

    @Slot()
    def rerunFailed(self) -> None:
        """Run again exactly the pairs that failed in the last run."""
        if self._status.canRerunFailed:
            wanted = list(self.run.failed_pairs)
            self._start("rerun", State.Validating)
            self.runner.submit("rerun", self._host, self.toggles.current(), wanted)

    @Slot("QStringList")
    def sanityCheck(self, plugin_ids: list) -> None:
        """Run these validators (none given: every toggled validator), nothing else, no extraction."""
        if self._status.canRunPartial:
            self._start("sanity", State.Validating)
            self.runner.submit("sanity", self._host, self.toggles.current(), [str(i) for i in plugin_ids])

    @Slot(str)
    def setComment(self, text: str) -> None:
        if text == self._comment:
            return
        self._comment = text
        self.commentChanged.emit()
        if self._host_live():
            self.runner.submit("comment", self._host, text)
        self._publish_snapshot()

    def _submit_toggle(self, kind: str, item_id: str, new: bool, old: bool) -> None:
        self.runner.submit("toggle", self._host, kind, item_id, new, old)

    def _after_toggle(self, instances: bool) -> None:
        self.run.validated = False
        if instances:
            self._folder.update_compatibility()

    # ------------------------------------------------------------------ runs

    def _start(self, op: str, state: State) -> None:
        self.run.start(op)
        self._status.progressChanged.emit()
        self.enter(state)

    @Slot()
    def _on_wake(self) -> None:
        if not self._batch.isActive():
            self._batch.start()

    @Slot()
    def _drain(self) -> None:
        """Fold the waiting runner events into the models, for at most ~8 ms; what is left
        is folded by the next drain, right after the window renders a frame."""
        events = self.runner.drain()
        if not events and not self._folder.pending:
            return
        if events and self.recorder is not None:
            self.recorder.consume(events)  # O(1): queued for the history's writer thread
        if self._presence.busy and any(event.port == self._host for event in events):
            self.host_recovered(self._host)  # it answered
        with self._state_lock:
            self._folder.fold(events, self._host, DRAIN_BUDGET_S)
            self._models.overview.refresh()  # compatibility may have arrived
        self._status.progressChanged.emit()
        if self._folder.take_trim():  # once the history's writer has let go of the reply too
            for delay in (500, 3000):
                QTimer.singleShot(delay, trim_heap)
        if self._folder.pending and not self._batch.isActive():
            self._batch.start(0)
        else:
            self._batch.setInterval(BATCH_INTERVAL_MS)

    def comment_key_changed(self) -> None:
        self.commentChanged.emit()

    def run_finished(self, event: Finished) -> None:
        """What follows a run: an action's signal; after a reset, the comment and auto-runs."""
        if event.op == "act":
            self.actionFinished.emit(event.plugin or "", event.action or "", not event.failed)
        if event.op in ("validate", "publish") and event.stopped != USER_STOP and self._models.report_model.failed:
            self.reportRequested.emit()
        if event.op != "reset":
            return
        data = (self._instances.item(self._layout.context_id) or {}).get("data") or {}
        if data.get("hostName"):  # collectors may have set the scene file (currentFile)
            self.host_named(str(data["hostName"]), str(data.get("currentFile") or ""))
        if self._comment and self.run.has_comment:
            self.runner.submit("comment", self._host, self._comment)  # the comment survives a reset
        if self.settings.values.get("autoPublish"):
            self.publish()
        elif self.settings.values.get("autoValidate"):
            self.validate()

    def host_order(self) -> list[str]:
        """Instance ids in the host's order (the model groups them by category)."""
        return self._layout.host_order()

    def shutdown(self) -> None:
        self.runner.shutdown()
        if Controller._current is self:
            Controller._current = None
