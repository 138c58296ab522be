"""At the connection cap a server closes an idle connection for a new one, so a flood of idle
connections never keeps a live host's heartbeat out (issue 24, point 5; docs/security.md)."""

from __future__ import annotations

import socket
import threading
import xmlrpc.client

import pytest
from helpers import HostProcess, UIProcess, isolated_env, wait_for
from wire_helpers import Flood, Pinger, open_connection, read_reply, request_head

from pyblish_qml import rpc_client, rpc_server
from pyblish_qml.host.heartbeat import Heartbeat


@pytest.mark.slow
@pytest.mark.parametrize("idle", [250, 400])
def test_idle_connections_never_keep_a_live_hosts_heartbeat_out(idle):
    ui = UIProcess()
    host = None
    try:
        host = HostProcess("marked", env=isolated_env(PYBLISH_QML_PORT=str(ui.port)))
        flood = Flood(ui.port, idle)
        pinger = Pinger(ui.port)
        beat = Heartbeat(host.port, interval=0.05, ui_port=ui.port).start()  # the host's own heartbeat code
        try:
            wait_for(lambda: beat.beats >= 100, 60, "100 heartbeats")
            shown = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port).show(host.port)  # a new connection
        finally:
            beat.stop()
            pinger.stop()
            stats = flood.stop()
        assert shown is True
        assert beat.failures == 0 and beat.beats >= 100, (beat.beats, beat.failures)
        assert not pinger.errors and pinger.p99() < 0.5, (pinger.errors[:3], pinger.p99(), len(pinger.latencies), stats)
        assert stats["connect_errors"] == 0 and stats["opened"] >= idle, stats
        if idle + 3 > rpc_server.MAX_CONNECTIONS:  # past the cap: idle ones were closed to make room
            assert stats["closed_by_server"] > 0
        assert ui.proxy.ping()["pid"] == ui.process.pid
    finally:
        if host is not None:
            host.stop()
        ui.stop()


@pytest.fixture
def capped(monkeypatch, serve):
    """A server with room for four connections whose ``process`` counts its runs and can be held."""
    monkeypatch.setattr(rpc_server, "MAX_CONNECTIONS", 4)
    runs = []
    release = threading.Event()
    release.set()

    def process(name):
        runs.append(name)
        release.wait(30)
        return name

    server = serve({"ping": lambda: "pong", "process": process})
    server.runs, server.release = runs, release
    return server


def test_at_the_cap_the_connection_that_sent_nothing_goes_first(capped):
    port = capped.port
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % port)
    assert proxy.process("first") == "first"  # kept alive from here
    kept = proxy._socket
    half = open_connection(port, "half_header")
    fresh = [open_connection(port, "fresh") for _ in range(2)]
    stages = [rpc_server.FRESH, rpc_server.FRESH, rpc_server.READING, rpc_server.KEPT]
    wait_for(lambda: sorted(state.stage for state in capped._connections.values()) == stages, 10,
             "four connections open: two sent nothing, one a part of a request, ours kept alive")
    newcomer = open_connection(port, "fresh")  # the fifth: the oldest that sent nothing makes room
    fresh[0].settimeout(5)
    assert fresh[0].recv(1) == b""
    for sock in (half, fresh[1]):
        sock.settimeout(0.3)
        with pytest.raises(TimeoutError):
            sock.recv(1)  # still open
    newcomer.sendall(request_head(port, len(b"x")) + b"x")  # served, not refused
    assert b" 200 OK" in read_reply(newcomer).split(b"\r\n")[0]
    assert proxy.process("second") == "second" and proxy._socket is kept  # ours was never touched
    assert capped.runs == ["first", "second"]
    for sock in (half, fresh[1], newcomer):
        sock.close()
    proxy.close()


def test_at_the_cap_with_every_connection_running_a_call_a_new_one_gets_503(capped):
    port = capped.port
    capped.release.clear()
    proxies = [rpc_client.Proxy("http://127.0.0.1:%d" % port, timeout=30) for _ in range(4)]
    calls = [threading.Thread(target=proxy.process, args=("held %d" % index,)) for index, proxy in enumerate(proxies)]
    for call in calls:
        call.start()
    wait_for(lambda: len(capped.runs) == 4, 10, "four calls running")
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    head = read_reply(sock)
    sock.close()
    assert head.startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
    capped.release.set()
    for call in calls:
        call.join(timeout=30)
    assert sorted(capped.runs) == ["held 0", "held 1", "held 2", "held 3"]
    assert proxies[0].ping() == "pong"  # and serving goes on
    for proxy in proxies:
        proxy.close()


def test_a_request_on_a_connection_closed_as_it_arrived_is_dropped_not_run(capped):
    """The server may close a connection (deadline, or room at the cap) while its request arrives;
    a request read in full just then is dropped — its client sees a lost reply, never a run whose
    answer it cannot get."""
    port = capped.port
    closing = []
    policy = capped.policy

    class ClosesAsItArrives(type(policy)):
        def body_refusal(self, headers):  # the last check before dispatch
            with capped.table.lock:
                for state in list(capped._connections.values()):
                    if state.stage == rpc_server.READING:
                        closing.append(state)
                        capped.table._drop(state)  # what the sweeper does at a deadline
            return None

    capped.policy = ClosesAsItArrives(port, policy.origins)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % port, timeout=10)
    with pytest.raises(rpc_client.ReplyLost, match="may have run"):
        proxy.process("once")
    assert len(closing) == 1 and capped.runs == []
    capped.policy = policy
    assert proxy.process("once") == "once" and capped.runs == ["once"]
    proxy.close()
