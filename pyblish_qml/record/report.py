"""One run as a report: the model the history loads, the JSON files export, and the window replays.

A :class:`Report` holds what a window needs to show a run again — the run's facts (host, file,
times, outcome, counts), the Context's own data, the instances and plugins as the host
described them (the wire dicts of docs/protocol.md), and every pair with its error and
records. :meth:`Report.to_dict` is the JSON file format (versioned; docs/report-format.md);
:meth:`Report.from_dict` reads it back and refuses what it does not understand, with a message.
:meth:`Report.events` turns a report into the runner events of :mod:`pyblish_qml.engine.events`,
so a window shows a past run by folding them exactly as it folds a live one.

Thread: any (plain data).
"""

from __future__ import annotations

import base64
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import events as ev
from .outcomes import LOST_ON_FARM, count, replacements, reply_lost, verdict, warning_records

FORMAT = "pyblish-qml-report"
FORMAT_VERSION = 1
OUTCOMES = ("running", "passed", "failed", "stopped", "unreachable", "error", "incomplete")
OPS = ("reset", "validate", "publish", "act")


DATA_START = '<script type="application/json" id="report-data">'  # where html_page.py puts the report's JSON


def embedded_json(page: str) -> str:
    """The report JSON inside a page :func:`~.html_page.html_page` wrote."""
    start = page.find(DATA_START)
    end = page.find("</script>", start)
    if start < 0 or end < 0:
        raise ReportError("this HTML page holds no pyblish-qml report data")
    return page[start + len(DATA_START):end]


_IMAGE_URI = re.compile(r"data:image/(?:jpeg|png|gif|webp);base64,[A-Za-z0-9+/]+=*")


def image_uri(mime: str, data: bytes) -> str:
    """A small image as a ``data:`` URI (the report stays one self-contained file)."""
    return "data:%s;base64,%s" % (mime, base64.b64encode(data).decode("ascii"))


def is_image_uri(value: Any) -> bool:
    """A ``data:`` URI of an image and nothing else (a report read back may come from anywhere)."""
    return isinstance(value, str) and _IMAGE_URI.fullmatch(value) is not None


class ReportError(ValueError):
    """A report file that cannot be read; the message says what is wrong with it."""


