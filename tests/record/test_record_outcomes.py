"""The one place a pair's result is judged and a run counted (record/outcomes.py, issue 23):
the crash rule, the latest result of each pair, and what the text and HTML reports add."""

from __future__ import annotations

from pyblish_qml.record.html_page import html_page
from pyblish_qml.record.outcomes import count, crash_words, is_crash, latest, verdict
from pyblish_qml.record.report import Report
from pyblish_qml.record.summary import text_summary

TRACE = ('Traceback (most recent call last):\n'
         '  File "/usr/lib/python3/site-packages/pyblish/plugin.py", line 528, in __explicit_process\n'
         '    runner(*args)\n'
         '  File "/studio/plugins/validate_textures.py", line 42, in process\n'
         '    for path in instance.data["paths"]:\n'
         '  File "/opt/pyblish_qml/host/changes.py", line 53, in __getitem__\n'
         '    value = dict.__getitem__(self, key)\n'
         "KeyError: 'paths'\n")


def error(kind: str, message: str = "broken", traceback: str = "") -> dict:
    return {"type": kind, "message": message, "traceback": traceback, "fname": "changes.py", "line_number": 53,
            "func": "__getitem__"}


def test_the_crash_rule():
    for kind in ("AssertionError", "ValidationError", "PublishValidationError", "KnownPublishError", "ValueError",
                 "RuntimeError", "StudioCheckFailed"):
        assert not is_crash(error(kind)), kind
    for kind in ("KeyError", "AttributeError", "TypeError", "ImportError", "ModuleNotFoundError", "NameError"):
        assert is_crash(error(kind)), kind
    assert verdict({"error": error("ReplyLost"), "replyLost": True}) == "lost"
    assert crash_words(error("KeyError", "'paths'", TRACE)) == "KeyError at validate_textures.py:42 in process"


def test_one_count_and_the_latest_result_of_each_pair():
    pairs = [
        {"plugin": "normals", "instance": "chair", "error": error("AssertionError"), "records": []},
        {"plugin": "textures", "instance": "hero", "error": error("KeyError"), "records": []},
        {"plugin": "chatty", "instance": None, "error": None,
         "records": [{"levelno": 20}, {"levelno": 30}, {"levelno": 40}, {"levelno": 50}]},
        {"plugin": "normals", "instance": "chair", "error": error("AssertionError"),
         "records": [{"levelno": 30}]},  # a failed pair's warning is not listed as one
        {"plugin": "normals", "instance": "chair", "action": "repair", "error": None, "records": []},
        {"plugin": "normals", "instance": "chair", "error": None, "records": []},  # fixed by the repair
    ]
    assert count(pairs).as_dict() == {"pairs": 6, "failed": 2, "crashed": 1, "lost": 0, "warnings": 3,
                                      "records": 5}
    now = latest(pairs)
    assert [(p["plugin"], p["instance"]) for p in now] == [("normals", "chair"), ("textures", "hero"),
                                                           ("chatty", None)]
    assert count(now).as_dict() == {"pairs": 3, "failed": 0, "crashed": 1, "lost": 0, "warnings": 3, "records": 4}


def test_reports_say_what_support_needs():
    plugins = [{"id": "x", "label": "Extract camera", "order": 2.0}, {"id": "i", "label": "Integrate", "order": 3.0},
               {"id": "v", "label": "Chatty", "order": 1.0, "doc": ""}]
    context = {"id": "ctx", "data": {"label": "Maya", "pyblishQmlVersion": "2.0.0", "pyblishVersion": "1.8.12",
                                     "pythonVersion": "3.11.2", "platform": "Linux", "hostName": "maya"}}
    instances = [{"id": "cam", "name": "cam", "data": {"label": "shotCamera"}},
                 {"id": "lamp", "name": "lamp", "data": {"label": "propLamp", "publish": False}}]
    pairs = [{"plugin": "v", "instance": None, "success": True, "error": None,
              "records": [{"levelno": 40, "levelname": "ERROR", "message": "line one\nline two"}]},
             {"plugin": "x", "instance": "cam", "success": False, "error": error("RuntimeError", "disk full"),
              "records": []},
             {"plugin": "i", "instance": "cam", "success": True, "error": None, "records": []}]
    report = Report({"op": "publish", "outcome": "failed", "started": 0.0, "host": {}, "counts": {}}, context,
                    instances, plugins, pairs)
    assert report.integrated_despite() == [("Integrate", "shotCamera", "Extract camera")]
    text = text_summary(report)
    assert "Integrate ran on shotCamera although Extract camera failed" in text
    assert "pyblish-qml 2.0.0, pyblish 1.8.12, Python 3.11.2, OS Linux, DCC maya" in text
    assert "propLamp (toggled off" in text
    assert "line one\n      line two" in text  # the line break kept
    page = html_page(report)
    warnings = page.split('id="warnings"')[1].split("</section>")[0]
    assert "line one\nline two" in warnings and "[ERROR]" in warnings  # a passing plugin's error, listed
    assert "Integrated although extraction failed (1)" in page and "propLamp" in page
    assert "<th>Ran</th>" not in page  # nothing ran on a farm: no column saying "here" on every row


