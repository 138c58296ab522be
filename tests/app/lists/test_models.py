"""The models' contracts on their own: roles, derived roles, filters, selection and batched signals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pyblish_qml.app.lists.filters import ItemFilterModel, TerminalFilterModel
from pyblish_qml.app.lists.models import InstanceModel, PluginModel, fresh_status, level_name, status_of
from pyblish_qml.app.live.rows import instance_row, plugin_row, terminal_entry
from pyblish_qml.app.overview.views import ActionsModel, ItemDetail
from pyblish_qml.app.terminal.terminal_model import TerminalModel

pytestmark = pytest.mark.usefixtures("qapp")


def signalled(model) -> list[set[str]]:
    """Role names of every dataChanged the model emits from now on."""
    names = {role: bytes(name).decode() for role, name in model.roleNames().items()}
    seen: list[set[str]] = []
    model.dataChanged.connect(lambda first, last, roles: seen.append({names[r] for r in roles}))
    return seen


def test_a_status_update_does_not_rebuild_data_rows_or_search_text():
    model = InstanceModel()
    model.reset_items([instance_row({"id": "a", "name": "chair", "data": {"family": "model", "frames": [1, 2]}})])
    rows_before = model.item("a")["dataRows"]
    seen = signalled(model)
    model.update_items({"a": {"isProcessing": True}})
    assert seen == [{"isProcessing", "status"}]
    assert model.item("a")["status"] == "running" and model.item("a")["dataRows"] is rows_before
    model.update_items({"a": {"isProcessing": True}})  # nothing changed: nothing signalled
    assert len(seen) == 1
    model.update_items({"a": {"data": {"family": "model", "frames": [1, 2, 3]}}})
    assert seen[-1] == {"data", "dataRows"}
    assert {"key": "frames", "value": "[1, 2, 3]"} in model.item("a")["dataRows"]
    model.update_items({"a": {"label": "Chair v2"}})
    assert seen[-1] == {"label", "searchText"} and "chair v2" in model.item("a")["searchText"]


def test_plugin_actions_follow_its_status():
    model = PluginModel()
    actions = [{"id": "fix", "type": "action", "label": "Fix", "on": "failed"},
               {"id": "docs", "type": "action", "label": "Docs", "on": "all"}]
    model.reset_items([plugin_row({"id": "p", "name": "Validate", "label": "Validate", "verb": "Validate",
                                   "actions": actions, "doc": "See https://example.com"}, 0)])
    assert [a["id"] for a in model.item("p")["visibleActions"]] == ["docs"]
    assert '<a href="https://example.com">' in model.item("p")["docHtml"]
    seen = signalled(model)
    model.update_items({"p": dict(fresh_status(), processed=True, hasError=True)})
    assert [a["id"] for a in model.item("p")["visibleActions"]] == ["fix", "docs"]
    assert {"status", "visibleActions"} <= seen[-1] and "docHtml" not in seen[-1] and "searchText" not in seen[-1]
    assert "hasActions" not in seen[-1]  # it had an action before and still has


def terminal_rows(*levels: int) -> list[dict]:
    return [terminal_entry("e%d" % n, "record", level, "message %d" % n, {"name": "log.%d" % n},
                           {"id": "p%d" % (n % 2), "label": "Plugin %d" % (n % 2)}) for n, level in enumerate(levels)]


def test_every_role_has_a_name_and_id_is_read_as_item_id():
    for model in (InstanceModel(), PluginModel(), TerminalModel()):
        names = {bytes(name).decode() for name in model.roleNames().values()}
        assert set(model.ROLES) == names and "itemId" in names
    model = InstanceModel()
    model.reset_items([instance_row({"id": "a", "name": "chair", "data": {"label": "Chair"}})])
    index = model.index(0, 0)
    assert index.data(model.role("itemId")) == "a" and index.data() == "Chair"
    assert model.data(model.index(5, 0), model.role("label")) is None  # out of range: no row, no error


def test_derived_roles_are_computed_once_from_their_inputs():
    model = TerminalModel()
    model.reset_items(terminal_rows(5, 10, 25, 35, 45, 55))
    assert [i["level"] for i in model.items()] == ["debug", "debug", "info", "warning", "error", "critical"]
    assert [level_name(n) for n in (0, 20, 30, 40, 50, 99)] == ["debug", "info", "warning", "error", "critical",
                                                                "critical"]
    assert "log.3" in model.item("e3")["searchText"] and "plugin 1" in model.item("e3")["searchText"]
    seen = signalled(model)
    model.update_items({"e0": {"levelno": 40}})
    assert seen == [{"levelno", "level"}] and model.item("e0")["level"] == "error"
    assert [status_of(dict(fresh_status(), **s)) for s in (
        {}, {"processed": True}, {"processed": True, "hasWarning": True}, {"hasError": True},
        {"isProcessing": True, "hasError": True})] == ["idle", "passed", "warning", "failed", "running"]


def test_updates_signal_once_per_contiguous_run_of_rows_and_inserts_at_once():
    model = InstanceModel()
    model.reset_items([instance_row({"id": str(n), "name": "i%d" % n, "data": {}}) for n in range(5)])
    spans: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, roles: spans.append((first.row(), last.row())))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.update_items({"0": {"isProcessing": True}, "1": {"isProcessing": True}, "3": {"isProcessing": True},
                        "missing": {"isProcessing": True}})
    assert spans == [(0, 1), (3, 3)]
    model.append_items([instance_row({"id": "x%d" % n, "name": "x", "data": {}}) for n in range(100)])
    assert inserted == [(5, 104)] and model.count == 105
    model.remove_ids(["1", "x0", "nope"])
    assert model.count == 103 and model.item("2") is not None and model.index(1, 0).data(model.role("itemId")) == "2"


def test_search_filter_needs_every_word_in_any_case_and_finds_families():
    model = InstanceModel()
    model.reset_items([instance_row({"id": "a", "name": "chairMain", "data": {"family": "model", "families": ["geo"]}}),
                       instance_row({"id": "b", "name": "heroRig", "data": {"family": "rig"}})])
    view = ItemFilterModel(model)
    view.filterText = "CHAIR model"
    assert view.rowCount() == 1
    view.filterText = "geo"
    assert view.rowCount() == 1 and view.index(0, 0).data(model.role("itemId")) == "a"
    view.filterText = "chair rig"
    assert view.rowCount() == 0
    view.filterText = "  "
    assert view.rowCount() == 2


def test_terminal_filter_combines_levels_item_and_text():
    model = TerminalModel()
    model.reset_items(terminal_rows(10, 20, 30, 40, 50, 20))
    view = TerminalFilterModel(model)
    changed = []
    view.levelsChanged.connect(lambda: changed.append(1))
    view.levels = {"debug": False, "info": False, "bogus": False}
    assert changed == [1] and view.rowCount() == 3 and view.levelEnabled("info") is False
    view.levels = {"debug": False}  # no change: no signal
    assert changed == [1]
    view.itemFilter = "p1"
    assert [view.index(r, 0).data(model.role("itemId")) for r in range(view.rowCount())] == ["e3"]
    view.itemFilter = ""
    view.filterText = "message 4"
    assert view.rowCount() == 1
    assert view.levelNames == ["debug", "info", "warning", "error", "critical"]


def test_terminal_selection_follows_clicks_and_the_filter():
    model = TerminalModel()
    model.reset_items(terminal_rows(*[20] * 6))
    view = TerminalFilterModel(model)
    selected = model.role("selected")
    shift, ctrl = Qt.KeyboardModifier.ShiftModifier.value, Qt.KeyboardModifier.ControlModifier.value
    seen = []
    view.dataChanged.connect(lambda first, last, roles: seen.append(list(roles)))
    view.click_row(1, 0)
    view.click_row(3, shift)
    assert view.selected_rows() == [1, 2, 3] and view.index(2, 0).data(selected) is True
    assert seen and all(roles == [selected] for roles in seen)
    view.click_row(2, ctrl)
    assert view.selected_rows() == [1, 3]
    view.select_all()
    assert view.selected_rows() == list(range(6))
    view.filterText = "message 4"  # rows that leave the view leave the selection
    assert view.selected_rows() == [0] and view.index(0, 0).data(model.role("itemId")) == "e4"
    view.click_row(9, 0)  # no such row: nothing changes
    assert view.selected_rows() == [0]


def test_item_detail_follows_its_row_and_actions_model_lists_visible_actions():
    instances, plugins = InstanceModel(), PluginModel()
    instances.reset_items([instance_row({"id": "a", "name": "chair", "data": {"family": "model", "size": 3}})])
    plugins.reset_items([plugin_row({"id": "p", "name": "V", "label": "Validate", "verb": "Validate",
                                     "families": ["model"], "actions": [
                                         {"id": "fix", "type": "action", "label": "Fix", "on": "failed"},
                                         {"id": "x", "type": "action", "label": "Broken", "error": "boom"}]}, 0)])
    detail = ItemDetail(instances, plugins)
    changes = []
    detail.changed.connect(lambda: changes.append(1))
    detail.kind = "instance"
    detail.itemId = "a"
    assert detail.label == "chair" and detail.subtitle == "model" and detail.status == "idle"
    assert detail.dataRows.count == 2  # family, size
    before = len(changes)
    instances.update_items({"a": {"isProcessing": True}})
    assert len(changes) == before + 1 and detail.status == "running"
    detail.kind = "plugin"
    detail.itemId = "p"
    assert detail.subtitle == "Validate · model" and detail.label == "Validate"
    actions = ActionsModel(plugins)
    actions.pluginId = "p"
    assert [i["actionId"] for i in actions.items()] == ["x"] and actions.items()[0]["hasError"]
    plugins.update_items({"p": {"processed": True, "hasError": True}})
    actions.pluginId = "p"
    assert [i["actionId"] for i in actions.items()] == ["fix", "x"]
