"""The host's record of recent side-effecting calls, by the request id the caller sent.

``process``, ``emit`` and ``update`` take an optional last argument, a request id. A call whose
id was seen before is answered from this record (or waits for the first one to finish) instead
of running its plugin again, so a repeated request — a client that re-sent after a lost reply —
never runs a plugin twice. Calls without an id (stock clients, the seed snippets) run as before.
Pure Python 3.7+; thread-safe.
"""

from __future__ import annotations

import collections
import threading
from typing import Any, Callable

MAX_ID = 128  # characters of one request id
KEPT = 32  # answers kept, oldest forgotten first (a repeat comes right after the lost reply)


class RequestRecord:
    def __init__(self, kept: int = KEPT):
        self._kept = kept
        self._done: collections.OrderedDict = collections.OrderedDict()  # id -> (ok, value)
        self._running: dict = {}  # id -> threading.Event
        self._lock = threading.Lock()
        self.repeats = 0  # calls answered from the record, for stats and tests

    def run(self, request_id: Any, func: Callable, *args: Any) -> Any:
        """``func(*args)`` once per ``request_id``; a repeat gets the first call's outcome."""
        if request_id is None or request_id == "":
            return func(*args)
        if not isinstance(request_id, str) or len(request_id) > MAX_ID:
            raise ValueError("a request id is a string of at most %d characters, got %r"
                             % (MAX_ID, request_id if not isinstance(request_id, str) else request_id[:40]))
        with self._lock:
            outcome = self._done.get(request_id)
            running = self._running.get(request_id)
            if outcome is None and running is None:
                running = self._running[request_id] = threading.Event()
                owner = True
            else:
                owner = False
                self.repeats += 1
        if not owner:
            if outcome is None:
                running.wait()
                with self._lock:
                    outcome = self._done[request_id]
            return _unwrap(outcome)
        try:
            outcome = (True, func(*args))
        except Exception as error:
            outcome = (False, error)
        with self._lock:
            self._done[request_id] = outcome
            while len(self._done) > self._kept:
                self._done.popitem(last=False)
            del self._running[request_id]
        running.set()
        return _unwrap(outcome)


def _unwrap(outcome: tuple) -> Any:
    ok, value = outcome
    if ok:
        return value
    raise value
