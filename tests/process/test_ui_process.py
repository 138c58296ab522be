"""The real UI process (offscreen) and real host processes, driven with plain ServerProxy calls."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client

import pytest
from helpers import REPO, UIProcess, answers, free_port, isolated_env, ready, ui_env, wait_for


@pytest.fixture
def ui():
    made = []

    def start(*args, **kwargs) -> UIProcess:
        made.append(UIProcess(*args, **kwargs))
        return made[-1]

    yield start
    for each in made:
        each.stop()


def test_every_control_call_with_a_plain_serverproxy(ui, host_factory):
    app = ui()
    proxy = app.proxy
    pong = proxy.ping()
    assert pong["pid"] == app.process.pid and pong["version"]
    assert proxy.state()["host"] is None and proxy.state()["visible"] is False

    host = host_factory("scenario", env=isolated_env(PYBLISH_QML_PORT=str(app.port)), show=True)
    state = wait_for(lambda: ready(proxy, host.port), 20, "host's show() to collect")
    assert state["visible"] is True and state["instances"] == 4
    assert [h["port"] for h in state["hosts"]] == [host.port]

    assert proxy.validate() is True
    state = wait_for(lambda: (s := ready(proxy)) and s["validated"] and s, 20, "validation")
    assert state["message"] == "Validation passed. Ready to publish."
    assert proxy.publish() is True
    state = wait_for(lambda: (s := ready(proxy)) and s["published"] and s, 20, "publish")
    assert state["message"] == "Published successfully."
    assert proxy.reset() is True
    wait_for(lambda: (s := ready(proxy)) and not s["published"], 20, "reset")
    assert proxy.stop() is True  # nothing running: harmless

    assert proxy.heartbeat(host.port) is True
    assert proxy.hide() is True
    wait_for(lambda: proxy.state()["visible"] is False, 5, "hide")
    assert proxy.show(host.port, {"WindowTitle": "Again", "Bogus": 1}) is True
    wait_for(lambda: proxy.state()["visible"] is True, 5, "show")
    assert "unknown setting 'Bogus' ignored" in app.output()

    port = proxy.find_available_port(9001)
    assert port >= 9001 and port != host.port
    with pytest.raises(xmlrpc.client.Fault, match="port must be an integer"):
        proxy.show("nine thousand")
    with pytest.raises(xmlrpc.client.Fault, match="no such method"):
        proxy.explode()

    assert proxy.quit() is True
    assert app.process.wait(timeout=10) == 0


def test_kill_exits_at_once(ui):
    app = ui()
    with pytest.raises((ConnectionError, xmlrpc.client.ProtocolError, OSError)):
        app.proxy.kill()
    assert app.process.wait(timeout=5) == 0


def test_second_launch_on_the_same_port_says_so_and_exits_zero(ui):
    app = ui()
    second = subprocess.run([sys.executable, "-m", "pyblish_qml", "--port", str(app.port)], capture_output=True,
                            text=True, env=ui_env(app.port), timeout=30, cwd=str(REPO))
    assert second.returncode == 0
    assert "already running" in second.stdout


def test_a_port_held_by_something_else_is_a_clear_error():
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "pyblish_qml", "--port", str(port)], capture_output=True,
                                text=True, env=ui_env(port), timeout=30, cwd=str(REPO))
    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1:%d" % port in result.stderr and "--port" in result.stderr


def test_twenty_concurrent_hosts_get_twenty_different_ports(ui):
    app = ui()
    ports, errors = [], []
    barrier = threading.Barrier(20)

    def ask():
        try:
            proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % app.port)
            barrier.wait()
            ports.append(proxy.find_available_port(9001))
        except Exception as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert not errors
    assert len(ports) == 20 and len(set(ports)) == 20


def test_two_hosts_alternating_show(ui, host_factory):
    app = ui()
    env = isolated_env(PYBLISH_QML_PORT=str(app.port))
    first = host_factory("scenario", env=env, show=True)
    wait_for(lambda: ready(app.proxy, first.port), 20, "first host")
    second = host_factory("cvei", env=env, show=True)
    state = wait_for(lambda: ready(app.proxy, second.port), 20, "second host")
    assert state["instances"] == 4  # Context + hero, broken, prop
    assert app.proxy.show(first.port) is True  # what the first host's File > Publish sends
    state = wait_for(lambda: (s := ready(app.proxy, first.port)) and s["instances"] == 4 and s, 20, "first again")
    assert sorted(h["port"] for h in state["hosts"]) == sorted([first.port, second.port])


def test_killed_host_is_noticed_and_a_host_started_ui_exits_once_its_window_is_gone(host_factory):
    """pyblish_qml.show() in a host starts the UI when none answers; SIGKILL the host: the window
    stays as a read-only record of what it did (host gone), and the UI goes with the window."""
    port = free_port()
    env = ui_env(port)
    host = host_factory("scenario", env=env, show=True)
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % port, allow_none=True)
    before = wait_for(lambda: answers(proxy) and ready(proxy, host.port), 30, "the host to start the UI")
    ui_pid = proxy.ping()["pid"]
    try:
        host.process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        state = wait_for(lambda: (s := proxy.state())["hostGone"] and s, 10, "the host to be declared gone")
        assert time.monotonic() - killed < 5.0
        assert state["state"] == "dead" and state["visible"] is True
        assert state["instances"] == before["instances"] > 1  # what it collected is still listed
        proxy.hide()  # the artist closes the window (or a host hides it): nothing is left to show
        wait_for(lambda: not _alive(ui_pid), 10, "the UI to exit")
    finally:
        if _alive(ui_pid):
            os.kill(ui_pid, signal.SIGKILL)


def test_a_user_started_ui_outlives_a_dead_host_and_says_so(ui, host_factory):
    app = ui()
    host = host_factory("scenario", env=isolated_env(PYBLISH_QML_PORT=str(app.port)), show=True)
    wait_for(lambda: ready(app.proxy, host.port), 20, "host")
    host.process.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    state = wait_for(lambda: (s := app.proxy.state())["state"] == "dead" and s, 10, "the host to be declared dead")
    assert time.monotonic() - killed < 5.0
    assert "has gone away" in state["message"]
    assert state["hosts"][0]["alive"] is False
    assert app.process.poll() is None


def test_a_standalone_host_leaves_once_its_ui_is_gone(ui, host_factory):
    """No invisible Python host is left behind when its UI quits or dies."""
    app = ui()
    env = isolated_env(PYBLISH_QML_PORT=str(app.port))
    host = host_factory("scenario", "--exit-after", "1.5", "--heartbeat-interval", "0.2", env=env, show=True)
    wait_for(lambda: ready(app.proxy, host.port), 20, "host")
    assert host.process.poll() is None  # the UI is there: the host stays however long it takes
    app.process.send_signal(signal.SIGKILL)
    app.process.wait()
    gone = time.monotonic()
    wait_for(lambda: host.process.poll() is not None, 10, "the host to leave")
    assert 1.0 < time.monotonic() - gone < 5.0
    assert host.process.returncode == 0
    assert "has been gone" in host.stderr()


@pytest.mark.slow
def test_a_host_busy_in_a_ten_second_plugin_is_never_declared_dead(ui, host_factory):
    app = ui()
    env = isolated_env(PYBLISH_QML_PORT=str(app.port), PYBLISH_TEST_PAIR_SECONDS="10")
    host = host_factory("slow", env=env, show=True)
    wait_for(lambda: ready(app.proxy, host.port), 20, "host")
    app.proxy.validate()
    wait_for(lambda: app.proxy.state()["state"] == "validating", 5, "validation to start")
    started = time.monotonic()
    messages = []
    while time.monotonic() - started < 11:
        before = time.monotonic()
        state = app.proxy.state()
        messages.append(state["message"])
        assert time.monotonic() - before < 0.5  # the UI stays responsive
        assert state["hosts"][0]["alive"] is True and state["state"] == "validating"
        if state["progress"][0] >= 1:
            break
        time.sleep(0.5)
    assert app.proxy.state()["progress"][0] >= 1  # the 10 s pair finished and was reported
    assert any(m.startswith("Running ValidateSlowly on item0 — ") for m in messages), messages[-3:]
    app.proxy.stop()
    wait_for(lambda: ready(app.proxy), 20, "stop after the pair in flight")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie of ours is dead too
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return _not_zombie(pid)


def _not_zombie(pid: int) -> bool:
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
