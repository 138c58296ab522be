"""Hosts coming and going, against real host processes and real UI processes (issue 10's UI side,
issue 14's defect 14): a host killed mid-run leaves a read-only record with a "host gone"
banner; a lost reply is an "unknown" pair, never re-run; a busy host's message clears when it
answers; a UI restarted on the same port re-attaches to the host it showed; hosts are named by
DCC, scene and pid, another host is announced (never switched to silently), dead ones look dead.

The window tests run the real QML window in this process under Xvfb (screenshots in
test-artifacts/, the good ones in docs/); the hosts are real processes, SIGKILLed and SIGSTOPped.
"""

from __future__ import annotations

import json
import os
import signal
import xmlrpc.client

import pytest
from helpers import REPO, Relay, UIProcess, free_port, isolated_env, ready, wait_for
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtTest import QTest
from window_helpers import centre, click, find, lookup, pixel

from pyblish_qml.app.application import Application
from pyblish_qml.app.live.state import State
from pyblish_qml.app.shell.preferences import Preferences
from pyblish_qml.record.html_page import html_page
from pyblish_qml.record.summary import text_summary

needs_display = pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X display (run under Xvfb)")
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def app(qapp, tmp_path, request):
    """A real UI (window, control server, monitor) in this process, started by the user."""
    made = []

    def start(**kwargs) -> Application:
        application = Application(free_port(), mode="user", app=qapp,
                                  preferences=Preferences(tmp_path / "settings.json"), **kwargs)
        application.start()
        made.append(application)
        return application

    yield start
    for application in made:
        ARTIFACTS.mkdir(exist_ok=True)
        application.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))
        application.shutdown()


def show(application, port: int, settings: dict) -> None:
    """What a host's ``pyblish_qml.show()`` sends, through the control server."""
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % application.port, allow_none=True)
    assert proxy.show(port, settings) is True


def rows(application) -> dict:
    return {i["name"]: i for i in application.controller.models.instance_model.items()}


def plugin_rows(application) -> dict:
    return {p["name"]: p for p in application.controller.models.plugin_model.items()}


def settle(qtbot, application) -> None:
    QTest.mouseMove(application.window, QPoint(5, 5))  # no hover highlight or tooltip in a picture
    qtbot.wait(350)  # the status text fades in; take the picture once it has


