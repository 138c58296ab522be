"""The report's grouping and sentences, on the real models (the window tests show the page)."""

from __future__ import annotations

import pytest

from pyblish_qml.app.lists.action_buttons import glyph
from pyblish_qml.app.lists.models import PluginModel
from pyblish_qml.app.live.rows import plugin_row
from pyblish_qml.app.report.report_model import MAX_ENTRIES, ReportModel, ValidationReport, first_paragraph_html

pytestmark = pytest.mark.usefixtures("qapp")

FIX = {"type": "action", "id": "fix", "label": "Repair", "icon": "wrench", "on": "failed", "active": True}
DOCS = {"type": "action", "id": "docs", "label": "Docs", "icon": "fa-book", "on": "all", "active": True}


def plugins(*specs: tuple[str, str]) -> PluginModel:
    model = PluginModel()
    model.reset_items([plugin_row({"id": name, "name": name, "label": name.title(), "verb": verb,
                                   "doc": "First line\nstill first, https://x.test/a.\n\nSecond.",
                                   "actions": [FIX, DOCS], "order": 1}, 0) for name, verb in specs])
    return model


def instance(name: str, context: bool = False) -> dict:
    return {"id": name, "label": name.title(), "isContext": context}


def failed(message: str = "broken") -> dict:
    return {"error": {"message": message}, "records": []}


def warned(*messages: str) -> dict:
    return {"error": None, "records": [{"levelno": 30, "message": m} for m in messages]}


def test_first_paragraph_only_with_links_clickable():
    assert first_paragraph_html("First line\nstill first, https://x.test/a.\n\nSecond.") == \
        '<p>First line still first, <a href="https://x.test/a.">https://x.test/a.</a></p>'
    assert first_paragraph_html("") == ""


def test_errors_come_before_warnings_and_each_section_has_one_heading():
    model = plugins(("a", "Validate"), ("b", "Validate"), ("c", "Validate"))
    report = ReportModel(model)
    report.run_started("validate", False)
    report.pair_done(model.item("a"), instance("chair"), warned("soft", "softer"))
    report.pair_done(model.item("b"), instance("chair"), failed("hard"))
    report.pair_done(model.item("c"), instance("table"), warned("w"))
    report.pair_done(model.item("b"), instance("table"), failed("hard too"))
    report.run_finished()
    rows = [(r["severity"], r["pluginId"], r["firstOfSeverity"], r["entryCount"]) for r in report.items()]
    assert rows == [("error", "b", True, 2), ("warning", "a", True, 1), ("warning", "c", False, 1)]
    assert [e["message"] for e in report.item("error:b")["entries"].items()] == ["hard", "hard too"]
    assert report.item("warning:a")["entries"].items()[0]["message"] == "soft\nsofter"
    assert report.warning_count == 3 and report.error_count == 1
    assert report.failure_summary() == "B failed on 2 instances"
    assert ValidationReport(report).summary == "Validation found errors: B failed on 2 instances."


def test_failure_summary_counts_validators_instances_and_the_context():
    model = plugins(("a", "Validate"), ("b", "Validate"), ("x", "Extract"))
    report = ReportModel(model)
    report.run_started("publish", False)
    report.pair_done(model.item("a"), instance("chair"), failed())
    assert report.failure_summary() == "A failed on Chair"
    report.pair_done(model.item("b"), instance("table"), failed())
    report.pair_done(model.item("b"), instance("lamp"), failed())
    assert report.failure_summary() == "2 validators failed on 3 instances"
    report.pair_done(model.item("x"), instance("ctx", context=True), failed())
    assert report.failure_summary() == "3 plugins failed on 3 instances and the context"
    report.clear()
    report.run_started("validate", False)
    report.pair_done(model.item("a"), instance("ctx", context=True), failed())
    assert report.failure_summary() == "A failed on the context"


def test_a_publish_going_on_from_validation_keeps_its_report_and_a_reset_forgets_it():
    model = plugins(("a", "Validate"))
    report = ReportModel(model)
    report.run_started("validate", False)
    report.pair_done(model.item("a"), instance("chair"), warned("w"))
    report.run_started("publish", True)
    assert report.rowCount() == 1
    report.run_started("validate", False)
    assert report.rowCount() == 0
    report.pair_done(model.item("a"), instance("chair"), warned("w"))
    report.clear()  # a reset
    report.pair_done(model.item("a"), instance("chair"), warned("collection"))  # collection: not a report
    assert report.rowCount() == 0 and ValidationReport(report).verdict == "none"


