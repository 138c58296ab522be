"""The paced collector waits for the window to stop drawing: a full collection (~120 ms at 10,000
instances) never lands inside a scroll of the list just collected; once no frame was drawn for
QUIET_MS it collects, and it never waits longer than LONGEST_WAIT_S."""

from __future__ import annotations

import gc
import time
import weakref

import pytest
from PySide6.QtCore import QObject, Signal

from pyblish_qml.app.shell import collector as paced
from pyblish_qml.app.shell.collector import QUIET_MS, SETTLE_AFTER_MS, Collector

pytestmark = pytest.mark.usefixtures("qapp")


class Node:
    def __init__(self):
        self.other = self  # a cycle: only the collector frees it


class Window(QObject):
    frameSwapped = Signal()  # what QQuickWindow says after each frame


@pytest.fixture
def watched():
    window, made = Window(), Collector()
    made.watch(window)
    made.settle()
    yield window, made
    gc.unfreeze()


def dropped_during_a_run(made: Collector) -> weakref.ref:
    node = Node()
    made.set_running(True)
    ref = weakref.ref(node)
    del node
    made.set_running(False)
    return ref


def test_no_full_collection_while_the_window_draws_then_one_once_it_is_quiet(watched, qtbot):
    window, made = watched
    gone = dropped_during_a_run(made)
    drawing_until = time.monotonic() + (SETTLE_AFTER_MS + 1500) / 1000.0
    while time.monotonic() < drawing_until:  # an artist scrolling: a frame every 50 ms
        window.frameSwapped.emit()
        qtbot.wait(50)
        assert gone() is not None
    qtbot.waitUntil(lambda: gone() is None, timeout=QUIET_MS + 2000)


def test_a_window_that_never_stops_drawing_is_collected_after_the_longest_wait(watched, qtbot, monkeypatch):
    window, made = watched
    monkeypatch.setattr(paced, "LONGEST_WAIT_S", 0.5)
    gone = dropped_during_a_run(made)
    deadline = time.monotonic() + (SETTLE_AFTER_MS + 3000) / 1000.0
    while gone() is not None and time.monotonic() < deadline:
        window.frameSwapped.emit()
        qtbot.wait(50)
    assert gone() is None
