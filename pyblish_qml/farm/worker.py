"""One OpenJD task: publish one instance in the session's host, pair by pair, through the engine.

The task drives the host the step environment started (:mod:`.hostproc`) with the engine's own
:class:`~pyblish_qml.engine.runner.Runner` — a ``Reset`` (collect with the host's targets,
``["default", "farm"]``), then a ``Publish`` whose toggles leave only this instance on and the
artist's plugin toggles as they were (validators off when the manifest says ``validateOnFarm:
false``): the very jobs and round trips the window uses. As events arrive it prints
``openjd_status`` / ``openjd_progress`` (and ``openjd_fail`` at a failure) for any OpenJD
scheduler, and appends each pair to the bundle's output folder (:class:`~.outputs.TaskLog`).

Exit code 0: published; 1: failed or the host was lost (the scheduler sees a failed task).

In the session's driver (:mod:`.driver`) the tasks share one :class:`Warm` collection: the first
task collects, the next ones publish on that Context with only their instance on — as one
``util.publish()`` of all of them would, and ~45 ms less per task (docs/farm.md, "Collection").
A task collects again when the Context is not as collected for it: the scene file changed, the
last publish changed anything but its own instance (the Context's data, another instance, the
instances), its instance already published in this collection, the collection failed, or the
bundle's ``settings.collectPerTask`` (or ``PYBLISH_QML_FARM_COLLECT_PER_TASK=1`` on the worker)
asks for a collection per task — for pipelines whose collectors have side effects.

Thread: the task process's main thread, waiting on the runner thread's events.
"""

from __future__ import annotations

import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import Callable

from .. import rpc_client
from ..engine import events as ev
from ..engine import jobs, pairs
from ..engine.proxies import ContextProxy
from ..engine.runner import Runner
from ..rpc import host_url
from . import hostproc, pathmap
from . import manifest as manifests
from .outputs import FarmState, TaskLog, lost_after_of

Say = Callable[[str], None]


def _say(line: str) -> None:
    print(line, flush=True)


class TaskRun:
    """The events of one task's jobs, as they come off the runner's outbox."""

    def __init__(self, port: int, log: TaskLog, say: Say, cancelled: threading.Event | None = None):
        self.port = port
        self._wake = threading.Event()
        self.runner = Runner(self._wake.set)
        self.context: ContextProxy | None = None
        self.plugins: dict[str, dict] = {}
        self.touched: set[str] = set()  # what the publish changed: instance ids, "context", "instances"
        self.begin(log, say, cancelled)

    def begin(self, log: TaskLog, say: Say, cancelled: threading.Event | None) -> None:
        """A task starts (a new one on a warm collection: the runner and its Context stay)."""
        self.cancelled = cancelled or threading.Event()  # the task's process went away (driver.py)
        self._poll = 0.2 if cancelled is not None else 1.0
        self.log = log
        self.say = say
        self.total = 0
        self.done = 0
        self.touched = set()

    def run(self, job: jobs.Job, phase: str) -> ev.Event:
        """Submit ``job`` and fold its events until it ends; returns the ending event."""
        self.runner.submit(job)
        while True:
            self._wake.wait(self._poll)
            self._wake.clear()
            if self.cancelled.is_set():
                self.runner.stop()
                return ev.HostUnreachable("cancelled", "The task's process ended mid-task (killed or cancelled); "
                                          "lost on farm: this instance did not publish.")
            for event in self.runner.drain():
                end = self._fold(event, phase)
                if end is not None:
                    return end

    def _fold(self, event: ev.Event, phase: str) -> ev.Event | None:
        if isinstance(event, ev.Collected):
            self.context = ContextProxy.from_json(event.context)
            self.plugins = {plugin["id"]: plugin for plugin in event.plugins}
        elif isinstance(event, ev.Started) and phase == "publish":
            self.total = max(1, event.total)
        elif isinstance(event, ev.Processing) and phase == "publish":
            self.say("openjd_status: %s" % self._label(event.plugin, event.instance))
        elif isinstance(event, ev.PairDone):
            self._pair(event, phase)
        elif isinstance(event, ev.ENDS_A_RUN):
            return event
        return None

    def _pair(self, event: ev.PairDone, phase: str) -> None:
        result = event.result
        if self.context is not None and result.get("changes") is not None:
            summary = self.context.apply_changes(result.get("changes"))
            self.touched.update(summary["changed"])
            self.touched.update(("instances",) if summary["added"] or summary["removed"] or summary["reordered"]
                                else ())
            self.touched.update(("context",) if summary["context"] else ())
        instance_id = result.get("instance")
        plugin = self.plugins.get(result.get("plugin"), {})
        if phase == "collect" and result.get("error") is None:
            return  # the window recorded collection; the farm's own is kept only when it fails
        instance = self.context.instance(instance_id) if self.context is not None else None
        slim = {key: value for key, value in result.items() if key not in ("changes", "summary")}
        self.log.pair(slim, {"name": plugin.get("name"), "label": plugin.get("label"), "order": plugin.get("order")},
                      instance.name if instance is not None else None, phase, event.started, event.ended)
        if phase == "publish":
            self.done += 1
            self.say("openjd_progress: %d" % min(100, int(100 * self.done / self.total)))
            if result.get("error"):
                self.say("openjd_status: %s failed: %s" % (self._label(result.get("plugin"), instance_id),
                                                           _one_line(result["error"].get("message"))))

    def _label(self, plugin_id: str | None, instance_id: str | None) -> str:
        plugin = self.plugins.get(plugin_id or "", {})
        name = plugin.get("label") or plugin.get("name") or plugin_id
        instance = self.context.instance(instance_id) if self.context is not None else None
        return "%s on %s" % (name, instance.name) if instance is not None else str(name)

    def close(self) -> None:
        self.runner.shutdown()


