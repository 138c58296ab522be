"""Benchmark: ping and heartbeat latency of a LoopbackServer while idle connections flood it.

    .venv/bin/python tests/benchmarks/idle_flood_bench.py [--trees new=.,base=/tmp/perf-base]
        [--idle 0,250,300] [--seconds 8] [--rounds 2]

Each tree's server runs in a process of its own (``ping`` and ``heartbeat`` registered), as the
UI's control server does. Against it, this process holds ``--idle`` connections that never send
a byte — what a web page in the artist's browser can open (``<link rel=preconnect>``) — and
opens a new one whenever the server closes one, as a hostile page would. Meanwhile one kept-alive
``Proxy`` pings as fast as it is answered (the window's connection), and a host sends
``heartbeat`` on a new connection every 0.1 s (a host that just started, or whose connection was
dropped). Prints ping p50/p99, heartbeats answered/refused and their p99, and how many idle
connections the server closed. Trees and idle counts are interleaved, round after round.
"""

from __future__ import annotations

import argparse
import os
import selectors
import socket
import subprocess
import sys
import textwrap
import threading
import time
import xmlrpc.client
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parents[2]))

from pyblish_qml import rpc_client  # noqa: E402

SERVER = textwrap.dedent("""
    import logging, sys
    sys.path.insert(0, sys.argv[1])
    logging.disable(logging.WARNING)  # a refusal per connection would flood the terminal
    from pyblish_qml import rpc_server
    server = rpc_server.LoopbackServer(0, name="flood-bench")
    server.register_function(lambda: "pong", "ping")
    server.register_function(lambda port: True, "heartbeat")
    server.start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()
""")


class Flood:
    """``count`` connections that never send a byte; one closed by the server is opened again."""

    def __init__(self, port: int, count: int):
        self.port = port
        self.closed = 0
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        for _ in range(count):
            self._open()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _open(self) -> None:
        try:
            sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        except OSError:
            return
        sock.setblocking(False)
        self._selector.register(sock, selectors.EVENT_READ)

    def _watch(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(0.1):
                sock = key.fileobj
                try:
                    data = sock.recv(4096)
                except OSError:
                    data = b""
                if not data:  # the server closed it (a 503 is read first, then the close)
                    self._selector.unregister(sock)
                    sock.close()
                    self.closed += 1
                    self._open()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for key in list(self._selector.get_map().values()):
            key.fileobj.close()
        self._selector.close()


def percentile(samples: list, fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")


def heartbeats(port: int, stop: threading.Event, latencies: list, refused: list) -> None:
    while not stop.is_set():
        began = time.perf_counter()
        try:
            xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % port).heartbeat(9001)  # a new connection each
            latencies.append(time.perf_counter() - began)
        except Exception as error:  # 503 (ProtocolError), reset, timeout
            refused.append(type(error).__name__)
        stop.wait(0.1)


def measure(port: int, idle: int, seconds: float) -> dict:
    flood = Flood(port, idle) if idle else None
    time.sleep(0.5)  # let the server take every connection in
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % port, timeout=10)
    pings, ping_errors, beats, refused = [], [], [], []
    stop = threading.Event()
    beater = threading.Thread(target=heartbeats, args=(port, stop, beats, refused), daemon=True)
    beater.start()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        began = time.perf_counter()
        try:
            proxy.ping()
            pings.append(time.perf_counter() - began)
        except Exception as error:
            ping_errors.append(type(error).__name__)
            proxy = rpc_client.Proxy("http://127.0.0.1:%d" % port, timeout=10)
        time.sleep(0.002)  # a busy window, not a spin: leaves the server's GIL to the others
    stop.set()
    beater.join(timeout=15)
    proxy.close()
    closed = flood.closed if flood else 0
    if flood:
        flood.close()
    return {"pings": pings, "ping_errors": ping_errors, "beats": beats, "refused": refused, "closed": closed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trees", default="new=%s" % HERE.parents[2])
    parser.add_argument("--idle", default="0,250,300")
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (item.split("=", 1) for item in args.trees.split(","))]
    counts = [int(count) for count in args.idle.split(",")]
    print("uptime:", os.getloadavg())
    rows = []
    for round_ in range(args.rounds):
        for count in counts:
            for name, tree in trees:
                server = subprocess.Popen([sys.executable, "-c", SERVER, str(tree)], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, text=True)
                try:
                    port = int(server.stdout.readline())
                    result = measure(port, count, args.seconds)
                finally:
                    server.stdin.close()
                    server.wait(timeout=30)
                rows.append((round_ + 1, name, count, result))
                print("round %d %-5s idle %3d: ping p50 %6.2f ms p99 %7.2f ms (%d pings, %d failed) | "
                      "heartbeats %d answered, %d refused %s, p99 %7.2f ms | idle closed by server %d"
                      % (round_ + 1, name, count, percentile(result["pings"], 0.5) * 1e3,
                         percentile(result["pings"], 0.99) * 1e3, len(result["pings"]), len(result["ping_errors"]),
                         len(result["beats"]), len(result["refused"]), sorted(set(result["refused"])),
                         percentile(result["beats"], 0.99) * 1e3, result["closed"]), flush=True)
    print("uptime:", os.getloadavg())


if __name__ == "__main__":
    main()
