"""The loopback XML-RPC server the host service and the UI's control server both run.

Servers bind to loopback only, serve a fixed path, answer each connection on its own daemon
thread, and turn any exception into an XML-RPC ``Fault`` so a bad call never stops the server.
What a browser or another user could send is refused before dispatch (:mod:`.guard`,
docs/security.md). Keep-alive HTTP/1.1 and ``TCP_NODELAY``, so one call costs one round trip and
never waits out a delayed ACK (the 40 ms per call of pyblish-qml 1.x).

Why an HTTP layer of our own and not the standard library's keep-alive (``SimpleXMLRPCServer``
with ``protocol_version = "HTTP/1.1"`` and ``xmlrpc.client.ServerProxy``): it is measured
faster. ``tests/benchmarks/rpc_bench.py``, one ``process``-sized reply (~800 bytes) on loopback,
best of 4 interleaved runs on the 2-core test machine (2026-12-01): 211 µs per call here, 385 µs
with the standard library — 1.8x as long, on every step of every publish.
Pure Python: imported inside DCC hosts, so never import Qt here.
"""

from __future__ import annotations

import logging
import socket
import socketserver
import threading
import time
import traceback
import xmlrpc.client
import xmlrpc.server

from . import guard
from .rpc import LOOPBACK, MAX_LINE, dumps, dumps_string_reply, fast_request
from .rpc_connections import BUSY, FRESH, KEPT, READING, ConnectionTable, WorkerPool  # noqa: F401 - stages

log = logging.getLogger(__name__)


MAX_HEADERS = 100
# Read when used (monkeypatch them in tests); a new connection never waits longer than a kept-alive one.
FIRST_REQUEST_TIMEOUT = 15.0  # seconds a new connection may take to send the first byte of a request
IDLE_TIMEOUT = 30.0  # seconds a kept-alive connection may wait for its next request
READ_TIMEOUT = 15.0  # seconds one request's head and body may take to arrive, in all (not per read)
MAX_CONNECTIONS = 256  # open connections per server; at the cap the most expendable one is closed for a new one
SWEEP_INTERVAL = 0.25  # seconds between two looks for connections past their deadline
BACKLOG = 1024  # pending connections the kernel queues (somaxconn caps it)
WORKER_IDLE = 10.0  # seconds a connection thread waits for the next connection before it ends

_TOO_LARGE = object()  # _read_headers: the head went past MAX_HEAD or MAX_HEADERS


