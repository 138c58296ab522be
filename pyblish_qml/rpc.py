"""XML-RPC plumbing shared by the host service and the UI's control server.

Three things the standard library does not do for us:

- **64-bit integers.** ``xmlrpc.client`` refuses ints beyond 32 bits; thread ids, file sizes
  and frame numbers exceed that. Our marshaller writes them as ``<i8>``, which every Python
  ``xmlrpc.client`` (and most other peers) reads back as an int.
- **Carriage returns.** XML parsers turn ``\\r`` into ``\\n``; we write it as ``&#13;`` so
  Windows line endings in log messages survive.
- **Latency.** Keep-alive HTTP/1.1 and ``TCP_NODELAY`` on both ends, so one call costs one
  round trip and never waits out a delayed ACK (the 40 ms per call of pyblish-qml 1.x).

Servers bind to loopback only, serve a fixed path, answer each connection on its own daemon
thread, and turn any exception into an XML-RPC ``Fault`` so a bad call never stops the server.
Pure Python: imported inside DCC hosts, so never import Qt here.
"""

from __future__ import annotations

import http.client
import logging
import socket
import socketserver
import threading
import traceback
import urllib.parse
import xmlrpc.client
import xmlrpc.server
from typing import Any, Callable

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


class Marshaller(xmlrpc.client.Marshaller):
    """The standard marshaller, plus ``<i8>`` for 64-bit ints and ``\\r`` preserved."""

    dispatch = dict(xmlrpc.client.Marshaller.dispatch)

    def dump_long(self, value, write):
        if INT32_MIN <= value <= INT32_MAX:
            write("<value><int>%d</int></value>\n" % value)
        elif -(2**63) <= value < 2**63:
            write("<value><i8>%d</i8></value>\n" % value)
        else:
            raise OverflowError("int exceeds 64 bits; pass it through pyblish_qml.wire.safe()")

    dispatch[int] = dump_long

    def dump_unicode(self, value, write, escape=_escape):
        write("<value><string>%s</string></value>\n" % escape(value))

    dispatch[str] = dump_unicode

    def dump_struct(self, value, write, escape=_escape):
        # Same as the standard one, but through our string escape.
        i = id(value)
        if i in self.memo:
            raise TypeError("cannot marshal recursive dictionaries")
        self.memo[i] = None
        dump = self._Marshaller__dump
        write("<value><struct>\n")
        for k, v in value.items():
            write("<member>\n")
            if not isinstance(k, str):
                raise TypeError("dictionary key must be string")
            write("<name>%s</name>\n" % escape(k))
            dump(v, write)
            write("</member>\n")
        write("</struct></value>\n")
        del self.memo[i]

    dispatch[dict] = dump_struct


def dumps(params: Any, methodname: str | None = None, methodresponse: bool = False) -> bytes:
    """``xmlrpc.client.dumps`` through our marshaller; always UTF-8, ``None`` allowed."""
    if isinstance(params, xmlrpc.client.Fault):
        body = Marshaller("utf-8", allow_none=True).dumps(params)
        text = "<?xml version='1.0'?>\n<methodResponse>\n%s</methodResponse>\n" % body
    else:
        body = Marshaller("utf-8", allow_none=True).dumps(params)
        if methodname is not None:
            text = ("<?xml version='1.0'?>\n<methodCall>\n<methodName>%s</methodName>\n%s"
                    "</methodCall>\n" % (_escape(methodname), body))
        else:
            text = "<?xml version='1.0'?>\n<methodResponse>\n%s</methodResponse>\n" % body
    return text.encode("utf-8", "xmlcharrefreplace")


# --------------------------------------------------------------------------------------------
# Server


class _RequestHandler(xmlrpc.server.SimpleXMLRPCRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one TCP connection per client, not per call
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        log.debug("%s %s", self.address_string(), format % args)


class LoopbackServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    """A threaded XML-RPC server on 127.0.0.1 that serves one path.

    Runs ``serve_forever`` on a daemon thread of its own (``start()``); every connection gets a
    daemon thread, so a slow call never blocks ``ping``.
    """

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, port: int, path: str | None = None, name: str = "rpc"):
        handler = type("Handler", (_RequestHandler,), {"rpc_paths": (path,) if path else ("/", "/RPC2")})
        super().__init__((LOOPBACK, port), requestHandler=handler, allow_none=True,
                         logRequests=False, bind_and_activate=True)
        self.name = name
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> "LoopbackServer":
        self._thread = threading.Thread(target=self.serve_forever, name="%s-server" % self.name,
                                        kwargs={"poll_interval": 0.2}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, drop kept-alive connections, close the socket; safe to call twice."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()
        with self._connections_lock:
            connections, self._connections = self._connections, set()
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RD)  # ends kept-alive reads; a reply in flight still goes out
            except OSError:
                pass

    def process_request(self, request, client_address):
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def _marshaled_dispatch(self, data, dispatch_method=None, path=None):
        try:
            params, method = xmlrpc.client.loads(data, use_builtin_types=True)
            response = self._dispatch(method, params)
            return dumps((response,), methodresponse=True)
        except xmlrpc.client.Fault as fault:
            return dumps(fault)
        except Exception as error:
            log.debug("call failed\n%s", traceback.format_exc())
            return dumps(xmlrpc.client.Fault(1, "%s: %s" % (type(error).__name__, error)))


def port_is_free(port: int) -> bool:
    """True when nothing on this machine listens on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------------------------
# Client


class _Transport(xmlrpc.client.Transport):
    """Keep-alive transport with a time-out and ``TCP_NODELAY``."""

    def __init__(self, timeout: float | None):
        super().__init__(use_builtin_types=True)
        self.timeout = timeout

    def make_connection(self, host):
        if self._connection and host == self._connection[0]:
            return self._connection[1]
        chost, self._extra_headers, x509 = self.get_host_info(host)
        connection = http.client.HTTPConnection(chost, timeout=self.timeout)
        connection.connect()
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._connection = host, connection
        return connection


class Proxy:
    """An XML-RPC proxy like ``xmlrpc.client.ServerProxy``, through our marshaller.

    Thread-safe (one call at a time on its one keep-alive connection); create one per thread
    when calls must overlap.
    """

    def __init__(self, url: str, timeout: float | None = None):
        parts = urllib.parse.urlsplit(url)
        self._host = parts.netloc
        self._handler = parts.path or "/RPC2"
        self._url = url
        self._transport = _Transport(timeout)
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "<Proxy %s>" % self._url

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *params: self._call(name, params)

    def _call(self, name: str, params: tuple) -> Any:
        request = dumps(params, methodname=name)
        with self._lock:
            try:
                response = self._transport.request(self._host, self._handler, request)
            except (http.client.HTTPException, OSError):
                self._transport.close()
                raise
        return response[0] if len(response) == 1 else response

    def close(self) -> None:
        with self._lock:
            self._transport.close()
