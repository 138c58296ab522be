"""Benchmark: what each tick of a scroll of the 10,000-row instance list costs the GUI thread.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/benchmarks/row_ticks_bench.py \\
        REPO {flick|slow|back} [PICTURES_FOLDER]

REPO is the checkout to measure (its package, QML and tests/ are imported from there, so a
baseline checkout is measured the same way). ``flick`` is a screen of rows a 16 ms tick through
3,000 rows, ``slow`` 3 rows a tick through 1,500, ``back`` a flick down 1,500 rows unmeasured and
then the measured flick back up over rows already shown. PICTURES_FOLDER holds 640×360 PNGs
(``thumbs_scroll_bench.make_thumbnails``) that the instances' thumbnails cycle through.

Prints the list's items before and after (rows made during the scroll), the first three ticks'
``contentY`` set, the GUI thread's CPU a tick (``time.thread_time``: a busy machine cannot
inflate it; the tick waits in an event loop, it does not spin), the process's CPU, and
gui_probe.py's gaps over 16 ms. With ``BENCH_TIME_MODEL=1`` also the calls into the rows' model
(``SectionRows.data`` / ``rowCount``) a tick and the time inside them. Docs: performance.md,
"Scrolling a long list", fourth pass.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(sys.argv[1]).resolve()
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "benchmarks")]
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ["PYBLISH_QML_HISTORY_PATH"] = str(Path(tempfile.mkdtemp()) / "h.sqlite3")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

MODE = sys.argv[2]
PICTURES = sys.argv[3] if len(sys.argv) > 3 else ""
ROW = 26
TIMED = {"data": [0, 0.0], "rowCount": [0, 0.0]}


def time_model_calls() -> None:
    from pyblish_qml.app.lists.section_rows import SectionRows

    for name in ("data", "rowCount"):
        original = getattr(SectionRows, name)

        def wrapped(self, *args, _original=original, _name=name):
            started = time.perf_counter()
            try:
                return _original(self, *args)
            finally:
                TIMED[_name][0] += 1
                TIMED[_name][1] += time.perf_counter() - started

        setattr(SectionRows, name, wrapped)


def open_window(app):
    import thumbs_scroll_bench as bench
    from helpers import HostProcess, free_port, isolated_env

    from pyblish_qml.app.application import Application
    from pyblish_qml.app.live.state import State
    from pyblish_qml.app.shell.preferences import Preferences

    def wait(condition, timeout=120.0):
        deadline = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    host = HostProcess(bench.SUITE, env=isolated_env(BENCH_THUMBS=PICTURES, BENCH_INSTANCES="10000"))
    application = Application(free_port(), mode="user", app=app,
                              preferences=Preferences(Path(tempfile.mkdtemp()) / "settings.json"))
    application.start()
    application.controller.show_host(host.port, {"WindowSize": [880, 640]})
    controller = application.controller
    wait(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset"
         and len(controller.models.instance_model.items()) > 10000)
    application.window.show()
    wait(lambda: application.window.isExposed())
    listing = next(i for i in bench.walk(application.window.contentItem()) if i.objectName() == "instanceList")
    for _ in range(60):  # settle (the cache buffer's rows incubate)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 16)
    return host, application, listing


def positions(listing, end: float) -> list[float]:
    """The contentY of each tick, downwards."""
    step = 3 * ROW if MODE == "slow" else listing.height()
    rows = 3000 if MODE == "flick" else 1500
    ys = []
    y = 0.0
    while y < rows * ROW:
        y += step
        ys.append(min(y, end))
    return ys


def main() -> int:
    app = QApplication(sys.argv[:1])
    from gui_probe import Probe

    if os.environ.get("BENCH_TIME_MODEL"):
        time_model_calls()
    host, application, listing = open_window(app)
    end = listing.property("contentHeight") - listing.height()
    ys = positions(listing, end)
    if MODE == "back":  # down first, unmeasured; then the way back up is measured
        for y in ys:
            listing.setProperty("contentY", y)
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 16)
        ys = ys[::-1][1:] + [0.0]
    items_before = len(listing.property("contentItem").childItems())
    probe = Probe(str(Path(tempfile.mkdtemp()) / "gaps.json"))
    loop = QEventLoop()
    tick = QTimer()
    tick.setInterval(16)
    tick.timeout.connect(loop.quit)
    tick.start()
    for value in TIMED.values():
        value[:] = [0, 0.0]
    begin = time.time()
    process_began = time.process_time()
    cpu: list[float] = []
    sets: list[float] = []
    for y in ys:
        thread_began, set_began = time.thread_time(), time.perf_counter()
        listing.setProperty("contentY", y)
        sets.append(time.perf_counter() - set_began)
        loop.exec()  # the rest of the 16 ms tick, waiting for events
        cpu.append(time.thread_time() - thread_began)
    process_cpu, wall = time.process_time() - process_began, time.time() - begin
    probe.timer.stop()
    items_after = len(listing.property("contentItem").childItems())
    gaps = [gap for stamp, gap in probe.gaps if stamp >= begin]
    ordered = sorted(cpu)
    print("%s %s pictures=%s: items %d -> %d; first 3 sets %s ms; GUI CPU a tick median %.1f p99 %.1f ms; "
          "process CPU %.1f s in %.1f s; gaps > 16 ms %d, longest %.1f ms" % (
              REPO.name, MODE, bool(PICTURES), items_before, items_after,
              ", ".join("%.0f" % (s * 1000) for s in sets[:3]), statistics.median(cpu) * 1000,
              ordered[int(len(ordered) * 0.99)] * 1000, process_cpu, wall,
              sum(1 for g in gaps if g > 0.016), max(gaps, default=0.0) * 1000))
    if os.environ.get("BENCH_TIME_MODEL"):
        print("a tick: data() %.0f calls, %.2f ms inside; rowCount() %.0f calls, %.2f ms inside" % (
            TIMED["data"][0] / len(cpu), TIMED["data"][1] * 1000 / len(cpu),
            TIMED["rowCount"][0] / len(cpu), TIMED["rowCount"][1] * 1000 / len(cpu)))
    application.shutdown()
    host.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
