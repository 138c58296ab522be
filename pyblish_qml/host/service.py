"""The host's publishing service: the calls the UI makes into a host (docs/protocol.md, "Host service API").

One :class:`HostService` per host process holds the Context and the plugins discovered at the
last ``reset()``. Its public methods are exactly the XML-RPC API; anything that touches pyblish
state runs through the dispatch wrapper (the DCC main thread, or a dedicated worker thread in a
plain Python host), while ``ping`` and ``stats`` answer straight from the server thread.
"""

from __future__ import annotations

import datetime
import getpass
import logging
import os
import platform
import sys
import threading
import time
from typing import Any, Callable

import pyblish
import pyblish.api
import pyblish.logic
import pyblish.plugin

from .. import wire
from ..version import __version__
from . import capture, discovery, dispatch, keeper, scene, targets
from .changes import ChangeTracker
from .requests import RequestRecord

log = logging.getLogger(__name__)

API = ("ping", "stats", "reset", "context", "discover", "process", "emit", "test", "update")

#: Methods also offered as ``<name>_json``: the same call, its reply as one JSON string
#: (docs/protocol.md, fast path). Stock clients keep calling the plain names and get XML-RPC values.
JSON_FORM = ("process", "context", "discover")


class ServiceError(Exception):
    """A call the service cannot honour; the message is shown to the caller as a Fault."""


def _id_of(item: Any) -> str | None:
    """Plugins and instances may be passed as their JSON dicts (only ``id`` is read) or ids."""
    if item is None or item == "":
        return None
    if isinstance(item, dict):
        item = item.get("id")
    if not isinstance(item, str):
        raise ServiceError("expected an id string or a dict with an 'id', got %r" % (item,))
    return item