class _RequestHandler(socketserver.StreamRequestHandler):
    """A lean HTTP/1.1 keep-alive handler for XML-RPC POSTs.

    ``http.server`` parses headers with the email package and writes a response in several
    sends; here the request line and headers are split by hand and the response leaves in one
    ``sendall``, which halves the cost of a call. Anything odd gets a proper HTTP error, and
    what a browser or another user could send is refused before dispatch (``guard``).
    """

    disable_nagle_algorithm = True
    rpc_paths: tuple[str, ...] = ("/", "/RPC2")
    timeout = IDLE_TIMEOUT  # socketserver's knob; the lower of it and IDLE_TIMEOUT applies
    _peer_checked = False

    def setup(self) -> None:
        super().setup()
        self._state = self.server.table.tracked(self.request)
        self._idle = self.server.timeouts()[1]
        self._keep_alive_header = b"Keep-Alive: timeout=%d\r\n" % self._idle  # clients reconnect before it

    def handle(self) -> None:
        try:
            while not self.server.closing and self._await_request() and self._handle_one():
                pass
        except socket.timeout:  # not yet TimeoutError on Python 3.7
            log.debug("%s: dropped a connection from port %d that stalled", self.server.name,
                      self.client_address[1])

    def _await_request(self) -> bool:
        """Wait for the first byte of the next request; False when the client hung up or took too long.

        Waiting, the connection is FRESH (its deadline set when it was accepted) or KEPT; from the
        first byte on it is READING, and the whole request must arrive within READ_TIMEOUT.
        """
        state = self._state
        if state.stage != FRESH:
            now = time.monotonic()
            state.since, state.deadline = now, now + self._idle
            state.stage = KEPT  # set after its deadline: the sweeper never sees KEPT with an old one
        wait = state.deadline - time.monotonic()
        if wait <= 0:
            return False
        self.connection.settimeout(wait)
        if not self.rfile.peek(1):  # blocks until a byte is buffered (nothing consumed) or EOF
            return False
        now = time.monotonic()
        state.since, state.deadline = now, now + READ_TIMEOUT
        state.stage = READING
        self.connection.settimeout(READ_TIMEOUT)
        return True

    def _reply(self, status: str, body: bytes = b"", keep_alive: bool = True, content_type: bytes = b"text/xml",
               extra: bytes = b""):
        head = b"HTTP/1.1 %s\r\nServer: pyblish-qml\r\nContent-Type: %s\r\nContent-Length: %d\r\n" % (
            status.encode("ascii"), content_type, len(body))
        head += self._keep_alive_header if keep_alive else b"Connection: close\r\n"
        self.wfile.write(head + extra + b"\r\n" + body)

    def _refuse(self, status: str, reason: str) -> bool:
        log.warning("%s refused a request from 127.0.0.1:%d: %s", self.server.name, self.client_address[1], reason)
        self._reply(status, reason.encode("utf-8", "replace") + b"\n", keep_alive=False, content_type=b"text/plain")
        return False

    def _fail(self, status: str, text: bytes) -> bool:
        """A malformed request: one plain-text answer, then the connection ends."""
        self._reply(status, text, keep_alive=False, content_type=b"text/plain")
        return False

    def _read_headers(self, size: int):
        """The headers by lower-case name; ``None`` when the client hung up mid-head, ``_TOO_LARGE``
        past ``MAX_HEAD`` bytes (``size`` counts the request line) or ``MAX_HEADERS`` lines."""
        rfile = self.rfile
        headers: dict[str, str] = {}
        for _ in range(MAX_HEADERS + 1):
            header = rfile.readline(MAX_LINE + 1)
            if header in (b"\r\n", b"\n"):
                return headers
            if not header:
                return None
            size += len(header)
            if size > guard.MAX_HEAD:
                return _TOO_LARGE
            name, _, value = header.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        return _TOO_LARGE

    def _refusal(self, headers: dict) -> str | None:
        """Why a browser's or another user's request is refused (``guard``); None when it is not."""
        refusal = self.server.policy.refusal(headers)
        if refusal is None and not self._peer_checked and self.server.check_peer:
            refusal = guard.user_refusal(self.client_address, self.server.server_address)
            self._peer_checked = refusal is None
        return refusal

    def _handle_one(self) -> bool:
        """Read, check and answer one request; False when the connection is to end."""
        line = self.rfile.readline(MAX_LINE + 1)
        while line in (b"\r\n", b"\n"):
            line = self.rfile.readline(MAX_LINE + 1)
        if not line:
            return False
        parts = line.decode("latin-1").split()
        if len(parts) != 3 or len(line) > MAX_LINE or not parts[2].startswith("HTTP/"):
            return self._fail("400 Bad Request", b"bad request line")
        method, path, version = parts
        headers = self._read_headers(len(line))
        if headers is _TOO_LARGE:
            return self._refuse("431 Request Header Fields Too Large",
                                "refused: request headers over %d bytes" % guard.MAX_HEAD)
        if headers is None:
            return False
        refusal = self._refusal(headers)
        if refusal is not None:
            return self._refuse("403 Forbidden", refusal)
        connection = headers.get("connection", "").lower()
        keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
        length = _content_length(headers)
        if length < 0:
            return self._fail("400 Bad Request", b"bad content-length")
        if length > guard.MAX_BODY:
            return self._refuse("413 Content Too Large",
                                "refused: a body of %d bytes (at most %d)" % (length, guard.MAX_BODY))
        origin = headers.get("origin")
        cors = b""
        if origin is not None:  # allow-listed (else refused above): let that page read the reply
            cors = (b"Access-Control-Allow-Origin: %s\r\nVary: Origin\r\n" % origin.encode("latin-1"))
            if method == "OPTIONS":  # the CORS preflight of an allow-listed tool
                return self._preflight(length, keep_alive, cors)
        body = self.rfile.read(length) if length else b""
        if len(body) < length or self.server.closing:
            return False  # hung up mid-body, or stopped while this request was on its way: drop it
        return self._answer(method, path, headers, body, keep_alive, cors)

    def _preflight(self, length: int, keep_alive: bool, cors: bytes) -> bool:
        self.rfile.read(length)
        self._reply("204 No Content", b"", keep_alive, b"text/plain", cors + (
            b"Access-Control-Allow-Methods: POST\r\nAccess-Control-Allow-Headers: Content-Type\r\n"
            b"Access-Control-Allow-Private-Network: true\r\nAccess-Control-Max-Age: 600\r\n"))
        return keep_alive

    def _answer(self, method: str, path: str, headers: dict, body: bytes, keep_alive: bool, cors: bytes) -> bool:
        """Dispatch a complete request that passed the header checks, and send its reply."""
        if method != "POST":
            self._reply("501 Not Implemented", b"XML-RPC takes POST", keep_alive, b"text/plain", cors)
            return keep_alive
        if path not in self.rpc_paths:
            self._reply("404 Not Found", b"no XML-RPC service at this path", keep_alive, b"text/plain", cors)
            return keep_alive
        refusal = self.server.policy.body_refusal(headers)
        if refusal is not None:
            return self._refuse("403 Forbidden", refusal)
        if headers.get("content-encoding", "identity").lower() == "gzip":
            try:
                body = xmlrpc.client.gzip_decode(body, max_decode=guard.MAX_BODY)
            except ValueError:
                return self._fail("400 Bad Request", b"bad or oversized gzip body")
        if not self.server.table.claim(self._state):
            return False  # the server closed this connection while the request arrived: not run
        self._reply("200 OK", self.server._marshaled_dispatch(body), keep_alive, extra=cors)
        return keep_alive