def test_action_buttons_follow_the_plugin_state_and_outcomes_show_on_the_group():
    model = plugins(("a", "Validate"))
    report = ReportModel(model)
    report.run_started("validate", False)
    report.pair_done(model.item("a"), instance("chair"), failed())
    report.flush()
    group = report.item("error:a")
    assert [a["label"] for a in group["actions"].items()] == ["Docs"] and group["actionCount"] == 1
    model.update_items({"a": {"hasError": True, "processed": True}})  # the batch lands: the plugin failed
    assert [(a["label"], a["glyph"]) for a in group["actions"].items()] == [("Repair", "wrench"), ("Docs", "book")]
    assert report.item("error:a")["actionCount"] == 2
    report.pair_done(model.item("a"), instance("ctx", True), {"action": "fix", "error": None,
                                                              "records": [{"levelno": 20, "message": "first"},
                                                                          {"levelno": 30, "message": "Fixed it"}]})
    assert report.item("error:a")["outcome"] == "Repair done — Fixed it"
    assert report.last_action == "Repair done — Fixed it" and report.last_action_of == ("a", "fix")
    assert report.item("error:a")["entryCount"] == 1  # an action is not a failing instance
    report.pair_done(model.item("a"), instance("ctx", True), {"action": "fix", "error": {"message": "no\nmore"},
                                                              "records": []})
    assert report.item("error:a")["outcome"] == "Repair failed — no" and report.item("error:a")["outcomeFailed"]


def test_a_drain_is_one_update_and_long_lists_are_capped():
    model = plugins(("a", "Validate"))
    report = ReportModel(model)
    report.run_started("validate", False)
    signals = []
    report.changed.connect(lambda: signals.append("changed"))
    for n in range(MAX_ENTRIES + 50):
        report.pair_done(model.item("a"), instance("i%d" % n), warned("w"))
    assert signals == [] and report.item("warning:a")["entries"].rowCount() == 0  # nothing shown mid-drain
    report.flush()
    group = report.item("warning:a")
    assert signals == ["changed"] and group["entries"].rowCount() == MAX_ENTRIES
    assert group["entryCount"] == MAX_ENTRIES + 50 and group["hiddenCount"] == 50
    assert report.warning_count == MAX_ENTRIES + 50


def test_font_awesome_names_map_to_drawn_glyphs():
    assert glyph("wrench") == glyph("fa-wrench") == "wrench"
    assert glyph("hand-o-up") == glyph("hand-pointer") == "select"
    assert glyph("space-shuttle") == glyph("") == "action"


def farm(attempt: int, error: dict | None = None, records: tuple = (), plugin: str = "b") -> dict:
    return {"plugin": plugin, "error": error, "records": list(records), "ranOn": "farm", "attempt": attempt}


def test_farm_failures_are_entries_marked_with_their_attempt_and_a_rerun_replaces_them():
    """A farm pair files with the local ones (same group, same order), marked farm and its attempt,
    with what the worker sent; a lost task is one "Lost on farm" entry; a later attempt replaces both.
    The local part of the sentence leaves the farm's failures to the farm's clause."""
    from pyblish_qml.farm.intake import lost_error
    from pyblish_qml.farm.outputs import FarmState
    from pyblish_qml.record.farm_words import tally
    from pyblish_qml.record.outcomes import LOST_ON_FARM

    model = plugins(("a", "Validate"), ("b", "Validate"))
    report = ReportModel(model)
    state = {"farm": tally([FarmState.FAILED, FarmState.LOST])}
    report.farm_of = lambda: state["farm"]
    report.run_started("validate", False)
    report.pair_done(model.item("a"), instance("chair"), failed("local"))
    report.run_finished()
    traceback = "Traceback (most recent call last):\n  File \"v.py\", line 9\nValueError: no fix yet"
    report.pair_done(model.item("b"), instance("table"), farm(1, {"message": "no fix yet", "traceback": traceback,
                                                                  "type": "ValueError"},
                                                             ({"levelname": "INFO", "message": "checking"},)))
    report.pair_done({}, instance("lamp"), dict(farm(1, lost_error(1, "The worker died."), plugin=LOST_ON_FARM),
                                                success=False))
    report.flush()
    assert [(r["severity"], r["pluginLabel"]) for r in report.items()] == [("error", "A"), ("error", "B"),
                                                                            ("error", "Lost on farm")]
    table = report.item("error:b")["entries"].items()[0]
    assert (table["ranOn"], table["attempt"], table["message"]) == ("farm", 1, "no fix yet")
    assert table["detail"] == "INFO: checking\nFile \"v.py\", line 9\nValueError: no fix yet"  # the raising frame
    lamp = report.item("error:%s" % LOST_ON_FARM)["entries"].items()[0]
    assert (lamp["ranOn"], lamp["message"]) == ("farm", "lost on farm (attempt 1): The worker died.")
    assert report.item("error:a")["entries"].items()[0]["ranOn"] == ""
    assert report.failing_pairs() == [("a", "chair")]  # Re-run failed runs the local ones; the farm line the rest
    assert report.sentence() == "Validation found errors: A failed on Chair; 1 of 2 failed and 1 lost on the farm."

    # Attempt 2 of both: they publish — the farm's entries go, the local one stays.
    state["farm"] = tally([FarmState.DONE, FarmState.DONE])
    report.pair_done(model.item("b"), instance("table"), farm(2))
    report.pair_done(model.item("a"), instance("lamp"), farm(2, plugin="a"))
    report.flush()
    assert [r["pluginLabel"] for r in report.items()] == ["A"]
    assert report.sentence() == "Validation found errors: A failed on Chair; 2 of 2 published on the farm."
