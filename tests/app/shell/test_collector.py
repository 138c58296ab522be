"""The paced garbage collector (app/shell/collector.py, issue 15): full collections happen between runs,
and a cycle that became garbage while frozen is still collected, by the settle after the run."""

from __future__ import annotations

import gc
import weakref

import pytest

from pyblish_qml.app.shell.collector import SETTLE_AFTER_MS, Collector

pytestmark = pytest.mark.usefixtures("qapp")


class Node:
    def __init__(self):
        self.other = self  # a cycle: only the collector frees it


@pytest.fixture
def collector():
    made = Collector()
    yield made
    gc.unfreeze()  # leave the process as other tests expect it


def test_settle_collects_and_leaves_the_survivors_out_of_automatic_collections(collector):
    gone = weakref.ref(Node())
    kept = Node()
    collector.settle()
    assert gone() is None
    assert gc.get_freeze_count() > 0  # the survivors, ``kept`` among them
    assert kept.other is kept


def test_a_cycle_dropped_during_a_run_is_collected_after_it(collector, qtbot):
    collector.settle()
    node = Node()
    collector.set_running(True)  # the node is frozen with everything else
    dropped = weakref.ref(node)
    del node
    gc.collect(1)  # a young collection, as happens during a run, does not look at frozen objects
    assert dropped() is not None
    collector.set_running(True)  # already running: nothing changes
    collector.set_running(False)
    qtbot.waitUntil(lambda: dropped() is None, timeout=SETTLE_AFTER_MS + 3000)


def test_start_up_freezes_at_once_and_collects_in_full_once_idle(collector, qtbot):
    gc.unfreeze()
    node = Node()
    dropped = weakref.ref(node)
    collector.begin()
    assert gc.get_freeze_count() > 0  # at once, without a full collection before the first frame
    del node
    gc.collect(1)
    assert dropped() is not None  # frozen: young collections leave it
    qtbot.waitUntil(lambda: dropped() is None, timeout=SETTLE_AFTER_MS + 3000)  # the idle settle


def test_a_new_run_postpones_the_settle(collector, qtbot):
    collector.set_running(True)
    collector.set_running(False)
    collector.set_running(True)  # the next run started before the settle was due
    assert not collector._timer.isActive()
    collector.set_running(False)
    assert collector._timer.isActive()
