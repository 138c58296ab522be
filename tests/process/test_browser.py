"""Web pages in a real headless Chromium cannot drive the UI or the host; an allow-listed tool can.

The pages (one from file://, one from a loopback http server) try every call of both servers by
every way a page can send a body without the user's help — ``fetch`` with ``no-cors`` and
text/plain, form and Blob bodies, ``fetch`` in cors mode (its preflight), XHR,
``sendBeacon``, form posts (text/plain and urlencoded) — at 127.0.0.1, localhost and a name
resolved to 127.0.0.1 (as after DNS rebinding). Afterwards: no plugin ran, the host was asked
nothing, the UI's state is unchanged, both are alive, and the refusals are in their logs.
"""

from __future__ import annotations

import http.server
import json
import shutil
import subprocess
import tempfile
import threading
import xmlrpc.client
from pathlib import Path

import pytest
from helpers import UIProcess, free_port, isolated_env, ready, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (scripts/bootstrap.sh --test)")

PAGE = """<!doctype html><html><body><script>
const config = %(config)s;
const report = async (data) => {
  await fetch(config.report, {method: "POST", mode: "no-cors", body: JSON.stringify(data)});
};
async function attack() {
  let tried = 0;
  const waits = [];
  for (const target of config.targets) {
    for (const call of target.calls) {
      const url = target.url, xml = call.xml;
      const attempts = [
        () => fetch(url, {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: xml}),
        () => fetch(url, {method: "POST", mode: "no-cors", body: new Blob([xml])}),
        () => fetch(url, {method: "POST", mode: "no-cors", body: new URLSearchParams({x: xml})}),
        () => fetch(url, {method: "POST", mode: "cors", headers: {"Content-Type": "text/xml"}, body: xml}),
        () => new Promise((done) => {
          const xhr = new XMLHttpRequest();
          xhr.open("POST", url);
          xhr.setRequestHeader("Content-Type", "text/plain");
          xhr.onloadend = done;
          xhr.send(xml);
        }),
        () => Promise.resolve(navigator.sendBeacon(url, new Blob([xml], {type: "text/plain"}))),
      ];
      for (const attempt of attempts) {
        tried += 1;
        try { waits.push(attempt().catch(() => null)); } catch (error) { /* refused by the browser */ }
      }
    }
  }
  await Promise.allSettled(waits);
  for (const target of config.forms) {
    for (const call of target.calls) {
      for (const enctype of ["text/plain", "application/x-www-form-urlencoded"]) {
        tried += 1;
        const frame = document.createElement("iframe");
        frame.name = "f" + tried;
        document.body.appendChild(frame);
        const loaded = new Promise((done) => { frame.onload = done; setTimeout(done, 5000); });
        const form = document.createElement("form");
        form.method = "POST"; form.action = target.url; form.enctype = enctype; form.target = frame.name;
        const input = document.createElement("input");
        // the classic text/plain trick: name + "=" + value reads as one XML document
        input.name = call.xml.slice(0, -1) + " x"; input.value = '"/>';
        form.appendChild(input);
        document.body.appendChild(form);
        form.submit();
        await loaded;
      }
    }
  }
  await report({tried: tried});
}
attack().catch((error) => report({error: String(error)}));
</script></body></html>
"""

ALLOWED_PAGE = """<!doctype html><html><body><script>
const config = %(config)s;
// A network error (not a refusal: that is an HTTP status) is tried again, twice: on a loaded
// 2-core machine Chromium's first connection now and then fails before it reaches the server.
const call = (tries) => fetch(config.url, {method: "POST", mode: "cors", headers: {"Content-Type": "text/xml"},
                                           body: config.xml})
  .catch((error) => { if (tries > 1) return call(tries - 1); throw error; });
call(3)
  .then((reply) => reply.text())
  .then((text) => fetch(config.report, {method: "POST", body: JSON.stringify({reply: text})}))
  .catch((error) => fetch(config.report, {method: "POST", body: JSON.stringify({error: String(error)})}));
</script></body></html>
"""


class PageServer:
    """Serves the pages from a folder on loopback and collects what they report."""

    def __init__(self, folder: Path):
        self.reports: list[dict] = []
        owner = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(folder), **kwargs)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.reports.append(json.loads(body.decode() or "{}"))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def run_chromium(url: str, until, what: str) -> None:
    profile = tempfile.mkdtemp(prefix="pyblish-qml-chromium-")
    log = tempfile.TemporaryFile()
    browser = subprocess.Popen([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu",
                                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                "--no-first-run", "--user-data-dir=" + profile,
                                "--host-resolver-rules=MAP rebind.test 127.0.0.1", url],
                               stdout=log, stderr=log)
    try:
        wait_for(until, 90, what)
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)
        log.close()


