"""The completion notice through the tray (issue 24, point 1), on a real desktop: openbox on an Xvfb
of its own, trayer (a real XEmbed system tray), the real UI process started from the desktop
(``--tray``), a real host and a full-screen stand-in DCC with the focus. A long publish fails: the
tray shows its message (Qt's balloon, a window of the UI process), the window demands attention,
and a click on the message raises the window on the Report with the focus."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from helpers import HostProcess, ready, wait_for
from walkaway_desktop import environment_for_hosts, open_desktop


@pytest.fixture
def tray_desktop():
    if not shutil.which("trayer"):
        pytest.skip("trayer (a minimal system tray) is not installed; scripts/bootstrap.sh --test installs it")
    with open_desktop() as desktop:
        tray = subprocess.Popen(["trayer", "--edge", "bottom", "--widthtype", "request", "--SetDockType", "false"],
                                env=desktop.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        desktop.processes.append(tray)
        wait_for(lambda: desktop.x("xdotool", "search", "--class", "trayer").split(), 10, "trayer's window")
        yield desktop


def windows_of(desktop, pid: int) -> list[str]:
    return desktop.x("xdotool", "search", "--onlyvisible", "--pid", str(pid)).split()


def balloon(desktop, pid: int) -> str | None:
    """The tray's message: the UI's visible tooltip-type window (Qt's QBalloonTip)."""
    for window in windows_of(desktop, pid):
        if "_NET_WM_WINDOW_TYPE_TOOLTIP" in desktop.x("xprop", "-id", window, "_NET_WM_WINDOW_TYPE"):
            return window
    return None


def centre(desktop, window: str) -> tuple[int, int]:
    text = desktop.x("xwininfo", "-id", window)
    values = dict(re.findall(r"(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", text))
    x, y = int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"])
    return x + int(values["Width"]) // 2, y + int(values["Height"]) // 2


def test_a_long_failed_publish_shows_the_tray_message_and_its_click_raises_the_report(tray_desktop, docs_image):
    desktop = tray_desktop
    ui = desktop.ui("--tray")
    wait_for(lambda: "(tray mode)" in ui.output(), 20, "the UI in the tray: %s" % ui.output()[-2000:])
    host = HostProcess("walkaway", env=environment_for_hosts(desktop, PYBLISH_TEST_PAIR_SECONDS="2.5",
                                                              PYBLISH_TEST_FAIL_CHAIR="1"))
    try:
        assert ui.proxy.show(host.port, {"ContextLabel": "Python"}) is True
        wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 3, 30, "collected")
        window = desktop.window_of(ui.process.pid)
        dcc = desktop.stand_in_dcc()  # the artist goes back to the DCC
        ui.proxy.publish()
        wait_for(lambda: ready(ui.proxy) and ui.proxy.state()["failed"], 30, "the publish to fail")
        found = wait_for(lambda: balloon(desktop, ui.process.pid), 10, "the tray's message")
        assert "notice: Publish failed" in ui.output()
        assert desktop.bus_log().count("member=Notify") == 0  # the tray said it, not the notification service
        wait_for(lambda: "_NET_WM_STATE_DEMANDS_ATTENTION" in desktop.wm_state(window), 10, "the attention hint")
        assert desktop.active() == int(dcc)
        desktop.screenshot("root", docs_image("completion-notice-tray.png"))

        x, y = centre(desktop, found)
        desktop.x("xdotool", "mousemove", str(x), str(y), "click", "1")  # the artist clicks the message
        wait_for(lambda: "a notice was clicked: showing the report" in ui.output(), 10, "the click to be seen")
        wait_for(lambda: desktop.active() == int(window), 10, "the window to come up with the focus")
        wait_for(lambda: "DEMANDS_ATTENTION" not in desktop.wm_state(window), 10, "the attention hint to go")
    finally:
        ui.stop()
        host.stop()
