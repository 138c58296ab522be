"""Which host the window shows, and what happens as hosts ask to publish, beat, stall and die.

The controller owns the run; :class:`HostSwitcher` owns the answer to "whose run?": the current
host's port, the settings every host sent with ``show`` (so switching back re-applies them), the
record that lets a restarted UI re-attach (:class:`~.host_presence.LastHosts`) and what the
window says about hosts (:class:`~.host_presence.HostPresence`). It never switches mid-run or
silently: another host is announced with a button (docs/protocol.md, "Heartbeats"). What it asks
of its owner is :class:`SwitcherOwner`; what it tells is a signal.

Thread: GUI thread only (the control server and the monitor reach it by queued signals).
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from ...engine.hosts import HostRegistry, host_label, start_python_host
from ..live.run_status import RunStatus
from ..live.state import State
from ..shell.preferences import Preferences
from .host_presence import HostPresence, LastHosts

log = logging.getLogger(__name__)


class SwitcherOwner(Protocol):
    """What the switcher asks of the window it works for (the controller)."""

    registry: HostRegistry | None
    visible: bool  # the window is shown
    state_lock: threading.RLock  # held while state() must see a change whole

    @property
    def status(self) -> RunStatus: ...

    def apply_host_settings(self, settings: dict) -> None: ...

    def back_to_live(self) -> None: ...

    def reset(self) -> None: ...

    def forget_host(self, port: int) -> None: ...

    def enter(self, state: State, message: str | None = None) -> None: ...

    def lost_pairs(self) -> str: ...


class HostSwitcher(QObject):
    hostChanged = Signal()  # another host is current
    hostsChanged = Signal()  # a host came, went, stalled or was renamed: lists of hosts follow
    showRequested = Signal()  # a host asked to publish: the window comes up
    notify = Signal(str, str)  # title, text: for the tray and the log

    def __init__(self, owner: SwitcherOwner, preferences: Preferences | None, control_port: int,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self.registry = owner.registry
        self.presence = HostPresence(self)
        self.port: int | None = None
        self._settings: dict[int, dict] = {}  # what each host sent with show (for switching back)
        self._last_hosts = LastHosts(preferences, control_port)

    def live(self) -> bool:
        """A host is shown and has not gone away."""
        return self.port is not None and not self.presence.gone

    def sent(self, port: int | None) -> dict:
        """The settings the host on ``port`` sent with its last ``show`` (its ParentWindow, say)."""
        return dict(self._settings.get(port, {})) if port is not None else {}

    def _info(self, port: int):
        return self.registry.get(port) if self.registry is not None else None

    def show_host(self, port: int, settings: dict | None) -> None:
        """A host called ``show``: make it current, apply its settings, collect if new/hidden.

        Never mid-run: then the artist is told and switches when they choose. Switching away
        from a live host says so, with a way back."""
        owner, status = self._owner, self._owner.status
        if settings:
            self._settings[port] = dict(settings)
        if port != self.port and status.isRunning:
            self.presence.offer(port, "%s asks to publish; switch when this run ends." % self.label_of(port),
                                "Switch")
            self.showRequested.emit()
            return
        previous = self.port if self.live() else None
        owner.apply_host_settings(self._settings.get(port, {}))  # its own (a show() with none: its last)
        if self.registry is not None:
            self.registry.register(port)
            self.hostsChanged.emit()
        new_host = port != self.port or self.presence.gone
        was_hidden = not owner.visible
        if new_host or was_hidden:
            owner.back_to_live()  # a host asking to publish wins over a past run on screen
        if new_host:
            self.port = port
            self.hostChanged.emit()
            self.presence.show(self.label_of(port))
            status.forget_busy()
            self.presence.clear_notice()
            if previous is not None and previous != port:
                self.presence.offer(previous, "Switched to %s." % self.label_of(port),
                                    "Back to %s" % self.label_of(previous))
        self.presence.clear_notice(port)
        info = self._info(port)
        self._last_hosts.remember(port, info.pid if info else None, self._settings.get(port, {}))
        self.showRequested.emit()
        if (new_host or was_hidden) and not status.isRunning:
            owner.reset()

    def pick(self, port: int) -> None:
        """The artist picked a connected host (waiting page, host menu, notice, tray)."""
        info = self._info(port)
        if info is not None and not info.alive:
            return  # a dead host is listed as dead; it cannot be chosen
        self.show_host(port, self._settings.get(port, {}))

    def label_of(self, port: int) -> str:
        """How the artist knows the host on ``port``: "maya — shot010.ma (pid 1234)"."""
        info = self._info(port)
        if info is None:
            return "the host on port %d" % port
        if info.name:
            return info.label
        announced = str(self._settings.get(port, {}).get("ContextLabel") or "").lower()
        return host_label(announced, info.file, info.pid, port)  # before its context says more

    def host_seen(self, port: int) -> None:
        """A host not known before beat: the one shown last before a crash comes back; another is
        announced, never switched to silently."""
        self.hostsChanged.emit()
        info = self._info(port)
        if not self.live():
            settings = self._last_hosts.settings_for(port, info.pid if info else None)
            if settings is not None:
                log.info("re-attaching to %s, the host this UI showed last", self.label_of(port))
                self.show_host(port, settings)
                return
        if self.port is not None and port != self.port and self.presence.noticePort != port:
            # Not over its own request: a show() handled before its first beat already said more.
            self.presence.offer(port, "Another host connected: %s." % self.label_of(port), "Switch")

    def host_died(self, port: int) -> None:
        owner = self._owner
        owner.forget_host(port)
        self.hostsChanged.emit()
        label = self.label_of(port)
        text = "%s has gone away." % (label[0].upper() + label[1:])
        log.warning(text)
        self.notify.emit("Host closed", text)
        self.presence.clear_notice(port)
        if port == self.port and not self.presence.gone:
            with owner.state_lock:  # state() shows hostGone and the Dead state together
                owner.status.forget_busy()
                self.presence.set_gone("%s What it collected and ran stays here, read-only: read it and copy "
                                       "it from the Terminal." % text)
                owner.enter(State.Dead, " ".join(filter(None, [text, owner.lost_pairs()])))

    def host_busy(self, port: int) -> None:
        self.hostsChanged.emit()
        if port == self.port and self.live():
            with self._owner.state_lock:  # state() shows the flag and the message together
                self.presence.set_busy(True)
                self._owner.status.say_busy("%s is busy and not answering; waiting for it…" % self.label_of(port))

    def host_recovered(self, port: int) -> None:
        """A busy host answers again (a heartbeat or a result): its busy message goes at once."""
        self.hostsChanged.emit()
        if port == self.port and self.presence.busy:
            with self._owner.state_lock:
                self.presence.set_busy(False)
                self._owner.status.clear_busy()

    def host_named(self, name: str, file: str) -> None:
        """The shown host's collectors said what it is (``hostName``) and which file is open."""
        if self.registry is not None and self.port is not None:
            self.registry.register(self.port, name=name, file=file)
            self.presence.rename(self.label_of(self.port))
            self.hostsChanged.emit()

    def start_python_host(self, control_port: int) -> bool:
        """Start the standalone Python host (plugins of PYBLISHPLUGINPATH); it calls show()."""
        status = self._owner.status
        try:
            start_python_host(control_port)
        except OSError as error:
            status.say("Could not start the Python host: %s" % error)
            return False
        status.say("Starting a Python host with the plugins of PYBLISHPLUGINPATH…")
        return True