@needs_display
def test_a_host_killed_mid_run_leaves_a_read_only_record_with_a_banner(app, host_factory, qtbot, tmp_path,
                                                                      docs_image):
    ui = app()
    marker = tmp_path / "marker.txt"
    host = host_factory("gone", "--host-name", "maya", env=isolated_env(
        PYBLISH_QML_PORT=str(ui.port), PYBLISH_TEST_BLOCK_ON="lamp", PYBLISH_QML_TEST_MARKER=str(marker),
        PYBLISH_TEST_CURRENT_FILE="/projects/hero/shot010/scenes/shot010.ma"))
    controller = ui.controller
    ui.window.resize(430, 600)
    show(ui, host.port, {"ContextLabel": "Maya"})
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and len(rows(ui)) == 4, timeout=20000)
    label = "maya — shot010.ma (pid %d)" % host.process.pid
    assert controller.presence.label == label

    click(ui, find(ui, "validateButton"))
    qtbot.waitUntil(lambda: "Running Validate Geometry on lamp" in controller.status.message
                    or controller.run.pair_text == "Running Validate Geometry on lamp", timeout=20000)
    done_before = controller.status.progress
    host.process.send_signal(signal.SIGKILL)
    qtbot.waitUntil(lambda: controller.presence.gone, timeout=10000)

    # what was collected and what ran is still there
    assert len(rows(ui)) == 4 and {"chair", "table", "lamp"} <= set(rows(ui))
    assert rows(ui)["chair"]["status"] == "passed" and rows(ui)["table"]["status"] == "passed"
    assert rows(ui)["lamp"]["status"] == "unknown" and rows(ui)["lamp"]["replyLost"] is True
    assert plugin_rows(ui)["ValidateGeometry"]["status"] == "unknown"
    assert plugin_rows(ui)["ValidateNaming"]["status"] == "passed"
    assert controller.status.progress == done_before + 1  # the unknown pair ended the run
    assert marker.read_text().splitlines().count("geometry lamp") == 1  # sent once, never again
    assert "extract" not in marker.read_text()

    # the banner names the host; the footer says what happened to the pair in flight
    banner = find(ui, "hostGoneBanner")
    assert banner.isVisible()
    assert find(ui, "hostGoneText").property("text").startswith("Maya — shot010.ma (pid %d) has gone away." %
                                                                 host.process.pid)
    assert controller.status.state == State.Dead
    message = controller.status.message
    assert "has gone away" in message and "Validate Geometry on lamp was lost" in message, message
    assert "not run again" in message

    # read-only: what needs the host is disabled and says why; toggles do nothing
    for name in ("resetButton", "validateButton", "publishButton"):
        button = find(ui, name)
        assert button.property("enabled") is False, name
        assert "has gone away" in button.property("tip"), name
    unknown = find(ui, "statusCheck", find(ui, "instance:lamp"))
    drawn = pixel(ui, unknown)  # its own colour, not failed's red
    assert abs(drawn.hslHue() - QColor("#c49ad8").hslHue()) < 15, drawn.name()
    settle(qtbot, ui)
    ui.window.grabWindow().save(docs_image("host-gone.png"))
    chair = rows(ui)["chair"]
    click(ui, find(ui, "statusCheck", find(ui, "instance:chair")))
    assert rows(ui)["chair"]["isToggled"] is chair["isToggled"]
    assert "has gone away" in find(ui, "instance:chair").property("lockedReason")  # why, not "required"
    for theme, size in (("light", (430, 600)), ("dark", (1400, 900)), ("light", (1400, 900))):
        controller.preferences.setTheme(theme)  # to look at: the banner in both themes, wide too
        ui.window.resize(*size)
        qtbot.waitUntil(lambda width=size[0]: ui.window.width() == width, timeout=3000)
        settle(qtbot, ui)
        ARTIFACTS.mkdir(exist_ok=True)
        ui.window.grabWindow().save(str(ARTIFACTS / ("host-gone-%s-%d.png" % (theme, size[0]))))
    controller.preferences.setTheme("dark")

    # the run can still be read in the terminal and copied out (wider: at 430 px the terminal's
    # toolbar overflows, issue 14 defect 1, someone else's fix)
    ui.window.resize(900, 600)
    qtbot.waitUntil(lambda: ui.window.width() == 900, timeout=3000)
    click(ui, find(ui, "tab:Terminal"))
    click(ui, find(ui, "copyAll"))
    text = QGuiApplication.clipboard().text()
    assert "chair geometry is clean" in text and "table is named well" in text
    assert "Validate Geometry on lamp was lost" in text
    settle(qtbot, ui)
    ui.window.grabWindow().save(docs_image("host-gone-terminal.png"))
    click(ui, find(ui, "tab:Overview"))
    assert ui.app is not None and ui.window.isVisible()  # a user-started UI stays


