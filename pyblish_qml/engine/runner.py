"""The thread that talks to hosts: reset, validate, publish, actions — one pair per round trip.

The controller (GUI thread) submits jobs (:mod:`.jobs`); this thread runs them one at a time against the
host's :class:`~pyblish_qml.engine.session.HostSession` and posts *events* to an outbox. The GUI
drains the outbox in batches (see ``controller``), so a 1,000-pair publish is a few dozen model
updates, not thousands. No Qt here: events are the small dataclasses of :mod:`.events`; the
controller is told "there is something to read" through a callback that emits a queued signal.

Thread: jobs run on the runner thread; ``submit``, ``stop`` and ``drain`` are callable anywhere.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
import xmlrpc.client
from typing import Any, Callable

import pyblish.logic

from .. import rpc_client
from . import jobs, pairs, partial
from .events import (
    Collected,
    Compatibility,
    Event,
    Finished,
    HostUnreachable,
    JobFailed,
    PairDone,
    Processing,
    Started,
    TotalKnown,
)
from .session import HostSession, reply_lost_result

log = logging.getLogger(__name__)

# What a host says of an id the window holds after the host's own reset() (host/service.py).
HOST_WAS_RESET = ("no plugin with id", "no instance with id")

EXTRACTION = pairs.EXTRACT - 0.5


class Runner:
    def __init__(self, notify: Callable[[], None], timeout: float | None = None):
        self._notify = notify
        self._timeout = timeout
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._outbox: list[Event] = []
        self._outbox_lock = threading.Lock()
        self._stop = threading.Event()
        self._sessions: dict[int, HostSession] = {}
        self._validated: dict[int, dict | None] = {}  # port -> state after a clean validate
        self._handlers: dict[type, Callable[[Any], None]] = {
            jobs.Reset: self._job_reset, jobs.Validate: self._job_validate, jobs.Publish: self._job_publish,
            jobs.Act: self._job_act, jobs.RunPlugins: self._job_run_plugins, jobs.Rerun: self._job_rerun,
            jobs.Sanity: self._job_sanity, jobs.Toggle: self._job_toggle, jobs.Comment: self._job_comment,
            jobs.Update: self._job_update, jobs.Forget: self._job_forget,
        }
        self._thread = threading.Thread(target=self._loop, name="pyblish-qml-runner", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ any thread

    def submit(self, job: jobs.Job) -> None:
        """Queue a job (one of :mod:`.jobs`); anything else is refused here, not on the thread."""
        if type(job) not in self._handlers:
            raise TypeError("no runner job %r" % (job,))
        self._jobs.put(job)

    def stop(self) -> None:
        """End the current run before its next pair; the pair in flight finishes."""
        self._stop.set()

    def shutdown(self) -> None:
        self._stop.set()
        self._jobs.put(None)

    def drain(self) -> list[Event]:
        with self._outbox_lock:
            events, self._outbox = self._outbox, []
        return events

    def forget(self, port: int) -> None:
        self.submit(jobs.Forget(port))

    # ------------------------------------------------------------------ runner thread

    def _post(self, event: Event) -> None:
        with self._outbox_lock:
            first = not self._outbox
            self._outbox.append(event)
        if first:
            self._notify()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            name, port = job.op, job.port
            if not isinstance(job, jobs.Forget):
                self._stop.clear()
            try:
                self._handlers[type(job)](job)
            except rpc_client.ReplyLost as error:  # before OSError: it is one, but the pair's fate is unknown
                log.warning("reply lost from host %s during %s: %s", port, name, error)
                self._sessions.pop(port, None)
                self._post(HostUnreachable(port, name, "The host on port %d did not answer: %s" % (port, error),
                                           reply_lost=True))
            except (ConnectionError, OSError, EOFError) as error:
                log.warning("host %s unreachable during %s: %s", port, name, error)
                self._sessions.pop(port, None)
                self._post(HostUnreachable(port, name, "The host on port %d did not answer: %s" % (port, error)))
            except partial.PartialRunError as error:  # refused before anything ran: say why, plainly
                self._post(JobFailed(port, name, "Not run: %s" % error))
            except Exception as error:
                if isinstance(error, xmlrpc.client.Fault) and any(w in error.faultString for w in HOST_WAS_RESET):
                    log.warning("host %s was reset behind the window's back during %s", port, name)
                    self._sessions.pop(port, None)
                    self._post(JobFailed(port, name, "The host was reset outside this window: its plugins and "
                                         "instances are new. Reset to collect again.", host_reset=True))
                    continue
                log.error("%s on host %s failed\n%s", name, port, traceback.format_exc())
                self._post(JobFailed(port, name, "%s failed: %s" % (name.title(), error), traceback.format_exc()))

    def _session(self, port: int) -> HostSession:
        session = self._sessions.get(port)
        if session is None:
            session = self._sessions[port] = HostSession(port, timeout=self._timeout)
        return session

    def _job_forget(self, job: jobs.Forget) -> None:
        port = job.port
        session = self._sessions.pop(port, None)
        if session is not None:
            session.proxy.close()
        self._validated.pop(port, None)

    def _run_pairs(self, port: int, session: HostSession, plugins: list, state: dict,
                   note_errors: bool = True) -> list[dict]:
        sent = [0.0]  # when the pair in flight was sent (wall clock, for the timeline)

        def started(plugin, instance):
            sent[0] = time.time()
            self._post(Processing(port, plugin.id, getattr(instance, "id", None), started=sent[0]))

        def finished(result):
            self._post(PairDone(port, result, started=sent[0], ended=time.time()))

        return session.run(plugins, state, on_result=finished, on_start=started, should_stop=self._stop.is_set,
                           note_errors=note_errors)

    def _job_reset(self, job: jobs.Reset) -> None:
        port = job.port
        session = self._session(port)
        self._validated[port] = None
        self._post(Started(port, "reset"))
        session.reset()
        self._post(Collected(port, session.context.to_json(), [plugin.to_json() for plugin in session.plugins]))
        collectors = pairs.collection_plugins(session.plugins)
        self._post(TotalKnown(port, len(pyblish.logic.plugins_by_targets(collectors, session.targets))))
        state = pairs.new_state()
        results = self._run_pairs(port, session, collectors, state, note_errors=False)
        session.finish_collection()
        self._post(Compatibility(port, compatibility(session)))
        session.emit("reset", context=session.context)
        self._post(Finished(port, "reset", state.get("stopped"), any(result["error"] for result in results)))

    def _apply_toggles(self, session: HostSession, toggles: dict) -> None:
        for plugin in session.plugins:
            if plugin.id in toggles.get("plugins", {}):
                plugin.active = bool(toggles["plugins"][plugin.id])
        for instance in session.context:
            if instance.id in toggles.get("instances", {}):
                dict.__setitem__(instance.data, "publish", bool(toggles["instances"][instance.id]))

    def _job_validate(self, job: jobs.Validate) -> None:
        self._process(job.port, "validate", job.toggles)

    def _job_publish(self, job: jobs.Publish) -> None:
        self._process(job.port, "publish", job.toggles)

    def _process(self, port: int, op: str, toggles: dict) -> None:
        session = self._session(port)
        if session.context is None:
            raise RuntimeError("reset first: this host has no context yet")
        self._apply_toggles(session, toggles)
        plugins = [plugin for plugin in session.processing if plugin.active]  # decided after collection
        previous = self._validated.get(port)
        continues = op == "publish" and previous is not None and previous["toggles"] == toggles
        if op == "validate":
            plugins = [p for p in plugins if p.order < EXTRACTION]
            state = pairs.new_state()
        elif continues:
            # Validated with these very toggles: go on from extraction with validation's state,
            # so Validate + Publish is one util.publish() and the host's test decides.
            state = {"nextOrder": None, "ordersWithError": set(previous["ordersWithError"])}
        else:
            state = pairs.new_state()
        rest = [p for p in plugins if p.order >= EXTRACTION] if continues else plugins
        self._post(Started(port, op, estimate_pairs(rest, session), continues=continues))
        results = self._run_pairs(port, session, rest, state)
        if continues and not results and previous["ordersWithError"] and state.get("stopped") not in (
                None, pairs.USER_STOP):
            # The test stops at once on validation's errors: Publish means "try again", so
            # validate afresh (a repair may have fixed things), then go on if the test allows.
            state = pairs.new_state()
            self._post(Started(port, op, estimate_pairs(plugins, session)))
            self._run_pairs(port, session, plugins, state)
        stopped = state.get("stopped")
        failed = bool(state["ordersWithError"])
        if op == "validate" and not stopped:
            # The toggles as validation left them: a validator may have set publish=False, which
            # the window shows unticked and sends back with Publish; that is still the same run.
            self._validated[port] = {"toggles": current_toggles(session),
                                     "ordersWithError": set(state["ordersWithError"])}
        else:
            self._validated[port] = None
        if stopped != pairs.USER_STOP:
            session.emit("validated" if op == "validate" else "published", context=session.context)
        self._post(Finished(port, op, stopped, failed))

    def _job_act(self, job: jobs.Act) -> None:
        port, plugin_id, action_id = job.port, job.plugin_id, job.action_id
        session = self._session(port)
        plugin = session.plugins_by_id[plugin_id]
        self._post(Started(port, "act", 1, plugin_id, action_id))
        sent = time.time()
        self._post(Processing(port, plugin_id, None, action_id, started=sent))
        result = session.process(plugin, None, action_id)
        self._post(PairDone(port, result, started=sent, ended=time.time()))
        self._post(Finished(port, "act", None, not result["success"], plugin_id, action_id))

    # ------------------------------------------------------------------ partial runs (partial.py)

    def _job_run_plugins(self, job: jobs.RunPlugins) -> None:
        """These plugins in pyblish's order, on the given instances (or every compatible one toggled on)."""
        port, plugin_ids, instance_ids = job.port, list(job.plugin_ids), list(job.instance_ids)
        session = self._prepared(port, job.toggles)
        op = "plugin" if len(plugin_ids) == 1 else "plugins"
        self._run_partial(port, session, op,
                          lambda: partial.plugin_pairs(session.plugins, session.context, plugin_ids, instance_ids))

    def _job_rerun(self, job: jobs.Rerun) -> None:
        """Exactly the pairs that failed last run (the window keeps the list), in plugin order."""
        port, wanted = job.port, list(job.wanted)
        session = self._prepared(port, job.toggles)
        self._run_partial(port, session, "rerun",
                          lambda: partial.failed_pairs(session.plugins, session.context, wanted))

    def _job_sanity(self, job: jobs.Sanity) -> None:
        """The chosen validators (or every toggled one) on the current context; never extracts."""
        port = job.port
        session = self._prepared(port, job.toggles)
        validators = partial.sanity_plugins(session.plugins, session.processing, list(job.plugin_ids),
                                            session.targets)
        self._run_partial(port, session, "sanity", lambda: partial.sanity_pairs(validators, session.context))

    def _prepared(self, port: int, toggles: dict) -> HostSession:
        session = self._session(port)
        if session.context is None:
            raise RuntimeError("reset first: this host has no context yet")
        self._apply_toggles(session, toggles)
        return session

    def _run_partial(self, port: int, session: HostSession, op: str, make_pairs: Callable[[], Any]) -> None:
        """Run the pairs ``make_pairs()`` yields, one round trip each; no test, no callbacks.

        A partial run is never a validation Publish can go on from (docs/semantics.md)."""
        self._validated[port] = None
        self._post(Started(port, op, sum(1 for _ in make_pairs())))
        stopped, failed = None, False
        for plugin, instance in make_pairs():
            if self._stop.is_set():
                stopped = pairs.USER_STOP
                break
            self._post(Processing(port, plugin.id, getattr(instance, "id", None)))
            try:
                result = session.process(plugin, instance)
            except rpc_client.ReplyLost as error:  # its outcome is unknown: say so, never re-run it
                self._post(PairDone(port, reply_lost_result(plugin, instance, error)))
                raise
            failed = failed or result["error"] is not None
            self._post(PairDone(port, result))
        self._post(Finished(port, op, stopped, failed))

    def _job_toggle(self, job: jobs.Toggle) -> None:
        port, kind, item_id, new, old = job.port, job.kind, job.item_id, job.new, job.old
        session = self._session(port)
        if kind == "instance":
            instance = session.context.instance(item_id) if session.context is not None else None
            if instance is not None:
                dict.__setitem__(instance.data, "publish", new)
                session.emit("instanceToggled", instance=instance, new_value=new, old_value=old)
        else:
            plugin = session.plugins_by_id.get(item_id)
            if plugin is not None:
                plugin.active = new
                session.emit("pluginToggled", plugin=plugin, new_value=new, old_value=old)
        self._validated[port] = None

    def _job_comment(self, job: jobs.Comment) -> None:
        self._session(job.port).update("comment", job.text)

    def _job_update(self, job: jobs.Update) -> None:
        """Data the window sets before a run; a validation made with other values is not gone on from."""
        session = self._session(job.port)
        if session.context is None:
            return
        for instance_id, key, value in job.writes:
            instance = session.context.instance(instance_id) if instance_id else None
            if instance_id and instance is None:
                continue  # gone since (a reset in between)
            session.update(key, value, instance)
        if job.writes:
            self._validated[job.port] = None


def current_toggles(session: HostSession) -> dict:
    """The toggles as the window derives them from the session's proxies (``rows.py``)."""
    return {"instances": {i.id: i.data.get("publish") is not False for i in session.context},
            "plugins": {p.id: bool(p.active) for p in session.plugins}}


def compatibility(session: HostSession) -> dict[str, list[str] | None]:
    """For each plugin, the ids of the instances it would process (None: it takes the context)."""
    out: dict[str, list[str] | None] = {}
    for plugin in session.plugins:
        if plugin.__instanceEnabled__:
            out[plugin.id] = [i.id for i in pyblish.logic.instances_by_plugin(session.context, plugin)]
        else:
            out[plugin.id] = None
    return out


def estimate_pairs(plugins: list, session: HostSession) -> int:
    """How many pairs a run will take if nothing stops it (for the progress bar): the pairs
    :func:`pairs.iter_pairs` yields with a test that never stops."""
    never_stop = pairs.iter_pairs(plugins, session.context, lambda state: None, pairs.new_state(), session.targets)
    return sum(1 for _ in never_stop)
