"""The HTML report in a real headless Chromium: it loads with no network, its script runs,
errors come before warnings and records, markup in messages stays text, and the filter (text and
level, typed or read from the address fragment) hides exactly the records it should."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.parse
from pathlib import Path

import pytest
from record_events import run_events

from pyblish_qml.engine import events as ev
from pyblish_qml.record.html_page import html_page
from pyblish_qml.record.report import Report
from pyblish_qml.record.store import RunStore
from pyblish_qml.record.writer import HistoryWriter

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (scripts/bootstrap.sh --test)")

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium(tmp_path: Path, *args: str) -> str:
    done = subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=%s" % (tmp_path / "profile"), *args],
                          capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def page(tmp_path) -> tuple[Path, Report]:
    events = run_events(instances=6, plugins=3, records_per_pair=3, fail_every=5)
    nasty = ev.PairDone(9001, {"success": True, "plugin": "p0", "instance": "i0", "action": None, "error": None,
                               "duration": 1.0, "changes": {}, "summary": {},
                               "records": [{"levelno": 20, "levelname": "INFO", "name": "x",
                                            "message": "</script><b id=\"injected\">bold</b> & more"}]})
    events.insert(-1, nasty)
    db = tmp_path / "history.sqlite3"
    writer = HistoryWriter(db)
    writer.put(time.time(), "take 2", events)
    assert writer.flush(30)
    writer.close()
    report = RunStore(db).load(1)
    path = tmp_path / "report.html"
    path.write_text(html_page(report), encoding="utf-8")
    return path, report


def dump(tmp_path: Path, path: Path, fragment: str = "") -> str:
    return chromium(tmp_path, "--dump-dom", path.as_uri() + fragment)


def records_shown(dom: str) -> tuple[int, int]:
    items = re.findall(r"<li class=\"lv\d+\"[^>]*>", dom)
    return sum(" hidden" not in item for item in items), len(items)


def test_the_page_loads_with_errors_first_and_its_data_inside(tmp_path, page):
    path, report = page
    text = path.read_text()
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", text.replace('href="https://', ""))
    dom = dump(tmp_path, path)
    assert 'data-ready="1"' in dom  # the script ran
    positions = [dom.index('id="%s"' % section) for section in ("errors", "warnings", "pairs", "records")]
    assert positions == sorted(positions)
    errors = dom[positions[0]:positions[1]]
    assert "Errors (%d)" % report.run["counts"]["errors"] in errors
    assert errors.count('class="problem"') == report.run["counts"]["errors"] == 3
    assert "asset0004 is broken" in errors and "Plugin 0" in errors
    assert '<b id="injected">' not in dom and "&lt;/script&gt;&lt;b id=\"injected\"&gt;bold&lt;/b&gt; &amp; more" in dom
    total = sum(len(p["records"]) for p in report.pairs)
    assert records_shown(dom) == (total, total)
    assert "%d of %d records" % (total, total) in dom
    assert Report.from_file(path) == report


def test_the_filter_hides_what_does_not_match(tmp_path, page):
    path, report = page
    records = [(r, p) for p in report.pairs for r in p["records"]]
    total = len(records)
    fragment = "#" + urllib.parse.urlencode({"filter": "RECORD 1", "level": "0"})
    dom = dump(tmp_path, path, fragment)
    expected = sum("record 1" in r["message"].lower() for r, _ in records)
    assert 0 < expected < total
    assert records_shown(dom) == (expected, total)
    assert 'data-shown="%d"' % expected in dom and "%d of %d records" % (expected, total) in dom
    warnings = dump(tmp_path, path, "#level=30")
    assert records_shown(warnings) == (sum(r["levelno"] >= 30 for r, _ in records), total)
    by_instance = dump(tmp_path, path, "#filter=asset0002")
    assert records_shown(by_instance) == (sum(p["instance"] == "i2" for _, p in records), total)


def test_the_page_renders(tmp_path, page):
    path, _ = page
    shot = tmp_path / "shot.png"
    chromium(tmp_path, "--window-size=1100,900", "--hide-scrollbars", "--screenshot=%s" % shot, path.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


HARNESS = """<!DOCTYPE html><html><body><pre id="out">not run</pre><iframe id="frame" src="report.html"></iframe>
<script>
document.getElementById("frame").addEventListener("load", function () {
  var page = this.contentDocument, input = page.getElementById("filter"), level = page.getElementById("level");
  var seen = [page.body.getAttribute("data-shown")];
  input.value = "ASSET0003"; input.dispatchEvent(new Event("input"));
  seen.push(page.body.getAttribute("data-shown"));
  level.value = "30"; level.dispatchEvent(new Event("change"));
  seen.push(page.body.getAttribute("data-shown"));
  input.value = ""; input.dispatchEvent(new Event("input"));
  seen.push(page.body.getAttribute("data-shown"));
  document.getElementById("out").textContent = "shown " + seen.join(" ");
});
</script></body></html>"""


def test_typing_in_the_filter_and_choosing_a_level(tmp_path, page):
    """The page's own listeners, driven as a user would (input and change events) from a harness
    page next to it (file pages may read each other with --allow-file-access-from-files)."""
    path, report = page
    harness = path.with_name("harness.html")
    harness.write_text(HARNESS, encoding="utf-8")
    dom = chromium(tmp_path, "--allow-file-access-from-files", "--dump-dom", harness.as_uri())
    records = [(r, p) for p in report.pairs for r in p["records"]]
    typed = [(r, p) for r, p in records if p["instance"] == "i3"]
    expected = [len(records), len(typed), sum(r["levelno"] >= 30 for r, _ in typed),
                sum(r["levelno"] >= 30 for r, _ in records)]
    assert re.search(r'<pre id="out">shown ([\d ]+)</pre>', dom).group(1).split() == [str(n) for n in expected]
