"""Desktop notifications through the freedesktop notification service, where there is no tray.

:class:`DesktopNotices` posts ``org.freedesktop.Notifications.Notify`` on the session bus
(with a "default" action: clicking the notification) and tells :attr:`DesktopNotices.clicked`
when the artist clicks one of ours. The bus is spoken by :mod:`.dbus_wire` on a thread of its
own, started at the first notification; no bus (Windows, macOS, a bare session) means
:meth:`DesktopNotices.available` is False and nothing is posted.

Thread: the object lives on the GUI thread; the bus is read and written on its own thread,
which reports through queued signals.
"""

from __future__ import annotations

import logging
import queue
import threading

from PySide6.QtCore import QObject, Signal

from . import dbus_wire

log = logging.getLogger(__name__)

NOTIFICATIONS = ("org.freedesktop.Notifications", "/org/freedesktop/Notifications", "org.freedesktop.Notifications")
ACTION_MATCH = ("type='signal',interface='org.freedesktop.Notifications',member='ActionInvoked',"
                "path='/org/freedesktop/Notifications'")
SHOWN_MS = 10000  # how long the notification stays, where the server honours it


class DesktopNotices(QObject):
    clicked = Signal()  # one of our notifications was clicked (its default action)
    _invoked = Signal(int)  # from the bus thread: ActionInvoked for this notification id
    _posted = Signal(int)  # from the bus thread: the server's id for our last notification

    def __init__(self, app_name: str = "pyblish-qml", parent: QObject | None = None):
        super().__init__(parent)
        self._app_name = app_name
        self._address = dbus_wire.session_address()
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._ours: set[int] = set()
        self.posted: list[int] = []  # the ids the server gave, in order (for tests and the log)
        self._invoked.connect(self._on_invoked)
        self._posted.connect(self._on_posted)

    def available(self) -> bool:
        """A session bus is there to ask (whether a notification server answers is learnt by posting)."""
        return self._address is not None

    def notify(self, title: str, text: str) -> None:
        """Post a notification (returns at once; the bus thread sends it)."""
        if not self.available():
            return
        self._outbox.put((title, text))
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="pyblish-qml-notices", daemon=True)
            self._thread.start()

    def _on_posted(self, notification: int) -> None:
        self._ours.add(notification)
        self.posted.append(notification)

    def _on_invoked(self, notification: int) -> None:
        if notification in self._ours:
            self.clicked.emit()

    # ------------------------------------------------------------------ the bus thread

    def _run(self) -> None:
        try:
            connection = dbus_wire.Connection(self._address)
            connection.open()
            connection.call(dbus_wire.BUS, "AddMatch", "s", ACTION_MATCH)
        except OSError as error:
            log.warning("no desktop notifications: the session bus did not answer (%s)", error)
            return
        pending: dict[int, bool] = {}  # serials of Notify calls awaiting the server's id
        while True:
            try:
                title, text = self._outbox.get_nowait()
            except queue.Empty:
                pass
            else:
                serial = connection.call(NOTIFICATIONS, "Notify", "susssasa{sv}i", self._app_name, 0, "",
                                         title, text, ["default", "Show the report"], {}, SHOWN_MS)
                pending[serial] = True
                continue
            try:
                received = connection.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError as error:
                log.warning("desktop notifications stopped: %s", error)
                return
            self._handle(received, pending)

    def _handle(self, received: dict, pending: dict[int, bool]) -> None:
        fields, args = received["fields"], received["args"]
        if received["kind"] == dbus_wire.METHOD_RETURN and pending.pop(fields.get("reply_serial"), False):
            self._posted.emit(int(args[0]) if args else 0)
        elif received["kind"] == dbus_wire.ERROR and pending.pop(fields.get("reply_serial"), False):
            log.warning("the desktop's notification service refused the notification: %s %s",
                        fields.get("error"), args[:1])
        elif received["kind"] == dbus_wire.SIGNAL and fields.get("member") == "ActionInvoked" and args:
            self._invoked.emit(int(args[0]))
