"""Who may call our XML-RPC servers, and how much they may send (see docs/security.md).

Both servers (the UI's control server and every host service) listen on loopback, where any
web page the artist opens and any other user of the machine can reach them. This module holds
the checks :mod:`pyblish_qml.rpc` applies to every request before it dispatches anything:

- :class:`RequestPolicy` refuses what a browser can forge: an ``Origin`` header (unless the
  ``PYBLISH_QML_ALLOWED_ORIGINS`` allow-list names it), a ``Host`` that is not
  ``127.0.0.1:<port>`` or ``localhost:<port>`` (DNS rebinding), and a body that is not XML
  (the only types a page can send without a CORS preflight are text/plain, forms, multipart).
- :func:`peer_uid` tells, on Linux, which user owns the client's end of a loopback connection
  (from ``/proc/net/tcp``), so a server only answers its own user.
- :func:`loads_request` parses a call with bounded nesting, string, number and value counts and
  no DOCTYPE (no entity expansion), so a hostile body gets a Fault, never a crash.

Pure Python 3.7+ standard library: imported inside DCC hosts, so never import Qt here.
"""

from __future__ import annotations

import os
import socket
import struct
import sys
import xmlrpc.client
from typing import Any
from xml.parsers import expat

MAX_BODY = 64 * 1024 * 1024  # Content-Length above this: 413 before reading a byte of it
MAX_HEAD = 64 * 1024  # request line + headers above this: 431
MAX_DEPTH = 32  # arrays/structs inside one another
MAX_STRING = 16 * 1024 * 1024  # characters in one string or struct member name
MAX_NUMBER = 64  # characters of one int/double literal (no quadratic int parsing)
MAX_VALUES = 1000000  # values in one call

ORIGINS_ENV = "PYBLISH_QML_ALLOWED_ORIGINS"
_XML_TYPES = ("text/xml", "application/xml")


class LimitExceeded(ValueError):
    """An incoming call is bigger or deeper than this server accepts; the message says which."""


# --------------------------------------------------------------------------------------------
# What a browser can forge


def allowed_origins(text: str | None = None) -> frozenset:
    """Origins named (comma or space separated) in ``PYBLISH_QML_ALLOWED_ORIGINS``, lowercased."""
    if text is None:
        text = os.environ.get(ORIGINS_ENV, "")
    return frozenset(part.strip().rstrip("/").lower() for part in text.replace(",", " ").split() if part.strip())


def is_xml_type(content_type: str) -> bool:
    kind = content_type.partition(";")[0].strip().lower()
    return kind in _XML_TYPES or kind.endswith("+xml")


class RequestPolicy:
    """The header checks for one server; ``refusal(headers)`` is None or the one-line reason."""

    def __init__(self, port: int, origins: frozenset | None = None):
        self.port = port
        self.hosts = frozenset({"127.0.0.1:%d" % port, "localhost:%d" % port})
        self.origins = allowed_origins() if origins is None else origins

    def origin_allowed(self, origin: str) -> bool:
        return origin.rstrip("/").lower() in self.origins

    def refusal(self, headers: dict) -> str | None:
        """Origin and Host, checked on every request before its body is read."""
        origin = headers.get("origin")
        if origin is not None and not self.origin_allowed(origin):
            return ("refused: requests from web pages are not accepted (Origin: %s); a studio tool can be "
                    "allowed with %s" % (origin[:200], ORIGINS_ENV))
        host = headers.get("host")
        if host is not None and host.lower() not in self.hosts:
            return ("refused: Host %r is not this server (127.0.0.1:%d or localhost:%d); "
                    "a DNS-rebound name is not accepted" % (host[:200], self.port, self.port))
        return None

    @staticmethod
    def body_refusal(headers: dict) -> str | None:
        """Content-Type, checked before a call is dispatched."""
        content_type = headers.get("content-type")
        if content_type is None or not is_xml_type(content_type):
            return ("refused: Content-Type %r is not XML; XML-RPC calls send text/xml"
                    % (content_type[:200] if content_type else None))
        return None


# --------------------------------------------------------------------------------------------
# Which user is calling (Linux)


def peer_check_available() -> bool:
    return sys.platform.startswith("linux") and os.path.exists("/proc/net/tcp")


def _proc_address(address: tuple) -> bytes:
    """``("127.0.0.1", 9090)`` as /proc/net/tcp prints it: ``0100007F:2382`` (native-endian)."""
    packed = struct.unpack("=I", socket.inet_aton(address[0]))[0]
    return b"%08X:%04X" % (packed, address[1])


_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY = 20
_NLMSG_ERROR = 2
_NLM_F_REQUEST = 1
_TCP_ALL_STATES = 0xFFFFFFFF
_NO_COOKIE = 0xFFFFFFFF


