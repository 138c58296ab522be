"""What the desktop knows about other programs' windows: which one is active, which belongs to a pid.

Keeping the publish window above the DCC (app/shell/keep_above.py) needs two facts Qt does not
give about another process: the DCC's top-level window (when the host sent no id: Blender has no
Python call for it) and whether the DCC is the active program now. On X11 both are properties the
window manager keeps on the root window (``_NET_CLIENT_LIST``, ``_NET_ACTIVE_WINDOW``) and on each
client (``_NET_WM_PID``), read here with libxcb through ctypes on a connection of our own: an
error (a window that vanished mid-read) comes back as a missing reply, never as Xlib's global
error handler ending the process. On Windows the active program is ``GetForegroundWindow``'s.
Elsewhere (Wayland, macOS) nothing is known: every function answers None.

Each call is a few round trips to the local X server (well under a millisecond).
Thread: the GUI thread (one connection, used by one thread).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

log = logging.getLogger(__name__)


WM_TRANSIENT_FOR, ATOM_WINDOW = 68, 33  # predefined atoms (X11 protocol, Appendix B)


class _Iterator(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _AtomReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("pad0", ctypes.c_uint8), ("sequence", ctypes.c_uint16),
                ("length", ctypes.c_uint32), ("atom", ctypes.c_uint32)]


class _PropertyReply(ctypes.Structure):
    _fields_ = [("response_type", ctypes.c_uint8), ("format", ctypes.c_uint8), ("sequence", ctypes.c_uint16),
                ("length", ctypes.c_uint32), ("type", ctypes.c_uint32), ("bytes_after", ctypes.c_uint32),
                ("value_len", ctypes.c_uint32)]


class X11Windows:
    """Reads the window manager's facts over a libxcb connection of its own (see the module doc)."""

    def __init__(self, display: str | None = None):
        self._xcb = ctypes.CDLL(ctypes.util.find_library("xcb") or "libxcb.so.1")
        self._libc = ctypes.CDLL(None)
        self._declare()
        screen = ctypes.c_int(0)
        self._conn = self._xcb.xcb_connect(display.encode() if display else None, ctypes.byref(screen))
        if not self._conn or self._xcb.xcb_connection_has_error(self._conn):
            raise OSError("cannot connect to the X server %r" % (display or os.environ.get("DISPLAY"),))
        iterator = self._xcb.xcb_setup_roots_iterator(self._xcb.xcb_get_setup(self._conn))
        for _ in range(screen.value):
            self._xcb.xcb_screen_next(ctypes.byref(iterator))
        self.root = ctypes.c_uint32.from_address(iterator.data).value  # xcb_screen_t starts with its root
        self._atoms: dict[str, int] = {}

    def _declare(self) -> None:
        xcb = self._xcb
        xcb.xcb_connect.restype = ctypes.c_void_p
        xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
        xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
        xcb.xcb_get_setup.restype = ctypes.c_void_p
        xcb.xcb_get_setup.argtypes = [ctypes.c_void_p]
        xcb.xcb_setup_roots_iterator.restype = _Iterator
        xcb.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
        xcb.xcb_screen_next.argtypes = [ctypes.POINTER(_Iterator)]
        xcb.xcb_intern_atom.restype = _Cookie
        xcb.xcb_intern_atom.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16, ctypes.c_char_p]
        xcb.xcb_intern_atom_reply.restype = ctypes.POINTER(_AtomReply)
        xcb.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.POINTER(ctypes.c_void_p)]
        xcb.xcb_get_property.restype = _Cookie
        xcb.xcb_get_property.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint32,
                                         ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32]
        xcb.xcb_get_property_reply.restype = ctypes.POINTER(_PropertyReply)
        xcb.xcb_get_property_reply.argtypes = [ctypes.c_void_p, _Cookie, ctypes.POINTER(ctypes.c_void_p)]
        xcb.xcb_get_property_value.restype = ctypes.c_void_p
        xcb.xcb_get_property_value.argtypes = [ctypes.POINTER(_PropertyReply)]
        xcb.xcb_change_property.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint32,
                                            ctypes.c_uint32, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_void_p]
        xcb.xcb_delete_property.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_uint32]
        xcb.xcb_flush.argtypes = [ctypes.c_void_p]
        xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
        self._libc.free.argtypes = [ctypes.c_void_p]

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            error = ctypes.c_void_p()
            cookie = self._xcb.xcb_intern_atom(self._conn, 0, len(name), name.encode())
            reply = self._xcb.xcb_intern_atom_reply(self._conn, cookie, ctypes.byref(error))
            self._libc.free(error)
            if not reply:
                return 0
            self._atoms[name] = reply.contents.atom
            self._libc.free(ctypes.cast(reply, ctypes.c_void_p))
        return self._atoms[name]

    def cardinals(self, window: int, name: str, longest: int = 4096) -> list[int]:
        """A 32-bit property of ``window`` (a WINDOW or CARDINAL list); [] when it or the window is gone."""
        error = ctypes.c_void_p()
        cookie = self._xcb.xcb_get_property(self._conn, 0, window, self._atom(name), 0, 0, longest)
        reply = self._xcb.xcb_get_property_reply(self._conn, cookie, ctypes.byref(error))
        self._libc.free(error)
        if not reply:
            return []
        try:
            if reply.contents.format != 32:
                return []
            count = reply.contents.value_len
            values = ctypes.cast(self._xcb.xcb_get_property_value(reply), ctypes.POINTER(ctypes.c_uint32))
            return [values[index] for index in range(count)]
        finally:
            self._libc.free(ctypes.cast(reply, ctypes.c_void_p))

    def active_window(self) -> int | None:
        found = self.cardinals(self.root, "_NET_ACTIVE_WINDOW", 1)
        return found[0] if found and found[0] else None

    def pid_of(self, window: int) -> int | None:
        found = self.cardinals(window, "_NET_WM_PID", 1)
        return found[0] if found else None

    def windows_of(self, pid: int) -> list[int]:
        """The managed top-level windows whose ``_NET_WM_PID`` is ``pid``, bottom of the stack first."""
        return [window for window in self.cardinals(self.root, "_NET_CLIENT_LIST_STACKING")
                if self.pid_of(window) == pid]

    def set_transient_for(self, window: int, parent: int | None) -> None:
        """WM_TRANSIENT_FOR of our own ``window`` (None: removed). Qt writes it only for dialogs and
        other secondary window types; the window manager reads it whenever it changes."""
        if parent:
            value = ctypes.c_uint32(parent)
            self._xcb.xcb_change_property(self._conn, 0, window, WM_TRANSIENT_FOR, ATOM_WINDOW, 32, 1,
                                          ctypes.byref(value))
        else:
            self._xcb.xcb_delete_property(self._conn, window, WM_TRANSIENT_FOR)
        self._xcb.xcb_flush(self._conn)

    def close(self) -> None:
        if self._conn:
            self._xcb.xcb_disconnect(self._conn)
            self._conn = None


