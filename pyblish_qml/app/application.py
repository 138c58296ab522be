"""The UI process put together: Qt application, control server, host monitor, controller, window.

This is wiring only. The server translates calls into queued signals, the monitor reports dead
and busy hosts through the same kind of signals, the controller decides, and the window (QML)
shows. Thread: constructed and run on the GUI (main) thread.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # noqa: F401 - root objects come back as QQuickWindow
from PySide6.QtWidgets import QApplication

from .. import client, resources, rpc
from ..engine.events import SceneChanged
from ..engine.hosts import HostMonitor, HostRegistry
from ..record.recorder import Recorder, registry_facts
from . import commands  # noqa: F401 - registers Commands for the QML
from .controller import Controller
from .farm import farm_commands  # noqa: F401 - registers FarmCommands for the QML
from .history import history_commands  # noqa: F401 - registers HistoryCommands for the QML
from .history.timeline_view import PROVIDER as TIMELINE
from .history.timeline_view import TimelineFrames
from .hosts.control_server import ControlApi, ControlServer, ControlSignals
from .shell.collector import Collector
from .shell.completion_notice import CompletionNotice
from .shell.desktop_notices import DesktopNotices
from .shell.icons import PROVIDER, IconProvider
from .shell.keep_above import KeepAbove, window_id
from .shell.native_windows import Desktop
from .shell.preferences import Preferences
from .shell.tray import TrayIcon
from .thumbnails import thumbnail_commands  # noqa: F401 - registers ThumbnailCommands for the QML
from .thumbnails.decode_priority import ReaderPriority, lowered
from .thumbnails.image_jobs import shrunk
from .thumbnails.screen_grab import PROVIDER as GRAB
from .thumbnails.screen_grab import ScreenFrames

log = logging.getLogger(__name__)


def fit_geometry(geometry: tuple[int, int, int, int], available: tuple[int, int, int, int],
                 minimum: tuple[int, int] = (0, 0)) -> tuple[int, int, int, int]:
    """A saved or requested (x, y, width, height) fitted into the screen's available area
    (x, y, width, height): no larger than it (never below the window's minimum), moved so the
    whole window, footer included, is on screen."""
    x, y, width, height = geometry
    left, top, room_w, room_h = available
    width = max(minimum[0], min(width, room_w))
    height = max(minimum[1], min(height, room_h))
    x = min(max(x, left), left + max(0, room_w - width))
    y = min(max(y, top), top + max(0, room_h - height))
    return x, y, width, height


class StartupError(RuntimeError):
    """The UI cannot start; the message says why and what to do."""


class AlreadyRunning(Exception):
    """Another pyblish-qml answers on the control port."""


class _MonitorSignals(QObject):
    died = Signal(int)
    busy = Signal(int)


class Application:
    """One UI process. ``mode`` is "user" (started by hand), "host" (started by a host's show),
    "debug" (with the mock host) or "tray"."""

    def __init__(self, port: int, mode: str = "user", app=None, preferences: Preferences | None = None):
        self.port = port
        self.mode = mode
        self._show_at_start = mode == "tray"  # started from the desktop, not by a host
        self.app = app or QApplication.instance() or QApplication(sys.argv[:1])
        self.app.setApplicationName("pyblish-qml")
        self.app.setOrganizationName("pyblish")
        self.app.setQuitOnLastWindowClosed(mode in ("user", "host", "debug"))
        icon = resources.icons_dir() / "logo.svg"  # the application icon, also drawn on the waiting page
        if icon.exists():
            self.app.setWindowIcon(QIcon(str(icon)))

        self.preferences = preferences if preferences is not None else Preferences()
        self.registry = HostRegistry()
        self.controller = Controller(self.registry, preferences=self.preferences, control_port=port)
        self.recorder = self.controller.recorder = Recorder.for_user(
            self.preferences.values, registry_facts(self.registry), lambda: self.controller.comment,
            lowered(shrunk))  # instances' thumbnails, small, into the history, on a niced thread
        self.signals = ControlSignals()
        self._monitor_signals = _MonitorSignals()
        self.server = self._bind(port)
        self.monitor = HostMonitor(self.registry, self._monitor_signals.died.emit, self._monitor_signals.busy.emit)

        self.signals.show.connect(self.controller.show_host, Qt.ConnectionType.QueuedConnection)
        self.signals.hide.connect(self.hide, Qt.ConnectionType.QueuedConnection)
        self.signals.quit.connect(self.quit, Qt.ConnectionType.QueuedConnection)
        self.signals.command.connect(self._command, Qt.ConnectionType.QueuedConnection)
        self.signals.hostSeen.connect(self.controller.switcher.host_seen, Qt.ConnectionType.QueuedConnection)
        self.signals.hostRecovered.connect(self.controller.switcher.host_recovered, Qt.ConnectionType.QueuedConnection)
        self.signals.sceneChanged.connect(self.controller.scene_watch.scene_seen, Qt.ConnectionType.QueuedConnection)
        self.controller.scene_watch.changed.connect(self._note_scene_change)
        self._monitor_signals.died.connect(self._host_died, Qt.ConnectionType.QueuedConnection)
        self._monitor_signals.busy.connect(self.controller.switcher.host_busy, Qt.ConnectionType.QueuedConnection)
        self.controller.showRequested.connect(self.show)
        self.controller.quitRequested.connect(self.quit)
        self.controller.settingsChanged.connect(self._apply_geometry)

        self.engine = QQmlApplicationEngine()
        self.engine.addImportPath(str(resources.qml_dir()))
        icons = IconProvider(resources.icons_dir(), resources.fonts_dir())
        self.engine.addImageProvider(PROVIDER, icons)  # the engine owns it
        self.engine.addImageProvider(TIMELINE, TimelineFrames())  # the timeline's frames (app/history/timeline_view.py)
        self.engine.addImageProvider(GRAB, ScreenFrames())  # a region grab's frozen screen (app/thumbnails/)
        self.controller.expose()  # QML's Controller singleton
        self.engine.setInitialProperties({"iconBase": QUrl.fromLocalFile(str(resources.icons_dir())).toString() + "/"})
        self.engine.loadFromModule("Pyblish", "Main")
        if not self.engine.rootObjects():
            raise StartupError("the window's QML failed to load; run with --verbose to see the QML errors")
        self.window = self.engine.rootObjects()[0]
        self.window.visibleChanged.connect(self.controller.set_visible)
        self._quitting = False
        self._restore_geometry()
        self.collector = Collector(self.controller)  # full collections between runs (app/shell/collector.py)
        self.collector.watch(self.window)  # ...once the window stops drawing (a scroll, an animation)
        self.controller.status.stateChanged.connect(
            lambda: self.collector.set_running(self.controller.status.isRunning))
        self.collector.begin()  # what starting made is left out of collections; a full one once idle
        self.reader_priority = ReaderPriority()  # pictures decode behind the frames (app/thumbnails/)

        self.keep_above = KeepAbove(self.window, self, Desktop(QGuiApplication.platformName()), self.app)
        self.controller.preferences.changed.connect(self.keep_above.apply)  # above the DCC (app/shell/keep_above.py)

        self.tray: TrayIcon | None = None
        self.desktop_notices = DesktopNotices()  # where there is no tray (app/shell/completion_notice.py)
        self.desktop_notices.clicked.connect(self.show_report)
        self.completion = CompletionNotice(self.controller.status, self)
        self.completion.announce.connect(self._announce)
        self.completion.alert.connect(lambda: self.window.alert(0))
        if mode == "tray":
            if TrayIcon.available():
                self.tray = TrayIcon(self.app.windowIcon())
                self.tray.showRequested.connect(self.show)
                self.tray.hostRequested.connect(lambda port: self.controller.show_host(port, {}))
                self.tray.quitRequested.connect(self.quit)
                self.tray.messageClicked.connect(self.show_report)
                self.controller.hostsChanged.connect(lambda: self.tray.set_hosts(self.registry.snapshot()))
                self.controller.notify.connect(self.tray.notify)
                switcher = self.controller.switcher
                self.signals.hostSeen.connect(
                    lambda port: self.tray.notify("Host connected", "Connected: %s" % switcher.label_of(port)))
            else:
                log.warning("this desktop has no system tray; running as a normal window instead")
                self.mode = "user"
                self.app.setQuitOnLastWindowClosed(True)

    def _bind(self, port: int) -> ControlServer:
        try:
            return ControlServer(port, ControlApi(self.registry, self.signals, self.controller.state_snapshot))
        except OSError as error:
            if client.is_running(port):
                raise AlreadyRunning("pyblish-qml is already running on 127.0.0.1:%d" % port) from None
            raise StartupError("cannot listen on %s:%d: %s. Something else uses the port; pick another with "
                               "--port or PYBLISH_QML_PORT" % (rpc.LOOPBACK, port, error.strerror)) from None

    def start(self) -> None:
        self.server.start()
        self.monitor.start()
        if self.tray is not None:
            self.tray.show()
        if self._show_at_start:
            self.show()  # the "waiting for a host" window, even where the tray fell back
        log.info("pyblish-qml listening on %s:%d (%s mode)", rpc.LOOPBACK, self.server.port, self.mode)

    def run(self) -> int:
        self.start()
        code = self.app.exec()
        self.shutdown()
        return code

    # ------------------------------------------------------------------ window

    def show(self) -> None:
        self.window.show()
        self.keep_above.apply()  # after show: mapping a window clears what it was transient for
        self.window.raise_()
        self.window.requestActivate()

    def show_report(self) -> None:
        """A completion notice was clicked: the window comes up on the Report."""
        log.info("a notice was clicked: showing the report")
        self.show()
        self.controller.reportRequested.emit()

    # NoticeOwner (app/shell/completion_notice.py)
    def window_focused(self) -> bool:
        return self.window.isVisible() and self.window.isActive()

    def notices_wanted(self) -> bool:
        return self.controller.preferences.notifyWhenDone

    def shown_host(self) -> str:
        return self.controller.presence.label

    # KeepAboveOwner (app/shell/keep_above.py)
    def keep_above_wanted(self) -> bool:
        return self.controller.preferences.keepAboveHost

    def host_window(self) -> int | None:
        switcher = self.controller.switcher
        return window_id(switcher.sent(switcher.port).get("ParentWindow"))

    def host_pid(self) -> int | None:
        switcher = self.controller.switcher
        info = self.registry.get(switcher.port) if switcher.port is not None and switcher.live() else None
        return info.pid if info is not None else None

    def _announce(self, title: str, text: str) -> None:
        log.info("notice: %s — %s", title, text.replace("\n", " — "))
        if self.tray is not None and self.tray.can_notify():
            self.tray.notify(title, text)
        else:
            self.desktop_notices.notify(title, text)

    def hide(self) -> None:
        self._save_geometry()
        self.window.hide()
        self._leave_if_no_host()

    def _restore_geometry(self) -> bool:
        geometry = self.preferences.get("windowGeometry")
        if not (isinstance(geometry, list) and len(geometry) == 4 and all(isinstance(v, int) for v in geometry)):
            return False
        self._place(*geometry)
        return True

    def _place(self, x: int | None, y: int | None, width: int, height: int) -> None:
        """Size (and place, when given) the window, fitted to the screen it lands on."""
        point = QPoint(x, y) if x is not None and y is not None else self.window.position()
        screen = QGuiApplication.screenAt(point) or self.window.screen() or QGuiApplication.primaryScreen()
        minimum = (self.window.minimumWidth(), self.window.minimumHeight())
        fitted = fit_geometry((point.x(), point.y(), width, height), screen.availableGeometry().getRect(), minimum)
        self.window.resize(fitted[2], fitted[3])
        if x is not None and y is not None or fitted[:2] != (point.x(), point.y()):
            self.window.setPosition(fitted[0], fitted[1])

    def _save_geometry(self) -> None:
        if self.window.isVisible():
            self.preferences.set("windowGeometry", [self.window.x(), self.window.y(), self.window.width(),
                                                    self.window.height()])
            self.preferences.save()

    def _apply_geometry(self) -> None:
        """The host's WindowSize/WindowPosition: the user's own size and place win over the
        defaults, but a size or place a host sends is honoured (a new WindowSize once, so the
        artist's later resize then stands until the host sends another)."""
        values, sent = self.controller.settings.values, self.controller.settings.sent
        size = values["WindowSize"] if "WindowSize" in sent else None
        if size is not None and size == self.preferences.get("hostWindowSize"):
            size = None  # taken before: the artist's resize since then stands
        if self.preferences.get("windowGeometry") and size is None and "WindowPosition" not in sent:
            return
        if size is not None:
            self.preferences.set("hostWindowSize", list(size))
        elif self.preferences.get("windowGeometry"):
            size = [self.window.width(), self.window.height()]  # only a place was sent: the size stays
        width, height = size or values["WindowSize"]
        position = values["WindowPosition"] or (None, None)
        self._place(position[0], position[1], width, height)

    def _note_scene_change(self) -> None:
        """The shown results went stale: the run history notes it on the host's last run."""
        port = self.controller.switcher.port
        if self.controller.scene_watch.sceneChanged and port is not None:
            self.recorder.consume([SceneChanged(port)])

    def _host_died(self, port: int) -> None:
        self.controller.switcher.host_died(port)
        self._leave_if_no_host()

    def _leave_if_no_host(self) -> None:
        """A UI a host started leaves once no host is left — but not while its window still shows
        what a gone host did: then it leaves when the artist closes (or a host hides) the window."""
        if self.mode == "host" and not self.registry.alive_ports() and not self.window.isVisible():
            log.warning("no host left; exiting")
            self.quit()

    def _command(self, name: str) -> None:
        getattr(self.controller, name)()

    # ------------------------------------------------------------------ lifetime

    def quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        self._save_geometry()
        self.controller.runner.stop()  # the pair in flight finishes in the host; nothing new starts
        QTimer.singleShot(0, self.app.quit)

    def shutdown(self) -> None:
        self.keep_above.close()
        if self.tray is not None:
            self.tray.hide()
        # The QML goes before the controller it binds to, or every binding complains of null.
        self.window.hide()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.monitor.stop()
        self.server.stop()
        self.controller.shutdown()
        self.recorder.close()  # commits what the last drains queued
