"""The shown host as the artist sees it: its name, whether it has gone or is busy, and notices
about other hosts; plus the record that lets a UI restarted on the same port re-attach.

:class:`HostPresence` holds what the window's host label, "host gone" banner and host notice
bind to (typed properties); the controller decides when they change. :class:`LastHosts` keeps,
per control port, the host that was current last (port, pid and its ``show`` settings) in the
user's preferences, so a UI that crashed and is started again takes that host back as soon as
its heartbeats arrive — the artist never has to restart Maya for it.

Thread: GUI thread only.
"""

from __future__ import annotations

import json
import logging

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..shell.preferences import Preferences

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("the controller makes one")
class HostPresence(QObject):
    changed = Signal()
    noticeChanged = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._label = ""
        self._gone = False
        self._gone_text = ""
        self._busy = False
        self._notice = ""
        self._notice_port = 0
        self._notice_action = ""

    # ------------------------------------------------------------------ the shown host

    def show(self, label: str) -> None:
        """A live host is shown now: no banner, not busy."""
        self._label, self._gone, self._gone_text, self._busy = label, False, "", False
        self.changed.emit()

    def rename(self, label: str) -> None:
        if label != self._label:
            self._label = label
            self.changed.emit()

    def set_gone(self, text: str) -> None:
        self._gone, self._gone_text, self._busy = True, text, False
        self.changed.emit()

    def set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.changed.emit()

    @Property(str, notify=changed, final=True)
    def label(self) -> str:
        """"maya — shot010.ma (pid 1234)": DCC, scene file and process of the shown host."""
        return self._label

    @Property(bool, notify=changed, final=True)
    def gone(self) -> bool:
        """The shown host has gone away: the window is a read-only record of what it did."""
        return self._gone

    @Property(str, notify=changed, final=True)
    def goneText(self) -> str:
        return self._gone_text

    @Property(bool, notify=changed, final=True)
    def busy(self) -> bool:
        return self._busy

    # ------------------------------------------------------------------ another host

    def offer(self, port: int, text: str, action: str) -> None:
        """Tell the artist about another host, with a button (``action``) that switches to it."""
        self._notice, self._notice_port, self._notice_action = text, int(port), action
        self.noticeChanged.emit()

    def clear_notice(self, port: int | None = None) -> None:
        """Drop the notice (only the one about ``port``, when given)."""
        if self._notice and (port is None or port == self._notice_port):
            self._notice, self._notice_port, self._notice_action = "", 0, ""
            self.noticeChanged.emit()

    @Property(str, notify=noticeChanged, final=True)
    def notice(self) -> str:
        return self._notice

    @Property(int, notify=noticeChanged, final=True)
    def noticePort(self) -> int:
        return self._notice_port

    @Property(str, notify=noticeChanged, final=True)
    def noticeAction(self) -> str:
        """The notice's button text: "Switch", "Back to maya — shot010.ma (pid 1234)"."""
        return self._notice_action


class LastHosts:
    """Per control port, the host shown last, saved at once (a crash may follow any moment)."""

    KEY = "lastHosts"

    def __init__(self, preferences: Preferences | None, control_port: int):
        self._preferences = preferences
        self._key = str(control_port)

    def remember(self, port: int, pid: int | None, settings: dict) -> None:
        if self._preferences is None or not pid:
            return
        try:
            settings = json.loads(json.dumps(settings))
        except (TypeError, ValueError):
            settings = {}  # what JSON cannot hold is not worth failing for; the defaults apply
        record = {"port": int(port), "pid": int(pid), "settings": settings}
        records = dict(self._preferences.get(self.KEY) or {})
        if records.get(self._key) == record:
            return
        records[self._key] = record
        self._preferences.set(self.KEY, records)
        self._preferences.save()

    def settings_for(self, port: int, pid: int | None) -> dict | None:
        """The settings to show ``port`` with when it is the very host (same pid) shown last."""
        if self._preferences is None or not pid:
            return None
        record = (self._preferences.get(self.KEY) or {}).get(self._key)
        if not isinstance(record, dict) or record.get("port") != port or record.get("pid") != pid:
            return None
        settings = record.get("settings")
        return dict(settings) if isinstance(settings, dict) else {}