def calls_for(ui_port: int, host_port: int, plugin: str, instance: str) -> tuple[list, list]:
    ui = [("show", (host_port,)), ("show", (host_port, {"WindowTitle": "owned"})), ("hide", ()), ("publish", ()),
          ("validate", ()), ("reset", ()), ("stop", ()), ("heartbeat", (free_port(),)),
          ("find_available_port", (9001,)), ("state", ()), ("quit", ()), ("kill", ())]
    host = [("process", (plugin, instance)), ("process", (plugin, instance, None, "page")), ("reset", ()),
            ("update", ("comment", "owned")), ("update", ("publish", False, instance)),
            ("emit", ("published", {})), ("test", ({},)), ("context", ()), ("discover", ())]
    return ([{"xml": xmlrpc.client.dumps(params, name, allow_none=True)} for name, params in ui],
            [{"xml": xmlrpc.client.dumps(params, name, allow_none=True)} for name, params in host])


def test_hostile_pages_in_chromium_change_nothing(tmp_path, host_factory):
    marker = tmp_path / "marker.txt"
    ui = UIProcess()
    host = host_factory("marked", env=isolated_env(PYBLISH_QML_TEST_MARKER=str(marker), PYBLISH_QML_PORT=ui.port))
    pages = PageServer(tmp_path)
    try:
        assert ui.proxy.show(host.port) is True
        wait_for(lambda: ready(ui.proxy, host.port), 20, "the UI to collect")
        service = xmlrpc.client.ServerProxy(host.url, allow_none=True)
        plugins = {p["name"]: p["id"] for p in service.discover()}
        instance = service.context()["children"][0]["id"]
        counts_before = service.stats()["requestCounts"]
        state_before = ui.proxy.state()
        ui_calls, host_calls = calls_for(ui.port, host.port, plugins["ValidateMarked"], instance)
        targets, forms = [], []
        for name in ("127.0.0.1", "localhost", "rebind.test"):
            targets.append({"url": "http://%s:%d/" % (name, ui.port), "calls": ui_calls})
            targets.append({"url": "http://%s:%d/pyblish" % (name, host.port), "calls": host_calls})
        forms = targets[:2]
        config = {"targets": targets, "forms": forms, "report": "http://127.0.0.1:%d/report" % pages.port}
        (tmp_path / "attack.html").write_text(PAGE % {"config": json.dumps(config)})

        tried = 0
        for url in ((tmp_path / "attack.html").as_uri(), "http://127.0.0.1:%d/attack.html" % pages.port):
            pages.reports.clear()
            run_chromium(url, lambda: pages.reports, "the page at %s to report" % url)
            assert "error" not in pages.reports[0], pages.reports[0]
            tried += pages.reports[0]["tried"]
        per_page = len(targets) // 2 * (len(ui_calls) + len(host_calls)) * 6 + \
            (len(ui_calls) + len(host_calls)) * 2
        assert tried == 2 * per_page

        assert marker.read_text() == "collect\n"  # no plugin ran
        counts = service.stats()["requestCounts"]
        for name in ("reset", "process", "emit", "update", "test", "context", "discover"):
            assert counts.get(name, 0) == counts_before.get(name, 0), name
        state = ui.proxy.state()
        hosts_before = [h["port"] for h in state_before.pop("hosts")]
        assert [h["port"] for h in state.pop("hosts")] == hosts_before
        assert state == state_before  # state, message, host, progress, visible, instances, comment...
        assert hosts_before == [host.port]
        assert ui.process.poll() is None and host.process.poll() is None
        ui_refusals = ui.output().count("refused a request")
        host_refusals = host.stderr().count("refused a request")
        assert ui_refusals > 0 and host_refusals > 0  # the pages' requests did arrive, and were refused
        print("\nhostile vectors tried: %d; refusals logged: UI %d, host %d; effects seen: 0"
              % (tried, ui_refusals, host_refusals))
    finally:
        pages.stop()
        ui.stop()


def test_an_allow_listed_origin_may_call(tmp_path, monkeypatch):
    pages = PageServer(tmp_path)
    origin = "http://localhost:%d" % pages.port
    monkeypatch.setenv("PYBLISH_QML_ALLOWED_ORIGINS", "https://tools.studio.example, " + origin)
    ui = UIProcess()
    try:
        config = {"url": "http://127.0.0.1:%d/" % ui.port, "xml": xmlrpc.client.dumps((), "ping"),
                  "report": origin + "/report"}
        (tmp_path / "tool.html").write_text(ALLOWED_PAGE % {"config": json.dumps(config)})
        run_chromium(origin + "/tool.html", lambda: pages.reports, "the allow-listed page to report")
        reply = pages.reports[0]
        assert "reply" in reply, reply
        (pong,), _ = xmlrpc.client.loads(reply["reply"])
        assert pong["message"] == "Hello, whole world" and pong["pid"] == ui.process.pid
    finally:
        pages.stop()
        ui.stop()