def test_a_lost_reply_is_an_unknown_pair_never_re_run_and_the_run_says_so(app, host_factory, qtbot, tmp_path):
    """The host lives, the connection drops after the pair was sent (a real TCP relay in between)."""
    ui = app()
    marker = tmp_path / "marker.txt"
    host = host_factory("gone", env=isolated_env(PYBLISH_QML_PORT=str(ui.port),
                                                 PYBLISH_QML_TEST_MARKER=str(marker)))
    relay = Relay(host.port)
    controller = ui.controller
    show(ui, relay.port, {"HeartbeatTimeout": 3600})  # only the relay is shown; it never beats
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and len(rows(ui)) == 4, timeout=20000)
    relay.drop = plugin_rows(ui)["ValidateGeometry"]["id"].encode()
    controller.validate()
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.run.stale, timeout=20000)

    assert rows(ui)["chair"]["status"] == "unknown"  # the first geometry pair's reply was dropped
    assert rows(ui)["table"]["status"] == "passed"  # naming ran on it; geometry never did
    assert plugin_rows(ui)["ValidateGeometry"]["status"] == "unknown"
    assert plugin_rows(ui)["ValidateGeometry"]["failedCount"] == 0
    lines = marker.read_text().splitlines()
    assert lines.count("geometry chair") == 1 and "geometry table" not in lines  # not re-run; the run ended
    message = controller.status.message
    assert message.startswith("Stopped: The reply of Validate Geometry on chair was lost")
    assert "it may have run in the host; it was not run again. Reset to collect again." in message
    assert not controller.status.canValidate and not controller.status.canPublish  # reset first
    assert "Reset" in controller.status.blockedReason
    assert controller.status.canReset and not controller.presence.gone  # the host itself is fine

    # the history, its text and HTML reports and the past run on screen say unknown, not failed
    assert ui.recorder.flush(5)
    store = ui.recorder.store()
    try:
        report = store.load(ui.recorder.last_run_id(relay.port))
        (summary,) = [run for run in store.list_runs() if run.id == report.run["id"]]
    finally:
        store.close()
    assert (report.run["counts"]["errors"], report.run["counts"]["lost"], summary.lost) == (0, 1, 1)
    assert [report.instance_label(pair.get("instance")) for pair in report.lost()] == ["chair"]
    assert report.problems("failed") == []  # a lost reply is not an error (problems() now takes a kind)
    text = text_summary(report)
    assert "0 failed, 1 unknown (reply lost)" in text and "Unknown outcome (1)" in text, text
    assert '<td class="unknown">unknown</td>' in html_page(report)
    controller.history.open_run(report.run["id"])
    qtbot.waitUntil(lambda: controller.history.viewingPast, timeout=5000)
    assert rows(ui)["chair"]["status"] == "unknown" and rows(ui)["table"]["status"] == "passed"
    controller.history.back_to_live()
    qtbot.waitUntil(lambda: not controller.history.viewingPast, timeout=3000)
    relay.drop = None
    controller.reset()
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.status.canValidate,
                    timeout=20000)
    assert rows(ui)["chair"]["status"] == "idle"


def test_a_ui_restarted_on_the_same_port_re_attaches_to_the_host_it_showed(host_factory):
    first = UIProcess()
    port = first.port
    env = isolated_env(PYBLISH_QML_PORT=str(port))
    host = host_factory("gone", "--exit-after", "0", "--heartbeat-interval", "0.3",
                        "--settings", json.dumps({"ContextLabel": "Maya", "WindowTitle": "Publish shot010"}),
                        env=env, show=True)
    second = None
    try:
        state = wait_for(lambda: ready(first.proxy, host.port), 20, "the first UI to collect")
        assert state["visible"] is True
        first.process.send_signal(signal.SIGKILL)  # the UI crashes; Maya (the host) goes on
        first.process.wait()
        second = UIProcess(port=port)
        state = wait_for(lambda: ready(second.proxy, host.port), 20, "the host's heartbeats to bring it back")
        assert state["visible"] is True and state["instances"] == 4
        assert state["hostLabel"] == "python (pid %d)" % host.process.pid
        assert second.proxy.publish() is True
        state = wait_for(lambda: (s := ready(second.proxy, host.port)) and s["published"] and s, 20, "publish")
        assert state["failed"] is False and state["progress"][0] > 0
        # a heartbeat for a port where no host service answers still records nothing
        assert second.proxy.heartbeat(free_port()) is False
        assert [h["port"] for h in second.proxy.state()["hosts"]] == [host.port]
    finally:
        first.stop()
        if second is not None:
            second.stop()


