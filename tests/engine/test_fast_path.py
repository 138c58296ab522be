"""The negotiated JSON form of the hot calls (docs/protocol.md, its fast-path section) against real hosts.

``process_json`` / ``context_json`` / ``discover_json`` must carry exactly what the XML-RPC form
carries — 64-bit ints as marked reprs, ``\\r``, escaped control characters, marked reprs — while
stock clients calling the documented names get what they always got; a host without the JSON
form (a stock server, an older host) is used through the plain calls.
"""

from __future__ import annotations

import json
import math
import random
import threading
import xmlrpc.client
import xmlrpc.server

import pytest
from helpers import SUITES, isolated_env

from pyblish_qml import guard, rpc, rpc_client, wire
from pyblish_qml.engine.session import HostSession
from pyblish_qml.host import dispatch
from pyblish_qml.host.service import HostService


def typed(value):
    """``value`` with every leaf tagged by its type, so True != 1 and 0.0 != -0.0 in comparisons."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def through_xml(value):
    return xmlrpc.client.loads(rpc.dumps((value,), methodresponse=True), use_builtin_types=True)[0][0]


def through_json(value):
    text = rpc.loads_reply(rpc.dumps((wire.json_text(value),), methodresponse=True))
    assert isinstance(text, str)
    return json.loads(text)


TRICKY = {
    "int32": [0, -1, 2**31 - 1, -(2**31)],
    "int64": [2**31, 2**40, 2**63 - 1, -(2**63), 140234567890123],
    "beyond": 2**80,
    "floats": [0.1, -0.0, 1e308, 5e-324, 1 / 3, float("nan"), float("inf"), -float("inf")],
    "bools": [True, False, None],
    "text": "ümlaut \x1b[31mred\x1b[0m \x00 \r\n \r 漢字 😀 & < > ]]> &amp; \ud800 \ufffe",
    "keys": {1: "int key", "1": "str key", (2, 3): "tuple key", None: "none key"},
    "bytes": [b"\xff\x00bytes", b"plain"],
    "object": object(),
    "nested": {"a": [{"b": ({"c"}, frozenset({1}))}]},
    "record": {"message": "line\r\nnext\ttab \x07 bell", "created": 1796160787.600878, "lineno": 12},
}


def test_json_and_xml_forms_of_safe_values_are_identical():
    value = wire.safe(TRICKY)
    assert typed(through_json(value)) == typed(through_xml(value))
    data = through_json(value)
    assert data["int64"][2] == {"__repr__": repr(2**63 - 1), "__type__": "int"}  # marked, as on the XML path
    assert data["beyond"] == {"__repr__": repr(2**80), "__type__": "int"}
    assert data["text"].startswith("ümlaut \\x1b[31mred") and "\r\n \r " in data["text"]
    assert data["floats"][5] == {"__repr__": "nan", "__type__": "float"}
    assert math.copysign(1, data["floats"][1]) == -1
    # plain ints of any size survive the JSON form exactly (the XML form has <i8> up to 64 bits)
    assert through_json([2**63 - 1, -(2**63)]) == through_xml([2**63 - 1, -(2**63)]) == [2**63 - 1, -(2**63)]


def test_reply_strings_are_read_without_a_parse_and_everything_else_with_one():
    for text in ("", "plain", "&amp;&lt;&gt;", "a\r\nb", "<tag>&amp;", "\x7f ünï 😀"):
        assert rpc.loads_reply(rpc.dumps((text,), methodresponse=True)) == text
    # another server's entities or layout: parsed by xmlrpc.client, same value
    foreign = (b"<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n<value><string>a &quot;q&quot; "
               b"&#65;</string></value>\n</param>\n</params>\n</methodResponse>\n")
    assert rpc.loads_reply(foreign) == 'a "q" A'
    assert rpc.loads_reply(xmlrpc.client.dumps(({"a": 1},), methodresponse=True).encode()) == {"a": 1}
    with pytest.raises(xmlrpc.client.Fault, match="broken"):
        rpc.loads_reply(rpc.dumps(xmlrpc.client.Fault(1, "broken")))


def test_json_form_of_a_real_host_matches_its_xml_form(host_factory):
    host = host_factory("edge", env=isolated_env(PYBLISH_TEST_RECORDS="50"))
    plain = xmlrpc.client.ServerProxy(host.url, allow_none=True)
    ours = rpc_client.Proxy(host.url)
    plain.reset()
    plugins = plain.discover()
    assert json.loads(ours.discover_json()) == plugins
    by_name = {plugin["name"]: plugin["id"] for plugin in plugins}

    collected = json.loads(ours.process_json(by_name["CollectOdd"], None, None, "fast-1"))
    assert collected["success"] and len(collected["changes"]["added"]) == 3

    context = plain.context()
    assert typed(json.loads(ours.context_json())) == typed(context)
    data = context["children"][0]["data"]
    assert data["threadId"] == {"__repr__": "140234567890123", "__type__": "int"}
    assert data["text"] == "ümlaut \\x1b[31mred\\x1b[0m \\x00 \r\n 漢字"

    # the same pair through both forms: equal but for the clock
    def steady(result):
        result["duration"] = 0.0
        for record in result["records"]:
            record["created"] = 0.0
        return typed(result)

    as_xml = plain.process(by_name["ValidateLoud"], None)
    as_json = json.loads(ours.process_json(by_name["ValidateLoud"], None))
    assert len(as_json["records"]) == 50 and as_json["records"][0]["message"] == "record 0 \\x07 ünïcode"
    assert steady(as_json) == steady(as_xml)
    failed = json.loads(ours.process_json(by_name["ValidateRaises"], context["children"][1]["id"]))
    assert failed["error"]["type"] == "KeyError" and "missing \\x01 thing" in failed["error"]["message"]

    # a repeated request id is answered from the record in the JSON form too
    again = json.loads(ours.process_json(by_name["CollectOdd"], None, None, "fast-1"))
    assert again == collected
    stats = plain.stats()
    assert stats["requestCounts"]["process"] == 5 and stats["repeatedRequests"] == 1
    assert "process_json" not in stats["requestCounts"]  # counted as the call it runs
    with pytest.raises(xmlrpc.client.Fault, match="no plugin with id"):  # errors stay Faults
        ours.process_json("no-such-plugin")
    with pytest.raises(xmlrpc.client.Fault, match="no such method 'emit_json'"):  # only the hot calls
        ours.emit_json("published", {})


def outcomes(session, results) -> list:
    names = {instance.id: instance.name for instance in session.context}
    return [(session.plugins_by_id[r["plugin"]].__name__, names.get(r["instance"]), r["success"]) for r in results]


def test_session_uses_the_json_form_and_falls_back_on_a_host_without_it(host_factory, monkeypatch, tmp_path):
    host = host_factory("cvei")
    session = HostSession(host.port)
    session.reset()
    expected = outcomes(session, session.publish())
    assert session.json_replies is True and len(expected) >= 4 and not all(ok for *_, ok in expected)
    counts = xmlrpc.client.ServerProxy(host.url).stats()["requestCounts"]
    assert counts["process"] >= 4 and counts["context"] == 1 and counts["discover"] == 1

    # A stock SimpleXMLRPCServer offering only the documented names (as an older host would)
    # around a real service and real plugins: the session notices and uses the plain calls.

    suite = SUITES / "cvei"
    monkeypatch.setenv("PYBLISHPLUGINPATH", str(suite))
    service = HostService(wrapper=dispatch.WorkerThread("stock-worker"))
    server = xmlrpc.server.SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)
    for name in ("ping", "reset", "context", "discover", "process", "emit", "test", "update"):
        server.register_function(getattr(service, name), name)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        stock = HostSession(0)
        stock.proxy = rpc_client.Proxy("http://127.0.0.1:%d/RPC2" % server.server_address[1])
        stock.reset()
        assert stock.json_replies is False
        assert outcomes(stock, stock.publish()) == expected  # a failing validator included
    finally:
        server.shutdown()
        server.server_close()
        service.close()


def test_calls_of_strings_and_nils_are_read_without_a_parse_exactly_as_the_guarded_parser_reads_them():
    samples = ["", "a", "a&b<c>d", "\r", "x\r\ny", "\x01", ">", "]]>", "ünï 😀", "\ufffe", "&amp;", "a" * 5000,
               "tab\tnl\n", "&#13;", "<nil/>", None]
    chooser = random.Random(15)
    cases = [(), (None,), ("plugin-id", None, None, "abc-1")]
    cases += [tuple(chooser.choice(samples) for _ in range(chooser.randint(0, 9))) for _ in range(3000)]
    accepted = 0
    for params in cases:
        for data in (rpc.dumps(params, methodname="process_json"),
                     xmlrpc.client.dumps(params, "process", allow_none=True).encode("utf-8")):
            fast = rpc.fast_request(data)
            try:
                full = guard.loads_request(data)
            except Exception as error:  # what the guarded parser refuses, the fast path must not accept
                assert fast is None, (params, error)
                continue
            if fast is not None:
                accepted += 1
                assert fast == full, params
    assert accepted > 1000  # the UI's own calls take the fast path
    assert rpc.fast_request(rpc.dumps(("id", "id2", None, "req-1"), methodname="process_json")) == (
        ("id", "id2", None, "req-1"), "process_json")
    # anything else is left to the guarded parser: ints, structs, a DOCTYPE, other layouts
    for data in (rpc.dumps((9001, {"a": 1}), methodname="show"),
                 b"<?xml version='1.0'?>\n<!DOCTYPE x [<!ENTITY a 'b'>]>\n<methodCall>\n<methodName>ping"
                 b"</methodName>\n<params>\n</params>\n</methodCall>\n",
                 b"<?xml version='1.0'?><methodCall><methodName>ping</methodName><params></params></methodCall>"):
        assert rpc.fast_request(data) is None
    for text in ("", "a&<>\r", '{"x":"\\u00fc"}', "ü 😀"):
        assert rpc.dumps_string_reply(text) == rpc.dumps((text,), methodresponse=True)
