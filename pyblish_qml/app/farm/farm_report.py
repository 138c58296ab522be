"""The farm's pairs on the Report page of the run that handed them off, live, as the farm reports.

Why: a failure on the farm (a plugin raised on the worker, or the task was lost) belongs on the
Report like a local one — the plugin, the instance, the message, what the worker sent — or the
artist is told "1 of 3 failed on the farm" with nothing to read. The watcher thread already reads
every attempt's task files (:func:`farm_pairs` turns them into pair results, off the GUI thread,
as :mod:`pyblish_qml.farm.intake` records them: same plugin ids, same order, a lost task as one
"lost on farm" pair); :class:`FarmReport` feeds each one once into the report model, one flush
per look, so the live page says what the record's past run will show (report/report_entry.py).

Thread: :func:`farm_pairs` any; :class:`FarmReport` GUI thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ...farm import manifest as manifests
from ...farm.intake import lost_error, plugin_id_of, window_plugin_ids
from ...farm.outputs import FarmState, TaskState
from ...record.outcomes import LOST_ON_FARM

if TYPE_CHECKING:
    from ..report.report_model import ReportModel

LOST = -1  # the index of a task's "lost on farm" pair: after its other pairs


@dataclass(frozen=True)
class FarmPair:
    """One pair a farm task reported, as a PairDone's result (``ranOn`` "farm", its attempt)."""

    task: str  # the window's id of the instance the task published
    attempt: int
    index: int  # its place in the task's file; LOST for the task's "lost on farm" pair
    result: dict  # plugin and instance ids (the window's), error, records, duration, ranOn, attempt


def farm_pairs(states: list[TaskState], by_key: dict[str, str], manifest: dict) -> tuple[FarmPair, ...]:
    """Every attempt's pairs of the tasks in ``by_key`` (task key -> the window's instance id)."""
    plugin_ids = window_plugin_ids(manifest)
    out = []
    for state in states:
        task = by_key.get(state.key)
        if task is None:
            continue
        name = manifests.instance(manifest, state.key).get("name")
        for index, line in enumerate(state.pairs):
            result, plugin = dict(line.get("result") or {}), line.get("plugin") or {}
            result.update(plugin=plugin_id_of(plugin_ids, line),
                          instance=task if line.get("instanceName") == name else "", ranOn="farm",
                          attempt=state.attempt, pluginLabel=plugin.get("label") or plugin.get("name") or "")
            out.append(FarmPair(task, state.attempt, index, result))
        if state.state is FarmState.LOST:
            out.append(FarmPair(task, state.attempt, LOST, {
                "plugin": LOST_ON_FARM, "instance": task, "success": False, "ranOn": "farm",
                "attempt": state.attempt, "error": lost_error(state.attempt, state.message), "records": []}))
    return tuple(out)


class FarmReport:
    """Feeds the farm's pairs of one bundle into the report, each once (a later attempt's replace
    the earlier's, as a partial run's do); a task lost only by silence that reports again takes
    its "lost on farm" entry back."""

    def __init__(self, report: ReportModel, plugin_of: Callable[[str], dict | None],
                 instance_of: Callable[[str], dict | None]):
        self._report, self._plugin_of, self._instance_of = report, plugin_of, instance_of
        self._bundle = ""
        self._fed: set[tuple[str, int, int]] = set()
        self._lost: set[tuple[str, int]] = set()

    def take(self, bundle: str, pairs: tuple[FarmPair, ...]) -> None:
        if bundle != self._bundle:  # another hand-off: its keys and attempts start again
            self._bundle, self._fed, self._lost = bundle, set(), set()
        lost = {(pair.task, pair.attempt) for pair in pairs if pair.index == LOST}
        for task, attempt in self._lost - lost:
            self._report.forget_lost_on_farm(task)
            self._fed.discard((task, attempt, LOST))
        self._lost = lost
        for pair in pairs:
            key = (pair.task, pair.attempt, pair.index)
            if key in self._fed:
                continue
            self._fed.add(key)
            self._report.pair_done(self._plugin_of(pair.result["plugin"]) or {},
                                   self._instance_of(pair.result["instance"]) or {}, pair.result)
        self._report.flush()
