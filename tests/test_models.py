"""The list models on their own: what an update recomputes and which roles it signals."""

from __future__ import annotations

import pytest

from pyblish_qml.app.models import InstanceModel, PluginModel, fresh_status
from pyblish_qml.app.rows import instance_row, plugin_row

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
