"""Which (plugin, instance) pair runs next — pyblish's own publishing order, one pair at a time.

This mirrors ``pyblish.util.publish`` and ``pyblish.logic.Iterator`` step for step, with two
differences that the out-of-process design needs: the stop test is the *host's* registered test
(a round trip, made once per plugin as pyblish does), and pairs are produced lazily, so a
collector sees the instances the collectors before it created. Matching uses pyblish's own
``instances_by_plugin`` and ``plugins_by_targets`` on the proxies. Pure Python, no Qt.
"""

from __future__ import annotations

from typing import Callable, Iterator, Sequence

import pyblish.api
import pyblish.lib
import pyblish.logic

Test = Callable[[dict], object]

USER_STOP = "stopped by user"

COLLECT, VALIDATE, EXTRACT, INTEGRATE = (pyblish.api.CollectorOrder, pyblish.api.ValidatorOrder,
                                         pyblish.api.ExtractorOrder, pyblish.api.IntegratorOrder)


def is_collector(plugin: type) -> bool:
    return pyblish.lib.inrange(plugin.order, base=COLLECT)


def new_state() -> dict:
    """The mutable state pyblish's test reads: next order, orders that had an error."""
    return {"nextOrder": None, "ordersWithError": set()}


def iter_pairs(plugins: Sequence[type], context: Sequence, test: Test, state: dict,
               targets: Sequence[str]) -> Iterator[tuple[type, object | None]]:
    """Yield (plugin, instance-or-None) in order; stops when ``test(state)`` gives a reason.

    The reason is left in ``state["stopped"]``. The caller adds the order of every failed pair
    to ``state["ordersWithError"]``.
    """
    for plugin in pyblish.logic.plugins_by_targets(list(plugins), list(targets)):
        if not plugin.active:
            continue
        state["nextOrder"] = plugin.order
        message = test(state)
        if message:
            state["stopped"] = message
            return
        if plugin.__instanceEnabled__:
            for instance in pyblish.logic.instances_by_plugin(context, plugin):
                if instance.data.get("publish") is False:
                    continue
                yield plugin, instance
        else:
            yield plugin, None


def collection_plugins(plugins: Sequence[type]) -> list[type]:
    return [plugin for plugin in plugins if plugin.active and is_collector(plugin)]


def processing_plugins(plugins: Sequence[type], context: Sequence) -> list[type]:
    """What ``pyblish.util.publish`` runs after collection: active non-collectors that have an
    instance to work on (decided once, after collection, as pyblish does)."""
    rest = [plugin for plugin in plugins if plugin.active and not is_collector(plugin)]
    return [plugin for plugin in rest
            if not plugin.__instanceEnabled__ or pyblish.logic.instances_by_plugin(context, plugin)]