class Desktop:
    """The two facts keep_above.py asks, on whichever platform this is (None: not known here)."""

    def __init__(self, platform: str):
        self._x11: X11Windows | None = None
        if platform == "xcb":
            try:
                self._x11 = X11Windows()
            except OSError as error:
                log.info("no window facts from the X server: %s", error)

    def window_of(self, pid: int) -> int | None:
        """The top-most window of process ``pid`` (the DCC's main window, as the desktop sees it)."""
        if self._x11 is None:
            return None
        found = self._x11.windows_of(pid)
        return found[-1] if found else None

    def set_transient_for(self, window: int, parent: int | None) -> bool:
        """Make our ``window`` transient for ``parent`` where Qt would not (X11); False: not done here."""
        if self._x11 is None:
            return False
        self._x11.set_transient_for(window, parent)
        return True

    def active_pid(self) -> int | None:
        """The process whose window is active now."""
        if self._x11 is not None:
            window = self._x11.active_window()
            return self._x11.pid_of(window) if window else None
        if sys.platform == "win32":
            return _windows_foreground_pid()
        return None

    def close(self) -> None:
        if self._x11 is not None:
            self._x11.close()


def _windows_foreground_pid() -> int | None:
    user32 = ctypes.windll.user32  # type: ignore[attr-defined]
    window = user32.GetForegroundWindow()
    if not window:
        return None
    pid = ctypes.c_ulong(0)
    user32.GetWindowThreadProcessId(window, ctypes.byref(pid))
    return pid.value or None