def test_a_later_attempt_on_the_farm_replaces_the_instances_lost_on_farm_pair():
    """The window's Report drops an instance's "lost on farm" entry once its task ran again; History
    and the report files count the same (outcomes.latest)."""
    from pyblish_qml.record.outcomes import LOST_ON_FARM

    lost = {"plugin": LOST_ON_FARM, "instance": "t", "error": {"message": "lost"}, "ranOn": "farm", "attempt": 1}
    other = {"plugin": LOST_ON_FARM, "instance": "u", "error": {"message": "lost"}, "ranOn": "farm", "attempt": 1}
    again = {"plugin": "validate", "instance": "t", "error": None, "ranOn": "farm", "attempt": 2}
    here = {"plugin": "validate", "instance": "u", "error": None}  # a local pair is no re-run of the farm's task
    assert latest([lost, other, here]) == [lost, other, here]
    assert latest([lost, other, again, here]) == [other, again, here]


def test_a_report_file_counts_the_latest_attempt_and_lists_the_replaced_problems_as_history():
    """Issue 22: attempt 1's failure a re-run fixed is no current problem of the report file (text,
    HTML, counts) but is listed as history; the JSON keeps it, marked ``supersededBy``."""
    from pyblish_qml.farm.intake import lost_error
    from pyblish_qml.record.outcomes import LOST_ON_FARM, replacements

    plugins = [{"id": "v", "name": "ValidateReady", "label": "Validate Ready", "order": 1.0}]
    instances = [{"id": i, "name": i, "data": {}} for i in ("chair", "table", "lamp")]
    pairs = [
        {"seq": 1, "plugin": "v", "instance": "chair", "success": True, "error": None, "records": []},
        {"seq": 2, "plugin": "v", "instance": "table", "success": False, "records": [], "ranOn": "farm",
         "attempt": 1, "error": error("PublishValidationError", "table is not ready")},
        {"seq": 3, "plugin": LOST_ON_FARM, "instance": "lamp", "success": False, "records": [], "ranOn": "farm",
         "attempt": 1, "error": lost_error(1, "the worker stopped answering")},
        {"seq": 4, "plugin": "v", "instance": "table", "success": True, "error": None, "records": [],
         "ranOn": "farm", "attempt": 2},
        {"seq": 5, "plugin": "v", "instance": "lamp", "success": False, "records": [], "ranOn": "farm",
         "attempt": 2, "error": error("PublishValidationError", "lamp has no bulb")},
    ]
    farm = [{"instance": "table", "task": "table", "attempt": 1, "state": "failed"},
            {"instance": "lamp", "task": "lamp", "attempt": 1, "state": "lost"},
            {"instance": "table", "task": "table", "attempt": 2, "state": "done"},
            {"instance": "lamp", "task": "lamp", "attempt": 2, "state": "failed"}]
    report = Report({"op": "publish", "outcome": "passed", "started": 0.0, "farm": farm}, {"id": "ctx", "data": {}},
                    instances, plugins, pairs)
    assert replacements(pairs) == {1: 3, 2: 4}
    assert [pair["seq"] for pair in report.current()] == [1, 4, 5]
    counts = report.counts()
    assert (counts["pairs"], counts["failed"], counts["replaced"]) == (3, 1, 2)
    [(plugin, items)] = report.problems("failed")
    assert [pair["seq"] for pair, _ in items] == [5]  # lamp's attempt 2: the one current problem
    assert [(a["seq"], b["seq"]) for a, b in report.superseded()] == [(2, 4), (3, 5)]

    text = text_summary(report)
    assert text.startswith("Pyblish report: Publish passed; 1 of 2 failed on the farm (table by attempt 2)\n")
    assert "Errors (1)" in text and "lamp [farm, attempt 2]: lamp has no bulb" in text, text
    assert "table is not ready" not in text.split("Errors (1)")[1]
    assert "Earlier attempts (2)" in text
    assert "Validate Ready on table: attempt 1 failed: table is not ready; fixed by attempt 2" in text, text
    assert ("Lost on farm on lamp: lost on farm (attempt 1): the worker stopped answering; failed again in "
            "attempt 2") in text, text
    assert "3 pairs run (and 2 replaced by a later result), 1 failed" in text

    page = html_page(report)
    assert '<header class="failed"><h1>Publish passed; 1 of 2 failed on the farm' in page  # red: lamp did not
    errors = page[page.index('<section id="errors">'):page.index('<section id="earlier">')]
    assert "Errors (1)" in errors and "lamp has no bulb" in errors and "table" not in errors
    assert "failed, replaced by #4" in page and "failed, replaced by #5" in page
    table = page[page.index('<section id="pairs">'):page.index('<section id="records">')]
    assert "<th>Ran</th>" in table  # each pair marked where it ran, as `report export` promises
    assert table.count("<td>here</td>") == 1 and table.count('<span class="farm">farm · attempt 1</span>') == 2
    assert table.count('<span class="farm">farm · attempt 2</span>') == 2

    exported = report.to_dict()
    assert [pair.get("supersededBy") for pair in exported["pairs"]] == [None, 4, 5, None, None]
    again = Report.from_dict(exported)  # read back: the same reading, the mark recomputed, not trusted
    assert again.counts()["failed"] == 1 and len(again.pairs) == 5
    assert [pair.get("supersededBy") for pair in again.to_dict()["pairs"]] == [None, 4, 5, None, None]
