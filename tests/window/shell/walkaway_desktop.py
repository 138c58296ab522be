"""A desktop for the walk-away tests (issue 24): an X server of its own with openbox, a session
bus with a real notification server (dunst) watched by dbus-monitor, a full-screen stand-in DCC
window, and the real UI process on it."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from helpers import REPO, UIProcess, wait_for
from test_window_manager import Display


class WalkawayDesktop(Display):
    """openbox on its own Xvfb, plus a session bus, dunst and dbus-monitor."""

    def __init__(self, folder: Path):
        super().__init__(1600, 1000)
        self.folder = folder
        self.bus_address = "unix:path=%s" % (folder / "bus")
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        self.processes: list[subprocess.Popen] = []
        self.monitor_log = folder / "dbus-monitor.txt"

    def start_bus(self) -> None:
        bus = ["dbus-daemon", "--session", "--nofork", "--address=" + self.bus_address]
        self.processes.append(subprocess.Popen(bus, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(lambda: (self.folder / "bus").exists(), 10, "the session bus")
        with open(self.monitor_log, "w") as log:
            self.processes.append(subprocess.Popen(["dbus-monitor", "--session",
                                                    "interface='org.freedesktop.Notifications'"],
                                                   env=self.env, stdout=log, stderr=subprocess.STDOUT))
        self.processes.append(subprocess.Popen(["dunst"], env=self.env, stdout=subprocess.DEVNULL,
                                               stderr=subprocess.DEVNULL))
        wait_for(lambda: subprocess.run(["dunstctl", "is-paused"], env=self.env, capture_output=True,
                                        text=True).stdout.strip() == "false", 10, "dunst on the bus")

    def bus_log(self) -> str:
        return self.monitor_log.read_text(encoding="utf-8", errors="replace")

    def stand_in_dcc(self) -> str:
        """A full-screen stand-in DCC window, focused; its X window id (decimal, as xprop prints ids)."""
        process = subprocess.Popen([sys.executable, str(REPO / "tests" / "standins" / "dcc_window.py")],
                                   env=dict(self.env, QT_QPA_PLATFORM="xcb"), stdout=subprocess.PIPE, text=True)
        self.processes.append(process)
        window = process.stdout.readline().strip()
        wait_for(lambda: self.active() == int(window), 10, "the stand-in DCC to have the focus")
        return window

    def active(self) -> int | None:
        """The window openbox says is active (_NET_ACTIVE_WINDOW)."""
        text = self.x("xprop", "-root", "_NET_ACTIVE_WINDOW")
        value = text.rsplit(" ", 1)[-1].strip()
        return int(value, 16) if value.startswith("0x") else None

    def ui(self, *args: str) -> UIProcess:
        """The real UI process on this desktop (its preferences in a folder of the test's own)."""
        env = dict(self.env, XDG_CONFIG_HOME=str(self.folder / "config"), QT_QPA_PLATFORM="xcb")
        return UIProcess(*args, offscreen=False, env=env)

    def window_of(self, pid: int) -> str:
        def mapped() -> str | None:
            found = self.x("xdotool", "search", "--onlyvisible", "--pid", str(pid)).split()
            return found[-1] if found else None

        return wait_for(mapped, 20, "the window of pid %d to be mapped" % pid)

    def wm_state(self, window: str) -> str:
        return self.x("xprop", "-id", window, "_NET_WM_STATE")

    def screenshot(self, window: str, path: str) -> None:
        subprocess.run(["import", "-window", window, path], env=self.env, capture_output=True, timeout=20)

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
        super().close()


@contextlib.contextmanager
def open_desktop():
    for tool in ("Xvfb", "openbox", "xdotool", "xprop", "dbus-daemon", "dbus-monitor", "dunst", "dunstctl", "import"):
        if not shutil.which(tool):
            pytest.skip("%s is not installed; scripts/bootstrap.sh --test installs it" % tool)
    folder = Path(tempfile.mkdtemp(prefix="pyblish-qml-walkaway-"))
    desktop = WalkawayDesktop(folder)
    try:
        desktop.start_manager()
        desktop.start_bus()
        yield desktop
    finally:
        desktop.close()
        shutil.rmtree(folder, ignore_errors=True)


def environment_for_hosts(desktop: WalkawayDesktop, **extra: str) -> dict:
    from helpers import isolated_env

    return isolated_env(DISPLAY=desktop.name, DBUS_SESSION_BUS_ADDRESS=desktop.bus_address, **extra)

