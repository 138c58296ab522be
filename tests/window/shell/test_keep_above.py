"""Keep the window findable above the DCC (issue 24, point 2), on a real desktop: openbox on an Xvfb
of its own, a full-screen stand-in DCC window with the focus, the real UI process and a real host.

The host sends the DCC's window id with ``show`` (``ParentWindow``, as the Maya, Nuke and Houdini
integrations do): the window is WM_TRANSIENT_FOR the DCC (read with xprop), and after the artist
clicks into the DCC it is still above it in openbox's stacking order (``_NET_CLIENT_LIST_STACKING``).
A second ``show()`` (File ▸ Publish again) raises it and gives it the focus (``_NET_ACTIVE_WINDOW``).
With the preference off it is the 1.x behaviour: one click and the window is behind the DCC.
A host that sends no id but owns the DCC window (Blender) is found by its pid. A host without a
window: the stay-on-top hint (``_NET_WM_STATE_ABOVE``) follows which program is active."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import REPO, HostProcess, ready, wait_for
from walkaway_desktop import environment_for_hosts, open_desktop


@pytest.fixture
def walkaway_desktop():
    with open_desktop() as desktop:
        yield desktop


def stacking(desktop) -> list[int]:
    """openbox's stacking order of managed windows, bottom first."""
    return [int(value, 16) for value in re.findall(r"0x[0-9a-f]+", desktop.x("xprop", "-root",
                                                                              "_NET_CLIENT_LIST_STACKING"))]


def above(desktop, window: str, dcc: str) -> bool:
    order = stacking(desktop)
    return int(window) in order and int(dcc) in order and order.index(int(window)) > order.index(int(dcc))


def transient_for(desktop, window: str) -> int | None:
    found = re.search(r"window id # (0x[0-9a-f]+)", desktop.x("xprop", "-id", window, "WM_TRANSIENT_FOR"))
    return int(found.group(1), 16) if found else None


def click_into(desktop, dcc: str, window: str) -> None:
    """The artist clicks into the DCC's viewport, away from the publish window."""
    text = desktop.x("xwininfo", "-id", window)
    x = int(re.search(r"Absolute upper-left X:\s+(-?\d+)", text).group(1))
    width = int(re.search(r"Width:\s+(\d+)", text).group(1))
    spot = x + width + 100 if x + width + 100 < desktop.size[0] else max(10, x - 100)
    desktop.x("xdotool", "mousemove", str(spot), "500", "click", "1")
    wait_for(lambda: desktop.active() == int(dcc), 10, "the DCC to take the focus")


def shown(desktop, settings: dict, preferences: str | None = None):
    if preferences is not None:
        config = desktop.folder / "config" / "pyblish-qml" / "settings.json"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(preferences, encoding="utf-8")
    host = HostProcess("walkaway", env=environment_for_hosts(desktop, PYBLISH_TEST_PAIR_SECONDS="0.01"))
    ui = desktop.ui()
    assert ui.proxy.show(host.port, dict(settings, ContextLabel="Python")) is True
    wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 3, 30, "the host collected")
    return host, ui, desktop.window_of(ui.process.pid)


def test_the_window_sent_by_the_host_stays_above_the_full_screen_dcc_and_show_raises_it(walkaway_desktop,
                                                                                          docs_image):
    desktop = walkaway_desktop
    dcc = desktop.stand_in_dcc()
    host, ui, window = shown(desktop, {"ParentWindow": int(dcc)})
    try:
        assert transient_for(desktop, window) == int(dcc), ui.output()[-3000:]
        wait_for(lambda: desktop.active() == int(window), 10, "the shown window to have the focus")
        click_into(desktop, dcc, window)
        assert above(desktop, window, dcc), (stacking(desktop), window, dcc)
        assert "keeping the window above the host: transient" in ui.output()
        desktop.screenshot("root", docs_image("keep-above-desktop.png"))

        assert ui.proxy.show(host.port, {"ParentWindow": int(dcc)}) is True  # File ▸ Publish again
        wait_for(lambda: desktop.active() == int(window), 10, "a second show() to focus the window")
        assert above(desktop, window, dcc)
    finally:
        ui.stop()
        host.stop()


def test_with_the_preference_off_one_click_into_the_dcc_hides_the_window(walkaway_desktop):
    desktop = walkaway_desktop
    dcc = desktop.stand_in_dcc()
    host, ui, window = shown(desktop, {"ParentWindow": int(dcc)}, preferences='{"keepAboveHost": false}')
    try:
        assert transient_for(desktop, window) is None
        wait_for(lambda: desktop.active() == int(window), 10, "the shown window to have the focus")
        click_into(desktop, dcc, window)
        wait_for(lambda: not above(desktop, window, dcc), 10, "the full-screen DCC to cover the window")
        assert ui.proxy.show(host.port, {}) is True  # File ▸ Publish still brings it back
        wait_for(lambda: desktop.active() == int(window) and above(desktop, window, dcc), 10,
                 "a second show() to raise and focus the window")
    finally:
        ui.stop()
        host.stop()


def test_a_dcc_that_sends_no_window_id_is_found_by_its_pid(walkaway_desktop):
    """Blender's way: no Python call gives its window's id; the host process owns the DCC window."""
    desktop = walkaway_desktop
    ui = desktop.ui()
    dcc_host = subprocess.Popen([sys.executable, str(REPO / "tests" / "standins" / "dcc_host_window.py")],
                                env=environment_for_hosts(desktop, QT_QPA_PLATFORM="xcb",
                                                          PYBLISH_QML_PORT=str(ui.port)),
                                stdout=subprocess.PIPE, text=True)
    try:
        dcc, port = dcc_host.stdout.readline().split()
        wait_for(lambda: desktop.active() == int(dcc), 10, "the stand-in DCC to have the focus")
        assert ui.proxy.show(int(port), {"ContextLabel": "Blender"}) is True
        wait_for(lambda: ready(ui.proxy, int(port)) and ui.proxy.state()["instances"] == 3, 30, "collected")
        window = desktop.window_of(ui.process.pid)
        assert transient_for(desktop, window) == int(dcc)
        wait_for(lambda: desktop.active() == int(window), 10, "the shown window to have the focus")
        click_into(desktop, dcc, window)
        assert above(desktop, window, dcc), (stacking(desktop), window, dcc)
    finally:
        dcc_host.terminate()
        dcc_host.wait(10)
        ui.stop()


def test_without_a_dcc_window_the_window_stays_on_top_only_while_the_host_or_itself_is_active(
        walkaway_desktop):
    desktop = walkaway_desktop
    other = desktop.stand_in_dcc()  # another program (a browser, say): not the host's
    host, ui, window = shown(desktop, {})
    try:
        assert transient_for(desktop, window) is None
        wait_for(lambda: desktop.active() == int(window), 10, "the shown window to have the focus")
        wait_for(lambda: "_NET_WM_STATE_ABOVE" in desktop.wm_state(window), 10, "stay-on-top while it is active")
        click_into(desktop, other, window)
        wait_for(lambda: "_NET_WM_STATE_ABOVE" not in desktop.wm_state(window), 10,
                 "the hint to go while another program is active")
        assert "keeping the window above the host: while-active" in ui.output()
    finally:
        ui.stop()
        host.stop()
