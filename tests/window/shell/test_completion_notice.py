"""The notice when a long run ends while the artist looks elsewhere (issue 24, point 1), on a real
desktop: openbox on an Xvfb of its own, a session bus with dunst (a real notification server)
watched by dbus-monitor, a full-screen stand-in DCC window with the focus, the real UI process and
a real host process. The publish fails after ~5 s: the notification is seen on the bus and by
dunst, the window demands attention (_NET_WM_STATE_DEMANDS_ATTENTION, read with xprop), and
clicking the notification (dunstctl) raises the window on the Report. A short run, or the
preference turned off, gives no notice."""

from __future__ import annotations

import subprocess

import pytest
from helpers import HostProcess, ready, wait_for
from walkaway_desktop import environment_for_hosts, open_desktop

from pyblish_qml.app.shell.completion_notice import notice_words


def shown(desktop, pair_seconds: str, *ui_args: str):
    host = HostProcess("walkaway", env=environment_for_hosts(desktop, PYBLISH_TEST_PAIR_SECONDS=pair_seconds,
                                                              PYBLISH_TEST_FAIL_CHAIR="1"))
    ui = desktop.ui(*ui_args)
    assert ui.proxy.show(host.port, {"ContextLabel": "Python"}) is True
    wait_for(lambda: ready(ui.proxy, host.port) and ui.proxy.state()["instances"] == 3, 30, "the host collected")
    return host, ui, desktop.window_of(ui.process.pid)


@pytest.fixture
def walkaway_desktop():
    with open_desktop() as desktop:
        yield desktop


def notices(desktop) -> int:
    return desktop.bus_log().count("member=Notify")


def test_a_long_failed_publish_notifies_demands_attention_and_the_click_opens_the_report(walkaway_desktop, docs_image):
    desktop = walkaway_desktop
    host, ui, window = shown(desktop, "2.5")
    try:
        dcc = desktop.stand_in_dcc()  # the artist clicks into the DCC: the publish window is not focused
        assert "DEMANDS_ATTENTION" not in desktop.wm_state(window)
        ui.proxy.publish()
        wait_for(lambda: ready(ui.proxy) and ui.proxy.state()["failed"], 30, "the publish to fail")
        wait_for(lambda: notices(desktop) == 1, 10, "a Notify call on the session bus")
        log = desktop.bus_log()
        assert 'string "Publish failed"' in log, log
        assert "Normals face outward" in log and "Chair" in log, log
        assert 'string "default"' in log  # clicking it is an action we listen for
        wait_for(lambda: "_NET_WM_STATE_DEMANDS_ATTENTION" in desktop.wm_state(window), 10,
                 "the window to demand attention: %s" % desktop.wm_state(window))
        assert desktop.active() == int(dcc)  # a notice, not a window stealing the focus
        shown_by_dunst = subprocess.run(["dunstctl", "count", "displayed"], env=desktop.env, capture_output=True,
                                        text=True).stdout.strip()
        assert shown_by_dunst == "1"
        desktop.screenshot("root", docs_image("completion-notice-desktop.png"))

        subprocess.run(["dunstctl", "action", "0"], env=desktop.env, check=True)  # the artist clicks it
        wait_for(lambda: desktop.active() == int(window), 10, "the window to come up and take the focus")
        wait_for(lambda: "a notice was clicked: showing the report" in ui.output(), 10, "the report to be shown")
        wait_for(lambda: "DEMANDS_ATTENTION" not in desktop.wm_state(window), 10, "the attention hint to go")
        desktop.screenshot(window, docs_image("completion-notice-report.png"))
    finally:
        ui.stop()
        host.stop()


def test_a_short_run_or_the_preference_off_gives_no_notice(walkaway_desktop):
    desktop = walkaway_desktop
    host, ui, window = shown(desktop, "0.05")
    try:
        desktop.stand_in_dcc()
        ui.proxy.validate()
        wait_for(lambda: ready(ui.proxy) and ui.proxy.state()["failed"], 30, "the quick validation to fail")
        ui.proxy.reset()
        wait_for(lambda: ready(ui.proxy) and not ui.proxy.state()["failed"], 30, "a reset")
        assert notices(desktop) == 0 and "DEMANDS_ATTENTION" not in desktop.wm_state(window)
    finally:
        ui.stop()
        host.stop()
    config = desktop.folder / "config" / "pyblish-qml" / "settings.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('{"notifyWhenDone": false}', encoding="utf-8")
    host, ui, window = shown(desktop, "2.5")
    try:
        ui.proxy.validate()
        wait_for(lambda: ready(ui.proxy) and ui.proxy.state()["failed"], 30, "the long validation to fail")
        assert notices(desktop) == 0 and "DEMANDS_ATTENTION" not in desktop.wm_state(window)
    finally:
        ui.stop()
        host.stop()


@pytest.mark.parametrize("op, outcome, title", [
    ("publish", "failed", "Publish failed"), ("publish", "passed", "Published"),
    ("validate", "warning", "Validation passed with warnings"), ("rerun", "stopped", "Re-run stopped")])
def test_the_notice_says_the_outcome_in_words(op, outcome, title):
    assert notice_words(op, outcome, "What the footer said.", "python (pid 1)") == (
        title, "What the footer said.\npython (pid 1)")
