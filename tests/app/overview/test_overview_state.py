"""The Python side of the window's polish: section box states, moving the selection by key,
the outcome and primary action the footer draws, fitting geometry to a screen."""

from __future__ import annotations

from types import SimpleNamespace as Owner  # a helper's owner Protocol, answered by plain callables

from pyblish_qml.app.application import fit_geometry
from pyblish_qml.app.lists.models import InstanceModel, PluginModel, fresh_status
from pyblish_qml.app.live.run_progress import RunProgress
from pyblish_qml.app.live.run_status import RunStatus
from pyblish_qml.app.live.state import State
from pyblish_qml.app.overview.overview_state import OverviewState, section_states


def test_section_states_say_on_off_partial_and_skip_sections_without_optional_members():
    items = [{"category": "a", "optional": True, "isToggled": True},
             {"category": "a", "optional": True, "isToggled": False},
             {"category": "b", "optional": True, "isToggled": False},
             {"category": "c", "optional": True, "isToggled": True},
             {"category": "c", "optional": False, "isToggled": True},
             {"category": "d", "optional": False, "isToggled": True}]
    assert section_states(items, "category", lambda i: i["optional"]) == {"a": "partial", "b": "off", "c": "on"}


def instance(item_id: str, category: str, optional: bool = True, toggled: bool = True) -> dict:
    return dict(fresh_status(), id=item_id, name=item_id, label=item_id, family=category, families=[],
                category=category, isToggled=toggled, optional=optional, isContext=False, sectionRank=0,
                data={}, hasComment=False)


def test_moving_the_selection_skips_collapsed_sections_and_fades_by_compatibility(qapp):
    from pyblish_qml.app.lists.filters import ItemFilterModel

    instances, plugins = InstanceModel(), PluginModel()
    instances.reset_items([instance("a1", "A"), instance("b1", "B"), instance("b2", "B"), instance("c1", "C")])
    view = ItemFilterModel(instances)
    collapsed = ["B"]
    compat = {"p1": ["a1"], "p2": None, "p3": ["c1", "a1"]}
    state = OverviewState(instances, plugins, Owner(compat=lambda: compat, collapsed_sections=lambda: collapsed),
                          {"instance": view})
    state.move("instance", 0)
    assert state.selectedId == "a1" and state.selectedRow == 0
    state.move("instance", 1)
    assert state.selectedId == "c1" and state.selectedRow == 3  # B is collapsed
    assert state.fadedPlugins == ["p1", "p2"]  # p2 takes the context, p1 never sees c1
    state.move("instance", 5)
    assert state.selectedId == "c1"  # stays at the end
    collapsed.clear()
    state.move("instance", -1)
    assert state.selectedId == "b2"
    instances.update_items({"b2": {"isToggled": False}})
    assert state.sectionStates == {"instance/A": "on", "instance/B": "partial", "instance/C": "on"}
    state.select("plugin", "p1")
    assert state.fadedPlugins == []


def test_outcome_and_primary_action_follow_the_run(qapp):
    run = RunProgress()
    host = [False]
    status = RunStatus(run, Owner(has_live_host=lambda: host[0], blocked_reason=str, strict_discovery=lambda: False))
    assert status.outcome == "none" and status.primaryAction == ""  # no host: an empty bar, no primary
    host[0] = True
    status.enter(State.Ready)
    assert status.primaryAction == "publish"
    run.start("publish")
    status.enter(State.Validating)
    run.done, run.run_failed, run.failed_phase = 3, True, State.Validating
    assert status.outcome == "failed" and status.primaryAction == ""  # red while still running
    status.enter(State.Ready)
    assert status.primaryAction == "validate"
    run.start("publish")
    run.done, run.run_failed, run.failed_phase = 9, True, State.Extracting
    status.enter(State.Ready)
    assert status.primaryAction == "reset"  # past validation: collect again
    run.start("validate")
    run.done, run.run_warned = 4, True
    status.enter(State.Ready)
    assert status.outcome == "warning" and status.primaryAction == "publish"
    run.published = True
    assert status.primaryAction == "reset"
    status.enter(State.Dead)
    assert status.outcome == "none"


def test_fit_geometry_keeps_the_whole_window_on_the_screen():
    screen = (0, 0, 1280, 720)
    assert fit_geometry((100, 100, 430, 600), screen) == (100, 100, 430, 600)
    assert fit_geometry((2000, 900, 860, 1200), screen) == (420, 0, 860, 720)  # at scale 2 the footer was off
    assert fit_geometry((-300, -50, 400, 400), (1280, 0, 1920, 1080)) == (1280, 0, 400, 400)  # a second screen
    assert fit_geometry((0, 0, 100, 100), screen, (400, 420)) == (0, 0, 400, 420)