def _diag_uid(client: tuple, server: tuple) -> int | None:
    """The owner of the client's socket from the kernel's sock_diag (what ``ss`` uses).

    One exact lookup by address and port, so its cost does not grow with the number of sockets
    on the machine (``/proc/net/tcp`` lists every one, TIME_WAIT included). Linux only.
    """
    request = struct.pack("=BBBBI", socket.AF_INET, socket.IPPROTO_TCP, 0, 0, _TCP_ALL_STATES)
    request += struct.pack(">HH", client[1], server[1])
    request += socket.inet_aton(client[0]) + b"\0" * 12 + socket.inet_aton(server[0]) + b"\0" * 12
    request += struct.pack("=III", 0, _NO_COOKIE, _NO_COOKIE)
    message = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, _NLM_F_REQUEST, 1, 0) + request
    with socket.socket(socket.AF_NETLINK, socket.SOCK_DGRAM, _NETLINK_SOCK_DIAG) as link:
        link.settimeout(1.0)
        link.send(message)
        reply = link.recv(8192)
    _, kind = struct.unpack_from("=IH", reply)
    if kind == _NLMSG_ERROR:
        error = -struct.unpack_from("=i", reply, 16)[0]
        if error == 2:  # ENOENT: no such socket
            return None
        raise OSError(error, os.strerror(error))
    if kind != _SOCK_DIAG_BY_FAMILY or len(reply) < 16 + 72:
        raise OSError("unexpected sock_diag reply type %d" % kind)
    state = reply[17]
    if state == 6:  # TIME_WAIT: no owner left
        return None
    return struct.unpack_from("=I", reply, 16 + 64)[0]


def peer_uid(client: tuple, server: tuple, table: str = "/proc/net/tcp") -> int | None:
    """The uid owning the client's end of the loopback connection ``client`` → ``server``.

    Read on the server thread while the client waits for its reply, so its socket exists. None
    when no such socket is listed (then the caller refuses: it cannot tell who is calling).
    Asks the kernel's sock_diag first; where that is not allowed, reads ``table``.
    """
    if hasattr(socket, "AF_NETLINK"):
        try:
            return _diag_uid(client, server)
        except OSError:
            pass
    needle = b" %s %s " % (_proc_address(client), _proc_address(server))
    with open(table, "rb") as handle:
        data = handle.read()
    at = data.find(needle)
    if at < 0:
        return None
    fields = data[at:data.find(b"\n", at)].split()
    # local rem st tx:rx tr:when retrnsmt uid ...
    if len(fields) < 7 or fields[2] == b"06":  # TIME_WAIT: no owner left
        return None
    return int(fields[6])


def peer_check_works(server: tuple) -> bool:
    """True when this machine tells socket owners: a probe connection to ``server`` reads as ours.

    Where it does not (no netlink and an empty ``/proc/net/tcp``, as in some sandboxes), checking
    would refuse every caller; the server then goes without the check and says so.
    """
    if not peer_check_available():
        return False
    try:
        with socket.create_connection(server, timeout=1.0) as probe:
            return peer_uid(probe.getsockname(), server) == os.geteuid()
    except OSError:
        return False


def user_refusal(client: tuple, server: tuple) -> str | None:
    """None when the client runs as our user; else the one-line reason to refuse it."""
    mine = os.geteuid()
    try:
        uid = peer_uid(client, server)
    except OSError as error:
        return "refused: cannot tell which user is calling (%s)" % error
    if uid is None:
        return "refused: cannot tell which user is calling (no socket %s:%d in /proc/net/tcp)" % client
    if uid != mine:
        return ("refused: this pyblish-qml belongs to another user (uid %d, you are uid %d); each user "
                "runs their own, on their own port (PYBLISH_QML_PORT)" % (mine, uid))
    return None


# --------------------------------------------------------------------------------------------
# What a call may contain


def _limited_number(end):
    def check(self, data):
        if len(data) > MAX_NUMBER:
            raise LimitExceeded("refused: a number of %d characters (at most %d)" % (len(data), MAX_NUMBER))
        return end(self, data)
    return check


def _limited_text(end):
    def check(self, data):
        if len(data) > MAX_STRING:
            raise LimitExceeded("refused: a string of %d characters (at most %d)" % (len(data), MAX_STRING))
        return end(self, data)
    return check


class BoundedUnmarshaller(xmlrpc.client.Unmarshaller):
    """``xmlrpc.client.Unmarshaller`` that refuses deep nesting, huge strings/numbers, too many values."""

    dispatch = dict(xmlrpc.client.Unmarshaller.dispatch)
    for _tag in ("i1", "i2", "i4", "i8", "int", "biginteger", "double", "float", "bigdecimal"):
        if _tag in dispatch:
            dispatch[_tag] = _limited_number(dispatch[_tag])
    for _tag in ("string", "name", "value", "base64"):
        dispatch[_tag] = _limited_text(dispatch[_tag])
    del _tag

    def __init__(self):
        super().__init__(use_builtin_types=True)
        self._values = 0

    def start(self, tag, attrs):
        if tag == "value":
            self._values += 1
            if self._values > MAX_VALUES:
                raise LimitExceeded("refused: more than %d values in one call" % MAX_VALUES)
        xmlrpc.client.Unmarshaller.start(self, tag, attrs)
        if len(self._marks) > MAX_DEPTH:
            raise LimitExceeded("refused: values nested deeper than %d levels" % MAX_DEPTH)


def _no_doctype(*args) -> None:
    raise LimitExceeded("refused: XML with a DOCTYPE (no entities in XML-RPC)")


def loads_request(data: bytes) -> tuple[tuple, Any]:
    """``(params, method name)`` of one call, within the limits above; raises on anything else."""
    target = BoundedUnmarshaller()
    parser = expat.ParserCreate(None, None)
    parser.StartElementHandler = target.start
    parser.EndElementHandler = target.end
    parser.CharacterDataHandler = target.data
    parser.XmlDeclHandler = lambda version, encoding, standalone: target.xml(encoding, standalone)
    parser.StartDoctypeDeclHandler = _no_doctype
    parser.EntityDeclHandler = _no_doctype
    parser.Parse(data, True)
    return target.close(), target.getmethodname()
