"""Both servers refuse forged, foreign and oversized requests; same-user stock clients still work.

Real UI and host processes, real sockets, a real second OS user (created here) calling through a
real system Python, and in-process servers where a limit is shrunk to keep the test short.
"""

from __future__ import annotations

import http.client
import os
import pwd
import select
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
import xmlrpc.client
from pathlib import Path

import pytest
from helpers import Relay, UIProcess, free_port, isolated_env, ready, wait_for

from pyblish_qml import guard, rpc_client, rpc_server
from pyblish_qml.engine.session import HostSession

OTHER_USER = "pyblishqmlother"


def raw(port: int, head: bytes, body: bytes = b"", timeout: float = 10.0) -> tuple[int, bytes]:
    """Send bytes as they are; (status, body) of the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head + body)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        status = int(data.split(b" ", 2)[1]) if data else 0
        _, _, rest = data.partition(b"\r\n\r\n")
        length = 0
        for line in data.split(b"\r\n"):
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        while len(rest) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return status, rest


def post(port: int, path: str, headers: dict, body: bytes) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("POST", path, skip_host=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    out = response.status, response.read()
    connection.close()
    return out


@pytest.fixture
def marked_pair(tmp_path, monkeypatch, host_factory):
    """A real UI showing a real host whose plugins write to a marker file; collected, ready."""
    marker = tmp_path / "marker.txt"
    monkeypatch.setenv("PYBLISH_QML_TEST_MARKER", str(marker))
    ui = UIProcess()
    try:
        host = host_factory("marked", env=isolated_env(PYBLISH_QML_TEST_MARKER=str(marker),
                                                       PYBLISH_QML_PORT=ui.port))  # it beats this UI
        assert ui.proxy.show(host.port) is True
        wait_for(lambda: ready(ui.proxy, host.port), 20, "the UI to collect")
        assert marker.read_text() == "collect\n"
        yield ui, host, marker
    finally:
        ui.stop()


def host_effects(host) -> dict:
    """What the host was asked to do so far (refused requests never reach the count)."""
    counts = xmlrpc.client.ServerProxy(host.url).stats()["requestCounts"]
    return {name: counts.get(name, 0) for name in ("reset", "process", "emit", "update", "test", "context")}


def ui_view(ui) -> dict:
    state = ui.proxy.state()
    return {key: state.get(key) for key in ("state", "host", "visible", "validated", "published", "progress")} | {
        "hosts": [h["port"] for h in state["hosts"]]}


def test_forged_headers_get_403_with_one_line_and_nothing_runs(marked_pair):
    ui, host, marker = marked_pair
    before_host, before_ui = host_effects(host), ui_view(ui)
    call = xmlrpc.client.dumps((), "publish").encode()
    host_call = xmlrpc.client.dumps(("x",), "reset").encode()
    cases = [
        ({"Host": "127.0.0.1:%d", "Content-Type": "text/xml", "Origin": "null"}, b"Origin: null"),
        ({"Host": "127.0.0.1:%d", "Content-Type": "text/xml", "Origin": "http://127.0.0.1:8000"}, b"Origin"),
        ({"Host": "evil.example:%d", "Content-Type": "text/xml"}, b"DNS-rebound"),
        ({"Host": "127.0.0.1:1", "Content-Type": "text/xml"}, b"is not this server"),
        ({"Host": "127.0.0.1:%d", "Content-Type": "text/plain;charset=UTF-8"}, b"not XML"),
        ({"Host": "127.0.0.1:%d", "Content-Type": "application/x-www-form-urlencoded"}, b"not XML"),
        ({"Host": "127.0.0.1:%d", "Content-Type": "multipart/form-data; boundary=x"}, b"not XML"),
        ({"Host": "localhost:%d"}, b"Content-Type None"),
    ]
    for port, path, body in ((ui.port, "/", call), (host.port, "/pyblish", host_call)):
        for headers, why in cases:
            headers = {k: (v % port if "%d" in v else v) for k, v in headers.items()}
            status, text = post(port, path, headers, body)
            assert status == 403, (headers, status, text)
            assert text.count(b"\n") == 1 and text.startswith(b"refused: ") and why in text, text
    assert host_effects(host) == before_host
    assert ui_view(ui) == before_ui
    assert marker.read_text() == "collect\n"
    assert "refused a request" in ui.output()  # logged
    # localhost:<port> and XML types with parameters are fine
    assert post(ui.port, "/", {"Host": "localhost:%d" % ui.port, "Content-Type": "text/xml; charset=utf-8"},
                xmlrpc.client.dumps((), "ping").encode())[0] == 200


def test_the_seed_snippets_work_unchanged_from_a_plain_python(marked_pair):
    ui, host, _ = marked_pair
    script = textwrap.dedent("""
        import sys, xmlrpc.client
        ui_port, host_port = int(sys.argv[1]), int(sys.argv[2])
        proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui_port)
        assert proxy.show(host_port) is True
        assert proxy.heartbeat(host_port) is True
        assert isinstance(proxy.find_available_port(), int)
        host = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % host_port)
        assert host.ping()["message"] == "Hello, whole world"
        assert isinstance(host.context()["children"], list)
        names = [p["name"] for p in host.discover()]
        assert names[-3:] == ["CollectMarked", "ValidateMarked", "ExtractMarked"], names
        print("seed ok")
    """)
    out = subprocess.run([sys.executable, "-c", script, str(ui.port), str(host.port)], capture_output=True,
                         text=True, timeout=60, env=isolated_env())
    assert out.stdout.strip() == "seed ok", out.stderr


def test_the_seed_snippets_work_from_python_2_xmlrpclib(marked_pair):
    """The seed documents are Python 2 (Maya 2015's): ``xmlrpclib`` as they wrote it."""
    candidates = sorted(Path.home().glob(".pyenv/versions/2.7*/bin/python")) + [Path("/usr/bin/python2.7")]
    python2 = next((path for path in candidates if os.access(str(path), os.X_OK)), None)  # not pyenv's shim
    if python2 is None:
        pytest.skip("no Python 2.7 on this machine")
    ui, host, _ = marked_pair
    script = textwrap.dedent("""
        import sys, xmlrpclib
        proxy = xmlrpclib.ServerProxy("http://127.0.0.1:%s" % sys.argv[1])
        assert proxy.show(int(sys.argv[2])) is True
        assert proxy.heartbeat(int(sys.argv[2])) is True
        assert isinstance(proxy.find_available_port(), int)
        proxy = xmlrpclib.ServerProxy("http://127.0.0.1:%s/pyblish" % sys.argv[2])
        assert proxy.ping()["message"] == "Hello, whole world"
        assert "children" in proxy.context()
        assert proxy.discover()
        sys.stdout.write("seed ok\\n")
    """)
    out = subprocess.run([str(python2), "-c", script, str(ui.port), str(host.port)], capture_output=True, text=True,
                         timeout=60, env={"PATH": os.environ["PATH"]})
    assert out.stdout.strip() == "seed ok", out.stderr


# ------------------------------------------------------------------ another OS user


def _system_python() -> str | None:
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def other_user():
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser") or not _system_python():
        pytest.skip("needs root, useradd, runuser and a system python3 (CI has them)")
    try:
        pwd.getpwnam(OTHER_USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/sh", OTHER_USER], check=True)
    return OTHER_USER


OTHER_USER_CLIENT = textwrap.dedent("""
    import json, sys, xmlrpc.client
    out = {}
    for label, url, method, args in json.loads(sys.argv[1]):
        try:
            getattr(xmlrpc.client.ServerProxy(url, allow_none=True), method)(*args)
            out[label] = "answered"
        except xmlrpc.client.ProtocolError as error:
            out[label] = "%d %s" % (error.errcode, error.errmsg)
        except Exception as error:
            out[label] = "%s: %s" % (type(error).__name__, error)
    print(json.dumps(out))
""")


def test_another_user_cannot_call_either_server(marked_pair, other_user):
    import json

    ui, host, marker = marked_pair
    context = xmlrpc.client.ServerProxy(host.url).context()
    plugins = {p["name"]: p for p in xmlrpc.client.ServerProxy(host.url).discover()}
    before_host, before_ui = host_effects(host), ui_view(ui)
    instance = context["children"][0]["id"]
    ui_url, host_url = "http://127.0.0.1:%d" % ui.port, host.url
    calls = [(m, ui_url, m, a) for m, a in (("show", [host.port]), ("publish", []), ("validate", []),
                                            ("reset", []), ("hide", []), ("heartbeat", [host.port]),
                                            ("find_available_port", []), ("state", []), ("ping", []),
                                            ("quit", []), ("kill", []))]
    calls += [("host " + m, host_url, m, a) for m, a in (
        ("process", [plugins["ValidateMarked"]["id"], instance]), ("reset", []), ("update", ["x", 1]),
        ("emit", ["published", {}]), ("test", [{}]), ("context", []), ("ping", []))]
    out = subprocess.run(["runuser", "-u", other_user, "--", _system_python(), "-c", OTHER_USER_CLIENT,
                          json.dumps(calls)],
                         capture_output=True, text=True, timeout=60, cwd="/")
    assert out.stdout.strip(), out.stderr
    replies = json.loads(out.stdout.strip().splitlines()[-1])
    assert len(replies) == len(calls)
    for label, reply in replies.items():
        assert reply.startswith("403 ") or "403" in reply, (label, reply)
    assert host_effects(host) == before_host
    assert ui_view(ui) == before_ui
    assert marker.read_text() == "collect\n"
    assert ui.process.poll() is None and ui.proxy.ping()
    assert "belongs to another user" in ui.output()
    # and the same call from our own user still works
    assert xmlrpc.client.ServerProxy(ui_url).heartbeat(host.port) is True


def test_peer_uid_reads_the_owner_of_a_real_connection(other_user):
    """Both ways of reading the owner (sock_diag, /proc/net/tcp) name the user that connected."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        address = server.getsockname()
        holder = subprocess.Popen(["runuser", "-u", other_user, "--", _system_python(), "-c",
                                   "import socket, sys; s = socket.create_connection(('127.0.0.1', %d)); "
                                   "sys.stdout.write('up\\n'); sys.stdout.flush(); sys.stdin.read()" % address[1]],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd="/")
        try:
            assert holder.stdout.readline().strip() == "up"
            connection, client = server.accept()
            uid = pwd.getpwnam(other_user).pw_uid
            assert guard._diag_uid(client, address) == uid
            assert guard.peer_uid(client, address, table="/proc/net/tcp") == uid
            with open("/proc/net/tcp", "rb") as handle:
                assert guard._proc_address(client) in handle.read()
            assert "another user" in guard.user_refusal(client, address)
            connection.close()
        finally:
            holder.stdin.close()
            holder.wait(timeout=10)
        mine = socket.create_connection(address)
        connection, client = server.accept()
        assert guard.user_refusal(client, address) is None
        mine.close()
        connection.close()


def test_proc_net_tcp_fallback_finds_our_own_socket(monkeypatch):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        mine = socket.create_connection(server.getsockname())
        connection, client = server.accept()
        monkeypatch.delattr(socket, "AF_NETLINK")  # as where sock_diag is not available
        assert guard.peer_uid(client, server.getsockname()) == os.geteuid()
        mine.close()
        connection.close()


# ------------------------------------------------------------------ bad input


def test_show_with_settings_nested_100000_deep_gets_a_fault_and_the_ui_lives(marked_pair):
    ui, host, _ = marked_pair
    deep = "<value><struct><member><name>k</name>" * 100000 + "<value><int>1</int></value>" + \
        "</member></struct></value>" * 100000
    body = ("<?xml version='1.0'?><methodCall><methodName>show</methodName><params>"
            "<param><value><int>%d</int></value></param><param>%s</param></params></methodCall>"
            % (host.port, deep)).encode()
    status, reply = post(ui.port, "/", {"Host": "127.0.0.1:%d" % ui.port, "Content-Type": "text/xml"}, body)
    assert status == 200
    with pytest.raises(xmlrpc.client.Fault, match="nested deeper than 32 levels"):
        xmlrpc.client.loads(reply)
    nested: dict = {}
    for _ in range(40):
        nested = {"k": nested}
    with pytest.raises(xmlrpc.client.Fault, match="nested deeper than 32"):
        ui.proxy.show(host.port, {"WindowTitle": nested})
    with pytest.raises(xmlrpc.client.Fault, match="nested deeper than 32"):
        xmlrpc.client.ServerProxy(host.url, allow_none=True).update("deep", nested)
    assert ui.process.poll() is None and ui.proxy.ping()["pid"] == ui.process.pid
    assert ready(ui.proxy, host.port)


def test_oversized_requests_are_refused_before_they_are_read(marked_pair):
    ui, host, _ = marked_pair
    for port, path in ((ui.port, "/"), (host.port, "/pyblish")):
        head = b"POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % (
            path.encode(), port, 2**40)
        started = time.monotonic()
        status, text = raw(port, head)  # no body sent at all: the answer comes at once
        assert status == 413 and b"at most 67108864" in text
        assert time.monotonic() - started < 5
        big = b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port + b"X-Pad: %s\r\n" % (b"a" * 1000) * 70 + b"\r\n"
        assert raw(port, big)[0] == 431
        too_long = xmlrpc.client.dumps(("x" * (guard.MAX_STRING + 1),), "ping").encode()
        status, reply = post(port, path, {"Host": "127.0.0.1:%d" % port, "Content-Type": "text/xml"}, too_long)
        with pytest.raises(xmlrpc.client.Fault, match="a string of 16777217 characters"):
            xmlrpc.client.loads(reply)
        huge_int = b"<?xml version='1.0'?><methodCall><methodName>ping</methodName><params><param><value><int>" + \
            b"9" * 100000 + b"</int></value></param></params></methodCall>"
        status, reply = post(port, path, {"Host": "127.0.0.1:%d" % port, "Content-Type": "text/xml"}, huge_int)
        with pytest.raises(xmlrpc.client.Fault, match="a number of 100000 characters"):
            xmlrpc.client.loads(reply)
        laughs = b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><methodCall><methodName>&a;</methodName>" \
            b"</methodCall>"
        status, reply = post(port, path, {"Host": "127.0.0.1:%d" % port, "Content-Type": "text/xml"}, laughs)
        with pytest.raises(xmlrpc.client.Fault, match="DOCTYPE"):
            xmlrpc.client.loads(reply)
    assert ui.proxy.ping() and xmlrpc.client.ServerProxy(host.url).ping()


@pytest.fixture
def small_server(monkeypatch):
    """An in-process LoopbackServer with short timeouts and a small connection cap."""
    monkeypatch.setattr(rpc_server, "READ_TIMEOUT", 0.5)
    monkeypatch.setattr(rpc_server._RequestHandler, "timeout", 1.0)
    monkeypatch.setattr(rpc_server, "MAX_CONNECTIONS", 4)
    server = rpc_server.LoopbackServer(0, name="small")
    server.register_function(lambda: "pong", "ping")
    server.start()
    yield server
    server.stop()


def test_stalled_and_idle_clients_are_dropped(small_server):
    port = small_server.port
    stalled = socket.create_connection(("127.0.0.1", port))
    stalled.sendall(b"POST / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % port)  # and never the rest
    idle = socket.create_connection(("127.0.0.1", port))
    stalled.settimeout(10)
    idle.settimeout(10)
    started = time.monotonic()
    assert stalled.recv(100) == b""  # closed by the server
    assert idle.recv(100) == b""
    assert time.monotonic() - started < 8
    wait_for(lambda: not small_server._connections, 10, "the server to forget both connections")
    assert rpc_client.Proxy("http://127.0.0.1:%d" % port).ping() == "pong"


def test_at_the_cap_the_longest_silent_connection_makes_room_and_serving_goes_on(small_server):
    """Connections a page holds open without a word never lock hosts out (issue 24): the fifth
    connection is served and the oldest silent one is closed to make room. A 503 is left for a cap
    full of running calls (tests/wire/test_connection_cap.py)."""
    port = small_server.port
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(4)]
    wait_for(lambda: len(small_server._connections) == 4, 10, "four connections held")
    assert rpc_client.Proxy("http://127.0.0.1:%d" % port).ping() == "pong"
    held[0].settimeout(5)
    assert held[0].recv(1) == b""  # closed by the server: the longest silent of the four
    for sock in held:
        sock.close()


def test_listen_backlog_takes_a_burst_of_200_connects_without_resets(marked_pair):
    ui, host, _ = marked_pair
    errors, answered = [], []
    barrier = threading.Barrier(50)

    def client():
        try:
            proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port)
            barrier.wait(timeout=30)
            for _ in range(4):
                proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port)  # a new connection each
                answered.append(proxy.ping()["pid"])
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=client) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(answered) == 200
    assert ui.proxy.heartbeat(host.port) is True


def test_phantom_hosts_are_not_listed_and_ports_cannot_be_hoarded(marked_pair):
    ui, host, _ = marked_pair
    nobody = free_port()
    with pytest.raises(xmlrpc.client.Fault, match="no pyblish host service answers on port %d" % nobody):
        ui.proxy.show(nobody)
    assert ui.proxy.heartbeat(nobody) is False
    state = ui.proxy.state()
    assert [h["port"] for h in state["hosts"]] == [host.port] and state["host"] == host.port
    ports = [ui.proxy.find_available_port(20000) for _ in range(32)]
    assert len(set(ports)) == 32
    with pytest.raises(xmlrpc.client.Fault, match="already reserved"):
        ui.proxy.find_available_port(20000)


# ------------------------------------------------------------------ at most once


class _Recorder:
    """A loopback server that reads one request per connection, records it, and answers as told."""

    def __init__(self, answer):
        self.requests: list[bytes] = []
        self._answer = answer
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(connection,), daemon=True).start()

    def _one(self, connection):
        with connection:
            reader = connection.makefile("rb")
            while True:
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    line = reader.readline()
                    if not line:
                        return
                    head += line
                length = int([h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")][0]
                             .split(b":")[1])
                body = reader.read(length)
                self.requests.append(body)
                if not self._answer(connection, body):
                    return


def _pong(connection, body):
    reply = xmlrpc.client.dumps(("pong",), methodresponse=True).encode()
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(reply) + reply)
    return True


def test_a_call_with_side_effects_is_never_re_sent_after_a_dropped_reply():
    recorder = _Recorder(lambda connection, body: False)  # read it, then hang up without a reply
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % recorder.port, timeout=5)
    with pytest.raises(rpc_client.ReplyLost, match="may have run"):
        proxy.process("plugin", "instance", None, "request-1")
    assert len(recorder.requests) == 1
    with pytest.raises(ConnectionResetError):
        proxy.ping()  # read-only: re-sent once, then given up
    assert len(recorder.requests) == 3


def test_a_kept_alive_connection_closed_while_idle_is_replaced_before_sending():
    answers = []

    def once_then_close(connection, body):
        _pong(connection, body)
        connection.close()  # the server closes the kept-alive connection after one call
        answers.append(body)
        return False

    recorder = _Recorder(once_then_close)
    proxy = rpc_client.Proxy("http://127.0.0.1:%d" % recorder.port, timeout=5)
    assert proxy.process("p") == "pong"
    wait_for(lambda: answers and select.select([proxy._socket], [], [], 0)[0], 5, "the server's close")
    assert proxy.process("p") == "pong"  # noticed the close before sending; sent once
    assert len(recorder.requests) == 2


def test_a_repeated_request_id_is_answered_from_the_record(marked_pair):
    ui, host, marker = marked_pair
    proxy = xmlrpc.client.ServerProxy(host.url, allow_none=True)
    plugins = {p["name"]: p["id"] for p in proxy.discover()}
    instance = proxy.context()["children"][0]["id"]
    first = proxy.process(plugins["ValidateMarked"], instance, None, "same-id")
    again = proxy.process(plugins["ValidateMarked"], instance, None, "same-id")
    assert first == again and first["success"] is True
    assert marker.read_text().splitlines().count("validate one") == 1
    proxy.process(plugins["ValidateMarked"], instance)  # no id: a stock client's call runs
    assert marker.read_text().splitlines().count("validate one") == 2
    assert proxy.stats()["repeatedRequests"] == 1
    with pytest.raises(xmlrpc.client.Fault, match="request id"):
        proxy.process(plugins["ValidateMarked"], instance, None, "x" * 200)


def test_a_lost_reply_is_that_pairs_error_and_the_pair_is_not_re_run(marked_pair):
    ui, host, marker = marked_pair
    relay = Relay(host.port)
    session = HostSession(relay.port, timeout=10)
    session.reset()
    session.collect()
    relay.drop = next(p.id for p in session.plugins
                                                if p.__name__ == "ValidateMarked").encode()
    seen = []
    import pyblish_qml.engine.pairs as pairs

    with pytest.raises(rpc_client.ReplyLost):
        session.run(pairs.processing_plugins(session.plugins, session.context), pairs.new_state(), seen.append)
    lost = seen[-1]
    assert lost["replyLost"] is True and lost["success"] is False
    assert lost["error"]["message"].startswith("reply lost; the pair may have run in the host — not re-run")
    assert marker.read_text().splitlines().count("validate one") == 1  # ran once, never again
    assert "extract one" not in marker.read_text()  # the run ended at the unknown pair


def test_system_exit_and_keyboard_interrupt_are_the_plugins_errors(host_factory):
    host = host_factory("baseexc")
    session = HostSession(host.port, timeout=30)
    session.reset()
    results = session.publish()
    plugins = {p.__name__: p.id for p in session.plugins}
    by_instance = {r["instance"]: r for r in results if r["plugin"] == plugins["ValidateExits"]}
    names = {i.id: i.name for i in session.context}
    errors = {names[i]: r["error"] for i, r in by_instance.items()}
    assert errors["a"]["type"] == "SystemExit" and "SystemExit: 3" in errors["a"]["traceback"]
    assert errors["b"]["type"] == "KeyboardInterrupt" and "KeyboardInterrupt" in errors["b"]["traceback"]
    assert errors["c"]["type"] == "BaseException" and "plain BaseException from c" in errors["c"]["message"]
    after = [r for r in results if r["plugin"] == plugins["ValidateAfter"]]
    assert after and after[0]["success"] is True  # the run went on
    assert session.proxy.ping()["pid"] == host.process.pid  # and the host lives, same connection


def test_keys_that_read_alike_both_arrive(host_factory, tmp_path):
    (tmp_path / "plugins.py").write_text(textwrap.dedent("""
        import pyblish.api

        class CollectAlike(pyblish.api.ContextPlugin):
            order = pyblish.api.CollectorOrder

            def process(self, context):
                context.create_instance("alike", family="x", table={1: "a", "1": "b", (1,): "c"})
                context.data[2] = "int two"
                context.data["2"] = "str two"
    """))
    host = host_factory(Path(tmp_path))
    session = HostSession(host.port, timeout=30)
    session.reset()
    session.collect()
    data = session.proxy.context()
    table = data["children"][0]["data"]["table"]
    assert table == {"1": "b", "1 (int)": "a", "(1,)": "c"}
    assert data["data"]["2"] == "str two" and data["data"]["2 (int)"] == "int two"


def test_the_proxy_keeps_its_connection_when_descriptors_are_above_1023():
    """A DCC has many files open; the idle-close check must not fall back to reconnecting."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip("cannot open 1,100 descriptors here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200), hard))
    held = [socket.socket() for _ in range(1100)]
    server = rpc_server.LoopbackServer(0, name="fds")
    server.register_function(lambda: "pong", "ping")
    server.start()
    try:
        proxy = rpc_client.Proxy("http://127.0.0.1:%d" % server.port)
        assert proxy.ping() == "pong"
        first = proxy._socket
        assert first.fileno() > 1023
        assert proxy.ping() == "pong"
        assert proxy._socket is first
    finally:
        server.stop()
        for sock in held:
            sock.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_connection_threads_are_reused_not_started_per_connection():
    server = rpc_server.LoopbackServer(0, name="reuse")
    server.register_function(lambda: threading.current_thread().ident, "ping")
    server.start()
    try:
        idents = set()
        for _ in range(20):
            proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % server.port)
            idents.add(proxy.ping())
            proxy("close")()  # hang up; the worker goes back to wait for the next connection
            wait_for(lambda: server._idle_workers >= 1, 10, "the worker to be idle again")
        assert len(idents) == 1
    finally:
        server.stop()