def _content_length(headers: dict) -> int:
    """The declared body size; -1 when it is not a number."""
    try:
        return int(headers.get("content-length", "0"))
    except ValueError:
        return -1


class LoopbackServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    """A threaded XML-RPC server on 127.0.0.1 that serves one path.

    Runs ``serve_forever`` on a daemon thread of its own (``start()``); every connection gets a
    daemon thread, so a slow call never blocks ``ping``. Every open connection has a deadline
    (``FIRST_REQUEST_TIMEOUT`` fresh, ``IDLE_TIMEOUT`` kept alive, ``READ_TIMEOUT`` for a request
    to arrive; none while its call runs), enforced by the accept loop (:meth:`service_actions`).
    At ``MAX_CONNECTIONS`` a new connection does not get 503 while an open one is not running a
    call: the most expendable is closed instead (:meth:`.ConnectionTable.admit`), so a flood of idle
    connections — which any web page can open — never keeps a host's heartbeat out.
    """

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = BACKLOG

    def __init__(self, port: int, path: str | None = None, name: str = "rpc"):
        handler = type("Handler", (_RequestHandler,), {"rpc_paths": (path,) if path else ("/", "/RPC2")})
        # SimpleXMLRPCServer gives us the dispatcher (register_instance/_dispatch); our handler
        # does the HTTP.
        super().__init__((LOOPBACK, port), requestHandler=handler, allow_none=True,
                         logRequests=False, bind_and_activate=True)
        self.name = name
        self.policy = guard.RequestPolicy(self.port)
        self.check_peer = guard.peer_check_works(self.server_address)
        try:
            self.socket.accept()[0].close()  # the probe's connection: not a client to serve
        except OSError:
            pass
        if not self.check_peer and guard.peer_check_available():
            log.warning("%s: this system does not tell who owns a loopback connection; other users of "
                        "this machine are not refused (see docs/security.md)", name)
        self._thread: threading.Thread | None = None
        self.table = ConnectionTable()  # open connections, their stages and deadlines (rpc_connections.py)
        self._next_sweep = 0.0
        self._evicted = 0  # connections closed to make room since the last warning
        self._next_warning = 0.0
        self.workers = WorkerPool(self.process_request_thread, "%s-connection" % name, lambda: WORKER_IDLE)
        self.closing = False  # once set, kept-alive connections answer nothing more

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
        self.closing = True
        if self._thread is not None:
            # The accept loop sees shutdown()'s request only after its 0.2 s poll: a connection of our
            # own wakes it at once (a farm host's exit, docs/farm.md). Poke until shutdown() returns.
            stopper = threading.Thread(target=self.shutdown, name="%s-stop" % self.name, daemon=True)
            stopper.start()
            while stopper.is_alive():
                try:  # a connection the loop takes and drops
                    socket.create_connection((LOOPBACK, self.port), timeout=0.1).close()
                except OSError:
                    pass
                stopper.join(0.01)
            self._thread.join(timeout=5)
            self._thread = None
        self.server_close()
        for connection in self.table.take_all():
            try:
                connection.shutdown(socket.SHUT_RD)  # ends kept-alive reads; a reply in flight still goes out
            except OSError:
                pass

    def server_activate(self) -> None:
        super().server_activate()
        self.socket.setblocking(False)  # so one wake-up of the accept loop takes every waiting client

    def _handle_request_noblock(self) -> None:
        """Accept every connection waiting (up to 64), not one per wake-up: a burst of clients
        empties the listen queue in one turn of the GIL instead of overflowing it."""
        for _ in range(64):
            try:
                request, client_address = self.get_request()
            except OSError:  # BlockingIOError: the queue is empty
                return
            request.setblocking(True)
            try:
                self.process_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
                self.shutdown_request(request)

    def timeouts(self) -> tuple:
        """(fresh, kept alive): how long a connection may wait for a request, read now so tests can shorten them."""
        idle = min(IDLE_TIMEOUT, self.RequestHandlerClass.timeout or IDLE_TIMEOUT)
        return min(FIRST_REQUEST_TIMEOUT, idle), idle

    @property
    def _idle_workers(self) -> int:
        return self.workers.idle

    @property
    def _connections(self) -> dict:
        """The open connections by socket (for tests and logs; the table holds them)."""
        return self.table.open

    def service_actions(self) -> None:
        """Close connections past their deadline; the accept loop calls this every poll interval.

        One look for all of them, so a request that trickles in a byte at a time is held to
        READ_TIMEOUT in all, not per read.
        """
        super().service_actions()
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_INTERVAL
        expired = self.table.expire(now)
        if expired:
            log.debug("%s: closed %d connections past their deadline", self.name, expired)

    def _admit(self, request) -> bool:
        """Track a new connection, making room at the cap; False when every open one runs a call."""
        admitted, evicted = self.table.admit(request, time.monotonic() + self.timeouts()[0], MAX_CONNECTIONS)
        if not admitted:
            return False
        self._evicted += evicted
        if self._evicted and time.monotonic() >= self._next_warning:
            log.warning("%s: %d connections open; closed %d idle or stalled ones to make room for new ones",
                        self.name, MAX_CONNECTIONS, self._evicted)
            self._evicted, self._next_warning = 0, time.monotonic() + 10.0
        return True

    def process_request(self, request, client_address):
        if not self._admit(request):  # answered on the accept thread, without a thread of its own
            log.warning("%s: %d connections open, each running a call; refused one more", self.name, MAX_CONNECTIONS)
            try:
                request.settimeout(0.5)
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
                                b"Content-Length: 25\r\nConnection: close\r\n\r\ntoo many connections open\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        self.workers.serve(request, client_address)

    def handle_error(self, request, client_address):
        """A client that vanished mid-call is routine; anything else is logged, never printed."""
        log.debug("%s: connection from %s ended with an error\n%s", self.name, client_address,
                  traceback.format_exc())

    def shutdown_request(self, request):
        self.table.forget(request)
        super().shutdown_request(request)

    def _marshaled_dispatch(self, data, dispatch_method=None, path=None):
        try:
            params, method = fast_request(data) or guard.loads_request(data)
            response = self._dispatch(method, params)
            if type(response) is str:  # the *_json replies
                return dumps_string_reply(response)
            return dumps((response,), methodresponse=True)
        except xmlrpc.client.Fault as fault:
            return dumps(fault)
        except guard.LimitExceeded as error:
            log.warning("%s: %s", self.name, error)
            return dumps(xmlrpc.client.Fault(2, str(error)))
        except BaseException as error:  # SystemExit from a callback must not end this thread
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
