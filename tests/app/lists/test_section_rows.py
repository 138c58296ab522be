"""SectionRows: a header row per section, collapsed members left out, and the signals a view keeps
its place by (one removed and one inserted block, never a reset for a collapse or a keystroke)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from pyblish_qml.app.lists.filters import ItemFilterModel
from pyblish_qml.app.lists.models import InstanceModel, fresh_status
from pyblish_qml.app.lists.section_rows import SectionRows

pytestmark = pytest.mark.usefixtures("qapp")


def instance(item_id: str, category: str, context: bool = False) -> dict:
    return dict(fresh_status(), id=item_id, name=item_id, label=item_id, family=category, families=[],
                category=category, isToggled=True, optional=not context, isContext=context, sectionRank=0,
                data={}, hasComment=False)


def make(collapsed: list[str] | None = None):
    model = InstanceModel()
    model.reset_items([instance("ctx", "Context", context=True), instance("a1", "A"), instance("a2", "A"),
                       instance("b1", "B"), instance("b2", "B"), instance("c1", "C")])
    view = ItemFilterModel(model)
    hidden = collapsed if collapsed is not None else []
    rows = SectionRows(view, "category", lambda: hidden)
    return model, view, rows, hidden


def role(rows: SectionRows, name: str) -> int:
    return next(r for r, n in rows.roleNames().items() if bytes(n.data()).decode() == name)


def column(rows: SectionRows, name: str) -> list:
    return [rows.data(rows.index(r, 0), role(rows, name)) for r in range(rows.rowCount())]


def record(rows: SectionRows) -> list[tuple]:
    seen: list[tuple] = []
    rows.rowsRemoved.connect(lambda parent, first, last: seen.append(("removed", first, last)))
    rows.rowsInserted.connect(lambda parent, first, last: seen.append(("inserted", first, last)))
    rows.modelReset.connect(lambda: seen.append(("reset",)))
    return seen


def test_a_header_row_leads_each_section_and_every_row_answers_the_roles_a_delegate_reads():
    _, _, rows, _ = make()
    assert column(rows, "rowKind") == ["header", "item", "header", "item", "item", "header", "item", "item",
                                       "header", "item"]
    assert column(rows, "rowSection") == ["Context", "Context", "A", "A", "A", "B", "B", "B", "C", "C"]
    assert column(rows, "itemId")[1:5] == ["ctx", "a1", "a1", "a2"]  # a header answers for its first member
    assert column(rows, "isContext")[:2] == [True, True] and column(rows, "label")[3] == "a1"
    assert rows.viewRow(3) == 6  # the filter's fourth row (b1) is the seventh: three headers before it


def test_collapsing_a_section_removes_its_members_as_one_block_and_keeps_its_header():
    _, _, rows, hidden = make()
    seen = record(rows)
    hidden.append("B")
    rows.sections_changed()
    assert column(rows, "rowKind") == ["header", "item", "header", "item", "item", "header", "header", "item"]
    assert column(rows, "rowCollapsed")[5] is True and column(rows, "rowSection")[5] == "B"
    assert ("reset",) not in seen and ("removed", 5, 7) in seen and ("inserted", 5, 5) in seen
    assert rows.viewRow(3) == -1  # b1 is not a row while B is collapsed
    hidden.clear()
    rows.sections_changed()
    assert len(column(rows, "rowKind")) == 10 and rows.viewRow(3) == 6


def test_the_context_row_stays_under_a_collapsed_context_header():
    _, _, rows, _ = make(collapsed=["Context"])
    assert column(rows, "itemId")[:2] == ["ctx", "ctx"] and column(rows, "rowKind")[:2] == ["header", "item"]


def test_an_append_and_the_search_change_rows_in_place_and_a_new_collection_resets():
    model, view, rows, _ = make()
    seen = record(rows)
    model.append_items([instance("c2", "C")])
    assert seen == [("inserted", 10, 10)] and column(rows, "itemId")[-1] == "c2"
    seen.clear()
    view.filterText = "b"
    assert column(rows, "itemId") == ["b1", "b1", "b2"] and ("reset",) not in seen
    view.filterText = ""
    assert len(column(rows, "itemId")) == 11
    seen.clear()
    model.reset_items([instance("x1", "X")])
    assert seen == [("reset",)] and column(rows, "rowKind") == ["header", "item"]


def test_data_changes_reach_the_row_that_shows_the_item_and_a_new_section_moves_it():
    model, _, rows, _ = make()
    changed: list[tuple[int, int]] = []
    rows.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    model.update_items({"b2": {"isToggled": False}})
    assert changed == [(7, 7)] and column(rows, "isToggled")[7] is False
    model.update_items({"c1": {"category": "A"}})  # a rename in place (the layout regroups on real moves)
    assert column(rows, "rowSection")[-2:] == ["A", "A"] and column(rows, "rowKind")[-2] == "header"
    assert rows.rowCount() == len(rows.keys()) and rows.data(QModelIndex(), role(rows, "label")) is None


def test_appends_in_batches_lay_out_only_the_new_rows_and_match_a_fresh_layout():
    model, view, rows, hidden = make(collapsed=["C"])
    seen = record(rows)
    model.append_items([instance("c2", "C")])  # into the collapsed last section: no row
    model.append_items([instance("d1", "D"), instance("d2", "D")])  # a new section: its header and rows
    model.append_items([instance("d3", "D")])
    assert seen == [("inserted", 9, 11), ("inserted", 12, 12)]  # after the collapsed C header (row 8)
    assert rows.keys() == SectionRows(view, "category", lambda: hidden).keys()
    assert rows.viewRow(view.rowCount() - 1) == rows.rowCount() - 1
