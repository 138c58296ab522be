"""Benchmark aid: the longest the GUI thread went without running a timer, measured in the UI.

    python tests/benchmarks/gui_probe.py OUT.json -m pyblish_qml --port N ...
    python tests/benchmarks/gui_probe.py OUT.json --idle
    PYBLISH_PROBE_FIRST_FRAME=1 python tests/benchmarks/gui_probe.py OUT.json -m pyblish_qml --debug

The --idle form runs the same timer in a Qt process that does nothing else: the machine's
own floor for the gap (a busy 2-core machine delays even an idle process's timer). The next
form writes the wall time of the first rendered frame to ``OUT.json.frame`` (the
benchmark then ends the process).

Runs the UI (``pyblish_qml``'s own ``main``) with a 4 ms ``QTimer`` on the GUI thread that
notes every gap between its ticks over 8 ms, with wall-clock times, and writes them to
``OUT.json`` every half second and when the application quits. A benchmark keeps only the gaps
that fall inside the window it timed (a publish), so start-up and loading are not counted.
It patches ``QApplication.exec`` to install itself, so it measures any checkout of the project
(a baseline too) without a hook in the package. Debug/benchmark use only; never imported by it.
"""

from __future__ import annotations

import json
import os
import sys
import time

INTERVAL_MS = 4
KEEP_OVER = 0.008  # seconds: shorter gaps are the timer's own jitter


class Probe:
    def __init__(self, path: str):
        from PySide6.QtCore import QTimer

        self.path = path
        self.gaps: list[tuple[float, float]] = []  # (wall time at the end of the gap, gap seconds)
        self.ticks = 0
        self._last = time.perf_counter()
        self._last_write = self._last
        self.timer = QTimer()
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self._last
        self._last = now
        self.ticks += 1
        if gap > KEEP_OVER:
            self.gaps.append((time.time(), gap))
        if now - self._last_write > 0.5:
            self._last_write = now
            self.write()
            self._last = time.perf_counter()  # the write is ours, not the app's

    def write(self) -> None:
        tmp = self.path + ".tmp"
        with open(tmp, "w") as stream:
            json.dump({"interval_ms": INTERVAL_MS, "ticks": self.ticks, "gaps": self.gaps, "written": time.time()},
                      stream)
        os.replace(tmp, self.path)


def first_frame(path: str) -> None:
    """Write the wall time of the first frame any Qt Quick window swaps."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQuick import QQuickWindow

    def swapped():
        if not os.path.exists(path + ".frame"):
            with open(path + ".frame", "w") as stream:
                stream.write(repr(time.time()))

    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow):
            window.frameSwapped.connect(swapped, Qt.ConnectionType.DirectConnection)


def main() -> int:
    path = sys.argv[1]
    if sys.argv[2:3] == ["--idle"]:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication(sys.argv[:1])
        probe = Probe(path)
        try:
            return app.exec()
        finally:
            probe.write()
    if sys.argv[2] != "-m":
        raise SystemExit("usage: gui_probe.py OUT.json -m pyblish_qml ARGS...")
    sys.argv = [sys.argv[3]] + sys.argv[4:]
    from PySide6.QtWidgets import QApplication

    exec_ = QApplication.exec
    probes = []

    def probed_exec(*args):
        if os.environ.get("PYBLISH_PROBE_FIRST_FRAME"):
            first_frame(path)
        probes.append(Probe(path))
        try:
            return exec_()
        finally:
            probes[0].write()

    QApplication.exec = probed_exec
    from pyblish_qml.app.main import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
