"""A bounded random fuzzer against a real UI process and a real host process.

Malformed HTTP, malformed and mutated XML, deep nesting, huge numbers, control characters and
invalid UTF-8, and every method with wrong types and arities. Whatever comes back, the server
must stay alive and answer ``ping`` (checked every 100 requests and at the end). The seed is
printed; ``PYBLISH_QML_FUZZ_SEED`` and ``PYBLISH_QML_FUZZ_COUNT`` replay or lengthen a run.
"""

from __future__ import annotations

import datetime
import os
import random
import socket
import xmlrpc.client

import pytest
from helpers import UIProcess, free_port

from pyblish_qml.app.hosts.control_server import API as UI_API
from pyblish_qml.host.service import API as HOST_API

COUNT = int(os.environ.get("PYBLISH_QML_FUZZ_COUNT", "3000"))


def _value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(11 if depth < 3 else 8)
    if kind == 0:
        return rng.randint(-(2**31), 2**31 - 1)
    if kind == 1:
        return "".join(chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x80, 0xD7FF)))) for _ in
                       range(rng.randrange(20)))
    if kind == 2:
        return rng.random() * 10 ** rng.randrange(-5, 300)
    if kind == 3:
        return None
    if kind == 4:
        return rng.random() < 0.5
    if kind == 5:
        return xmlrpc.client.Binary(bytes(rng.randrange(256) for _ in range(rng.randrange(30))))
    if kind == 6:
        return xmlrpc.client.DateTime(datetime.datetime(2000 + rng.randrange(50), 1, 1))
    if kind == 7:
        return "x" * rng.randrange(1000)
    if kind in (8, 9):
        return [_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    return {"k%d" % i: _value(rng, depth + 1) for i in range(rng.randrange(5))}


def _wrong_call(rng: random.Random, methods: tuple, dead_port: int) -> bytes:
    method = rng.choice(methods + ("nope", "_dispatch", "__init__", "system.listMethods"))
    params = tuple(_value(rng) for _ in range(rng.randrange(6)))
    if method in ("kill", "quit") and not params:
        params = (_value(rng),)  # never the real call: it would end the process under test
    if method in ("show", "heartbeat", "find_available_port") and params and isinstance(params[0], int) \
            and not isinstance(params[0], bool):
        params = (dead_port,) + params[1:]  # never a real port on this shared machine
    return xmlrpc.client.dumps(params, method, allow_none=True).encode()


def _nested(rng: random.Random) -> bytes:
    depth = rng.randrange(20, 3000)
    opener, closer = rng.choice([("<value><array><data>", "</data></array></value>"),
                                 ("<value><struct><member><name>a</name>", "</member></struct></value>")])
    return ("<?xml version='1.0'?><methodCall><methodName>ping</methodName><params><param>%s<value>1</value>%s"
            "</param></params></methodCall>" % (opener * depth, closer * depth)).encode()


def _scalar_abuse(rng: random.Random) -> bytes:
    literal = rng.choice([
        "<int>%s</int>" % ("9" * rng.randrange(1, 5000)), "<i8>-%s</i8>" % ("1" * rng.randrange(1, 200)),
        "<double>%s</double>" % rng.choice(["nan", "inf", "1e400", "-0", "x", "1" * 300]),
        "<string>&#%d;</string>" % rng.choice([0, 1, 8, 11, 31, 0xD800, 0xFFFE, 0x110000]),
        "<boolean>%s</boolean>" % rng.choice(["2", "true", ""]),
        "<dateTime.iso8601>%s</dateTime.iso8601>" % rng.choice(["garbage", "99999999T99:99:99", ""]),
        "<base64>%s</base64>" % rng.choice(["!!!", "a", "===="]),
        "<unknown>1</unknown>", "<nil/>", "<bigdecimal>%s</bigdecimal>" % ("1" * rng.randrange(1, 200)),
    ])
    return ("<?xml version='1.0'?><methodCall><methodName>ping</methodName><params><param><value>%s</value>"
            "</param></params></methodCall>" % literal).encode()


def _mutated(rng: random.Random, valid: bytes) -> bytes:
    data = bytearray(valid)
    for _ in range(rng.randrange(1, 8)):
        action = rng.randrange(4)
        at = rng.randrange(len(data))
        if action == 0:
            data[at] = rng.randrange(256)
        elif action == 1:
            del data[at:at + rng.randrange(1, 20)]
        elif action == 2:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 10)))
        else:
            data = data[:at]
        if not data:
            data = bytearray(b"<")
    return bytes(data)


