"""The GUI's end of the history: one call per drain of the runner's outbox.

``Controller._drain`` hands every drain to :meth:`Recorder.consume` (the one hook), which
stamps it with the time and the comment and queues it for the :class:`~.writer.HistoryWriter`
thread — O(1) on the GUI thread, no disk, no JSON. :attr:`Recorder.status` is the sentence a
window shows when the history does not work (empty when it does).

``PYBLISH_QML_HISTORY=0`` turns recording off (the benchmark's "without" run);
``PYBLISH_QML_HISTORY_PATH`` puts the database elsewhere than the per-user data folder.

Thread: GUI thread (``consume``); ``status`` from any.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from .retention import Retention
from .schema import default_path
from .store import RunStore
from .tracker import Thumbnail
from .writer import HistoryWriter, RunTicket


class Recorder:
    def __init__(self, writer: HistoryWriter | None, comment: Callable[[], str] = str):
        self.writer = writer
        self._comment = comment

    @classmethod
    def for_user(cls, preferences: dict | None = None, host_facts: Callable[[int], dict] | None = None,
                 comment: Callable[[], str] = str, thumbnail: Thumbnail | None = None) -> Recorder:
        """The user's history (off when ``PYBLISH_QML_HISTORY=0``), retention from ``preferences``."""
        if os.environ.get("PYBLISH_QML_HISTORY", "1").strip().lower() in ("0", "off", "no", "false"):
            return cls(None, comment)
        path = Path(os.environ.get("PYBLISH_QML_HISTORY_PATH") or default_path())
        return cls(HistoryWriter(path, Retention.from_preferences(preferences or {}), host_facts,
                                 thumbnail=thumbnail), comment)

    @property
    def status(self) -> str:
        if self.writer is None:
            return "Run history is off (PYBLISH_QML_HISTORY=0)."
        return self.writer.status

    def consume(self, events: list) -> None:
        """Record one drain of runner events (GUI thread; returns at once)."""
        if self.writer is not None and events:
            self.writer.put(time.time(), self._comment() or "", events)

    def last_run_id(self, port: int, timeout: float = 1.0) -> int | None:
        """The id of the current (or last) run of the host on ``port``, for "export this run":
        waits up to ``timeout`` for the writer to catch up (it is normally idle: well under 1 ms)."""
        if self.writer is None or not self.writer.flush(timeout):
            return None
        return self.writer.last_run_id(port)

    def run_ticket(self, port: int | None, next_run: bool) -> RunTicket:
        """The run of ``port`` that starts next (``next_run``) or that last started, chosen now, among
        the drains already queued (GUI thread; O(1)): :meth:`RunTicket.wait` on another thread."""
        if self.writer is None:
            ticket = RunTicket(port, next_run)
            ticket.settle(None)
            return ticket
        return self.writer.ticket(RunTicket(port, next_run))

    def store(self) -> RunStore | None:
        """A reader of this history (one per thread), or None when recording is off."""
        return RunStore(self.writer.path) if self.writer is not None else None

    def flush(self, timeout: float | None = None) -> bool:
        return self.writer.flush(timeout) if self.writer is not None else True

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def registry_facts(registry) -> Callable[[int], dict]:
    """What is known of the host on a port, for the run rows: its name from the UI's registry,
    its pid from the registry or else from the host's own ``ping`` (answered at once by its server
    thread; the tracker asks once per run). Thread: the writer thread (never the GUI: the ping is
    network)."""

    def facts(port: int) -> dict:
        info = registry.get(port) if registry is not None else None
        pid = (info.pid if info is not None else None) or _ping_pid(port)
        return {"name": info.name if info is not None else "", "pid": pid}

    return facts


def _ping_pid(port: int) -> int | None:
    import xmlrpc.client

    from .. import rpc_client
    from ..rpc import host_url as url

    proxy = rpc_client.Proxy(url(port), timeout=1.0)
    try:
        pid = proxy.ping().get("pid")
        return int(pid) if pid else None
    except (OSError, ValueError, AttributeError, xmlrpc.client.Error):
        return None
    finally:
        proxy.close()
