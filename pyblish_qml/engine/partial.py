"""Which pairs a deliberately partial run takes: one plugin, the pairs that failed, a sanity check.

These runs are not ``pyblish.util.publish()`` and do not pretend to be (docs/semantics.md,
"Partial runs"): no collection, no registered test, no ``validated``/``published`` callbacks,
and a passed one never counts as a validation Publish can go on from.

- **Run plugins** (:func:`plugin_pairs`): one plugin, or the selected ones in pyblish's order,
  each once on the context if it is a ContextPlugin, else on each compatible instance — the
  ones asked for, or every compatible instance not toggled off. Runs an inactive (unticked)
  plugin too: the artist asked for it.
- **Re-run failed** (:func:`failed_pairs`): exactly the (plugin, instance) pairs given, in
  pyblish's plugin order, skipping those whose plugin or instance is gone.
- **Sanity check** (:func:`sanity_pairs`): validators only (order in [0.5, 1.5)); anything else
  asked for is refused, so a sanity check can never extract or integrate.

Pairs are produced lazily, plugin by plugin, so a validator sees the families an earlier one
left, as in pyblish. Pure Python, no Qt; runs on the runner thread.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

import pyblish.lib
import pyblish.logic

from . import pairs

Pair = tuple[type, object | None]


class PartialRunError(ValueError):
    """A partial run asked for something it must not do (an unknown plugin, a non-validator)."""


def is_validator(plugin: type) -> bool:
    return pyblish.lib.inrange(plugin.order, base=pairs.VALIDATE)


def _instances(context: Sequence, plugin: type, instance_ids: Iterable[str] = ()) -> list:
    compatible = pyblish.logic.instances_by_plugin(context, plugin)
    wanted = set(instance_ids)
    if wanted:
        return [instance for instance in compatible if instance.id in wanted]
    return [instance for instance in compatible if instance.data.get("publish") is not False]


def _plugin(plugins_by_id: dict, plugin_id: str) -> type:
    plugin = plugins_by_id.get(plugin_id)
    if plugin is None:
        raise PartialRunError("no plugin %r in this host (reset?)" % (plugin_id,))
    return plugin


def plugin_pairs(plugins: Sequence[type], context: Sequence, plugin_ids: Sequence[str],
                 instance_ids: Sequence[str] = ()) -> Iterator[Pair]:
    """The chosen plugins in pyblish's order, each on the context or its instances; an unknown id
    is refused before any pair runs."""
    by_id = {plugin.id: plugin for plugin in plugins}
    chosen = {_plugin(by_id, plugin_id).id for plugin_id in plugin_ids}
    for plugin in plugins:
        if plugin.id not in chosen:
            continue
        if not plugin.__instanceEnabled__:
            yield plugin, None
            continue
        for instance in _instances(context, plugin, instance_ids):
            yield plugin, instance


def failed_pairs(plugins: Sequence[type], context: Sequence,
                 wanted: Sequence[tuple[str, str | None]]) -> Iterator[Pair]:
    order = {plugin.id: index for index, plugin in enumerate(plugins)}
    by_id = {plugin.id: plugin for plugin in plugins}
    for plugin_id, instance_id in sorted(dict.fromkeys((p, i or None) for p, i in wanted),
                                         key=lambda pair: order.get(pair[0], len(order))):
        plugin = by_id.get(plugin_id)
        if plugin is None:
            continue
        if instance_id is None:
            yield plugin, None
            continue
        instance = context.instance(instance_id)
        if instance is not None:
            yield plugin, instance


def sanity_plugins(plugins: Sequence[type], processing: Sequence[type], plugin_ids: Sequence[str],
                   targets: Sequence[str]) -> list[type]:
    """The validators to check: those asked for, else every active validator of the second pass
    that matches the session's targets."""
    if not plugin_ids:
        return [plugin for plugin in pyblish.logic.plugins_by_targets(list(processing), list(targets))
                if plugin.active and is_validator(plugin)]
    by_id = {plugin.id: plugin for plugin in plugins}
    chosen = [_plugin(by_id, plugin_id) for plugin_id in plugin_ids]
    refused = [plugin.__name__ for plugin in chosen if not is_validator(plugin)]
    if refused:
        raise PartialRunError("a sanity check runs validators only, not %s" % ", ".join(refused))
    wanted = {plugin.id for plugin in chosen}
    return [plugin for plugin in plugins if plugin.id in wanted]  # pyblish's order


def sanity_pairs(validators: Sequence[type], context: Sequence) -> Iterator[Pair]:
    for plugin in validators:
        if not plugin.__instanceEnabled__:
            yield plugin, None
            continue
        for instance in _instances(context, plugin):
            yield plugin, instance