def test_servers_check_owners_here_and_go_without_where_the_system_cannot_tell(monkeypatch):
    server = rpc_server.LoopbackServer(0, name="probe")
    assert server.check_peer is True  # Linux: the probe connection read as ours
    server.server_close()
    monkeypatch.setattr(guard, "peer_uid", lambda client, server, table="": None)  # a sandbox that hides owners
    blind = rpc_server.LoopbackServer(0, name="blind")
    blind.register_function(lambda: "pong", "ping")
    blind.start()
    try:
        assert blind.check_peer is False
        assert rpc_client.Proxy("http://127.0.0.1:%d" % blind.port).ping() == "pong"  # not every caller refused
    finally:
        blind.stop()


def test_a_host_dying_mid_pair_is_reported_as_a_lost_reply_by_the_ui(tmp_path, host_factory):
    marker = tmp_path / "marker.txt"
    ui = UIProcess()
    try:
        host = host_factory("marked", env=isolated_env(PYBLISH_QML_TEST_MARKER=str(marker), PYBLISH_QML_PORT=ui.port,
                                                       PYBLISH_QML_TEST_EXIT_IN="validate"))
        assert ui.proxy.show(host.port) is True
        wait_for(lambda: ready(ui.proxy, host.port), 20, "the UI to collect")
        assert ui.proxy.validate() is True
        wait_for(lambda: "may have run, and was not sent again" in ui.output(), 20, "the UI to report the lost reply")
        assert marker.read_text().splitlines() == ["collect", "validate one"]  # ran once, never re-sent
        assert ui.process.poll() is None
    finally:
        ui.stop()
