"""The XML-RPC client the UI talks to hosts with (and hosts to the UI): :class:`Proxy`.

One kept-alive socket with ``TCP_NODELAY`` through our marshaller (:mod:`.rpc`); a call whose
reply is lost is never re-sent unless it is a read (:data:`RETRY_SAFE`): a plugin never runs
twice because a connection dropped (docs/protocol.md, "At most once").
Pure Python: imported inside DCC hosts, so never import Qt here.
"""

from __future__ import annotations

import select
import socket
import threading
import time
import urllib.parse
import xmlrpc.client
from typing import Any, Callable

from .rpc import LOOPBACK, MAX_LINE, dumps, loads_reply

#: Calls that change nothing when they run twice; only these are re-sent after a dropped reply.
RETRY_SAFE = frozenset({"ping", "stats", "context", "discover", "context_json", "discover_json", "state",
                        "heartbeat"})


class ReplyLost(ConnectionResetError):
    """The connection dropped after the call was sent: it may have run; it was not re-sent."""


def _dropped(sock: socket.socket) -> bool:
    """True when a kept-alive socket was closed by the server while idle (nothing sent yet)."""
    try:
        if hasattr(select, "poll"):  # select() cannot watch descriptors above 1023 (a busy DCC has those)
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            if not poller.poll(0):
                return False
        elif not select.select([sock], [], [], 0)[0]:
            return False
        return sock.recv(1, socket.MSG_PEEK) == b""  # EOF; unexpected bytes count as dropped too
    except (OSError, ValueError):
        return True


def _keep_alive_timeout(value: bytes) -> float | None:
    """Seconds from a ``Keep-Alive: timeout=30, max=100`` header; None when it names none."""
    for part in value.split(b","):
        name, _, number = part.partition(b"=")
        if name.strip().lower() == b"timeout":
            try:
                return float(number)
            except ValueError:
                return None
    return None


class Proxy:
    """An XML-RPC proxy like ``xmlrpc.client.ServerProxy``, through our marshaller.

    One kept-alive socket with ``TCP_NODELAY``; each call is one ``sendall`` and one response
    read by Content-Length. A kept-alive socket the server closed while idle is noticed before
    sending and replaced, and one idle for nearly the ``Keep-Alive: timeout`` the server named is
    replaced before the server could close it as the call goes out. A connection that drops
    after a call was sent is re-tried only for the calls in ``RETRY_SAFE``; any other call raises
    :class:`ReplyLost` — a plugin never runs twice because a connection dropped.
    Thread-safe (one call at a time); create one per thread when calls must overlap.
    """

    def __init__(self, url: str, timeout: float | None = None):
        parts = urllib.parse.urlsplit(url)
        self._address = (parts.hostname or LOOPBACK, parts.port or 80)
        self._head = ("POST %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: pyblish-qml\r\nContent-Type: text/xml\r\n"
                      % (parts.path or "/RPC2", parts.netloc)).encode("latin-1")
        self._url = url
        self._timeout = timeout
        self._socket: socket.socket | None = None
        self._reader = None
        self._expires = float("inf")  # monotonic time after which the server may close the idle socket
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "<Proxy %s>" % self._url

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *params: self._call(name, params)

    def _connect(self) -> None:
        sock = socket.create_connection(self._address, timeout=self._timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._socket, self._reader = sock, sock.makefile("rb")

    def _read_head(self) -> tuple[int, int | None, bool, float | None]:
        """(status, Content-Length, whether the server closes, its Keep-Alive timeout) of a reply."""
        status_line = self._reader.readline(MAX_LINE + 1)
        if not status_line:
            raise ConnectionResetError("the server closed the connection")
        parts = status_line.split(None, 2)
        status = int(parts[1])
        length = keep = None
        close = parts[0] != b"HTTP/1.1"  # an HTTP/1.0 server closes after each reply unless it says otherwise
        while True:
            header = self._reader.readline(MAX_LINE + 1)
            if header in (b"\r\n", b"\n"):
                return status, length, close, keep
            if not header:
                raise ConnectionResetError("the server closed the connection mid-response")
            name, _, value = header.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() != b"keep-alive" if close else value.strip().lower() == b"close"
            elif name == b"keep-alive":
                keep = _keep_alive_timeout(value)

    def _exchange(self, request: bytes) -> tuple[int, bytes, bool, float | None]:
        self._socket.sendall(request)
        status, length, close, keep = self._read_head()
        body = self._reader.read(length) if length is not None else self._reader.read()
        return status, body, close or length is None, keep

    def _drop_if_stale(self) -> None:
        """Close the kept-alive socket if the server closed it, or may close it any moment, while
        idle: provably nothing of the next call was sent on it, so that call goes on a new one."""
        if self._socket is not None and (time.monotonic() >= self._expires or _dropped(self._socket)):
            self._close()

    def _call(self, name: str, params: tuple) -> Any:
        body = dumps(params, methodname=name)
        request = self._head + b"Content-Length: %d\r\n\r\n" % len(body) + body
        with self._lock:
            self._drop_if_stale()
            for attempt in (1, 2):
                if self._socket is None:
                    self._connect()
                try:
                    status, payload, close, keep = self._exchange(request)
                    break
                except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError) as error:
                    self._close()
                    if name not in RETRY_SAFE:
                        raise ReplyLost("the connection to %s dropped after %s() was sent (%s); it may have "
                                        "run, and was not sent again" % (self._url, name, error)) from None
                    if attempt == 2:
                        raise
                except BaseException:
                    self._close()
                    raise
            if close:
                self._close()
            elif keep is not None:  # reconnect a little before the server's idle limit, never at it
                self._expires = time.monotonic() + keep - min(1.0, keep / 2)
        if status != 200:
            raise xmlrpc.client.ProtocolError(self._url, status, payload[:200].decode("latin-1", "replace"), {})
        return loads_reply(payload)

    def _close(self) -> None:
        for closable in (self._reader, self._socket):
            if closable is not None:
                try:
                    closable.close()
                except OSError:
                    pass
        self._socket = self._reader = None
        self._expires = float("inf")

    def close(self) -> None:
        with self._lock:
            self._close()
