"""XML-RPC marshalling shared by the host service, the UI's control server and their clients.

Two things the standard library does not do for us:

- **64-bit integers.** ``xmlrpc.client`` refuses ints beyond 32 bits; thread ids, file sizes
  and frame numbers exceed that. Our marshaller writes them as ``<i8>``, which every Python
  ``xmlrpc.client`` (and most other peers) reads back as an int.
- **Carriage returns.** XML parsers turn ``\\r`` into ``\\n``; we write it as ``&#13;`` so
  Windows line endings in log messages survive.

Plus a fast path for the calls the UI sends on every pair (:func:`fast_request`). The HTTP layer
is :mod:`.rpc_server` (servers) and :mod:`.rpc_client` (:class:`~.rpc_client.Proxy`).
Pure Python: imported inside DCC hosts, so never import Qt here.
"""


from __future__ import annotations

import re
import xmlrpc.client
from typing import Any

from . import guard

LOOPBACK = "127.0.0.1"
HOST_PATH = "/pyblish"  # where a host service answers (docs/protocol.md)
MAX_LINE = 65536  # bytes in one HTTP request, status or header line (both ends)
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


_STRING_REPLY = (b"<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>",
                 b"</string></value>\n</param>\n</params>\n</methodResponse>\n")
_OUR_ENTITIES = re.compile(rb"&(?!(?:amp|lt|gt|#13);)")


def loads_reply(payload: bytes) -> Any:
    """The value of one XML-RPC reply (a Fault raises).

    A reply that is one plain string exactly as :func:`dumps` writes it (what the ``*_json``
    calls return) is cut out and unescaped directly: no XML parse for the hot call. Anything else
    — another server's layout, other entities, a Fault — goes through ``xmlrpc.client``.
    """
    head, tail = _STRING_REPLY
    if payload.startswith(head) and payload.endswith(tail):
        text = payload[len(head):-len(tail)]
        if b"<" not in text and b"\r" not in text and (b"&" not in text or not _OUR_ENTITIES.search(text)):
            if b"&" in text:
                text = text.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&#13;", b"\r") \
                    .replace(b"&amp;", b"&")
            return text.decode("utf-8")
    result, _ = xmlrpc.client.loads(payload, use_builtin_types=True)
    return result[0] if len(result) == 1 else result


def dumps_string_reply(text: str) -> bytes:
    """``dumps((text,), methodresponse=True)`` byte for byte, without the Marshaller."""
    head, tail = _STRING_REPLY
    return head + _escape(text).encode("utf-8", "xmlcharrefreplace") + tail


_CALL_HEAD = re.compile(rb"<\?xml version='1.0'\?>\n<methodCall>\n<methodName>([A-Za-z_][A-Za-z0-9_.]{0,63})"
                        rb"</methodName>\n<params>\n")
# A string of plain characters and our four entities (no raw \r, '>', control characters: those
# go to the full parser, which normalises or refuses them), or nil.
_TEXT = rb"[^<>&\r\x00-\x08\x0b\x0c\x0e-\x1f]*"
_PARAM = re.compile(rb"<param>\n<value>(?:<string>(" + _TEXT + rb"(?:&(?:amp|lt|gt|#13);" + _TEXT + rb")*)"
                    rb"</string></value>\n|<nil/></value>)</param>\n")
_CALL_TAIL = b"</params>\n</methodCall>\n"
_FAST_PARAMS = 8


def fast_request(data: bytes) -> tuple[tuple, str] | None:
    """``(params, method)`` of a call whose parameters are only strings and nils, laid out as
    :func:`dumps` (and ``xmlrpc.client``) write them — what the UI sends for every pair; else
    None, and the caller parses it with ``guard.loads_request``. Everything this accepts parses
    to the same values there (tests/engine/test_fast_path.py); it never accepts what that refuses.
    """
    head = _CALL_HEAD.match(data)
    if head is None or not data.endswith(_CALL_TAIL) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
        return None  # (U+FFFE and U+FFFF are not XML characters)
    position, end = head.end(), len(data) - len(_CALL_TAIL)
    params = []
    while position < end:
        param = _PARAM.match(data, position, end)
        if param is None or len(params) >= _FAST_PARAMS:
            return None
        text = param.group(1)
        if text is None:
            params.append(None)
        else:
            if len(text) > guard.MAX_STRING:
                return None
            if b"&" in text:
                text = text.replace(b"&lt;", b"<").replace(b"&gt;", b">").replace(b"&#13;", b"\r") \
                    .replace(b"&amp;", b"&")
            try:
                params.append(text.decode("utf-8"))
            except UnicodeDecodeError:
                return None
        position = param.end()
    return tuple(params), head.group(1).decode("ascii")


def host_url(port: int) -> str:
    """The address of the host service on ``port`` (the UI calls it without importing the host side)."""
    return "http://%s:%d%s" % (LOOPBACK, port, HOST_PATH)
