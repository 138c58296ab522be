"""The controller: the one place that decides what happens when (SPEC §6).

It owns the models the window shows and orchestrates the :class:`~.runner.Runner` (which talks
to hosts on its own thread). Runner events arrive in batches, at most ~60 a second, and are
folded into as few model updates as possible (:class:`~.batch.Batch`); where instance rows go
is :class:`~.instance_layout.InstanceLayout`'s job. Buttons, shortcuts and the control API all
end up in the slots here; a run already in flight is never started twice.

Thread: GUI thread only. ``state_snapshot`` may be read from any thread.
"""

from __future__ import annotations

import itertools
import logging
import os
import subprocess
import sys
import time

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

from .. import pairs
from .batch import Batch
from .instance_layout import InstanceLayout
from .models import (
    InstanceModel,
    ItemFilterModel,
    PluginModel,
    TerminalFilterModel,
    TerminalModel,
    fresh_status,
)
from .preferences import Preferences
from .rows import add_outcome, error_extra, plugin_row
from .runner import Runner
from .settings import WindowSettings

QML_IMPORT_NAME = "PyblishQml.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

BATCH_INTERVAL_MS = 16  # at most ~60 model updates a second while running
RUNNING = ("initialising", "validating", "extracting", "integrating", "stopping", "acting")
MESSAGES = {
    "initialising": "Collecting…",
    "validating": "Validating…",
    "extracting": "Extracting…",
    "integrating": "Integrating…",
    "acting": "Running action…",
    "stopping": "Stopping after the current item…",
}


def _phase(order: float) -> str:
    if order < pairs.VALIDATE + 0.5:
        return "validating"
    if order < pairs.EXTRACT + 0.5:
        return "extracting"
    return "integrating"