# Multi-select (app/overview/overview_selection.py, app/overview/overview_state.py) ------------------------------------

SHIFT, CTRL = 0x02000000, 0x04000000  # Qt.KeyboardModifier.ShiftModifier, ControlModifier


def overview(qapp, names=("a1", "a2", "b1", "b2", "c1"), collapsed=None, optional=lambda name: True):
    from pyblish_qml.app.lists.filters import ItemFilterModel

    instances, plugins = InstanceModel(), PluginModel()
    instances.reset_items([instance(name, name[0].upper(), optional(name)) for name in names])
    view = ItemFilterModel(instances)
    state = OverviewState(instances, plugins, Owner(compat=dict, collapsed_sections=lambda: collapsed or []),
                          {"instance": view})
    return state, instances, view


def drawn_selected(view) -> list[str]:
    """What the list draws selected: its isSelected role, row by row."""
    role = next(r for r, name in view.roleNames().items() if bytes(name) == b"isSelected")
    ids = view.sourceModel().role("id")
    return [view.index(row, 0).data(ids) for row in range(view.rowCount()) if view.index(row, 0).data(role)]


def test_click_ctrl_and_shift_select_rows_and_the_last_clicked_is_current(qapp):
    state, _, view = overview(qapp)
    changed = []
    view.dataChanged.connect(lambda top, bottom, roles: changed.append((top.row(), bottom.row())))
    state.click("instance", "a2", 0)
    assert state.selectedIds == ["a2"] and state.selectedId == "a2" and state.selectionCount == 1
    state.click("instance", "c1", SHIFT)
    assert state.selectedIds == ["a2", "b1", "b2", "c1"] and state.selectedId == "c1"
    assert changed[-1] == (2, 4)  # one dataChanged for the run of rows that became selected
    state.click("instance", "b1", CTRL)  # out again; still the current (last clicked) one
    assert state.selectedIds == ["a2", "b2", "c1"] and state.selectedId == "b1"
    assert drawn_selected(view) == ["a2", "b2", "c1"]
    state.click("instance", "a1", CTRL)
    assert state.selectedIds == ["a1", "a2", "b2", "c1"] and state.selectedId == "a1"
    state.click("instance", "b1", SHIFT)  # from the anchor (a1, the last Ctrl+click) to b1
    assert state.selectedIds == ["a1", "a2", "b1"]
    state.click("instance", "c1", SHIFT | CTRL)  # Ctrl+Shift adds the range to what is selected
    assert state.selectedIds == ["a1", "a2", "b1", "b2", "c1"]
    state.click("instance", "b2", 0)
    assert state.selectedIds == ["b2"] and drawn_selected(view) == ["b2"]


def test_keys_extend_select_all_and_right_click_keeps_a_selection(qapp):
    state, _, view = overview(qapp, collapsed=["B"])
    state.move("instance", 0)
    assert state.selectedIds == ["a1"]
    state.extend("instance", 1)
    state.extend("instance", 1)  # B is collapsed: a1, a2, then c1
    assert state.selectedIds == ["a1", "a2", "c1"] and state.selectedId == "c1"
    state.extend("instance", -1)
    assert state.selectedIds == ["a1", "a2"] and state.selectedId == "a2"
    state.move("instance", 1)  # a plain move selects the row alone again
    assert state.selectedIds == ["c1"]
    state.selectAll("instance")
    assert state.selectedIds == ["a1", "a2", "c1"] and state.selectedId == "c1"  # not the collapsed ones
    state.makeCurrent("instance", "a2")  # a right-click on a selected row: the menu acts on them all
    assert state.selectedIds == ["a1", "a2", "c1"] and state.selectedId == "a2"
    assert state.targets("instance") == ["a1", "a2", "c1"] and state.targets("plugin") == []
    state.makeCurrent("instance", "b1")  # on another row: that row alone
    assert state.selectedIds == ["b1"]
    state.selectAll("instance")
    state.clearSelection()
    assert state.selectedIds == ["a1"] and state.selectedId == "a1"  # Esc: the current row stays
    state.click("instance", "a1", CTRL)
    assert state.selectedIds == [] and state.targets("instance") == ["a1"]  # Space then toggles the current one