def _one_line(text: object) -> str:
    return re.sub(r"\s+", " ", str(text or "")).strip()[:300]


def find_instance(context: ContextProxy, entry: dict) -> str | None:
    """The worker's instance for a manifest entry: same name (the n-th of that name for ``key-n``)."""
    same = [instance for instance in context if instance.name == entry["name"]]
    if not same:
        return None
    number = re.search(r"-(\d+)$", entry["key"])
    index = int(number.group(1)) - 1 if number and len(same) > 1 else 0
    return same[min(index, len(same) - 1)].id


def toggles(manifest: dict, context: ContextProxy, plugins: dict[str, dict], target_id: str) -> dict:
    """Only this instance on; the artist's plugin toggles by plugin name; validators off on request."""
    chosen = {plugin["name"]: plugin["active"] for plugin in manifest["plugins"] if plugin.get("name")}
    skip_validation = not manifest.get("settings", {}).get("validateOnFarm", True)
    plugin_toggles = {}
    for plugin_id, plugin in plugins.items():
        active = chosen.get(plugin.get("name"), bool(plugin.get("active", True)))
        if skip_validation and pairs.VALIDATE - 0.5 <= float(plugin.get("order") or 0) < pairs.EXTRACT - 0.5:
            active = False
        plugin_toggles[plugin_id] = active
    return {"instances": {instance.id: instance.id == target_id for instance in context}, "plugins": plugin_toggles}


class Warm:
    """The session's collection kept between its tasks (the driver's; see the module doc)."""

    def __init__(self) -> None:
        self.task: TaskRun | None = None
        self.scene: tuple | None = None  # the scene file's (mtime, size) when collected
        self.used: set[str] = set()  # instances published on this collection
        self.fresh = False  # the Context is as collected but for the used instances
        self.collections = 0

    def take(self, port: int, log: TaskLog, say: Say, cancelled: threading.Event | None) -> TaskRun:
        if self.task is not None and self.task.port != port:
            self.close()
        if self.task is None:
            self.task, self.fresh = TaskRun(port, log, say, cancelled), False
        else:
            self.task.begin(log, say, cancelled)
        return self.task

    def needs_collection(self, manifest: dict, entry: dict) -> bool:
        task = self.task
        if task is None or task.context is None or not self.fresh or per_task(manifest):
            return True
        if _stamp(manifest.get("scene")) != self.scene:
            return True
        target = find_instance(task.context, entry)
        return target is None or target in self.used

    def collected(self, manifest: dict, ok: bool) -> None:
        self.scene, self.used, self.fresh = _stamp(manifest.get("scene")), set(), ok
        if self.task is not None:
            self.task.touched = set()  # what the collection made is the Context as collected
        self.collections += 1

    def published(self, target: str) -> None:
        self.used.add(target)
        if self.task is None or self.task.touched - {target}:
            self.fresh = False  # the publish changed more than its instance: the next task collects

    def close(self) -> None:
        if self.task is not None:
            self.task.close()
        self.task, self.fresh = None, False


