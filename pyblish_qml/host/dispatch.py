"""Where plugin code runs inside the host.

DCCs demand that scene access happens on their main thread, so every call that touches the
Context or runs a plugin goes through one *dispatch wrapper*: a callable
``wrapper(func, *args, **kwargs) -> result`` that runs ``func`` on the right thread and returns
its result (or raises its exception). Maya's ``executeInMainThreadWithResult`` has exactly this
shape; integrations register theirs with :func:`register_dispatch_wrapper`.

For a plain Python host the default is :class:`WorkerThread`: one dedicated thread, so plugin
work is serialised (pyblish is not thread-safe) while the XML-RPC server threads stay free to
answer ``ping`` and ``stats``.
"""

from __future__ import annotations

import queue
import threading
from _thread import allocate_lock as _allocate_lock
from typing import Any, Callable

Wrapper = Callable[..., Any]

_registered: list[Wrapper] = []


def run_job(job: tuple) -> None:
    """Run one queued ``(func, args, kwargs, done)`` job and hand its outcome to the waiter."""
    func, args, kwargs, done = job
    try:
        done[1] = func(*args, **kwargs)
    except BaseException as error:  # handed back to the caller, who re-raises it
        done[2] = error
    done[0].release()


def call_through(jobs: queue.SimpleQueue, func: Callable, *args, **kwargs) -> Any:
    """Queue ``func`` for the thread that drains ``jobs`` and wait for its result or exception.

    The waiter blocks on a bare lock that the running thread releases: one lock, where an
    ``Event`` is a Condition with a lock of its own and a waiter list (about half the hop).
    """
    done = [_allocate_lock(), None, None]  # [lock held until done, result, error]
    done[0].acquire()
    jobs.put((func, args, kwargs, done))
    done[0].acquire()
    if done[2] is not None:
        error, done[2] = done[2], None
        raise error
    return done[1]


class WorkerThread:
    """Runs submitted callables one at a time on a single daemon thread."""

    def __init__(self, name: str = "pyblish-qml-worker"):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            run_job(job)

    def __call__(self, func: Callable, *args, **kwargs) -> Any:
        if threading.current_thread() is self._thread:
            return func(*args, **kwargs)  # re-entrant calls must not deadlock
        return call_through(self._queue, func, *args, **kwargs)

    def stop(self) -> None:
        self._queue.put(None)


def register_dispatch_wrapper(wrapper: Wrapper) -> None:
    """Run plugin work through ``wrapper(func, *args, **kwargs)`` (e.g. on a DCC main thread)."""
    if not callable(wrapper):
        raise TypeError("dispatch wrapper must be callable, got %r" % (wrapper,))
    _registered[:] = [wrapper]


def deregister_dispatch_wrapper() -> None:
    _registered[:] = []


def registered_dispatch_wrapper() -> Wrapper | None:
    return _registered[0] if _registered else None
