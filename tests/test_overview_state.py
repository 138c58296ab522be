"""The Python side of the window's polish: section box states, moving the selection by key,
the outcome and primary action the footer draws, fitting geometry to a screen."""

from __future__ import annotations

from pyblish_qml.app.application import fit_geometry
from pyblish_qml.app.folding import RunProgress
from pyblish_qml.app.models import InstanceModel, PluginModel, fresh_status
from pyblish_qml.app.overview_state import OverviewState, section_states
from pyblish_qml.app.run_status import RunStatus
from pyblish_qml.app.state import State


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
    from pyblish_qml.app.filters import ItemFilterModel

    instances, plugins = InstanceModel(), PluginModel()
    instances.reset_items([instance("a1", "A"), instance("b1", "B"), instance("b2", "B"), instance("c1", "C")])
    view = ItemFilterModel(instances)
    collapsed = ["B"]
    compat = {"p1": ["a1"], "p2": None, "p3": ["c1", "a1"]}
    state = OverviewState(instances, plugins, lambda: compat, {"instance": view}, lambda: collapsed)
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
    status = RunStatus(run, lambda: host[0])
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
