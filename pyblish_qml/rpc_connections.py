"""The open connections of a :class:`~.rpc_server.LoopbackServer` (what each is doing, until when
it may stay so, which one goes when the server is full) and the threads that serve them
(docs/security.md, "Idle connections and the connection cap").

The server owns the limits (module constants of :mod:`.rpc_server`, read when used, so tests can
shorten them) and passes them in; this table only keeps the books, under one lock.
Pure Python: imported inside DCC hosts, so never import Qt here.

Thread: any — the accept loop admits and sweeps, each connection's thread claims and forgets.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from typing import Callable

# What an open connection is doing, in the order they are closed to make room at the cap.
FRESH, READING, KEPT, BUSY = 0, 1, 2, 3


class Connection:
    """One open connection as the server tracks it: its stage and until when it may stay in it.

    FRESH: nothing sent yet; READING: a request is arriving; KEPT: kept alive between requests;
    BUSY: a call runs or its reply is on its way — never closed by the server, whatever it takes.
    ``dropped`` is set (under the table's lock) when the server closed it, so a request read
    in full just before is dropped, not run: its client sees a lost reply, never a call that ran
    without one.
    """

    __slots__ = ("sock", "stage", "since", "deadline", "dropped")

    def __init__(self, sock: socket.socket, deadline: float):
        self.sock = sock
        self.stage = FRESH
        self.since = time.monotonic()
        self.deadline = deadline
        self.dropped = False


class ConnectionTable:
    """The server's open connections, by socket."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.open: dict[socket.socket, Connection] = {}

    def tracked(self, request) -> Connection:
        """The record of an accepted connection; one already dropped if the server let it go before
        its thread started (a request still queued in the kernel then is read, but never run)."""
        with self.lock:
            state = self.open.get(request)
        if state is None:
            state = Connection(request, 0.0)
            state.dropped = True
        return state

    def claim(self, state: Connection) -> bool:
        """Mark a connection BUSY for the call it sent; False when the server closed it first."""
        with self.lock:
            if state.dropped:
                return False
            state.stage = BUSY
        return True

    def admit(self, request, deadline: float, cap: int) -> tuple[bool, bool]:
        """Track a new connection, closing the most expendable one at ``cap``: (admitted, evicted one)."""
        evicted = False
        with self.lock:
            if len(self.open) >= cap:
                victim = self._expendable()
                if victim is None:
                    return False, False
                self._drop(victim)
                evicted = True
            self.open[request] = Connection(request, deadline)
        return True, evicted

    def expire(self, now: float) -> int:
        """Close every connection past its deadline that is not running a call; how many."""
        with self.lock:
            expired = [state for state in self.open.values() if state.stage != BUSY and state.deadline <= now]
            for state in expired:
                self._drop(state)
        return len(expired)

    def forget(self, request) -> None:
        with self.lock:
            self.open.pop(request, None)

    def take_all(self) -> list:
        """Every open socket, no longer tracked (the server is stopping)."""
        with self.lock:
            sockets, self.open = list(self.open), {}
        return sockets

    def _drop(self, state: Connection) -> None:
        """Close a connection that is not running a call (lock held); its thread then reads EOF."""
        state.dropped = True
        self.open.pop(state.sock, None)
        try:
            state.sock.shutdown(socket.SHUT_RDWR)  # never close() here: its thread still owns the descriptor
        except OSError:
            pass

    def _expendable(self) -> Connection | None:
        """The open connection to close for a new one (lock held): None when all run calls.

        First the longest FRESH (sent nothing: what a flooding web page holds), then the oldest
        READING (a legitimate request arrives in microseconds on loopback), last the longest KEPT
        (our own clients; they notice before sending and reconnect). Never a BUSY one.
        """
        best = None
        for state in self.open.values():
            if state.stage != BUSY and (best is None or (state.stage, state.since) < (best.stage, best.since)):
                best = state
        return best


class WorkerPool:
    """Threads that serve one connection after another; each ends after ``idle_timeout()`` unused.

    Reusing threads keeps the accept thread from waiting on a new thread's start for every
    connection — under a burst that wait, not the work, is what made clients queue.
    """

    def __init__(self, serve_one: Callable, name: str, idle_timeout: Callable[[], float]):
        self._serve_one = serve_one  # (request, client_address): the server's process_request_thread
        self._name = name
        self._idle_timeout = idle_timeout  # read when used, so tests can shorten it
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()  # connections for idle worker threads
        self.idle = 0

    def serve(self, request, client_address) -> None:
        """Hand a connection to an idle worker, or start one (the accept thread calls this)."""
        with self._lock:
            idle = self.idle > 0
            if idle:
                self.idle -= 1  # claimed: that worker takes the job from the queue
        if idle:
            self._jobs.put((request, client_address))
        else:
            threading.Thread(target=self._work, args=(request, client_address), daemon=True,
                             name=self._name).start()

    def _work(self, request, client_address) -> None:
        while request is not None:
            self._serve_one(request, client_address)
            with self._lock:
                self.idle += 1
            try:
                request, client_address = self._jobs.get(timeout=self._idle_timeout())
            except queue.Empty:
                with self._lock:
                    leave = self.idle > 0
                    if leave:
                        self.idle -= 1
                if not leave:  # every idle slot was just claimed: one job is ours, on its way
                    request, client_address = self._jobs.get()
                else:
                    request = None
