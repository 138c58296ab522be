"""The InstanceColumns values on the instance rows (app/lists/row_columns.py): nothing when the
setting is empty, the values in the setting's order with their keys in the tooltip when set, and
the rows a view shows told when an instance's data or the setting changes."""

from __future__ import annotations

import pytest
from test_section_rows import column, instance, role

from pyblish_qml.app.lists.filters import ItemFilterModel
from pyblish_qml.app.lists.models import InstanceModel
from pyblish_qml.app.lists.row_columns import RowColumns
from pyblish_qml.app.lists.section_rows import SectionRows

pytestmark = pytest.mark.usefixtures("qapp")


def make():
    model = InstanceModel()
    shot = instance("sh010", "Shots")
    shot["data"] = {"version": 12, "outputPath": "/proj/sh010/comp/sh010_v012.exr", "task": "comp",
                    "frames": [1001, 1100]}
    model.reset_items([instance("ctx", "Context", context=True), shot, instance("sh020", "Shots")])
    rows = SectionRows(ItemFilterModel(model), "category", lambda: [])
    return model, rows, RowColumns(rows)


def test_an_empty_setting_gives_every_row_nothing_to_show():
    _, rows, _ = make()
    assert set(column(rows, "columnsLine")) == {""} and set(column(rows, "columnsTip")) == {""}


def test_the_values_show_in_the_settings_order_and_the_tooltip_names_each_key():
    _, rows, columns = make()
    columns.set_keys(["version", "outputPath", "frames", "missing"])
    keys = rows.keys()
    line = column(rows, "columnsLine")[keys.index("sh010")]
    assert line == "12 · …/sh010_v012.exr · [1001, 1100]"  # a path by its file name
    assert column(rows, "columnsTip")[keys.index("sh010")].splitlines() == [
        "version: 12", "outputPath: /proj/sh010/comp/sh010_v012.exr", "frames: [1001, 1100]"]
    assert column(rows, "columnsLine")[keys.index("sh020")] == ""  # no such data: nothing, not "None"
    assert column(rows, "columnsLine")[keys.index("ctx")] == ""  # the Context is not a publish


def test_the_shown_rows_are_told_when_the_setting_or_an_instances_data_changes():
    model, rows, columns = make()
    told: list[tuple[int, int, list[int]]] = []
    rows.dataChanged.connect(lambda top, bottom, roles: told.append((top.row(), bottom.row(), list(roles))))
    columns.set_keys(["task"])
    line, tip = role(rows, "columnsLine"), role(rows, "columnsTip")
    assert (0, rows.rowCount() - 1, [line]) in told and (0, rows.rowCount() - 1, [tip]) in told
    columns.set_keys(["task"])  # the same keys again: no signal
    assert len(told) == 2
    model.update_items({"sh020": {"data": {"task": "lighting"}}})
    row = rows.keys().index("sh020")
    assert told[-1][:2] == (row, row) and {line, tip} <= set(told[-1][2])
    assert column(rows, "columnsLine")[row] == "lighting"
