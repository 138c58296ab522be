"""A run as one self-contained HTML page: no external assets, inline CSS and JS, any browser.

Errors come first, grouped by plugin (label, first paragraph of its documentation with links,
then each failing instance with its message and traceback); then warnings, grouped the same
way — of the latest result of each pair; then the problems a later attempt replaced (a farm
re-run: "attempt 1 failed: …; fixed by attempt 2"), as history; then the pairs; then every
record, filterable by text and minimum level as you type. The filter also reads the page's
address fragment (``#filter=chair&level=30``), so a link can open a filtered view. The report's
JSON travels inside the page (``<script id="report-data">``), so
:meth:`~.report.Report.from_file` reads an exported page back.

Thread: any.
"""

from __future__ import annotations

import html
import re

from .outcomes import crash_words, reply_lost
from .report import DATA_START, Report, is_image_uri, iso
from .summary import counts_line, farm_failing, headline, superseded_words

LEVELS = {10: "DEBUG", 20: "INFO", 30: "WARNING", 40: "ERROR", 50: "CRITICAL"}

CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#1e2126;color:#dde1e6}
header,section{padding:12px 24px}header{background:#2a2e35;border-bottom:3px solid #555}
header.failed,header.error,header.unreachable,header.incomplete{border-color:#e0524e}
header.passed{border-color:#5cb85c}header.stopped{border-color:#e9a23b}
h1{margin:0 0 6px;font-size:20px}h2{font-size:16px;border-bottom:1px solid #3a3f47;padding-bottom:4px}
h3{font-size:14px;margin:10px 0 2px}small{color:#98a1ab;font-weight:normal}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}dt{color:#98a1ab}dd{margin:0}
.doc{color:#b8c0c8;margin:2px 0 6px}a{color:#6cb2f0}
.problem{margin:4px 0}.problem b{color:#fff}#errors .problem b{color:#ff8a85}#warnings .problem b{color:#f4c06b}
#crashes .problem b{color:#ff768e}#earlier .problem{color:#98a1ab}.msg{white-space:pre-wrap}.note{color:#f4c06b}
.farm{background:#5caadc;color:#1d2025;border-radius:3px;padding:0 4px;font-size:smaller;font-weight:bold}
pre{background:#15171b;padding:8px;overflow:auto;font:12px/1.4 ui-monospace,monospace;margin:4px 0}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:2px 8px;border-bottom:1px solid #2f333a}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}.replaced{color:#98a1ab}.fail{color:#ff8a85}.ok{color:#7fcf7f}.unknown{color:#c49ad8}
.controls{display:flex;gap:8px;align-items:center;margin-bottom:8px}
input,select{background:#15171b;color:inherit;border:1px solid #3a3f47;padding:4px 6px}
.thumbs{display:flex;flex-wrap:wrap;gap:12px}.thumbs figure{margin:0}
.thumbs img{height:90px;display:block;border:1px solid #3a3f47;border-radius:3px}
.thumbs figcaption{font-size:12px;color:#98a1ab}
#record-list{list-style:none;padding:0;margin:0;font:12px/1.5 ui-monospace,monospace}
#record-list li{padding:1px 4px;border-bottom:1px solid #262a30;white-space:pre-wrap}
.lv10{color:#8d96a0}.lv30{color:#f4c06b}.lv40,.lv50{color:#ff8a85}.where{color:#98a1ab}
@media print{body{background:#fff;color:#000}header{background:#eee}}
"""

SCRIPT = """
(function () {
  var input = document.getElementById("filter"), level = document.getElementById("level");
  var rows = document.querySelectorAll("#record-list li"), shown = document.getElementById("shown");
  function apply() {
    var query = input.value.toLowerCase(), least = Number(level.value), count = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var keep = Number(row.getAttribute("data-level")) >= least &&
        (!query || row.getAttribute("data-text").indexOf(query) >= 0);
      row.hidden = !keep;
      if (keep) count++;
    }
    shown.textContent = count + " of " + rows.length + " records";
    document.body.setAttribute("data-shown", String(count));
  }
  input.addEventListener("input", apply);
  level.addEventListener("change", apply);
  var wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.has("filter")) input.value = wanted.get("filter");
  if (wanted.has("level")) level.value = wanted.get("level");
  apply();
  document.body.setAttribute("data-ready", "1");
})();
"""

_URL = re.compile(r"(https?://[^\s<>\"']+)")


def e(value) -> str:
    return html.escape(str(value if value is not None else ""), quote=True)


def first_paragraph(doc: str) -> str:
    """The documentation's first paragraph, escaped, with its links clickable."""
    paragraph = re.split(r"\n\s*\n", (doc or "").strip(), maxsplit=1)[0]
    text = e(" ".join(paragraph.split()))
    return _URL.sub(lambda m: '<a href="%s">%s</a>' % (m.group(1), m.group(1)), text)


def pair_outcome(pair: dict, replaced_by: dict | None = None) -> tuple[str, str]:
    """(CSS class, word) of a pair in the table: passed, failed, or unknown (its reply was lost);
    "replaced" for a pair a later attempt replaced (``replaced_by``: that pair)."""
    if replaced_by is not None:
        return "replaced", "%s, replaced by #%s" % ("unknown" if reply_lost(pair) else "passed" if pair["success"]
                                                    else "failed", replaced_by.get("seq", ""))
    if reply_lost(pair):
        return "unknown", "unknown"
    return ("ok", "passed") if pair["success"] else ("fail", "failed")


def _earlier(report: Report) -> list[str]:
    """The problems a later attempt replaced (a farm re-run): history, apart from the current problems."""
    superseded = report.superseded()
    if not superseded:
        return []
    out = ['<section id="earlier"><h2>Earlier attempts (%d)</h2><p>Replaced by a later attempt: not current '
           'problems.</p><ul>' % len(superseded)]
    out += ['<li class="problem" data-instance="%s"><b>%s</b> on %s: <span class="msg">%s</span></li>' % (
        e(earlier.get("instance")), e(report.plugin(earlier["plugin"]).get("label") or earlier["plugin"]),
        e(report.instance_label(earlier.get("instance"))), e(superseded_words(earlier, later)))
        for earlier, later in superseded]
    out.append("</ul></section>")
    return out


def _thumbnails(report: Report) -> list[str]:
    """Each instance's thumbnail as the run had it, inline (``data:`` URIs: still one file)."""
    shown = [(instance, report.thumbnails[instance["id"]]) for instance in report.instances
             if is_image_uri(report.thumbnails.get(instance.get("id")))]
    if not shown:
        return []
    out = ['<section id="thumbnails"><h2>Thumbnails (%d)</h2><div class="thumbs">' % len(shown)]
    for instance, uri in shown:
        name = (instance.get("data") or {}).get("label") or instance.get("name") or instance["id"]
        out.append('<figure><img src="%s" alt="%s"><figcaption>%s</figcaption></figure>' % (uri, e(name), e(name)))
    out.append("</div></section>")
    return out


def html_page(report: Report) -> str:
    run, host = report.run, report.run.get("host") or {}
    lost = report.lost()
    title = headline(report)
    tone = "failed" if run["outcome"] == "passed" and farm_failing(report) else run["outcome"]
    out = ['<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<title>Pyblish report: %s</title><style>%s</style></head>" % (e(title), CSS),
           '<body data-ready="0"><header class="%s"><h1>%s</h1><dl>' % (e(tone), e(title))]
    facts = [("Host", "%s (port %s%s)" % (host.get("name") or "host", host.get("port"),
                                          ", pid %s" % host["pid"] if host.get("pid") else "")),
             ("User", "%s@%s" % (host.get("user") or "?", host.get("machine") or "?")),
             ("File", host.get("currentFile")), ("Working folder", host.get("cwd")),
             ("Started", iso(run.get("started"))), ("Duration", "%.2f s" % float(run.get("duration") or 0.0)),
             ("Pairs", counts_line(report)),
             ("Versions", ", ".join("%s %s" % pair for pair in report.versions())),
             ("Toggled off", ", ".join(report.toggled_off())),
             ("Comment", run.get("comment")), ("Note", run.get("message"))]
    out += ['<dt>%s</dt><dd class="msg">%s</dd>' % (e(k), e(v)) for k, v in facts if v]
    out.append("</dl></header>")
    out += _thumbnails(report)
    despite = report.integrated_despite()
    if despite:
        out.append('<section id="despite"><h2>Integrated although extraction failed (%d)</h2><ul>' % len(despite))
        out += ['<li class="problem note"><b>%s</b> ran on %s although %s failed</li>' % (e(a), e(b), e(c))
                for a, b, c in despite]
        out.append("</ul></section>")
    if lost:
        out.append('<section id="unknown"><h2>Unknown outcome (%d)</h2><p>The reply was lost: these may have run '
                   'in the host, and were not run again.</p><ul>' % len(lost))
        out += ['<li class="problem"><b>%s</b> on %s</li>' % (e(report.plugin(pair["plugin"]).get("label")
                                                               or pair["plugin"]),
                                                             e(report.instance_label(pair.get("instance"))))
                for pair in lost]
        out.append("</ul></section>")
    for section, title, kind in (("errors", "Errors", "failed"),
                                 ("crashes", "Crashed — a pipeline error, not the artist's", "crashed"),
                                 ("warnings", "Warnings", "warning")):
        groups = report.problems(kind)
        if kind == "crashed" and not groups:
            continue
        out.append('<section id="%s"><h2>%s (%d)</h2>' % (section, title, sum(len(i) for _, i in groups)))
        if not groups:
            out.append("<p>None.</p>")
        for plugin, items in groups:
            out.append('<article class="group" data-plugin="%s"><h3>%s <small>%s</small></h3>' % (
                e(plugin.get("id")), e(plugin.get("label") or plugin.get("name")), e(plugin.get("name"))))
            if plugin.get("doc"):
                out.append('<p class="doc">%s</p>' % first_paragraph(plugin["doc"]))
            out.append("<ul>")
            for pair, item in items:
                message = item.get("message")
                if kind == "crashed":
                    message = "%s: %s\n%s" % (item.get("type") or "Error", message, crash_words(item))
                elif kind == "warning":
                    message = "[%s] %s" % (item.get("levelname") or LEVELS.get(int(item.get("levelno") or 0)), message)
                where = (' <span class="farm">farm · attempt %s</span>' % e(pair.get("attempt"))
                         if pair.get("ranOn") == "farm" else "")  # as the window's Report marks it
                out.append('<li class="problem"><b>%s</b>%s: <span class="msg">%s</span>' % (
                    e(report.instance_label(pair.get("instance"))), where, e(message)))
                if kind != "warning" and item.get("traceback"):
                    out.append("<details><summary>Traceback</summary><pre>%s</pre></details>" % e(item["traceback"]))
                out.append("</li>")
            out.append("</ul></article>")
        out.append("</section>")
    out += _earlier(report)
    replaced = {id(earlier): later for earlier, later in report.replaced_pairs()}
    farm = any(pair.get("ranOn") == "farm" for pair in report.pairs)  # a "Ran" column only when some did
    out.append('<section id="pairs"><h2>Pairs (%d)</h2><table><thead><tr><th class="num">#</th><th>Plugin</th>'
               '<th>Instance</th>%s<th>Outcome</th><th class="num">ms</th></tr></thead><tbody>'
               % (len(report.pairs), "<th>Ran</th>" if farm else ""))
    for pair in report.pairs:
        plugin = report.plugin(pair["plugin"])
        ran = ("<td>%s</td>" % ('<span class="farm">farm · attempt %s</span>' % e(pair.get("attempt"))
                                if pair.get("ranOn") == "farm" else "here")) if farm else ""
        out.append('<tr><td class="num">%s</td><td>%s</td><td>%s</td>%s<td class="%s">%s</td>'
                   '<td class="num">%.1f</td></tr>' % (
                       pair.get("seq", ""), e(plugin.get("label") or plugin.get("name")),
                       e(report.instance_label(pair.get("instance"))), ran, *pair_outcome(pair, replaced.get(id(pair))),
                       float(pair.get("duration") or 0.0)))
    out.append("</tbody></table></section>")
    records = [(pair, record) for pair in report.pairs for record in pair.get("records") or ()]
    out.append('<section id="records"><h2>Records</h2><div class="controls">'
               '<input id="filter" type="search" placeholder="Filter records" aria-label="Filter records">'
               '<select id="level" aria-label="Lowest level">'
               '<option value="0">all levels</option><option value="20">info and up</option>'
               '<option value="30">warnings and up</option><option value="40">errors only</option></select>'
               '<span id="shown">%d of %d records</span></div><ol id="record-list">' % (len(records), len(records)))
    for pair, record in records:
        levelno = int(record.get("levelno") or 0)
        plugin = report.plugin(pair["plugin"]).get("label") or pair["plugin"]
        instance = report.instance_label(pair.get("instance"))
        message = str(record.get("message") or "")
        search = " ".join((message, str(record.get("name") or ""), str(plugin), instance)).lower()
        out.append('<li class="lv%d" data-level="%d" data-text="%s">[%s] <span class="where">%s · %s</span> %s</li>' % (
            levelno // 10 * 10, levelno, e(search), e(record.get("levelname") or LEVELS.get(levelno, levelno)),
            e(plugin), e(instance), e(message)))
    out.append("</ol></section>")
    data = report.to_json(indent=None).replace("<", "\\u003c")
    out.append(DATA_START + data + "</script>")
    out.append("<script>%s</script></body></html>" % SCRIPT)
    return "\n".join(out)
