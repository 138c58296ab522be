"""Connections that send nothing, stall mid-request or idle between requests are closed in bounded
time, while the server goes on answering pings (issue 24, point 5; docs/security.md, "Timeouts")."""

from __future__ import annotations

import time

import pytest
from helpers import wait_for
from wire_helpers import PING, ClosedAt, Pinger, open_connection, read_reply, request_head

from pyblish_qml import rpc_client, rpc_server

KINDS = ("fresh", "half_header", "half_body", "kept")


def test_the_default_limits_close_every_idle_or_stalled_connection_within_60_seconds():
    server = rpc_server.LoopbackServer(0, name="defaults")
    try:
        fresh, kept = server.timeouts()
    finally:
        server.server_close()
    assert (fresh, kept) == (rpc_server.FIRST_REQUEST_TIMEOUT, rpc_server.IDLE_TIMEOUT)
    assert fresh <= 30
    late = rpc_server.SWEEP_INTERVAL + 0.2 + 1.0  # a sweep, the accept loop's poll, and a second to spare
    for limit in (fresh, kept, rpc_server.READ_TIMEOUT):
        assert limit + late < 60


@pytest.mark.slow
def test_ten_connections_that_send_nothing_close_at_the_real_default_while_pings_answer(serve):
    server = serve({"ping": lambda: "pong"})
    pinger = Pinger(server.port)
    watch = ClosedAt({"fresh": [open_connection(server.port, "fresh") for _ in range(10)]})
    watch.wait(rpc_server.FIRST_REQUEST_TIMEOUT + 10)
    pinger.stop()
    assert len(watch.closed["fresh"]) == 10
    limit = rpc_server.FIRST_REQUEST_TIMEOUT
    assert limit - 0.5 < min(watch.closed["fresh"]) and max(watch.closed["fresh"]) < limit + 2.0
    assert not pinger.errors and len(pinger.latencies) > 100 and max(pinger.latencies) < 1.0
    wait_for(lambda: not server._connections, 5, "the server to let go of the pinger's connection too")


def test_forty_idle_and_stalled_connections_all_close_within_their_limits_while_pings_answer(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "FIRST_REQUEST_TIMEOUT", 1.0)
    monkeypatch.setattr(rpc_server, "IDLE_TIMEOUT", 2.0)
    monkeypatch.setattr(rpc_server, "READ_TIMEOUT", 1.5)
    server = serve({"ping": lambda: "pong"})
    pinger = Pinger(server.port)
    opened = time.monotonic()
    watch = ClosedAt({kind: [open_connection(server.port, kind) for _ in range(10)] for kind in KINDS})
    took = time.monotonic() - opened
    watch.wait(30)
    pinger.stop()
    limits = {"fresh": 1.0, "half_header": 1.5, "half_body": 1.5, "kept": 2.0}
    for kind, limit in limits.items():
        assert len(watch.closed[kind]) == 10, kind
        assert max(watch.closed[kind]) < limit + took + 1.0, (kind, watch.closed[kind])
    assert not pinger.errors and max(pinger.latencies) < 1.0
    wait_for(lambda: not server._connections, 5, "the server to let go of the pinger's connection too")


def test_a_request_trickling_in_a_byte_at_a_time_is_closed_at_read_timeout_in_all(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "READ_TIMEOUT", 1.5)
    server = serve({"ping": lambda: "pong"})
    sock = open_connection(server.port, "fresh")
    sock.settimeout(0.2)
    started = time.monotonic()
    closed = None
    for byte in b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: " % server.port + b"x" * 200:
        try:
            sock.sendall(bytes([byte]))  # each byte well inside the per-read timeout
            if sock.recv(1) == b"":
                closed = time.monotonic() - started
                break
        except TimeoutError:  # nothing from the server: still open
            continue
        except OSError:  # reset: closed
            closed = time.monotonic() - started
            break
    sock.close()
    assert closed is not None and 1.5 <= closed < 1.5 + 1.0


def test_a_reply_names_the_idle_limit_so_clients_reconnect_before_it(serve):
    server = serve({"ping": lambda: "pong"})
    sock = open_connection(server.port, "fresh")
    sock.sendall(request_head(server.port, len(PING)) + PING)
    head = read_reply(sock)
    sock.close()
    assert b"Keep-Alive: timeout=%d" % rpc_server.IDLE_TIMEOUT in head.split(b"\r\n")


def test_a_call_that_runs_past_every_limit_is_never_cut_off(serve, monkeypatch):
    monkeypatch.setattr(rpc_server, "FIRST_REQUEST_TIMEOUT", 0.5)
    monkeypatch.setattr(rpc_server, "IDLE_TIMEOUT", 0.5)
    monkeypatch.setattr(rpc_server, "READ_TIMEOUT", 0.5)
    runs = []

    def process(name):
        runs.append(name)
        time.sleep(2.0)  # a plugin that takes four times every limit
        return name

    server = serve({"process": process})
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port, timeout=10)
    assert proxy.process("long") == "long" and runs == ["long"]
    proxy.close()