def test_the_busy_message_clears_as_soon_as_the_host_answers_again(host_factory):
    ui = UIProcess()
    settings = {"HeartbeatInterval": 0.3, "HeartbeatTimeout": 1.0}
    host = host_factory("gone", "--settings", json.dumps(settings), "--heartbeat-interval", "0.3",
                        env=isolated_env(PYBLISH_QML_PORT=str(ui.port)), show=True)
    try:
        before = wait_for(lambda: ready(ui.proxy, host.port), 20, "collect")["message"]
        assert before.startswith("Ready.")
        host.process.send_signal(signal.SIGSTOP)  # a frozen host: its port still accepts, nothing answers
        try:
            state = wait_for(lambda: (s := ui.proxy.state())["hostBusy"] and s, 10, "the host to be judged busy")
            assert "is busy and not answering" in state["message"]
            assert state["hosts"][0]["alive"] is True and state["hosts"][0]["busy"] is True
        finally:
            host.process.send_signal(signal.SIGCONT)
        state = wait_for(lambda: not (s := ui.proxy.state())["hostBusy"] and s, 10, "the busy message to clear")
        assert state["message"] == before and state["hosts"][0]["busy"] is False
        assert state["state"] == "ready" and not state["hostGone"]
        ui.proxy.validate()  # and it works as before
        wait_for(lambda: (s := ready(ui.proxy, host.port)) and s["validated"], 20, "validate")
        # frozen while idle, then killed (no result ever clears it): the next host's long pair
        # gets its seconds, not a stale silence
        host.process.send_signal(signal.SIGSTOP)
        wait_for(lambda: ui.proxy.state()["hostBusy"], 10, "busy again")
        host.process.send_signal(signal.SIGKILL)
        wait_for(lambda: ui.proxy.state()["hostGone"], 10, "gone")
        after = host_factory("gone", env=isolated_env(PYBLISH_QML_PORT=str(ui.port), PYBLISH_TEST_BLOCK_ON="lamp"),
                             show=True)
        wait_for(lambda: ready(ui.proxy, after.port), 20, "the next host")
        ui.proxy.validate()
        state = wait_for(lambda: (s := ui.proxy.state())["message"].endswith(" s…") and s, 20, "the pair's seconds")
        assert state["message"].startswith("Running Validate Geometry on lamp — ") and not state["hostBusy"]
    finally:
        ui.stop()


def test_a_host_frozen_mid_pair_is_busy_and_the_run_message_comes_back(host_factory):
    ui = UIProcess()
    settings = {"HeartbeatInterval": 0.3, "HeartbeatTimeout": 1.0}
    host = host_factory("gone", "--settings", json.dumps(settings), "--heartbeat-interval", "0.3",
                        env=isolated_env(PYBLISH_QML_PORT=str(ui.port), PYBLISH_TEST_BLOCK_ON="lamp"), show=True)
    try:
        wait_for(lambda: ready(ui.proxy, host.port), 20, "collect")
        ui.proxy.validate()
        wait_for(lambda: ui.proxy.state()["message"].startswith("Running Validate Geometry on lamp"), 20,
                 "the long pair")
        host.process.send_signal(signal.SIGSTOP)
        try:
            state = wait_for(lambda: (s := ui.proxy.state())["hostBusy"] and s, 10, "busy")
            assert "is busy and not answering" in state["message"] and state["state"] == "validating"
        finally:
            host.process.send_signal(signal.SIGCONT)
        state = wait_for(lambda: not (s := ui.proxy.state())["hostBusy"] and s, 10, "the busy message to clear")
        assert state["message"].startswith("Running Validate Geometry on lamp"), state["message"]
        assert state["state"] == "validating"
    finally:
        ui.stop()