@dataclass
class Report:
    run: dict  # id, op, outcome, started, ended, duration, message, stopped, comment, host{}, counts{}
    context: dict  # id, name, data
    instances: list[dict] = field(default_factory=list)  # wire instances, host order
    plugins: list[dict] = field(default_factory=list)  # wire plugins, discovery order
    pairs: list[dict] = field(default_factory=list)  # seq, plugin, instance, action, success, duration,
    #                                                  started, ended, error, records
    thumbnails: dict[str, str] = field(default_factory=dict)  # instance id -> a small image as a data: URI

    # ------------------------------------------------------------------ lookups

    def plugin(self, plugin_id: str) -> dict:
        if plugin_id == LOST_ON_FARM:  # a task lost on the farm (farm/intake.py): the window's words
            return {"id": plugin_id, "label": "Lost on farm", "name": plugin_id, "doc": "", "order": 4.0}
        return self._plugins_by_id().get(plugin_id) or {"id": plugin_id, "label": plugin_id, "name": plugin_id,
                                                         "doc": "", "order": 0}

    def instance_label(self, instance_id: str | None) -> str:
        if instance_id is None or instance_id == self.context.get("id"):
            return str(self.context.get("data", {}).get("label") or "Context")
        for instance in self.instances:
            if instance["id"] == instance_id:
                data = instance.get("data") or {}
                return str(data.get("label") or instance.get("name") or instance_id)
        return instance_id

    def _plugins_by_id(self) -> dict[str, dict]:
        return {p.get("id"): p for p in self.plugins}

    def problems(self, kind: str = "failed") -> list[tuple[dict, list[tuple[dict, Any]]]]:
        """Failures, crashes or warnings (``kind``: failed, crashed, warning) grouped by plugin, in
        plugin order: [(plugin, [(pair, item)])], where item is the pair's error dict, or a warning
        record (WARNING or louder, of a pair that did not fail: what the window lists). Of the
        :meth:`current` pairs only: what a later attempt replaced is :meth:`superseded`."""
        groups: dict[str, list[tuple[dict, Any]]] = {}
        for pair in self.current():
            if kind == "warning":
                for record in warning_records(pair):
                    groups.setdefault(pair["plugin"], []).append((pair, record))
            elif verdict(pair) == kind:
                groups.setdefault(pair["plugin"], []).append((pair, pair["error"]))
        position = {p.get("id"): (p.get("order") or 0, index) for index, p in enumerate(self.plugins)}
        ordered = sorted(groups, key=lambda pid: position.get(pid, (float("inf"), 0)))
        return [(self.plugin(pid), groups[pid]) for pid in ordered]

    def counts(self) -> dict:
        """The run counted by :func:`~.outcomes.count` (as the window and History count it), with
        what only the record knows: records dropped by the size limit, instances."""
        stored = self.run.get("counts") or {}
        counted = count(self.current()).as_dict()
        counted["records"] = max(counted["records"], int(stored.get("records") or 0))
        counted.update(recordsDropped=int(stored.get("recordsDropped") or 0),
                       instances=int(stored.get("instances") or len(self.instances)),
                       replaced=len(self.pairs) - counted["pairs"])
        return counted

    def current(self) -> list[dict]:
        """The pairs that stand, in run order: all but those a later pair replaced (a farm re-run's
        attempt 2 replaces attempt 1's pair, as the window's Report does: outcomes.replacements).
        The problems and counts are of these; nothing fixed is shown as a current problem."""
        replaced = replacements(self.pairs)
        return [pair for index, pair in enumerate(self.pairs) if index not in replaced]

    def superseded(self) -> list[tuple[dict, dict]]:
        """(earlier pair, the later pair that replaced it) for each replaced pair that failed, crashed
        or was lost, in run order: the run's history ("attempt 1 failed: …, fixed by attempt 2")."""
        return [(earlier, later) for earlier, later in self.replaced_pairs()
                if verdict(earlier) in ("failed", "crashed", "lost")]

    def replaced_pairs(self) -> list[tuple[dict, dict]]:
        """(earlier pair, the later pair that replaced it) for every replaced pair, in run order."""
        return [(self.pairs[index], self.pairs[later]) for index, later in sorted(replacements(self.pairs).items())]

    def versions(self) -> list[tuple[str, str]]:
        """What support asks first: pyblish-qml, pyblish, Python, OS and the DCC, as the host said."""
        data = self.context.get("data") or {}
        dcc = " ".join(str(data[k]) for k in ("hostName", "hostVersion") if data.get(k))
        named = (("pyblish-qml", data.get("pyblishQmlVersion")), ("pyblish", data.get("pyblishVersion")),
                 ("Python", data.get("pythonVersion")), ("OS", data.get("platform")), ("DCC", dcc))
        return [(name, str(value)) for name, value in named if value]

    def toggled_off(self) -> list[str]:
        """The instances the artist (or a plugin) toggled off: they did not publish."""
        return [self.instance_label(i["id"]) for i in self.instances if (i.get("data") or {}).get("publish") is False]

    def integrated_despite(self) -> list[tuple[str, str, str]]:
        """(integrator, instance, extractor) where an integrator ran on an instance whose extraction
        failed (pyblish's default test allows it: integration is past the validation gate)."""
        order = {p.get("id"): float(p.get("order") or 0) for p in self.plugins}
        context_id = self.context.get("id")
        broken: dict[str | None, list[str]] = {}  # instance id (None: the context) -> extractors that failed
        for pair in self.current():
            if not pair.get("action") and 1.5 <= order.get(pair["plugin"], 0) < 2.5 and \
                    verdict(pair) in ("failed", "crashed"):
                where = None if pair.get("instance") == context_id else pair.get("instance")
                broken.setdefault(where, []).append(self.plugin(pair["plugin"]).get("label") or pair["plugin"])
        found = []
        for pair in self.current():
            if pair.get("action") or order.get(pair["plugin"], 0) < 2.5 or not pair.get("success"):
                continue
            instance = None if pair.get("instance") == context_id else pair.get("instance")
            for extractor in dict.fromkeys(broken.get(instance, []) + (broken.get(None, []) if instance else [])):
                found.append((self.plugin(pair["plugin"]).get("label") or pair["plugin"],
                              self.instance_label(pair.get("instance")), extractor))
        return found

    def lost(self) -> list[dict]:
        """The pairs whose reply was lost, in run order: they may have run; they were not re-run."""
        return [pair for pair in self.current() if reply_lost(pair)]

    # ------------------------------------------------------------------ JSON

    def to_dict(self) -> dict:
        return {"format": FORMAT, "version": FORMAT_VERSION,
                "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "run": self.run, "context": self.context, "instances": self.instances, "plugins": self.plugins,
                "pairs": self.marked_pairs(), **({"thumbnails": self.thumbnails} if self.thumbnails else {})}

    def marked_pairs(self) -> list[dict]:
        """Every pair, each one a later pair replaced with ``supersededBy``: that pair's ``seq``
        (docs/report-format.md), so tools see all attempts and know which stand."""
        replaced = replacements(self.pairs)
        out = []
        for index, pair in enumerate(self.pairs):
            pair = dict(pair)
            if index in replaced:
                pair["supersededBy"] = self.pairs[replaced[index]].get("seq", replaced[index] + 1)
            out.append(pair)
        return out

    def to_json(self, indent: int | None = 1) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=repr)

    def save(self, path: Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ReportError("not a pyblish-qml report (no \"format\": \"%s\")" % FORMAT)
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise ReportError("the report has no valid \"version\"")
        if version > FORMAT_VERSION:
            raise ReportError("the report is version %d, newer than this pyblish-qml reads (%d); update "
                              "pyblish-qml" % (version, FORMAT_VERSION))
        run, context = data.get("run"), data.get("context")
        if not isinstance(run, dict) or not isinstance(context, dict):
            raise ReportError("the report has no \"run\" or \"context\" object")
        for key in ("op", "outcome", "started"):
            if key not in run:
                raise ReportError("the report's run has no %r" % key)
        lists = {}
        for key in ("instances", "plugins", "pairs"):
            value = data.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise ReportError("the report's %r is not a list of objects" % key)
            lists[key] = value
        for index, pair in enumerate(lists["pairs"]):
            if "plugin" not in pair or "success" not in pair:
                raise ReportError("pair %d of the report has no plugin or success" % index)
            pair.setdefault("records", [])
            pair.pop("supersededBy", None)  # what the writer derived (marked_pairs): recomputed, never trusted
        thumbnails = data.get("thumbnails") or {}
        thumbnails = {str(key): value for key, value in thumbnails.items() if is_image_uri(value)} \
            if isinstance(thumbnails, dict) else {}
        return cls(run, context, lists["instances"], lists["plugins"], lists["pairs"], thumbnails)

    @classmethod
    def from_json(cls, text: str) -> Report:
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ReportError("not valid JSON: %s" % error) from None
        return cls.from_dict(data)

    @classmethod
    def from_file(cls, path: Path) -> Report:
        """A report from a ``.json`` file, or from an ``.html`` page this package wrote (its data
        travels inside it)."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ReportError("cannot read %s: %s" % (path, error)) from None
        if text.lstrip()[:1] == "<":
            text = embedded_json(text)
        return cls.from_json(text)

    # ------------------------------------------------------------------ replay

    def events(self, port: int = 0) -> list[ev.Event]:
        """The run as runner events, for :class:`~pyblish_qml.app.live.folding.EventFolder`: the
        collected Context and plugins, the run's start, one ``PairDone`` per pair, then how it ended."""
        run = self.run
        context = dict(self.context, children=[dict(i) for i in self.instances])
        # Collected first: it starts a window afresh (a reset), so the run's Started that follows
        # opens the report the pairs go into (the other way round the Report page stayed empty).
        out: list[ev.Event] = [ev.Collected(port, context, self.plugins), ev.Started(port, run["op"], len(self.pairs))]
        for pair in self.pairs:
            out.append(ev.PairDone(port, {
                "success": bool(pair["success"]), "plugin": pair["plugin"],
                "instance": pair.get("instance") or self.context.get("id"), "action": pair.get("action"),
                "error": pair.get("error"), "records": list(pair.get("records") or ()),
                "duration": pair.get("duration") or 0.0, "changes": {}, "summary": {}, "replyLost": reply_lost(pair),
                **({"ranOn": pair["ranOn"], "attempt": pair.get("attempt")} if pair.get("ranOn") else {})},
                started=pair.get("started") or 0.0, ended=pair.get("ended") or 0.0))
        outcome = run["outcome"]
        if outcome == "unreachable":
            out.append(ev.HostUnreachable(port, run["op"], run.get("message") or "The host did not answer."))
        elif outcome in ("error", "incomplete", "running"):
            out.append(ev.JobFailed(port, run["op"], run.get("message") or "This run did not finish."))
        else:
            out.append(ev.Finished(port, run["op"], run.get("stopped") or (outcome == "stopped" and "stop" or None),
                                   outcome == "failed"))
        return out


def iso(stamp: float | None) -> str:
    """A time as the reports show it: UTC, to the second."""
    if stamp is None:
        return ""
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
