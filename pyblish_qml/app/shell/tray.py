"""The system-tray resident (``--tray``): Show, the connected hosts, Quit, and notifications.

Where the desktop has no tray, ``TrayIcon.available()`` is False and the application says so
and falls back to a normal window. Thread: GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

log = logging.getLogger(__name__)


def host_label(host: dict) -> str:
    status = "gone" if not host.get("alive") else "busy" if host.get("busy") else "alive"
    return "%s (%s)" % (host.get("label") or "host on port %d" % host["port"], status)


class TrayIcon(QObject):
    showRequested = Signal()
    hostRequested = Signal(int)
    quitRequested = Signal()
    messageClicked = Signal()  # a message it showed was clicked

    def __init__(self, icon: QIcon, parent: QObject | None = None):
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        # Owned by this object, not the menu: QMenu.clear() deletes the actions it owns.
        self.show_action = QAction("Show", self)
        self.show_action.triggered.connect(self.showRequested)
        self.hosts_header = QAction("No hosts connected", self)
        self.hosts_header.setEnabled(False)
        self.quit_action = QAction("Quit", self)
        self.quit_action.triggered.connect(self.quitRequested)
        self._host_actions: list[QAction] = []
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("pyblish-qml")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.messageClicked)
        self.set_hosts([])

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def set_hosts(self, hosts: list[dict]) -> None:
        """Rebuild the menu: Show, one entry per host (click to show it), Quit."""
        self.menu.clear()
        self._host_actions = []
        self.menu.addAction(self.show_action)
        self.menu.addSeparator()
        self.hosts_header.setText("Hosts" if hosts else "No hosts connected")
        self.menu.addAction(self.hosts_header)
        for host in hosts:
            action = QAction(host_label(host), self.menu)
            action.setEnabled(bool(host.get("alive")))
            action.triggered.connect(lambda _=False, port=host["port"]: self.hostRequested.emit(port))
            self.menu.addAction(action)
            self._host_actions.append(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)

    def host_actions(self) -> list[QAction]:
        return list(self._host_actions)

    def can_notify(self) -> bool:
        return self.icon.isVisible() and QSystemTrayIcon.supportsMessages()

    def notify(self, title: str, text: str, icon=QSystemTrayIcon.MessageIcon.Information) -> None:
        if self.can_notify():
            self.icon.showMessage(title, text, icon, 5000)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.showRequested.emit()
