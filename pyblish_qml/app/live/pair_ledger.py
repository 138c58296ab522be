"""The latest verdict of each (plugin, instance) pair, and what it makes of each plugin and instance row.

Why: a row's status used to pile up over its pairs, so after a re-run or a sanity check a fixed
instance stayed red while its validator turned green. Here a pair run again *replaces* its
earlier verdict (:func:`~pyblish_qml.record.outcomes.verdict`), and a row's status is computed
from the latest verdicts of its pairs, kept as tallies so each result costs O(1).

Thread: GUI thread only (plain data, owned by the event folder).
"""

from __future__ import annotations

from collections import Counter


class PairLedger:
    """Latest verdict per (plugin id, instance id); per row, how many of its pairs are in each."""

    def __init__(self) -> None:
        self._latest: dict[tuple[str, str], tuple[str, bool]] = {}
        self._plugins: dict[str, Counter] = {}
        self._instances: dict[str, Counter] = {}

    def clear(self) -> None:
        """A reset, or a fresh validate or publish: nothing has a verdict."""
        self._latest, self._plugins, self._instances = {}, {}, {}

    def put(self, plugin_id: str, instance_id: str, outcome: str, logged_warning: bool) -> None:
        """The pair's newest verdict (passed, warned, failed, crashed or lost) replaces its last;
        ``logged_warning``: it logged at WARNING or louder (a failed pair too: pyblish's "warning")."""
        key = (plugin_id, instance_id)
        for old in self._latest.get(key, ()) and _keys(*self._latest[key]):
            self._plugins[plugin_id][old] -= 1
            self._instances[instance_id][old] -= 1
        self._latest[key] = (outcome, logged_warning)
        for new in _keys(outcome, logged_warning):
            self._plugins.setdefault(plugin_id, Counter())[new] += 1
            self._instances.setdefault(instance_id, Counter())[new] += 1

    def plugin_status(self, plugin_id: str) -> dict:
        return _status(self._plugins.get(plugin_id))

    def instance_status(self, instance_id: str) -> dict:
        return _status(self._instances.get(instance_id))


def _keys(outcome: str, logged_warning: bool) -> tuple[str, ...]:
    return (outcome, "logged") if logged_warning else (outcome,)


def _status(tally: Counter | None) -> dict:
    """A row's status fields from its pairs' latest verdicts (the keys of ``fresh_status``)."""
    tally = tally or Counter()
    failing = tally["failed"] + tally["crashed"]
    pairs = tally["passed"] + tally["warned"] + failing + tally["lost"]
    return {"hasError": failing > 0, "hasWarning": tally["logged"] > 0, "replyLost": tally["lost"] > 0,
            "succeeded": failing == 0 and tally["lost"] == 0, "processed": pairs > 0,
            "failedCount": failing, "passedCount": tally["passed"] + tally["warned"]}
