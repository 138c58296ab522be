"""Keep the publish window findable above the DCC (issue 24, point 2).

One click into a full-screen DCC and a separate publish window is gone behind it. The window
lives in its own process, so it cannot be the DCC's child; the platform's own ways are used:

- **Transient for the DCC's window** (:attr:`Keep.Transient`): the host sent its main window's
  native id with ``show`` (``ParentWindow``, docs/protocol.md "Settings"), or, on X11, the
  desktop names the host process's top-most window (Blender has no call for its id). The window
  manager then stacks the publish window above the DCC, and only above it: a browser still
  covers both. On X11 it is WM_TRANSIENT_FOR (written here: Qt writes it for dialogs only);
  elsewhere Qt's transient parent (the owner window on Windows).
- **Stay on top while the DCC is active** (:attr:`Keep.WhileActive`): no window to be transient
  for. The stay-on-top hint is on while the active program is the host's (or this window), off
  otherwise; where the platform cannot say which program is active (Wayland, macOS) it stays on
  while a host is shown.

The ``keepAboveHost`` preference (on by default) turns it off. :class:`KeepAbove` is asked again
each time the window has been shown and when the preference changes.

Thread: GUI thread only.
"""

from __future__ import annotations

import enum
import logging
import os
from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QWindow

from .native_windows import Desktop

log = logging.getLogger(__name__)

ACTIVE_POLL_MS = 400  # how soon the hint follows the artist to another program (WhileActive only)


class Keep(enum.Enum):
    Off = "off"  # the preference is off, or no host is shown
    Transient = "transient"  # transient for the DCC's window
    WhileActive = "while-active"  # on top while the DCC (or this window) is the active program


class KeepAboveOwner(Protocol):
    """What the helper asks of the application it keeps findable."""

    def keep_above_wanted(self) -> bool: ...  # the artist's keepAboveHost preference

    def host_window(self) -> int | None: ...  # the native window id the shown host sent, if any

    def host_pid(self) -> int | None: ...  # the shown host's process (None: no host shown)


def window_id(value: object) -> int | None:
    """A ``ParentWindow`` setting as a window id: a positive int, or its decimal text (64-bit ids
    travel as text over XML-RPC); anything else is None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value > 0 else None


class KeepAbove(QObject):
    changed = Signal()  # the way the window is kept above changed (mode, parent or hint)

    def __init__(self, window: QWindow, owner: KeepAboveOwner, desktop: Desktop, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._owner = owner
        self._desktop = desktop
        self.mode = Keep.Off
        self.parent_window: int | None = None  # the DCC window we are transient for
        self._foreign: QWindow | None = None  # Qt's handle on that window (kept alive while used)
        self._poll = QTimer(self)
        self._poll.setInterval(ACTIVE_POLL_MS)
        self._poll.timeout.connect(self._follow_active)

    def apply(self) -> None:
        """Decide again: the window was just shown (for a host, maybe another), or the preference changed."""
        pid = self._owner.host_pid()
        wanted = self._owner.keep_above_wanted() and pid is not None
        parent = (self._owner.host_window() or self._desktop.window_of(pid)) if wanted and pid else None
        if parent is not None:
            self._set_parent(parent)
            self._set_on_top(False)
            self._enter(Keep.Transient)
        else:
            self._set_parent(None)
            self._enter(Keep.WhileActive if wanted else Keep.Off)
            self._follow_active()

    def _enter(self, mode: Keep) -> None:
        if mode is Keep.WhileActive:
            self._poll.start()
        else:
            self._poll.stop()
        if mode is not self.mode:
            log.info("keeping the window above the host: %s", mode.value)
            self.mode = mode
            self.changed.emit()

    def _set_parent(self, parent: int | None) -> None:
        # X11: Qt writes WM_TRANSIENT_FOR for dialogs only (and deletes it when it maps any other
        # window), so it is written on our own window after each show; elsewhere Qt's transient
        # parent makes the DCC's window the owner (Windows).
        if not self._desktop.set_transient_for(int(self._window.winId()), parent):
            if parent != self.parent_window:
                self._foreign = QWindow.fromWinId(parent) if parent is not None else None
                self._window.setTransientParent(self._foreign)
        if parent != self.parent_window:
            self.parent_window = parent
            self.changed.emit()

    def _follow_active(self) -> None:
        if self.mode is not Keep.WhileActive:
            self._set_on_top(False)
            return
        active = self._desktop.active_pid()
        self._set_on_top(active is None or active in (self._owner.host_pid(), os.getpid()))

    def _set_on_top(self, on: bool) -> None:
        if bool(self._window.flags() & Qt.WindowType.WindowStaysOnTopHint) != on:
            self._window.setFlag(Qt.WindowType.WindowStaysOnTopHint, on)
            self.changed.emit()

    @property
    def on_top(self) -> bool:
        return bool(self._window.flags() & Qt.WindowType.WindowStaysOnTopHint)

    def close(self) -> None:
        self._poll.stop()
        self._desktop.close()
