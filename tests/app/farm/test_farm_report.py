"""The farm's pairs onto the live Report (app/farm/farm_report.py), on the real report model: each pair
once however often the watcher looks, a task lost only by silence that reports again takes its
"Lost on farm" entry back, another bundle starts afresh."""

from __future__ import annotations

import pytest

from pyblish_qml.app.farm.farm_report import FarmReport, farm_pairs
from pyblish_qml.app.lists.models import PluginModel
from pyblish_qml.app.live.rows import plugin_row
from pyblish_qml.app.report.report_model import ReportModel
from pyblish_qml.farm.outputs import FarmState, TaskState

pytestmark = pytest.mark.usefixtures("qapp")

MANIFEST = {"plugins": [{"name": "ValidateOnFarm", "id": "v-id"}],
            "instances": [{"key": "tableB", "name": "tableB", "id": "t"}, {"key": "lampC", "name": "lampC", "id": "l"}]}


def line(error: str | None) -> dict:
    return {"kind": "pair", "plugin": {"name": "ValidateOnFarm", "label": "Validate on farm"},
            "instanceName": "tableB", "result": {"error": {"message": error} if error else None, "records": []}}


def entries(report: ReportModel) -> list:
    return [(g["pluginLabel"], [(e["instanceId"], e["attempt"]) for e in g["entries"].items()]) for g in report.items()]


def test_each_pair_once_lost_taken_back_and_a_new_bundle_starts_afresh():
    plugins = PluginModel()
    plugins.reset_items([plugin_row({"id": "v-id", "name": "ValidateOnFarm", "label": "Validate on farm",
                                     "order": 1.1}, 0)])
    report = ReportModel(plugins)
    report.run_started("validate", False)
    report.run_finished()
    rows = {"t": {"id": "t", "label": "tableB"}, "l": {"id": "l", "label": "lampC"}}
    feed = FarmReport(report, plugins.item, rows.get)
    keys = {"tableB": "t", "lampC": "l"}

    failed = TaskState("tableB", 1, FarmState.FAILED, "did not publish", [line("no fix yet")])
    silent = TaskState("lampC", 1, FarmState.LOST, "No word from the worker for 9 s", [], silent=True)
    pairs = farm_pairs([failed, silent], keys, MANIFEST)
    assert [(p.task, p.attempt, p.index, p.result["plugin"]) for p in pairs] == [
        ("t", 1, 0, "v-id"), ("l", 1, -1, "pyblish-qml-farm")]
    feed.take("b1", pairs)
    feed.take("b1", pairs)  # the watcher looked again: nothing twice
    assert entries(report) == [("Validate on farm", [("t", 1)]), ("Lost on farm", [("l", 1)])]

    running = TaskState("lampC", 1, FarmState.RUNNING, "", [])  # it was only slow: it reports again
    feed.take("b1", farm_pairs([failed, running], keys, MANIFEST))
    assert entries(report) == [("Validate on farm", [("t", 1)])]

    rerun = TaskState("tableB", 2, FarmState.DONE, "", [line(None)])  # attempt 2 passes: the failure goes
    feed.take("b1", farm_pairs([failed, running, rerun], keys, MANIFEST))
    assert entries(report) == []

    feed.take("b2", farm_pairs([failed], keys, MANIFEST))  # another hand-off: its attempt 1 is news
    assert entries(report) == [("Validate on farm", [("t", 1)])]