def _http(host: str, path: str, body: bytes) -> bytes:
    return (b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n"
            % (path.encode(), host.encode(), len(body)) + body)


def _broken_http(rng: random.Random, host: str, path: str) -> bytes:
    body = xmlrpc.client.dumps((), "ping").encode()
    return rng.choice([
        bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))),
        b"GARBAGE\r\n\r\n",
        b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Length: -5\r\n\r\n" % (path.encode(),
                                                                                                 host.encode()),
        b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Length: zz\r\n\r\n" % (path.encode(),
                                                                                                 host.encode()),
        b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Length: 100\r\n\r\nshort" % (
            path.encode(), host.encode()),
        b"POST %s HTTP/1.1\r\n" % path.encode() + b"X: y\r\n" * 150 + b"\r\n",
        b"POST " + b"/" * 70000 + b" HTTP/1.1\r\n\r\n",
        b"GET %s HTTP/1.0\r\n\r\n" % path.encode(),
        b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Encoding: gzip\r\n"
        b"Content-Length: 4\r\n\r\nnope" % (path.encode(), host.encode()),
        b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n%s" % (
            path.encode(), host.encode(), len(body), body) * rng.randrange(1, 4),  # pipelined
        b"POST %s HTTP/1.1\r\nHost: %s\r\nno colon here\r\n:\r\nContent-Type: text/xml\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (path.encode(), host.encode(), len(body), body),
    ])


def _send(port: int, data: bytes) -> None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
            while sock.recv(65536):
                pass
    except OSError:
        pass  # the server may hang up on garbage; that is allowed, dying is not


def fuzz(port: int, path: str, methods: tuple, alive, rng: random.Random, count: int) -> int:
    host = "127.0.0.1:%d" % port
    dead_port = free_port()
    valid = xmlrpc.client.dumps(({"a": [1, "b", None]}, 2), methods[0], allow_none=True).encode()
    sent = 0
    for index in range(count):
        kind = rng.randrange(6)
        if kind == 0:
            data = _broken_http(rng, host, path)
        elif kind == 1:
            data = _http(host, path, _mutated(rng, valid))
        elif kind == 2:
            data = _http(host, path, _nested(rng))
        elif kind == 3:
            data = _http(host, path, _scalar_abuse(rng))
        else:
            data = _http(host, path, _wrong_call(rng, methods, dead_port))
        _send(port, data)
        sent += 1
        if index % 100 == 99:
            assert alive(), "server died after %d requests" % sent
    return sent


@pytest.mark.parametrize("target", ["ui", "host"])
def test_fuzzed_servers_stay_alive_and_answer_ping(target, host_factory):
    seed = int(os.environ.get("PYBLISH_QML_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
    rng = random.Random(seed)
    print("\nfuzz seed %d" % seed)
    if target == "ui":
        process = UIProcess()
        port, path, methods, pid = process.port, "/", UI_API, process.process
    else:
        process = host_factory("cvei")
        port, path, methods, pid = process.port, "/pyblish", HOST_API, process.process
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d%s" % (port, path if path != "/" else ""),
                                      allow_none=True)

    def alive() -> bool:
        return pid.poll() is None and proxy.ping()["pid"] == pid.pid

    try:
        sent = fuzz(port, path, methods, alive, rng, COUNT)
        assert alive()
        print("fuzz %s: %d requests sent (seed %d), 0 crashes" % (target, sent, seed))
    finally:
        if target == "ui":
            output = process.output()
            process.stop()
            assert "Segmentation fault" not in output and "Traceback" not in output, output[-3000:]
