"""install/uninstall/show and the heartbeat, against a real XML-RPC server standing in for the UI."""

from __future__ import annotations

import os
import threading
import time
import xmlrpc.client

import pyblish.api
import pytest
from helpers import free_port, wait_for

import pyblish_qml
from pyblish_qml import client, rpc_server
from pyblish_qml.host import dispatch, lifecycle


class FakeUI:
    """A real control server that records heartbeats and hands out a chosen port."""

    def __init__(self, give_port: int):
        self.beats: list[tuple[float, int]] = []
        self.server = rpc_server.LoopbackServer(free_port(), name="test-ui")
        self.server.register_function(lambda port: self.beats.append((time.monotonic(), port)) or True,
                                      "heartbeat")
        self.server.register_function(lambda start=9001: give_port, "find_available_port")
        self.server.register_function(lambda: {"message": "ui", "pid": os.getpid()}, "ping")
        self.server.start()
        self.port = self.server.port


@pytest.fixture
def ui_env(monkeypatch):
    def use(port):
        monkeypatch.setenv("PYBLISH_QML_PORT", str(port))
    use(free_port())  # by default nothing answers
    yield use
    lifecycle.uninstall()


def test_install_without_ui_takes_first_free_port_from_9001(ui_env):
    port = pyblish_qml.install(heartbeat_interval=0.05)
    assert 9001 <= port < 9101
    assert os.environ["PYBLISH_CLIENT_PORT"] == str(port)
    assert pyblish_qml.install() == port  # once only
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % port)
    assert proxy.ping()["port"] == port
    assert lifecycle.on_instance_toggled in pyblish.api.registered_callbacks()["instanceToggled"]
    pyblish_qml.uninstall()
    assert "PYBLISH_CLIENT_PORT" not in os.environ
    with pytest.raises(ConnectionRefusedError):
        proxy.ping()
    assert lifecycle.on_instance_toggled not in pyblish.api.registered_callbacks().get("instanceToggled", [])


def test_install_asks_the_ui_for_its_port_and_beats_without_spinning(ui_env):
    wanted = free_port()
    ui = FakeUI(wanted)
    ui_env(ui.port)
    port = pyblish_qml.install(heartbeat_interval=0.05)
    assert port == wanted
    wait_for(lambda: len(ui.beats) >= 5, 10, "five heartbeats")
    assert {p for _, p in ui.beats} == {port}
    gaps = [b[0] - a[0] for a, b in zip(ui.beats, ui.beats[1:])]
    assert min(gaps) > 0.03  # it sleeps its interval between beats (load only makes gaps longer)

    ui.server.stop()  # the UI goes away: the heartbeat keeps its pace, it does not spin
    heartbeat = lifecycle._state["heartbeat"]
    failures = heartbeat.failures
    gone = time.monotonic()
    wait_for(lambda: heartbeat.failures - failures >= 4, 10, "the heartbeat to notice the UI is gone")
    # four failed attempts take at least three intervals: it waited between them, never spun
    assert time.monotonic() - gone >= 3 * heartbeat.interval * 0.9


def test_client_says_how_to_start_the_ui_when_it_is_not_running(ui_env):
    with pytest.raises(client.UINotRunning, match="python -m pyblish_qml"):
        client.proxy().show(9001)
    assert client.is_running() is False


def test_register_gui_finds_our_show():
    pyblish.api.register_gui("pyblish_qml")
    try:
        assert "pyblish_qml" in pyblish.api.registered_guis()
        assert callable(__import__("pyblish_qml").show)
    finally:
        pyblish.api.deregister_gui("pyblish_qml")


def test_dispatch_wrapper_runs_plugin_work_where_the_host_says(host_factory, ui_env):
    seen = []

    def main_thread_stand_in(func, *args, **kwargs):
        seen.append(threading.current_thread().name)
        return func(*args, **kwargs)

    from pyblish_qml.host import HostServer, HostService

    dispatch.register_dispatch_wrapper(main_thread_stand_in)
    server = HostServer(HostService(), 0).start()
    try:
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % server.port, allow_none=True)
        proxy.reset()
        proxy.discover()
        proxy.ping()
        assert len(seen) == 2  # reset and discover went through the wrapper; ping did not
    finally:
        server.stop()
        dispatch.deregister_dispatch_wrapper()
    with pytest.raises(TypeError):
        dispatch.register_dispatch_wrapper("not callable")


def test_worker_thread_returns_results_and_raises_errors():
    worker = dispatch.WorkerThread()
    try:
        assert worker(lambda a, b: a + b, 2, 3) == 5
        assert worker(threading.current_thread) is worker.thread
        with pytest.raises(ZeroDivisionError):
            worker(lambda: 1 / 0)
        assert worker(lambda: worker(lambda: "nested")) == "nested"
    finally:
        worker.stop()
