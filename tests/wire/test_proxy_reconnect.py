"""The window's client (``rpc_client.Proxy``) reconnects when the server closed its idle connection,
and a call with side effects still runs exactly once (docs/protocol.md, "At most once")."""

from __future__ import annotations

import time

from helpers import wait_for
from wire_helpers import open_connection

from pyblish_qml import rpc_client, rpc_server


def counting_server(serve):
    runs = []

    def process(name):
        runs.append(name)
        return len(runs)

    server = serve({"ping": lambda: "pong", "process": process})
    return server, runs


def test_a_proxy_whose_connection_was_closed_to_make_room_reconnects_and_runs_process_once(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "MAX_CONNECTIONS", 1)
    server, runs = counting_server(serve)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port, timeout=10)
    for attempt in range(20):
        assert proxy.process("call %d" % attempt) == 2 * attempt + 1
        first = proxy._socket
        wait_for(lambda: [state.stage for state in server._connections.values()] == [rpc_server.KEPT], 10,
                 "the reply sent and the connection kept alive")  # BUSY until then: never closed
        intruder = open_connection(server.port, "fresh")  # at the cap: the Proxy's kept connection makes room
        wait_for(lambda: server._connections and next(iter(server._connections.values())).stage == rpc_server.FRESH,
                 10, "the server to close the Proxy's idle connection")
        intruder.close()  # hung up, so the Proxy's new connection has the room
        wait_for(lambda: not server._connections, 10, "the server to let go of the intruder")
        assert proxy.process("after %d" % attempt) == 2 * attempt + 2  # noticed before sending: no ReplyLost
        assert proxy._socket is not first
    assert runs == [name for attempt in range(20) for name in ("call %d" % attempt, "after %d" % attempt)]
    proxy.close()


def test_a_proxy_idle_past_the_servers_limit_reconnects_and_runs_process_once(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "IDLE_TIMEOUT", 1.0)
    server, runs = counting_server(serve)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port, timeout=10)
    assert proxy.process("before") == 1
    first = proxy._socket
    wait_for(lambda: not server._connections, 10, "the server to close the idle connection")
    assert proxy.process("after") == 2
    assert proxy._socket is not first and runs == ["before", "after"]
    proxy.close()


def test_a_proxy_that_missed_the_servers_close_still_never_runs_a_call_twice(serve, monkeypatch):
    """The same, with the Keep-Alive hint ignored: the check before sending sees the close."""
    monkeypatch.setattr(rpc_server, "IDLE_TIMEOUT", 1.0)
    server, runs = counting_server(serve)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port, timeout=10)
    assert proxy.process("before") == 1
    proxy._expires = float("inf")  # as a client that does not read Keep-Alive
    first = proxy._socket
    wait_for(lambda: not server._connections, 10, "the server to close the idle connection")
    assert proxy.process("after") == 2
    assert proxy._socket is not first and runs == ["before", "after"]
    proxy.close()


def test_a_proxy_reconnects_a_little_before_the_servers_idle_limit(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "IDLE_TIMEOUT", 2.0)
    server, runs = counting_server(serve)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port, timeout=10)
    assert proxy.process("one") == 1
    first = proxy._socket
    assert proxy.process("two") == 2 and proxy._socket is first  # well inside the limit: the same socket
    time.sleep(1.3)  # past the Proxy's margin (a second before 2 s), not yet the server's limit
    assert len(server._connections) == 1  # the server has not closed it
    assert proxy.process("three") == 3 and proxy._socket is not first
    assert runs == ["one", "two", "three"]
    proxy.close()