@QmlElement
@QmlUncreatable("the application makes one")
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

    def __init__(self, registry=None, parent: QObject | None = None, timeout: float | None = None,
                 preferences: Preferences | None = None, control_port: int = 0):
        super().__init__(parent)
        self.registry = registry
        self.preferences = preferences
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

        self._state = "idle"
        self._message = "Waiting for a host…"
        self._host: int | None = None
        self._done = 0
        self._total = 0
        self._comment = ""
        self._has_comment = False
        self._op: str | None = None
        self._compat: dict[str, list[str] | None] = {}
        self._processing: tuple[str | None, str | None] = (None, None)
        self._entry_ids = itertools.count(1)
        self._validated_ok = False
        self._published = False
        self._failed = False
        self._stopped = False
        self._visible = False
        self._snapshot: dict = {}

        self._batch = QTimer(self)
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_INTERVAL_MS)
        self._batch.timeout.connect(self._drain)
        # While a pair runs long (a heavy extractor, a host busy elsewhere), say what we wait for.
        self._pair_started = 0.0
        self._pair_text = ""
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._wake.connect(self._on_wake)  # queued: emitted from the runner thread
        self.runner = Runner(self._wake.emit, timeout=timeout)
        if preferences is not None:
            self._terminal_view.levels = preferences.get("terminalLevels")
            self._terminal_view.levelsChanged.connect(self._save_levels)
        self._publish_snapshot()

    # ------------------------------------------------------------------ properties for QML

    @Property(QObject, constant=True)
    def instances(self) -> ItemFilterModel:
        return self._instance_view

    @Property(QObject, constant=True)
    def plugins(self) -> ItemFilterModel:
        return self._plugin_view

    @Property(QObject, constant=True)
    def terminal(self) -> TerminalFilterModel:
        return self._terminal_view

    @Property(QObject, constant=True)
    def itemLog(self) -> TerminalFilterModel:
        """Records and errors of one item (set its ``itemFilter``), for the Perspective page."""
        return self._item_log

    @Slot("QVariantList", result=str)
    def copyTerminal(self, rows: list) -> str:
        """Copy terminal rows (rows of the filtered view; empty: all visible) to the clipboard."""
        view = self._terminal_view
        rows = sorted(int(r) for r in rows) if rows else range(view.rowCount())
        lines = []
        for row in rows:
            source = view.mapToSource(view.index(row, 0))
            if not source.isValid():
                continue
            item = self._terminal.row_item(source.row())
            where = " / ".join(x for x in (item["pluginLabel"], item["instanceLabel"]) if x)
            lines.append("%s %s%s" % (item["levelname"].ljust(8), "[%s] " % where if where else "",
                                      item["message"]))
            if item["excText"]:
                lines.append(item["excText"].rstrip("\n"))
        text = "\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        return text

    @Property(QObject, constant=True)
    def instanceModel(self) -> InstanceModel:
        return self._instances

    @Property(QObject, constant=True)
    def pluginModel(self) -> PluginModel:
        return self._plugins

    @Property(QObject, constant=True)
    def terminalModel(self) -> TerminalModel:
        return self._terminal

    @Property(str, notify=stateChanged)
    def state(self) -> str:
        return self._state

    @Property(str, notify=stateChanged)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=stateChanged)
    def isRunning(self) -> bool:
        return self._state in RUNNING

    @Property(bool, notify=stateChanged)
    def canReset(self) -> bool:
        return self._host is not None and self._state not in RUNNING

    @Property(bool, notify=stateChanged)
    def canValidate(self) -> bool:
        return self._host is not None and self._state == "ready" and not self._published

    @Property(bool, notify=stateChanged)
    def canPublish(self) -> bool:
        return self._host is not None and self._state == "ready" and not self._published

    @Property(bool, notify=stateChanged)
    def canStop(self) -> bool:
        return self._state in RUNNING and self._state != "stopping"

    @Property(int, notify=progressChanged)
    def progress(self) -> int:
        return self._done

    @Property(int, notify=progressChanged)
    def total(self) -> int:
        return max(self._total, self._done)

    @Property(int, notify=hostChanged)
    def host(self) -> int:
        return self._host or 0

    @Property(str, notify=commentChanged)
    def comment(self) -> str:
        return self._comment

    @Property(bool, notify=commentChanged)
    def hasComment(self) -> bool:
        return self._has_comment

    @Property(str, notify=settingsChanged)
    def windowTitle(self) -> str:
        return self.settings.values["WindowTitle"]

    @Property(str, notify=settingsChanged)
    def contextLabel(self) -> str:
        return self.settings.values["ContextLabel"]

    @Property("QStringList", notify=settingsChanged)
    def hiddenSections(self) -> list[str]:
        return list(self.settings.values["HiddenSections"])

    @Property("QVariantList", notify=hostsChanged)
    def hosts(self) -> list[dict]:
        return self.registry.snapshot() if self.registry is not None else []

    @Property(int, constant=True)
    def controlPort(self) -> int:
        """The port hosts call (shown while waiting for one)."""
        return self.control_port

    # ------------------------------------------------------------------ the user's preferences

    preferencesChanged = Signal()

    @Property("QStringList", notify=preferencesChanged)
    def collapsedSections(self) -> list[str]:
        """Sections the user collapsed; until they choose, the host's HiddenSections."""
        chosen = self.preferences.get("collapsedSections") if self.preferences is not None else None
        return list(chosen) if chosen is not None else self.hiddenSections

    @Slot(str, bool)
    def setSectionCollapsed(self, section: str, collapsed: bool) -> None:
        current = set(self.collapsedSections)
        current = current | {section} if collapsed else current - {section}
        if self.preferences is not None:
            self.preferences.set("collapsedSections", sorted(current))
            self.preferences.save()
        self.preferencesChanged.emit()

    @Property(str, notify=preferencesChanged)
    def theme(self) -> str:
        return self.preferences.get("theme") if self.preferences is not None else "dark"

    @Slot(str)
    def setTheme(self, theme: str) -> None:
        if self.preferences is not None and theme in ("dark", "light"):
            self.preferences.set("theme", theme)
            self.preferences.save()
            self.preferencesChanged.emit()

    @Property(str, constant=True)
    def preferencesProblem(self) -> str:
        """Why the settings file was replaced, if it was (shown once to the user)."""
        return (self.preferences.problem or "") if self.preferences is not None else ""

    def _save_levels(self) -> None:
        self.preferences.set("terminalLevels", self._terminal_view.levels)
        self.preferences.save()

    @Slot(result=bool)
    def startPythonHost(self) -> bool:
        """Start the standalone Python host (plugins of PYBLISHPLUGINPATH); it calls show()."""
        env = dict(os.environ, PYBLISH_QML_PORT=str(self.control_port or 9090))
        try:
            subprocess.Popen(host_command(), env=env, stdin=subprocess.DEVNULL,
                             start_new_session=(os.name == "posix"))
        except OSError as error:
            self._set_state(self._state, "Could not start the Python host: %s" % error)
            return False
        self._set_state(self._state, "Starting a Python host with the plugins of PYBLISHPLUGINPATH…")
        return True

    # ------------------------------------------------------------------ state

    def _set_state(self, state: str, message: str | None = None) -> None:
        self._state = state
        self._message = message if message is not None else MESSAGES.get(state, self._message)
        if state in RUNNING and not self._ticker.isActive():
            self._ticker.start()
        elif state not in RUNNING:
            self._ticker.stop()
        self.stateChanged.emit()
        self._publish_snapshot()

    LONG_PAIR_SECONDS = 3

    def _tick(self) -> None:
        """Once a second while running: a pair that takes long gets a message with its time."""
        if not self._pair_text or self._state not in RUNNING:
            return
        seconds = int(time.monotonic() - self._pair_started)
        if seconds >= self.LONG_PAIR_SECONDS:
            self._message = "%s — %d s…" % (self._pair_text, seconds)
            self.stateChanged.emit()
            self._publish_snapshot()

    def _publish_snapshot(self) -> None:
        """A read-only copy for the control server's ``state()`` (read from its threads), which
        adds the hosts from the registry itself: no registry walk here, on every drain."""
        self._snapshot = {
            "state": self._state, "message": self._message, "host": self._host,
            "progress": [self._done, max(self._total, self._done)], "visible": self._visible,
            "instances": len(self._instances.items()), "plugins": len(self._plugins.items()),
            "failed": self._failed, "published": self._published, "validated": self._validated_ok,
            "stopped": self._stopped, "comment": self._comment,
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
    def showHost(self, port: int) -> None:  # noqa: N802 - called from QML
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
            self._set_state("dead", text + " Waiting for a host…")
            self.hideRequested.emit()
        self._publish_snapshot()

    def host_busy(self, port: int) -> None:
        self.hostsChanged.emit()
        if port == self._host:
            self._message = ("The host on port %d is busy and not answering; waiting for it…" % port)
            self.stateChanged.emit()
            self._publish_snapshot()

    # ------------------------------------------------------------------ commands

    @Slot()
    def reset(self) -> None:
        if self._host is None or self._state in RUNNING:
            return
        self._start("reset", "initialising")
        self.runner.submit("reset", self._host)

    @Slot()
    def validate(self) -> None:
        if not self.canValidate:
            return
        self._start("validate", "validating")
        self.runner.submit("validate", self._host, self._toggles())

    @Slot()
    def publish(self) -> None:
        if not self.canPublish:
            return
        self._start("publish", "validating")
        self.runner.submit("publish", self._host, self._toggles())

    @Slot()
    def stop(self) -> None:
        if self.canStop:
            self.runner.stop()
            self._set_state("stopping")

    @Slot(str, str)
    def runAction(self, plugin_id: str, action_id: str) -> None:
        if self._host is None or self._state in RUNNING:
            return
        self._start("act", "acting")
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
        self._validated_ok = False
        self._update_compatibility()

    def _toggle_plugins(self, values: dict[str, bool]) -> None:
        if not values:
            return
        self._plugins.update_items({i: {"isToggled": v} for i, v in values.items()})
        for item_id, value in values.items():
            self.runner.submit("toggle", self._host, "plugin", item_id, value, not value)
        self._validated_ok = False

    def _update_compatibility(self) -> None:
        """Grey out plugins left with no toggled compatible instance."""
        toggled = {i["id"] for i in self._instances.items() if i["isToggled"]}
        changes = {}
        for plugin_id, members in self._compat.items():
            compatible = members is None or any(m in toggled for m in members)
            changes[plugin_id] = {"isCompatible": compatible}
        self._plugins.update_items(changes)

    # ------------------------------------------------------------------ runs

    def _start(self, op: str, state: str) -> None:
        self._op = op
        self._done = 0
        self._total = 0
        self._stopped = False
        self.progressChanged.emit()
        self._set_state(state)

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
        batch = Batch(self._instances, self._plugins, self._terminal, self._entry_ids)
        for port, kind, payload in events:
            if port != self._host and kind not in ("finished", "hostError", "failed"):
                continue
            handler = getattr(self, "_on_" + kind, None)
            if handler is not None:
                handler(payload, batch)
        batch.flush()
        self.progressChanged.emit()
        self._publish_snapshot()

    def _on_started(self, payload: dict, batch: Batch) -> None:
        self._total = payload.get("total", 0)
        op = payload.get("op")
        if op in ("validate", "publish") and not payload.get("continues"):
            # A fresh run: forget earlier outcomes of what runs after collection.
            batch.flush()
            self._plugins.update_items({p["id"]: fresh_status() for p in self._plugins.items()
                                        if p["verb"] != "Collect"})
            self._instances.update_items({i["id"]: fresh_status() for i in self._instances.items()})
        batch.entry("message", 20, {"reset": "Resetting…", "validate": "Validating…",
                                           "publish": "Publishing…", "act": "Running action…"}.get(op, op))

    def _on_total(self, payload: int, batch: Batch) -> None:
        self._total = payload

    def _on_reset(self, payload: dict, batch: Batch) -> None:
        batch.discard_rows()
        self._terminal.clear()
        self._validated_ok = self._published = self._failed = False
        self._compat = {}
        context = payload["context"]
        host_name = context["data"].get("hostName")
        if self.registry is not None and host_name:
            self.registry.register(self._host, name=str(host_name))
            self.hostsChanged.emit()
        self._has_comment = "comment" in context["data"]
        self._layout.reset(context, self.settings.values["ContextLabel"])
        verbs: dict[str, int] = {}
        self._plugins.reset_items([plugin_row(p, verbs.setdefault(p["verb"], len(verbs)))
                                   for p in payload["plugins"]])
        self.commentChanged.emit()

    def _on_processing(self, payload: dict, batch: Batch) -> None:
        plugin_id, instance_id = payload["plugin"], payload.get("instance") or self._layout.context_id
        previous_plugin, previous_instance = self._processing
        if previous_plugin:
            batch.plugin(previous_plugin)["isProcessing"] = False
        if previous_instance:
            batch.instance(previous_instance)["isProcessing"] = False
        batch.plugin(plugin_id)["isProcessing"] = True
        batch.instance(instance_id)["isProcessing"] = True
        self._processing = (plugin_id, instance_id)
        plugin = self._plugins.item(plugin_id)
        instance = self._instances.item(instance_id)
        self._pair_started = time.monotonic()
        self._pair_text = "Running %s on %s" % ((plugin or {}).get("label", "plugin"),
                                                (instance or {}).get("label", "the context"))
        if plugin is not None and self._op in ("validate", "publish") and self._state != "stopping":
            phase = _phase(plugin["order"])
            if phase != self._state:
                self._set_state(phase)

    def _on_result(self, result: dict, batch: Batch) -> None:
        self._done += 1
        summary = result.get("summary") or {}
        changes = result.get("changes") or {}
        if summary.get("added") or summary.get("removed") or summary.get("reordered"):
            batch.flush()
            self._layout.apply_structure(changes)
        regroup, context_comment = self._layout.apply_data_changes(changes, batch)
        if regroup:
            batch.flush()
            self._layout.regroup()
        if context_comment and not self._has_comment:
            self._has_comment = True
            self.commentChanged.emit()

        plugin_id = result["plugin"]
        instance_id = result.get("instance") or self._layout.context_id
        failed = result.get("error") is not None
        warned = any((r.get("levelno") or 0) >= 30 for r in result.get("records") or ())
        self._processing = (None, None)
        self._pair_text = ""
        for update, current in ((batch.plugin(plugin_id), self._plugins.item(plugin_id)),
                                (batch.instance(instance_id), self._instances.item(instance_id))):
            if current is not None:
                add_outcome(update, current, failed, warned, result.get("duration") or 0.0)

        plugin = self._plugins.item(plugin_id) or {}
        instance = self._instances.item(instance_id) or {}
        if result.get("action"):
            label = next((a["label"] for a in plugin.get("actions") or () if a["id"] == result["action"]),
                         "action")
            batch.entry("message", 20, "%s: %s %s" % (plugin.get("label"), label, "failed" if failed else "done"))
        for record in result.get("records") or ():
            batch.entry("record", record.get("levelno") or 20, record.get("message") or "", record,
                        plugin, instance)
        if failed:
            self._failed = True
            batch.entry("error", 40, result["error"].get("message") or "error", error_extra(result["error"]),
                        plugin, instance)

    def _on_compatibility(self, payload: dict, batch: Batch) -> None:
        batch.flush()
        self._compat = payload
        self._update_compatibility()

    def _on_finished(self, payload: dict, batch: Batch) -> None:
        op, stopped, failed = payload.get("op"), payload.get("stopped"), payload.get("failed")
        batch.flush()
        if self._processing != (None, None):
            plugin_id, instance_id = self._processing
            self._plugins.update_items({plugin_id: {"isProcessing": False}})
            self._instances.update_items({instance_id: {"isProcessing": False}})
            self._processing = (None, None)
        self._stopped = bool(stopped)
        if op == "act":
            self.actionFinished.emit(payload.get("plugin") or "", payload.get("action") or "", not failed)
            text = "Action failed; see the terminal." if failed else "Action finished."
        elif stopped == pairs.USER_STOP:
            text = "Stopped."
        elif stopped:
            text = "Stopped due to %s." % stopped
        elif op == "reset":
            text = "Ready. %d instance%s collected." % (len(self._instances.items()) - 1,
                                                       "" if len(self._instances.items()) == 2 else "s")
        elif failed:
            text = "%s finished with errors; see the terminal." % ("Validation" if op == "validate" else "Publish")
        elif op == "validate":
            text = "Validation passed. Ready to publish."
            self._validated_ok = True
        else:
            text = "Published successfully."
            self._published = True
        batch.entry("message", 40 if (failed or stopped) and op != "reset" else 20, text)
        batch.flush()
        self._op = None
        self._set_state("ready", text)
        if op == "reset":
            self._after_reset()

    def _after_reset(self) -> None:
        if self._comment and self._has_comment:
            self.runner.submit("comment", self._host, self._comment)  # the comment survives a reset
        if self.settings.values.get("autoPublish"):
            self.publish()
        elif self.settings.values.get("autoValidate"):
            self.validate()

    def _on_hostError(self, payload: dict, batch: Batch) -> None:  # noqa: N802 - event name
        batch.flush()
        batch.entry("error", 40, payload["message"])
        batch.flush()
        self._op = None
        self._set_state("ready", payload["message"])

    def _on_failed(self, payload: dict, batch: Batch) -> None:
        batch.entry("error", 40, payload["message"], {"excText": payload.get("traceback")})
        batch.flush()
        self._op = None
        self._set_state("ready", payload["message"])

    def host_order(self) -> list[str]:
        """Instance ids in the host's order (the model groups them by category)."""
        return self._layout.host_order()

    def shutdown(self) -> None:
        self.runner.shutdown()


def host_command() -> list[str]:
    """How to start the standalone Python host: ``-m`` from Python, ``--run-host`` from a bundle."""
    if "__compiled__" in globals():  # Nuitka bundle: sys.executable is pyblish-qml itself
        return [sys.executable, "--run-host"]
    return [sys.executable, "-m", "pyblish_qml.host"]
