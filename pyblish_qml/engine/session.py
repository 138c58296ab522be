"""The UI's live view of one host: its Context and plugins as proxies, kept current per step.

A :class:`HostSession` owns the XML-RPC proxy to one host service and the proxies built from
what it returns. ``process`` is one round trip per (plugin, instance) pair; its result carries
the context changes, which are applied to the proxies here. ``collect`` and ``publish`` drive a
whole run headless (tests, scripts); the Qt controller drives the same pieces step by step.

Thread: whichever thread owns the session (the controller's worker); never the GUI thread.
"""

from __future__ import annotations

import itertools
import json
import uuid
import xmlrpc.client
from typing import Any, Callable, Iterable

from .. import rpc_client
from ..rpc import host_url as url
from . import pairs
from .proxies import ContextProxy, InstanceProxy, PluginProxy

OnResult = Callable[[dict], None]


class HostSession:
    def __init__(self, port: int, timeout: float | None = None):
        self.port = port
        self.proxy = rpc_client.Proxy(url(port), timeout=timeout)
        self.context: ContextProxy | None = None
        self.plugins: list[type] = []
        self.plugins_by_id: dict[str, type] = {}
        self.processing: list[type] = []  # the second pass, decided when collection ends
        self._targets: list[str] = ["default"]
        self._request_prefix = uuid.uuid4().hex[:12]
        self._request_numbers = itertools.count(1)
        self.json_replies = True  # until the host says it has no ``*_json`` calls (an older host)

    def _request_id(self) -> str:
        """A new id for a side-effecting call: the host answers a repeat from its record."""
        return "%s-%d" % (self._request_prefix, next(self._request_numbers))

    def _call(self, method: str, *params: Any) -> Any:
        """``method`` in its JSON form when the host offers it (docs/protocol.md, fast path): the
        reply is one JSON string, a fraction of the cost of XML values. A host without it answers
        "no such method" before running anything, and from then on the plain call is used."""
        if self.json_replies:
            try:
                return json.loads(getattr(self.proxy, method + "_json")(*params))
            except xmlrpc.client.Fault as fault:
                if not _unknown_method(fault, method + "_json"):
                    raise
                self.json_replies = False
        return getattr(self.proxy, method)(*params)

    @property
    def targets(self) -> list[str]:
        """The targets of this session: read once from the fresh Context at ``reset``, as
        pyblish's Iterator reads them once per run (an empty Context is falsy: never test it)."""
        return list(self._targets)

    # ---------------------------------------------------------------- host calls

    def reset(self) -> None:
        """Host ``reset``, then the fresh Context and plugin list (three round trips)."""
        self.proxy.reset()
        self.context = ContextProxy.from_json(self._call("context"))
        self._targets = list(self.context.data.get("pyblishTargets") or ["default"])
        self.plugins = [PluginProxy.from_json(data) for data in self._call("discover")]
        self.plugins_by_id = {plugin.id: plugin for plugin in self.plugins}
        self.processing = []

    def finish_collection(self) -> None:
        """Decide the second pass now, as ``pyblish.util.publish`` does after collection."""
        self.processing = pairs.after_collection(self.plugins, self.context)

    def test(self, state: dict) -> Any:
        return self.proxy.test({"nextOrder": state["nextOrder"],
                                "ordersWithError": sorted(state["ordersWithError"])})

    def process(self, plugin: type, instance: InstanceProxy | None = None,
                action: str | None = None) -> dict:
        """Run one pair in the host; apply its context changes; return the result dict.

        ``result["summary"]`` says which instance ids were added/removed/changed.
        """
        result = self._call("process", plugin.id, instance.id if instance is not None else None, action,
                            self._request_id())
        result["summary"] = self.context.apply_changes(result.get("changes"))
        return result

    def emit(self, signal: str, **kwargs: Any) -> None:
        wire_kwargs = {}
        for key, value in kwargs.items():
            wire_kwargs[key] = getattr(value, "id", value)
        self.proxy.emit(signal, wire_kwargs, self._request_id())

    def update(self, key: str, value: Any, instance: InstanceProxy | None = None) -> None:
        self.proxy.update(key, value, instance.id if instance is not None else None, self._request_id())
        target = instance if instance is not None else self.context
        dict.__setitem__(target.data, key, value)

    # ---------------------------------------------------------------- whole runs (headless)

    def run(self, plugins: Iterable[type], state: dict, on_result: OnResult | None = None,
            should_stop: Callable[[], bool] = lambda: False,
            on_start: Callable[[type, InstanceProxy | None], None] | None = None,
            note_errors: bool = True) -> list[dict]:
        """Process the pairs of ``plugins`` in order; failed orders go into ``state``.

        ``should_stop`` is asked before every pair; a stop leaves ``pairs.USER_STOP`` in
        ``state["stopped"]``, a failed host test leaves its message there. ``note_errors=False``
        for collection: ``pyblish.util`` never shows collectors' errors to the test.
        """
        results = []
        for plugin, instance in pairs.iter_pairs(plugins, self.context, self.test, state, self.targets):
            if should_stop():
                state["stopped"] = pairs.USER_STOP
                break
            if on_start is not None:
                on_start(plugin, instance)
            try:
                result = self.process(plugin, instance)
            except rpc_client.ReplyLost as error:
                if on_result is not None:  # that pair's outcome is unknown: say so, then end the run
                    on_result(reply_lost_result(plugin, instance, error))
                raise
            if result["error"] and note_errors:
                state["ordersWithError"].add(plugin.order)
            results.append(result)
            if on_result is not None:
                on_result(result)
        return results

    def collect(self, on_result: OnResult | None = None) -> list[dict]:
        results = self.run(pairs.collection_plugins(self.plugins), pairs.new_state(), on_result,
                           note_errors=False)
        self.finish_collection()
        return results

    def publish(self, on_result: OnResult | None = None) -> list[dict]:
        """Collect, then everything else, as ``pyblish.util.publish`` would; emits published."""
        results = self.collect(on_result)
        state = pairs.new_state()
        results += self.run([plugin for plugin in self.processing if plugin.active], state, on_result)
        self.emit("published", context=self.context)
        return results


def _unknown_method(fault: xmlrpc.client.Fault, method: str) -> bool:
    """True for the Fault of a server that has no ``method`` (ours, or a stock SimpleXMLRPCServer)."""
    text = str(fault.faultString)
    return ("no such method %r" % method) in text or ('method "%s" is not supported' % method) in text


def reply_lost_result(plugin: type, instance: InstanceProxy | None, error: Exception) -> dict:
    """The result of a pair whose reply never came: it may have run in the host; not re-run."""
    message = "reply lost; the pair may have run in the host — not re-run (%s)" % error
    return {"success": False, "plugin": plugin.id, "instance": instance.id if instance is not None else None,
            "action": None, "records": [], "duration": 0.0, "changes": None, "replyLost": True,
            "summary": {"added": [], "removed": [], "changed": [], "reordered": False, "context": False},
            "error": {"message": message, "traceback": message, "type": "ReplyLost", "fname": None,
                      "line_number": None, "func": None, "exc": None, "logger": "", "thread": ""}}
