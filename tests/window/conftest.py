"""The real window's fixtures: one demo window per test module, fresh and on the Overview per test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # window_helpers, from every feature folder below

from PySide6.QtCore import QMetaObject
from window_helpers import ARTIFACTS, demo_window, find, find_visible, resize

from pyblish_qml.app.live.state import State


def _layout(request) -> str:
    layout = getattr(request.module, "WINDOW", "demo")
    assert layout in ("demo", "default"), "WINDOW is 'demo' or 'default', not %r" % layout
    return layout


@pytest.fixture(scope="module")
def ui(qapp, tmp_path_factory, request):
    settings = {"WindowSize": [880, 640]} if _layout(request) == "demo" else {}
    with demo_window(qapp, tmp_path_factory.mktemp("prefs") / "settings.json", **settings) as application:
        yield application


@pytest.fixture
def window(ui, qtbot, request):
    """A freshly collected window on the Overview tab; a screenshot is saved afterwards."""
    if _layout(request) == "demo":
        _fresh_demo(ui, qtbot)
    else:
        _fresh_default(ui, qtbot)
    yield ui
    ARTIFACTS.mkdir(exist_ok=True)
    ui.window.grabWindow().save(str(ARTIFACTS / ("%s.png" % request.node.name)))


def _pop_to_overview(ui, qtbot, find) -> None:
    stack = find(ui, "overviewStack")
    while stack.property("depth") > 1:
        QMetaObject.invokeMethod(stack, "pop")
        qtbot.waitUntil(lambda: not stack.property("busy"), timeout=3000)
    find(ui, "tabs").setProperty("currentIndex", 0)


def _fresh_demo(ui, qtbot) -> None:
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    status = controller.status
    if status.progress or controller.models.instances.rowCount() == 0 or status.state != State.Ready:
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.models.instances.rowCount() > 1,
                        timeout=20000)
    _pop_to_overview(ui, qtbot, find)
    qtbot.waitExposed(ui.window)


def _fresh_default(ui, qtbot) -> None:
    """The documented default 430×600, dark, search and selection cleared."""
    controller = ui.controller
    qtbot.waitUntil(lambda: controller.status.state == State.Ready, timeout=20000)
    if controller.status.progress or controller.models.instances.rowCount() == 0 or controller.run.last_op != "reset":
        controller.reset()
        qtbot.waitUntil(lambda: controller.status.state == State.Ready and controller.models.instances.rowCount() > 1
                        and controller.run.last_op == "reset", timeout=20000)
    controller.preferences.setTheme("dark")
    _pop_to_overview(ui, qtbot, find_visible)
    find_visible(ui, "searchField").setProperty("text", "")
    controller.models.overview.select("", "")
    ui.window.show()
    resize(ui, qtbot, 430, 600)
    qtbot.waitExposed(ui.window)