@needs_display
def test_hosts_are_named_another_is_announced_and_dead_ones_look_dead(app, host_factory, qtbot, docs_image):
    ui = app()
    controller = ui.controller
    env = {"PYBLISH_QML_PORT": str(ui.port)}
    maya = host_factory("gone", "--host-name", "maya", env=isolated_env(
        PYBLISH_TEST_CURRENT_FILE="/shots/shot010.ma", **env))
    ui.window.resize(760, 600)
    show(ui, maya.port, {"ContextLabel": "Maya"})
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and len(rows(ui)) == 4, timeout=20000)
    nuke = host_factory("gone", "--host-name", "nuke", env=isolated_env(
        PYBLISH_TEST_CURRENT_FILE="C:\\shots\\shot020_comp.nk", **env))
    maya_label = "maya — shot010.ma (pid %d)" % maya.process.pid
    header = find(ui, "hostMenuButton")
    qtbot.waitUntil(lambda: header.property("text") == maya_label, timeout=3000)

    # nuke's heartbeat thread reaches the UI: announced, not switched to
    qtbot.waitUntil(lambda: controller.presence.noticePort == nuke.port, timeout=10000)
    assert controller.host == maya.port
    notice = find(ui, "hostNotice")
    assert find(ui, "hostNoticeText").property("text") == "Another host connected: host (pid %d)." % nuke.process.pid
    assert notice.isVisible()  # (its name and scene are known once it is collected)
    settle(qtbot, ui)
    ui.window.grabWindow().save(docs_image("host-notice.png"))
    click(ui, find(ui, "hostNoticeSwitch"))
    qtbot.waitUntil(lambda: controller.host == nuke.port and controller.status.state == State.Ready
                    and controller.presence.label.startswith("nuke — shot020_comp.nk"), timeout=20000)
    # the switch says so, with the way back
    assert controller.presence.noticePort == maya.port
    assert controller.presence.noticeAction == "Back to %s" % maya_label

    # the theme switch is its own control, apart from the host's name
    theme = find(ui, "themeButton")
    assert theme.mapToScene(theme.boundingRect().topLeft()).x() > header.mapToScene(
        header.boundingRect().topRight()).x() + 8

    # maya dies: struck through in the host menu, cannot be chosen; nuke stays current and live
    maya.process.send_signal(signal.SIGKILL)
    qtbot.waitUntil(lambda: any(not h["alive"] for h in controller.models.hosts.items()), timeout=10000)
    assert controller.presence.notice == ""  # no way back to a host that has gone
    click(ui, header)
    menu = ui.window.findChild(QObject, "hostMenu")  # a popup: not in the item tree
    qtbot.waitUntil(lambda: menu.property("visible"), timeout=3000)
    qtbot.waitUntil(lambda: lookup(menu.property("contentItem"), "hostEntry:%d" % maya.port) is not None,
                    timeout=3000)
    dead = find(ui, "hostEntry:%d" % maya.port, menu.property("contentItem"))
    assert dead.property("enabled") is False and dead.property("font").strikeOut() is True
    assert dead.property("text") == maya_label + " — gone"
    QTest.mouseMove(ui.window, centre(dead))
    qtbot.waitUntil(lambda: dead.property("hovered") is True, timeout=3000)
    live = find(ui, "hostEntry:%d" % nuke.port, menu.property("contentItem"))
    assert live.property("enabled") is True and live.property("checked") is True
    QTest.mouseMove(ui.window, QPoint(5, 300))
    qtbot.wait(300)
    ui.window.grabWindow().save(docs_image("host-menu.png"))
    QTest.mouseClick(ui.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(dead))
    assert controller.host == nuke.port and not controller.presence.gone
    controller.switcher.pick(maya.port)  # not even through the API
    assert controller.host == nuke.port


@needs_display
def test_a_host_that_asks_mid_run_is_announced_and_switched_to_after(app, host_factory, qtbot, tmp_path):
    ui = app()
    controller = ui.controller
    env = {"PYBLISH_QML_PORT": str(ui.port)}
    busy = host_factory("gone", "--host-name", "maya", env=isolated_env(PYBLISH_TEST_BLOCK_ON="lamp", **env))
    show(ui, busy.port, {})
    qtbot.waitUntil(lambda: controller.status.state == State.Ready and len(rows(ui)) == 4, timeout=20000)
    controller.validate()
    qtbot.waitUntil(lambda: controller.run.pair_text == "Running Validate Geometry on lamp", timeout=20000)
    other = host_factory("gone", "--host-name", "houdini", env=isolated_env(**env))
    show(ui, other.port, {"ContextLabel": "Houdini"})  # File ▸ Publish in another DCC, mid-run
    asks = "houdini (pid %d) asks to publish; switch when this run ends." % other.process.pid
    # Its first heartbeat may come before its show() is handled ("Another host connected: ..."):
    # the notice must become the request, whichever arrives first.
    qtbot.waitUntil(lambda: controller.presence.noticePort == other.port and controller.presence.notice == asks,
                    timeout=5000)
    assert controller.host == busy.port and controller.status.isRunning  # never switched mid-run
    assert find(ui, "hostNoticeSwitch").property("enabled") is False
    busy.process.send_signal(signal.SIGKILL)  # the run ends the hard way
    qtbot.waitUntil(lambda: controller.presence.gone, timeout=10000)
    assert controller.presence.noticePort == other.port  # still offered
    switch = find(ui, "hostNoticeSwitch")
    qtbot.waitUntil(lambda: switch.property("enabled") is True, timeout=3000)
    click(ui, switch)
    qtbot.waitUntil(lambda: controller.host == other.port and controller.status.state == State.Ready
                    and not controller.presence.gone, timeout=20000)
    assert controller.contextLabel == "Houdini" and find(ui, "hostGoneBanner").isVisible() is False
    assert controller.presence.notice == ""  # no way back to a host that has gone


