"""The host's heartbeat: "I am alive" to the UI every ``interval`` seconds, from its own thread.

Its own thread, so a main thread busy in a long plugin never looks dead. When the UI is not
there the thread keeps sleeping its interval between attempts: it never spins.
"""

from __future__ import annotations

import logging
import threading
import time
import xmlrpc.client

from .. import client
from .scene import scene_token

log = logging.getLogger(__name__)


class Heartbeat:
    def __init__(self, port: int, interval: float = 1.0, ui_port: int | None = None):
        self.port = port
        self.interval = max(0.05, float(interval))
        self.ui_port = ui_port
        self.beats = 0  # successful beats, for tests and diagnostics
        self.failures = 0
        self._last_beat: float | None = None  # monotonic time of the last beat the UI took
        self.facts_refused = False  # the UI takes no second argument (an older one): plain beats
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pyblish-qml-heartbeat", daemon=True)

    def start(self) -> "Heartbeat":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=2)

    def silence(self) -> float | None:
        """Seconds since the UI last took a beat; None while it never has."""
        return None if self._last_beat is None else time.monotonic() - self._last_beat

    def _run(self) -> None:
        proxy = None
        while not self._stop.is_set():
            try:
                proxy = proxy or client.proxy(self.ui_port, timeout=max(1.0, self.interval))
                self._beat(proxy)
                self.beats += 1
                self._last_beat = time.monotonic()
            except Exception as error:  # UI gone or busy: try again next interval
                self.failures += 1
                log.debug("heartbeat to UI failed: %s", error)
                proxy = None
            self._stop.wait(self.interval)

    def _beat(self, proxy) -> None:
        """One beat; with the scene's token when a probe is registered (host/scene.py)."""
        token = None if self.facts_refused else scene_token()
        if token is None:
            proxy.heartbeat(self.port)
            return
        try:
            proxy.heartbeat(self.port, {"scene": token})
        except xmlrpc.client.Fault:
            self.facts_refused = True
            proxy.heartbeat(self.port)
