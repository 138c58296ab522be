"""Time-bounded folding (issue 15): a drain folds what fits in its budget and keeps the rest in
order; a chatty pair's records go in over several folds; the terminal's column storage and its
filter model keep the row contracts. No timing is asserted: a zero budget forces one step per
fold."""

from __future__ import annotations

import pytest

from pyblish_qml.app.controller import Controller
from pyblish_qml.app.lists.filters import TerminalFilterModel
from pyblish_qml.app.live.folding import RECORDS_PER_STEP
from pyblish_qml.app.live.state import State
from pyblish_qml.engine import events as ev

pytestmark = pytest.mark.usefixtures("qapp")

CONTEXT = {"id": "ctx", "name": "Context", "data": {},
           "children": [{"id": "i1", "name": "asset", "data": {"family": "bench"}}]}
PLUGIN = {"id": "p1", "name": "ValidateChatty", "label": "Validate Chatty", "verb": "Validate", "type": "context",
          "order": 1, "doc": "", "path": "", "module": "m", "families": ["*"], "hosts": ["*"], "optional": False,
          "contextEnabled": True, "instanceEnabled": False, "actions": [], "version": "1", "active": True}


def record(n: int, levelno: int = 20) -> dict:
    return {"levelno": levelno, "levelname": "INFO", "name": "pyblish.chatty", "message": "record %d" % n,
            "module": "chatty", "filename": "chatty.py", "pathname": "/x/chatty.py", "lineno": 3,
            "funcName": "process", "threadName": "MainThread", "created": 1.5, "exc_text": None}


@pytest.fixture
def controller():
    controller = Controller()
    controller._folder.fold([ev.Started(0, "reset"), ev.Collected(0, CONTEXT, [PLUGIN]), ev.Finished(0, "reset")], 0)
    controller._start("validate", State.Validating)  # as validate() does before its job runs
    yield controller
    controller.shutdown()


def test_a_chatty_pair_is_folded_in_steps_and_the_run_ends_after_its_records(controller):
    count = RECORDS_PER_STEP * 3 + 7
    records = [record(n, 30 if n == 5 else 20) for n in range(count)]
    result = {"plugin": "p1", "instance": None, "records": records, "duration": 0.1, "success": False,
              "error": {"message": "boom", "traceback": "Traceback ..."}}
    events = [ev.Started(0, "validate", 1), ev.Processing(0, "p1"), ev.PairDone(0, result),
              ev.Finished(0, "validate", failed=True)]
    folder, terminal = controller._folder, controller.models.terminal_model
    folder.fold(events, 0, 0.0)
    folds = 1
    while folder.pending:
        assert controller.status.state != State.Ready  # the end waits behind the records
        folder.fold([], 0, 0.0)
        folds += 1
    assert folds >= 4 and controller.status.state == State.Ready
    messages = [row["message"] for row in terminal.items() if row["kind"] != "message"]
    assert messages == ["record %d" % n for n in range(count)] + ["boom"]
    plugin = controller.models.plugin_model.item("p1")
    assert plugin["hasError"] and plugin["hasWarning"] and not plugin["isProcessing"]


def test_a_pair_whose_result_is_in_the_same_drain_never_shows_processing(controller):
    plugins = controller.models.plugin_model
    seen = []
    plugins.dataChanged.connect(lambda first, last, roles: seen.append(plugins.item("p1")["isProcessing"]))
    controller._folder.fold([ev.Started(0, "validate", 1), ev.Processing(0, "p1"),
                             ev.PairDone(0, {"plugin": "p1", "instance": None, "records": [], "duration": 0.1})], 0)
    assert True not in seen and plugins.item("p1")["processed"]
    assert controller.status.state == State.Validating  # the phase is still entered
    controller._folder.fold([ev.Processing(0, "p1")], 0)  # its result not here yet: shown running
    assert plugins.item("p1")["isProcessing"]


def test_terminal_rows_are_compact_read_only_views_with_every_role(controller):
    terminal = controller.models.terminal_model
    controller._folder.fold([ev.Started(0, "validate", 1), ev.PairDone(0, {
        "plugin": "p1", "instance": "i1", "records": [record(1), record(2)], "duration": 0.1})], 0)
    rows = terminal.items()
    first, second = rows[-2], rows[-1]
    assert dict(first)["message"] == "record 1" and first["pluginLabel"] == "Validate Chatty"
    assert first["instanceLabel"] == "asset" and first["level"] == "info" and first["expanded"] is False
    assert first["logger"] is second["logger"]  # repeating strings are stored once
    assert "record 2" in second["searchText"] and rows[-2:] == [first, second]
    view = TerminalFilterModel(terminal)
    view.filterText = "record 2"
    assert view.rowCount() == 1 and view.mapToSource(view.index(0, 0)).row() == len(rows) - 1
    terminal.toggle_expanded(second["id"])
    assert view.index(0, 0).data(terminal.role("expanded")) is True
    snapshot = controller.state_snapshot()
    assert snapshot["state"] and snapshot["progress"] == [1, 1]
