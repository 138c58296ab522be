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
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QJSEngine, QmlElement, QmlSingleton

from .events import Finished
from .filters import ItemFilterModel, TerminalFilterModel
from .folding import EventFolder, RunProgress
from .hosts import start_python_host
from .instance_layout import InstanceLayout
from .models import InstanceModel, PluginModel, TerminalModel
from .preferences import Preferences, UserPreferences
from .runner import Runner
from .settings import WindowSettings
from .state import MESSAGES, RUNNING, RunState, State, wire_name
from .views import ActionsModel, HostModel, ItemDetail

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

BATCH_INTERVAL_MS = 16  # at most ~60 model updates a second while running
LONG_PAIR_SECONDS = 3


@QmlElement
@QmlSingleton
class Controller(QObject):
    stateChanged = Signal()
    progressChanged = Signal()
    hostChanged = Signal()
    commentChanged = Signal()
    settingsChanged = Signal()
    hostsChanged = Signal()

    showRequested = Signal()
    hideRequested = Signal()
    quitRequested = Signal()
    notify = Signal(str, str)  # title, text: for the tray and the log
    actionFinished = Signal(str, str, bool)  # plugin id, action id, success

    _wake = Signal()  # from the runner thread: events are waiting

    _current: Controller | None = None  # what the QML singleton resolves to (see create)

    def __init__(self, registry=None, parent: QObject | None = None, timeout: float | None = None,
                 preferences: Preferences | None = None, control_port: int = 0):
        super().__init__(parent)
        self.registry = registry
        self.control_port = control_port
        self.settings = WindowSettings()
        self._instances = InstanceModel(self)
        self._plugins = PluginModel(self)
        self._terminal = TerminalModel(self)
        self._instance_view = ItemFilterModel(self._instances, self)
        self._plugin_view = ItemFilterModel(self._plugins, self)
        self._terminal_view = TerminalFilterModel(self._terminal, self)
        self._item_log = TerminalFilterModel(self._terminal, self)  # the Perspective page's records
        self._layout = InstanceLayout(self._instances)
        self._preferences = UserPreferences(preferences, self._hidden_sections, self)
        self._detail = ItemDetail(self._instances, self._plugins, self)
        self._detail.selectionChanged.connect(lambda: setattr(self._item_log, "itemFilter", self._detail.itemId))
        self._actions = ActionsModel(self._plugins, self)
        self._hosts = HostModel(self)
        self.hostsChanged.connect(lambda: self._hosts.set_hosts(self.registry.snapshot() if self.registry else []))

        self._state = State.Idle
        self._message = "Waiting for a host…"
        self._host: int | None = None
        self._comment = ""
        self._visible = False
        self._snapshot: dict = {}
        self.run = RunProgress()
        self._folder = EventFolder(self._instances, self._plugins, self._terminal, self._layout, self.run, self,
                                   lambda: self.settings.values["ContextLabel"])

        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_INTERVAL_MS)
        self._batch.timeout.connect(self._drain)
        # While a pair runs long (a heavy extractor, a host busy elsewhere), say what we wait for.
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._wake.connect(self._on_wake)  # queued: emitted from the runner thread
        self.runner = Runner(self._wake.emit, timeout=timeout)
        levels = self._preferences.terminal_levels()
        if levels is not None:
            self._terminal_view.levels = levels
            self._terminal_view.levelsChanged.connect(
                lambda: self._preferences.save_terminal_levels(self._terminal_view.levels))
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

    @Property(ItemFilterModel, constant=True, final=True)
    def instances(self) -> ItemFilterModel:
        return self._instance_view

    @Property(ItemFilterModel, constant=True, final=True)
    def plugins(self) -> ItemFilterModel:
        return self._plugin_view

    @Property(TerminalFilterModel, constant=True, final=True)
    def terminal(self) -> TerminalFilterModel:
        return self._terminal_view

    @Property(TerminalFilterModel, constant=True, final=True)
    def itemLog(self) -> TerminalFilterModel:
        """Records and errors of one item (set its ``itemFilter``), for the Perspective page."""
        return self._item_log

    @Property(InstanceModel, constant=True, final=True)
    def instanceModel(self) -> InstanceModel:
        return self._instances

    @Property(PluginModel, constant=True, final=True)
    def pluginModel(self) -> PluginModel:
        return self._plugins

    @Property(TerminalModel, constant=True, final=True)
    def terminalModel(self) -> TerminalModel:
        return self._terminal

    @Property(UserPreferences, constant=True, final=True)
    def preferences(self) -> UserPreferences:
        return self._preferences

    @Property(RunState.State, notify=stateChanged, final=True)
    def state(self) -> State:
        return self._state

    @Property(str, notify=stateChanged, final=True)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=stateChanged, final=True)
    def isRunning(self) -> bool:
        return self._state in RUNNING

    @Property(bool, notify=stateChanged, final=True)
    def canReset(self) -> bool:
        return self._host is not None and self._state not in RUNNING

    @Property(bool, notify=stateChanged, final=True)
    def canValidate(self) -> bool:
        return self._host is not None and self._state == State.Ready and not self.run.published

    @Property(bool, notify=stateChanged, final=True)
    def canPublish(self) -> bool:
        return self._host is not None and self._state == State.Ready and not self.run.published

    @Property(bool, notify=stateChanged, final=True)
    def canStop(self) -> bool:
        return self._state in RUNNING and self._state != State.Stopping

    @Property(int, notify=progressChanged, final=True)
    def progress(self) -> int:
        return self.run.done

    @Property(int, notify=progressChanged, final=True)
    def total(self) -> int:
        return max(self.run.total, self.run.done)

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

    @Property(HostModel, constant=True, final=True)
    def hosts(self) -> HostModel:
        return self._hosts

    @Property(ItemDetail, constant=True, final=True)
    def detail(self) -> ItemDetail:
        """The item the Perspective page shows (set its ``kind`` and ``itemId``)."""
        return self._detail

    @Property(ActionsModel, constant=True, final=True)
    def actions(self) -> ActionsModel:
        """The actions menu's rows (set its ``pluginId``)."""
        return self._actions

    @Property(int, constant=True, final=True)
    def controlPort(self) -> int:
        """The port hosts call (shown while waiting for one)."""
        return self.control_port

    def _hidden_sections(self) -> list[str]:
        return list(self.settings.values["HiddenSections"])

    # ------------------------------------------------------------------ state

    @property
    def run_state(self) -> State:
        return self._state

    def enter(self, state: State, message: str | None = None) -> None:
        """Enter ``state``; the message defaults to the state's own (or stays)."""
        self._state = state
        self._message = message if message is not None else MESSAGES.get(state, self._message)
        if state in RUNNING and not self._ticker.isActive():
            self._ticker.start()
        elif state not in RUNNING:
            self._ticker.stop()
        self.stateChanged.emit()
        self._publish_snapshot()

    def _tick(self) -> None:
        """Once a second while running: a pair that takes long gets a message with its time."""
        if not self.run.pair_text or self._state not in RUNNING:
            return
        seconds = int(time.monotonic() - self.run.pair_started)
        if seconds >= LONG_PAIR_SECONDS:
            self._message = "%s — %d s…" % (self.run.pair_text, seconds)
            self.stateChanged.emit()
            self._publish_snapshot()

    def _publish_snapshot(self) -> None:
        """A read-only copy for the control server's ``state()`` (read from its threads), which
        adds the hosts from the registry itself: no registry walk here, on every drain."""
        run = self.run
        self._snapshot = {
            "state": wire_name(self._state), "message": self._message, "host": self._host,
            "progress": [run.done, max(run.total, run.done)], "visible": self._visible,
            "instances": len(self._instances.items()), "plugins": len(self._plugins.items()),
            "failed": run.failed, "published": run.published, "validated": run.validated,
            "stopped": run.stopped, "comment": self._comment,
        }

    def state_snapshot(self) -> dict:
        return self._snapshot

    def set_visible(self, visible: bool) -> None:
        self._visible = visible
        self._publish_snapshot()

    # ------------------------------------------------------------------ hosts

    def show_host(self, port: int, settings: dict | None) -> None:
        """A host called ``show``: make it current, apply its settings, collect if new/hidden."""
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
        new_host = port != self._host
        was_hidden = not self._visible
        if new_host:
            self._host = port
            self.hostChanged.emit()
        self.showRequested.emit()
        if (new_host or was_hidden) and self._state not in RUNNING:
            self.reset()
        self._publish_snapshot()

    @Slot(int)
    def showHost(self, port: int) -> None:
        """The user picked a connected host (waiting page, tray)."""
        self.show_host(port, {})

    def host_died(self, port: int) -> None:
        self.runner.forget(port)
        self.hostsChanged.emit()
        text = "The host on port %d has gone away." % port
        log.warning(text)
        self.notify.emit("Host closed", text)
        if port == self._host:
            self._host = None
            self.hostChanged.emit()
            self._layout.clear()
            self._plugins.reset_items([])
            self.enter(State.Dead, text + " Waiting for a host…")
            self.hideRequested.emit()
        self._publish_snapshot()

    def host_busy(self, port: int) -> None:
        self.hostsChanged.emit()
        if port == self._host:
            self._message = ("The host on port %d is busy and not answering; waiting for it…" % port)
            self.stateChanged.emit()
            self._publish_snapshot()

    def host_named(self, name: str) -> None:
        if self.registry is not None and self._host is not None:
            self.registry.register(self._host, name=name)
            self.hostsChanged.emit()

    @Slot(result=bool)
    def startPythonHost(self) -> bool:
        """Start the standalone Python host (plugins of PYBLISHPLUGINPATH); it calls show()."""
        try:
            start_python_host(self.control_port)
        except OSError as error:
            self.enter(self._state, "Could not start the Python host: %s" % error)
            return False
        self.enter(self._state, "Starting a Python host with the plugins of PYBLISHPLUGINPATH…")
        return True

    # ------------------------------------------------------------------ commands

    @Slot()
    def reset(self) -> None:
        if self._host is None or self._state in RUNNING:
            return
        self._start("reset", State.Initialising)
        self.runner.submit("reset", self._host)

    @Slot()
    def validate(self) -> None:
        if not self.canValidate:
            return
        self._start("validate", State.Validating)
        self.runner.submit("validate", self._host, self._toggles())

    @Slot()
    def publish(self) -> None:
        if not self.canPublish:
            return
        self._start("publish", State.Validating)
        self.runner.submit("publish", self._host, self._toggles())

    @Slot()
    def stop(self) -> None:
        if self.canStop:
            self.runner.stop()
            self.enter(State.Stopping)

    @Slot(str, str)
    def runAction(self, plugin_id: str, action_id: str) -> None:
        if self._host is None or self._state in RUNNING:
            return
        self._start("act", State.Acting)
        self.runner.submit("act", self._host, plugin_id, action_id)

    @Slot(str)
    def toggleInstance(self, item_id: str) -> None:
        item = self._instances.item(item_id)
        if item is None or item["isContext"] or not item["optional"] or self._state in RUNNING:
            return
        self._toggle_instances({item_id: not item["isToggled"]})

    @Slot(str)
    def togglePlugin(self, item_id: str) -> None:
        item = self._plugins.item(item_id)
        if item is None or not item["optional"] or self._state in RUNNING:
            return
        self._toggle_plugins({item_id: not item["isToggled"]})

    @Slot(str, str)
    def toggleSection(self, kind: str, section: str) -> None:
        """Toggle every optional member of a section: all on, unless all are on already."""
        if self._state in RUNNING:
            return
        if kind == "instance":
            members = [i for i in self._instances.items() if i["category"] == section and i["optional"]
                       and not i["isContext"]]
            target = not all(i["isToggled"] for i in members)
            self._toggle_instances({i["id"]: target for i in members if i["isToggled"] != target})
        else:
            members = [p for p in self._plugins.items() if p["verb"] == section and p["optional"]]
            target = not all(p["isToggled"] for p in members)
            self._toggle_plugins({p["id"]: target for p in members if p["isToggled"] != target})

    @Slot(str)
    def setComment(self, text: str) -> None:
        if text == self._comment:
            return
        self._comment = text
        self.commentChanged.emit()
        if self._host is not None:
            self.runner.submit("comment", self._host, text)
        self._publish_snapshot()

    # ------------------------------------------------------------------ toggling

    def _toggles(self) -> dict:
        return {"instances": {i["id"]: i["isToggled"] for i in self._instances.items() if not i["isContext"]},
                "plugins": {p["id"]: p["isToggled"] for p in self._plugins.items()}}

    def _toggle_instances(self, values: dict[str, bool]) -> None:
        if not values:
            return
        self._instances.update_items({i: {"isToggled": v} for i, v in values.items()})
        for item_id, value in values.items():
            self.runner.submit("toggle", self._host, "instance", item_id, value, not value)
        self.run.validated = False
        self._folder.update_compatibility()

    def _toggle_plugins(self, values: dict[str, bool]) -> None:
        if not values:
            return
        self._plugins.update_items({i: {"isToggled": v} for i, v in values.items()})
        for item_id, value in values.items():
            self.runner.submit("toggle", self._host, "plugin", item_id, value, not value)
        self.run.validated = False

    # ------------------------------------------------------------------ runs

    def _start(self, op: str, state: State) -> None:
        self.run.start(op)
        self.progressChanged.emit()
        self.enter(state)

    @Slot()
    def _on_wake(self) -> None:
        if not self._batch.isActive():
            self._batch.start()

    @Slot()
    def _drain(self) -> None:
        """Fold every waiting runner event into the models at once."""
        events = self.runner.drain()
        if not events:
            return
        self._folder.fold(events, self._host)
        self.progressChanged.emit()
        self._publish_snapshot()

    def comment_key_changed(self) -> None:
        self.commentChanged.emit()

    def run_finished(self, event: Finished) -> None:
        """What follows a run: an action's signal; after a reset, the comment and auto-runs."""
        if event.op == "act":
            self.actionFinished.emit(event.plugin or "", event.action or "", not event.failed)
        if event.op != "reset":
            return
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