def test_a_restarted_ui_never_takes_another_process_on_the_same_port_for_its_last_host(qapp, tmp_path):
    """Same port, another pid (the DCC was restarted): listed, not made current behind the artist's back."""
    from pyblish_qml.app.controller import Controller
    from pyblish_qml.engine.hosts import HostRegistry

    preferences = Preferences(tmp_path / "settings.json")
    preferences.set("lastHosts", {"9090": {"port": 9123, "pid": 4242, "settings": {"ContextLabel": "Maya"}}})
    preferences.save()
    registry = HostRegistry()
    controller = Controller(registry, preferences=Preferences(tmp_path / "settings.json"), control_port=9090)
    try:
        registry.beat(9123, pid=5151)
        controller.switcher.host_seen(9123)
        assert controller.host == 0 and controller.models.hosts.rowCount() == 1
    finally:
        controller.shutdown()


@needs_display
def test_the_waiting_page_names_hosts_and_shows_a_dead_one_as_dead(app, host_factory, qtbot):
    ui = app()
    ui.show()
    host = host_factory("gone", "--host-name", "blender", env=isolated_env(PYBLISH_QML_PORT=str(ui.port)))
    # it installed its service and beats, but never called show(): listed, not made current
    qtbot.waitUntil(lambda: lookup(ui.window.contentItem(), "waitingHost:%d" % host.port) is not None,
                    timeout=10000)
    button = find(ui, "waitingHost:%d" % host.port)
    assert ui.controller.host == 0 and find(ui, "waitingPage").isVisible()
    assert button.property("text") == "host (pid %d)" % host.process.pid and button.property("enabled") is True
    host.process.send_signal(signal.SIGKILL)
    qtbot.waitUntil(lambda: find(ui, "waitingHost:%d" % host.port).property("enabled") is False, timeout=10000)
    button = find(ui, "waitingHost:%d" % host.port)
    assert button.property("text") == "host (pid %d) — gone" % host.process.pid
    assert button.property("font").strikeOut() is True
    click(ui, button)
    assert ui.controller.host == 0  # a dead host cannot be chosen


def test_a_hosts_first_beat_after_its_show_mid_run_keeps_its_request(qapp, tmp_path):
    """Seen in CI: a host's show() handled before its first heartbeat, mid-run; the beat's "Another
    host connected" must not replace "asks to publish" (the artist would not know it asked)."""
    from types import SimpleNamespace

    from pyblish_qml.app.hosts.host_switching import HostSwitcher
    from pyblish_qml.engine.hosts import HostRegistry

    registry = HostRegistry()
    owner = SimpleNamespace(registry=registry, status=SimpleNamespace(isRunning=True))  # mid-run
    switcher = HostSwitcher(owner, Preferences(tmp_path / "settings.json"), 9090)
    switcher.port = 9001  # the host whose run goes on
    switcher.show_host(9002, {"ContextLabel": "Houdini"})
    registry.beat(9002, pid=4242)
    switcher.host_seen(9002)  # its first beat, after the show
    assert switcher.presence.noticePort == 9002
    assert switcher.presence.notice.endswith("asks to publish; switch when this run ends."), switcher.presence.notice
    registry.beat(9003, pid=4343)
    switcher.host_seen(9003)  # a third host, merely connected: announced as before
    assert switcher.presence.noticePort == 9003 and switcher.presence.notice.startswith("Another host connected")
