"""Tools for the wire tests: a pinger, connections in every idle and stalled state, a flood process."""

from __future__ import annotations

import json
import selectors
import socket
import subprocess
import sys
import textwrap
import threading
import time
import xmlrpc.client

from pyblish_qml import rpc_client

PING = xmlrpc.client.dumps((), "ping").encode()


def request_head(port: int, length: int) -> bytes:
    return (b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n"
            % (port, length))


def read_reply(sock: socket.socket) -> bytes:
    """One whole HTTP reply (head and Content-Length body) from a blocking socket."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection before replying"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int([line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")][0][15:])
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection mid-reply"
        body += chunk
    return head


def open_connection(port: int, kind: str) -> socket.socket:
    """A connection left ``fresh`` (sent nothing), ``half_header``, ``half_body`` or ``kept`` (one
    ping answered, then silent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    if kind == "half_header":
        sock.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/xml\r\n" % port)
    elif kind == "half_body":
        sock.sendall(request_head(port, len(PING)) + PING[:10])
    elif kind == "kept":
        sock.sendall(request_head(port, len(PING)) + PING)
        read_reply(sock)
    else:
        assert kind == "fresh"
    return sock


class ClosedAt:
    """When the server closed each of ``sockets`` (EOF or reset), watched from one thread."""

    def __init__(self, sockets: dict):
        self.started = time.monotonic()
        self.closed: dict[str, list[float]] = {kind: [] for kind in sockets}
        self._selector = selectors.DefaultSelector()
        for kind, group in sockets.items():
            for sock in group:
                sock.setblocking(False)
                self._selector.register(sock, selectors.EVENT_READ, kind)
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while self._selector.get_map():
            for key, _ in self._selector.select(0.05):
                try:
                    data = key.fileobj.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                if not data:
                    self.closed[key.data].append(time.monotonic() - self.started)
                    self._selector.unregister(key.fileobj)
                    key.fileobj.close()

    def wait(self, timeout: float) -> None:
        self._thread.join(timeout)


class Pinger:
    """A kept-alive Proxy pinging every ``interval`` s from its own thread; latencies and errors."""

    def __init__(self, port: int, interval: float = 0.05):
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self._proxy = rpc_client.Proxy("http://127.0.0.1:%d" % port, timeout=10)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            began = time.perf_counter()
            try:
                self._proxy.ping()
                self.latencies.append(time.perf_counter() - began)
            except Exception as error:
                self.errors.append(repr(error))
            self._stop.wait(self._interval)

    def stop(self) -> "Pinger":
        self._stop.set()
        self._thread.join(timeout=15)
        self._proxy.close()
        return self

    def p99(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(len(ordered) * 0.99)]


FLOOD = textwrap.dedent("""
    import json, selectors, socket, sys
    port, count = int(sys.argv[1]), int(sys.argv[2])
    selector = selectors.DefaultSelector()
    stats = {"opened": 0, "closed_by_server": 0, "connect_errors": 0}

    def open_one():
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        except OSError:
            stats["connect_errors"] += 1
            return
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
        stats["opened"] += 1

    for _ in range(count):
        open_one()
    selector.register(sys.stdin, selectors.EVENT_READ)
    print("ready", flush=True)
    while True:
        for key, _ in selector.select():
            if key.fileobj is sys.stdin:
                print(json.dumps(stats), flush=True)
                sys.exit(0)
            try:
                data = key.fileobj.recv(4096)
            except OSError:
                data = b""
            if not data:  # closed by the server: a hostile page opens another at once
                selector.unregister(key.fileobj)
                key.fileobj.close()
                stats["closed_by_server"] += 1
                open_one()
""")


class Flood:
    """A separate process (as a web page in the artist's browser would be) holding ``count``
    connections that never send a byte, opening a new one for each the server closes."""

    def __init__(self, port: int, count: int):
        self.process = subprocess.Popen([sys.executable, "-c", FLOOD, str(port), str(count)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "ready"

    def stop(self) -> dict:
        self.process.stdin.write("stop\n")
        self.process.stdin.flush()
        stats = json.loads(self.process.stdout.readline())
        self.process.wait(timeout=10)
        return stats