class HostService:
    """The XML-RPC API of one host. Thread: any (server threads); state on the dispatch thread."""

    def __init__(self, port: int = 0, wrapper: Callable | None = None):
        self.port = port
        self._wrapper = wrapper
        self._worker: dispatch.WorkerThread | None = None
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}
        self._connect_time = _now()
        self._context = pyblish.api.Context()
        self._plugins: list[type] = []
        self._failed: list[dict] = []  # plugin files the last discovery skipped (host/discovery.py)
        self._plugins_by_id: dict[str, type] = {}
        self._tracker = ChangeTracker(self._context)
        self._record = RequestRecord()

    # ---------------------------------------------------------------- plumbing

    def _dispatch(self, method: str, params: tuple) -> Any:
        """Entry point used by SimpleXMLRPCServer for every call.

        ``process_json`` (and the other ``JSON_FORM`` names) is counted as the call it runs.
        """
        as_json = method.endswith("_json") and method[:-5] in JSON_FORM
        if as_json:
            method = method[:-5]
        with self._lock:
            self._counts[method] = self._counts.get(method, 0) + 1
        if method not in API:
            raise ServiceError("no such method %r; the host service offers: %s" % (method, ", ".join(API)))
        result = getattr(self, method)(*params)
        return wire.json_text(result) if as_json else result

    def _run(self, func: Callable, *args) -> Any:
        """Run ``func`` where plugin code must run (the registered wrapper, else our worker)."""
        wrapper = self._wrapper or dispatch.registered_dispatch_wrapper()
        if wrapper is None:
            if self._worker is None:
                with self._lock:
                    if self._worker is None:
                        self._worker = dispatch.WorkerThread()
            wrapper = self._worker
        return wrapper(func, *args)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    # ---------------------------------------------------------------- never wait for plugins

    def ping(self) -> dict:
        return {"message": "Hello, whole world", "version": __version__, "pid": os.getpid(),
                "port": self.port}

    def stats(self) -> dict:
        with self._lock:
            counts = dict(self._counts)
        return {"totalRequestCount": sum(counts.values()), "requestCounts": counts,
                "repeatedRequests": self._record.repeats}

    # ---------------------------------------------------------------- on the dispatch thread

    def reset(self) -> None:
        """Start over: a new empty Context and freshly discovered plugins."""
        return self._run(self._reset)

    def _reset(self) -> None:
        self._context = pyblish.api.Context()
        self._plugins, self._failed = discovery.discover()  # and the plugin files that failed to import
        self._plugins_by_id = {plugin.id: plugin for plugin in self._plugins}
        self._tracker = ChangeTracker(self._context)

    def context(self) -> dict:
        """The whole Context, stamped with facts about this host; later changes are deltas."""
        return self._run(self._context_json)

    def _context_json(self) -> dict:
        self._context.data.update(self._host_facts())
        kept = keeper.load(self._context)  # toggles and options kept with the scene (host/keeper.py)
        if kept is not None:
            self._context.data[keeper.KEY] = kept
        if capture.offered():  # the window shows its Capture button (host/capture.py)
            self._context.data[capture.KEY] = True
        return self._tracker.snapshot()

    def _host_facts(self) -> dict:
        data = self._context.data
        hosts = pyblish.api.registered_hosts() or ["python"]
        specific = [name for name in hosts if name not in ("python", "*")]
        return {
            "host": hosts,
            "hostName": specific[-1] if specific else hosts[-1],
            "port": self.port,
            "user": data.get("user") or getpass.getuser(),
            "connectTime": self._connect_time,
            "date": data.get("date") or _now(),
            "pythonVersion": sys.version,
            "pyblishVersion": pyblish.__version__,
            "pyblishQmlVersion": __version__,
            "platform": platform.platform(),
            "currentFile": data.get("currentFile", ""),
            "cwd": os.getcwd(),
            "pyblishTargets": targets.session_targets(),
            "pyblishPluginPaths": discovery.searched(),  # where discovery looked (an empty pipeline says so)
            "pyblishDiscoveryFailures": list(self._failed),  # plugin files that failed to import
        }

    def discover(self) -> list:
        return self._run(lambda: [wire.format_plugin(plugin) for plugin in self._plugins])

    def process(self, plugin: Any, instance: Any = None, action: Any = None, request_id: str | None = None) -> dict:
        """Run one plugin on one instance (or the context), or one of its actions.

        A ``request_id`` seen before gets the first call's answer; the plugin does not run again.
        """
        args = (_id_of(plugin), _id_of(instance), _id_of(action))
        return self._record.run(request_id, self._run, self._process, *args)

    def _process(self, plugin_id: str, instance_id: str | None, action_id: str | None) -> dict:
        plugin = self._plugin(plugin_id)
        instance = self._instance(instance_id)
        if action_id is not None and action_id not in {a.id for a in plugin.actions}:
            raise ServiceError("plugin %s has no action with id %r" % (plugin.__name__, action_id))
        if (action_id is None and instance is None and plugin.__instanceEnabled__
                and not plugin.__contextEnabled__):
            raise ServiceError("%s processes instances; pass an instance id" % plugin.__name__)
        result = _shielded_process(plugin, self._context, instance, action_id)
        # pyblish keeps every "pyblish*" record logged anywhere during the step; our own
        # threads (heartbeat, server) log as "pyblish_qml.*", which a headless run never has.
        result["records"][:] = [record for record in result["records"] if not _ours(record)]
        out = wire.format_result(result)
        if out["error"] is not None:  # where it was raised, like a record's logger and thread
            out["error"]["logger"] = getattr(getattr(plugin, "log", None), "name", "") or ""
            out["error"]["thread"] = threading.current_thread().name
        out["changes"] = self._tracker.changes(touched=instance, everything=instance is None)
        return out

    def emit(self, signal: str, kwargs: dict | None = None, request_id: str | None = None) -> None:
        """Fire a pyblish callback here; ids of instance/plugin/context become live objects."""
        if kwargs is not None and not isinstance(kwargs, dict):
            raise ServiceError("emit takes its keyword arguments as a dict (struct), got %s" % type(kwargs).__name__)
        return self._record.run(request_id, self._run, self._emit, str(signal), dict(kwargs or {}))

    def _emit(self, signal: str, kwargs: dict) -> None:
        if "context" in kwargs:
            kwargs["context"] = self._context
        if "plugin" in kwargs:
            kwargs["plugin"] = self._plugin(_id_of(kwargs["plugin"]))
        if "instance" in kwargs:
            kwargs["instance"] = self._instance(_id_of(kwargs["instance"]))
        pyblish.api.emit(signal, **kwargs)

    def test(self, vars: dict) -> Any:  # noqa: A002 - the name is part of the protocol
        """The host's registered test: falsy to go on, else the reason to stop."""
        return self._run(self._test, dict(vars or {}))

    def _test(self, vars: dict) -> Any:  # noqa: A002
        vars.setdefault("nextOrder", None)
        vars["ordersWithError"] = set(vars.get("ordersWithError") or ())
        message = pyblish.logic.registered_test()(**vars)
        return wire.safe(message) if message else None

    def update(self, key: str, value: Any, name: str | None = None, request_id: str | None = None) -> None:
        """Write ``data[key] = value`` on the Context (``name`` None) or on an instance by id."""
        return self._record.run(request_id, self._run, self._update, str(key), value, _id_of(name))

    def _update(self, key: str, value: Any, instance_id: str | None) -> None:
        if key == keeper.KEY and instance_id is None:
            # kept with the scene, not in the Context; quietly: the window's own write is no scene change
            return scene.quiet(lambda: keeper.save(self._context, value))
        if key == capture.KEY and instance_id is None:
            return capture.capture(value)  # the window's Capture button: an image of the scene, at its path
        target = self._context if instance_id is None else self._instance(instance_id)
        target.data[key] = value

    # ---------------------------------------------------------------- lookups

    def _plugin(self, plugin_id: str | None) -> type:
        try:
            return self._plugins_by_id[plugin_id]
        except KeyError:
            raise ServiceError("no plugin with id %r; plugin ids change on every reset(), "
                               "call discover() again" % (plugin_id,)) from None

    def _instance(self, instance_id: str | None) -> pyblish.api.Instance | None:
        if instance_id is None or instance_id == self._context.id:
            return None
        instance = self._tracker.instance(instance_id)
        if instance is None:  # not an "or": an Instance is a list, and an empty one is falsy
            instance = self._context.get(instance_id)
        if instance is None:
            raise ServiceError("no instance with id %r in the current context" % (instance_id,))
        return instance


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "pyblish_qml" or record.name.startswith("pyblish_qml.")


def _shielded_process(plugin: type, context: Any, instance: Any, action_id: str | None) -> dict:
    """``pyblish.plugin.process``, but a plugin's SystemExit or KeyboardInterrupt is its error too.

    pyblish catches ``Exception`` only; anything else would unwind through the server thread and
    drop the connection. Here it becomes the result of a failed pair, traceback included; records
    the plugin logged before it raised are lost with pyblish's handler.
    """
    started = time.time()
    try:
        return pyblish.plugin.process(plugin, context, instance, action_id)
    except Exception:
        raise  # pyblish's own checks (e.g. an instance plugin without an instance)
    except BaseException as error:
        log.warning("%s raised %s; reported as its error", plugin.__name__, type(error).__name__)
        result = {"success": False, "plugin": plugin, "instance": instance, "action": action_id,
                  "error": error, "records": [], "duration": (time.time() - started) * 1000,
                  "progress": 0, "context": context}
        context.data.setdefault("results", []).append(result)
        return result


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