def test_the_selection_follows_searches_removals_and_resets(qapp):
    state, instances, view = overview(qapp)
    state.click("instance", "a1", 0)
    state.click("instance", "c1", SHIFT)
    view.filterText = "a"  # hides b1, b2, c1
    assert state.selectedIds == ["a1", "a2"]
    view.filterText = ""
    instances.remove_ids(["a2", "c1"])
    assert state.selectedIds == ["a1"] and state.selectedId == "a1"  # the current row went: the first selected
    state.click("instance", "b1", SHIFT)
    assert state.selectedIds == ["a1", "b1"]
    # a reset: every row has a new id (pyblish ids are uuids); the same names are selected again
    rows = [instance(name, name[0].upper()) for name in ("a1", "b1", "b2", "d1")]
    for row in rows:
        row["id"] = "new-" + row["name"]
    instances.reset_items(rows)
    assert state.selectedIds == ["new-a1", "new-b1"] and state.selectedKind == "instance"
    assert state.selectedId == "new-b1"  # the last clicked
    assert drawn_selected(view) == ["new-a1", "new-b1"]
    # a reset that collects as it goes: first nothing, then the rows arrive
    instances.reset_items([])
    assert state.selectedIds == [] and state.selectedKind == ""
    rows = [instance(name, name[0].upper()) for name in ("a1", "b1")]
    instances.append_items([dict(rows[0], id="again-a1")])
    assert state.selectedIds == ["again-a1"] and state.selectedId == "again-a1"  # until the current one comes
    instances.append_items([dict(rows[1], id="again-b1")])
    assert state.selectedIds == ["again-a1", "again-b1"] and state.selectedId == "again-b1"
    assert drawn_selected(view) == ["again-a1", "again-b1"]
    instances.reset_items([])
    state.select("instance", "")  # the user chose: nothing is looked for any more
    instances.append_items([dict(rows[0], id="third-a1")])
    assert state.selectedIds == []
    instances.reset_items([instance("x", "X")])
    assert state.selectedIds == [] and state.selectedKind == "" and state.selectedId == ""


def test_space_on_a_selection_is_one_toggle_that_says_why_required_rows_stay(qapp):
    from pyblish_qml.app.overview.toggles import Toggles

    state, instances, _ = overview(qapp, optional=lambda name: name != "b1")
    plugins, sent = PluginModel(), []
    toggles = Toggles(instances, plugins, Owner(submit_toggle=lambda *change: sent.append(change),
                                               toggles_locked=lambda: False))
    instances.update_items({"a2": {"isToggled": False}})
    state.click("instance", "a1", 0)
    state.click("instance", "b2", SHIFT)
    reason = toggles.flip("instance", state.targets("instance"))
    assert reason == "1 of the 4 selected stay as they are. b1 is required by the pipeline and cannot be turned off."
    assert sent == [("instance", "a2", True, False)]  # not all were on: all on, one change for the host
    toggles.flip("instance", state.targets("instance"))
    assert {i["id"]: i["isToggled"] for i in instances.items()} == {"a1": False, "a2": False, "b1": True, "b2": False,
                                                                   "c1": True}
    assert toggles.flip("instance", ["b1"]) == "b1 is required by the pipeline and cannot be turned off."


def test_an_instance_menu_for_a_selection_lists_the_plugins_of_any_with_how_many(qapp):
    from pyblish_qml.app.overview.instance_plugins import InstancePlugins

    instances, plugins = InstanceModel(), PluginModel()
    instances.reset_items([instance("a1", "A"), instance("a2", "A"), instance("b1", "B")])
    plugins.reset_items([dict(fresh_status(), id=p, name=p, label=p.upper(), verb=verb, optional=True, isToggled=True)
                         for p, verb in (("collect", "Collect"), ("va", "Validate"), ("vb", "Validate"),
                                         ("ctx", "Validate"))])
    menu = InstancePlugins(instances, plugins, Owner(compat=dict))
    menu.compat = lambda: {"collect": ["a1", "a2", "b1"], "va": ["a1", "a2"], "vb": ["b1"], "ctx": None}
    menu.instanceIds = ["a1", "a2"]
    assert [(r["pluginId"], r["matches"]) for r in menu.items()] == [("va", 2)]
    menu.instanceIds = ["a2", "b1"]
    assert [(r["pluginId"], r["matches"]) for r in menu.items()] == [("va", 1), ("vb", 1)]
    menu.instanceId = "b1"
    assert menu.instanceIds == ["b1"] and [r["pluginId"] for r in menu.items()] == ["vb"]