def per_task(manifest: dict) -> bool:
    """The bundle or the worker asks for a collection per task (collectors with side effects)."""
    return bool(manifest.get("settings", {}).get("collectPerTask")) or manifests.env_flag(
        "PYBLISH_QML_FARM_COLLECT_PER_TASK")


def _stamp(scene: object) -> tuple | None:
    try:
        info = os.stat(str(scene)) if scene else None
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size) if info is not None else None


def run_task(bundle: Path, session: Path, key: str, attempt: int, say: Say = _say, pid: int | None = None,
             cancelled: threading.Event | None = None, warm: Warm | None = None) -> int:
    """Publish the manifest's instance ``key`` in this session's host; see the module doc.

    From the session's driver (:mod:`.driver`): ``pid`` is the task's own process, ``cancelled``
    is set when it goes away, ``warm`` the session's collection."""
    manifest = pathmap.read(bundle, session)  # as this worker sees its paths (docs/farm.md, "Path mapping")
    entry = manifests.instance(manifest, key)
    log = TaskLog(bundle, attempt, key, lost_after_of(manifest))  # its heartbeat runs from start to end
    try:
        host = hostproc.session_host(session)
    except hostproc.HostStartError as error:
        log.start(None, str(session), pid)
        return _end(log, say, FarmState.LOST, str(error))
    log.start(host["pid"], str(session), pid)
    alone = warm is None
    warm = warm or Warm()
    task = warm.take(int(host["port"]), log, say, cancelled)
    began = time.monotonic()
    try:
        collect = warm.needs_collection(manifest, entry)
        say("openjd_status: %s %s in %s (pid %s)" % ("collecting" if collect else "the session's collection for",
                                                     entry["name"], manifest["host"]["kind"], host["pid"]))
        if collect:
            end = task.run(jobs.Reset(task.port), "collect")
            if not isinstance(end, ev.Finished):
                warm.close()
                return _ended_badly(log, say, end)
            warm.collected(manifest, not end.failed and not end.stopped)
        target = find_instance(task.context, entry)
        if target is None:
            return _end(log, say, FarmState.FAILED, "%r was not collected on the worker (targets %s)" % (
                entry["name"], ", ".join(manifest["targets"])))
        _apply_edits(task.port, target, entry.get("edits") or {})
        if manifest.get("comment"):
            task.runner.submit(jobs.Comment(task.port, manifest["comment"]))
        say("openjd_progress: 0")
        end = task.run(jobs.Publish(task.port, toggles(manifest, task.context, task.plugins, target)), "publish")
        warm.published(target)
        if not isinstance(end, ev.Finished):
            warm.close()
            return _ended_badly(log, say, end)
        if end.failed or end.stopped:
            reason = end.stopped if end.stopped and end.stopped != pairs.USER_STOP else "a plugin failed"
            return _end(log, say, FarmState.FAILED, "%s did not publish: %s" % (entry["name"], reason))
        say("openjd_progress: 100")
        return _end(log, say, FarmState.DONE, "published in %.2f s" % (time.monotonic() - began))
    finally:
        log.stop()
        if alone:
            warm.close()


def _apply_edits(port: int, instance_id: str, edits: dict) -> None:
    """The artist's edits (per-instance options), set on the worker's instance before publishing."""
    if not edits:
        return
    proxy = rpc_client.Proxy(host_url(port))
    try:
        for key, value in edits.items():
            proxy.update(key, value, instance_id)
    finally:
        proxy.close()


def _ended_badly(log: TaskLog, say: Say, end: ev.Event) -> int:
    if isinstance(end, ev.HostUnreachable) and end.op == "cancelled":
        return _end(log, say, FarmState.LOST, end.message)
    if isinstance(end, ev.HostUnreachable):
        return _end(log, say, FarmState.LOST, "the host stopped answering: %s" % end.message)
    return _end(log, say, FarmState.FAILED, getattr(end, "message", "the job failed"))


def _end(log: TaskLog, say: Say, state: FarmState, message: str) -> int:
    log.end(state, message)
    if state is FarmState.DONE:
        say("openjd_status: %s" % message)
        return 0
    say("openjd_fail: %s" % _one_line(message))
    return 1


def main(bundle: str, session: str, key: str, attempt: int) -> int:
    try:
        return run_task(Path(bundle), Path(session), key, attempt)
    except manifests.ManifestError as error:
        _say("openjd_fail: %s" % error)
        return 1
    finally:
        sys.stdout.flush()
