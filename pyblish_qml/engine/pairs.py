"""Which (plugin, instance) pair runs next — pyblish's own publishing order, one pair at a time.

This mirrors ``pyblish.util.publish`` and ``pyblish.logic.Iterator`` step for step (the rules,
and the few documented differences, are in ``docs/semantics.md``): the stop test is the *host's*
registered test (a round trip, made once per plugin as pyblish does), pairs are produced lazily
as pyblish's are, so a collector sees the instances the collectors before it created, and the
plugins of the second pass are decided once, when collection ends. Matching uses pyblish's own
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


def after_collection(plugins: Sequence[type], context: Sequence) -> list[type]:
    """The plugins ``pyblish.util.publish`` keeps for its second pass, decided once when
    collection ends: every non-collector that takes the context, and every instance plugin
    with a compatible instance at that moment (``publish`` flags do not count, as in pyblish).

    Whether they are active is asked when a run starts (the user may toggle them); a family that
    a validator adds later does not bring back a plugin dropped here, as in one
    ``util.publish()``.
    """
    return [plugin for plugin in plugins if not is_collector(plugin)
            and (not plugin.__instanceEnabled__ or pyblish.logic.instances_by_plugin(context, plugin))]


def processing_plugins(plugins: Sequence[type], context: Sequence) -> list[type]:
    """What ``pyblish.util.publish`` runs after collection: the active ones of
    :func:`after_collection`."""
    return [plugin for plugin in after_collection(plugins, context) if plugin.active]
