"""``show(modal=True)``: block the caller until the window closes, serving plugin work meanwhile.

A caller blocked on a DCC's main thread could never answer that DCC's own "run on the main
thread" call, so for the time it blocks the caller's thread *is* the dispatch thread: plugin
work queued by the service's server threads runs here, between checks of the window. Once the
window has closed the previous dispatch wrapper is back, and no queued job is left unanswered.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import Future
from typing import Any, Callable

from .. import client
from . import dispatch

log = logging.getLogger(__name__)

CHECK_INTERVAL = 0.25  # seconds between two looks at the window while no plugin work comes in
APPEAR_TIMEOUT = 30.0


def window_state(port: int) -> str:
    """"open" while the UI shows this host's window, "closed" when hidden/elsewhere/gone."""
    try:
        state = client.proxy(timeout=5.0).state()
    except Exception:  # the UI quit or died: nothing left to wait for
        return "gone"
    if state.get("visible") and state.get("host") == port:
        return "open"
    return "closed"


class ModalDispatch:
    """A dispatch wrapper that hands plugin work to the blocked caller's thread."""

    def __init__(self, fallback: Callable | None):
        self.thread = threading.current_thread()
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._fallback = fallback
        self._lock = threading.Lock()
        self._closed = False
        self.served = 0  # jobs run: the UI works for us, so its window was up

    def __call__(self, func: Callable, *args, **kwargs) -> Any:
        if threading.current_thread() is self.thread:
            return func(*args, **kwargs)
        future: Future = Future()
        with self._lock:
            queued = not self._closed
            if queued:
                self.jobs.put((func, args, kwargs, future))
        if not queued:  # the window closed meanwhile: back to the host's own way
            return self._fallback(func, *args, **kwargs) if self._fallback else func(*args, **kwargs)
        return future.result()

    def serve_until(self, finished: Callable[[], bool], interval: float = CHECK_INTERVAL) -> None:
        """Run queued jobs on this thread until ``finished()`` (asked at most every ``interval``)."""
        next_check = 0.0
        while True:
            now = time.monotonic()
            if now >= next_check:
                if finished():
                    break
                next_check = now + interval
            try:
                job = self.jobs.get(timeout=max(0.0, next_check - time.monotonic()))
            except queue.Empty:
                continue
            dispatch.run_job(job)
            self.served += 1
        with self._lock:
            self._closed = True
        while True:  # what was queued before the close still gets its answer
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return
            dispatch.run_job(job)


def block_until_closed(port: int, appear_timeout: float | None = None) -> str:
    """Return once the UI no longer shows this host ("closed") or has gone ("gone"); a window
    that never comes up (``appear_timeout``, default APPEAR_TIMEOUT) does not block for ever."""
    previous = dispatch.registered_dispatch_wrapper()
    modal = ModalDispatch(previous)
    dispatch.register_dispatch_wrapper(modal)
    outcome = {"state": "open"}
    deadline = time.monotonic() + (APPEAR_TIMEOUT if appear_timeout is None else appear_timeout)
    seen = {"open": False}

    def finished() -> bool:
        state = window_state(port)
        if state == "open":
            seen["open"] = True
            return False
        outcome["state"] = state
        # A UI that ran our plugins had its window up, even if it opened and closed between two looks
        if state == "gone" or seen["open"] or modal.served:
            return True
        return time.monotonic() > deadline  # the window never came up: do not block forever

    log.info("pyblish-qml: modal, waiting for the window to close")
    try:
        modal.serve_until(finished)
    finally:
        if previous is None:
            dispatch.deregister_dispatch_wrapper()
        else:
            dispatch.register_dispatch_wrapper(previous)
    return outcome["state"]
