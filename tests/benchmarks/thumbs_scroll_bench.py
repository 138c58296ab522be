"""Benchmark: scrolling 10,000 instance rows with thumbnails, the longest GUI-thread gap (≤ 16 ms).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/benchmarks/thumbs_scroll_bench.py [--rounds 2]

A real host process collects 10,000 instances whose ``data["thumbnail"]`` cycles through 2,000
distinct 640×360 PNGs (so almost every row scrolled to is a cache miss: a file read and decoded),
and, interleaved in the same run, the same list without thumbnails (the baseline). The window
(in this process, software Qt Quick as in CI) scrolls the instance list one screen's worth of
rows per frame-tick (16 ms) through 3,000 rows, then makes 40 random jumps across all 10,000,
then waits for every visible picture to load. gui_probe.py's 4 ms GUI-thread timer notes every
gap; the script prints the longest, the 99th percentile of ticks and the count over 16 ms, per
subject, with ``uptime`` before and after (a shared machine).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(1, str(REPO / "tests"))
sys.path.insert(2, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ["PYBLISH_QML_HISTORY_PATH"] = str(Path(tempfile.mkdtemp(prefix="thumbs-bench-history-")) / "h.sqlite3")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

INSTANCES = 10_000
FILES = 2_000
SUITE = Path(__file__).resolve().parent / "thumbs_suite"


def make_thumbnails(folder: Path) -> None:
    for index in range(FILES):
        image = QImage(640, 360, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(index * 37 % 360, 160, 200))
        painter = QPainter(image)
        painter.fillRect(40 + index % 300, 40, 200, 200, QColor.fromHsv(index * 91 % 360, 200, 120))
        painter.end()
        image.save(str(folder / ("t%05d.png" % index)))


def walk(item: QQuickItem):
    yield item
    for child in item.childItems():
        yield from walk(child)


def measure(app, thumbs: str, probe_cls) -> dict:
    from helpers import HostProcess, free_port, isolated_env

    from pyblish_qml.app.application import Application
    from pyblish_qml.app.live.state import State
    from pyblish_qml.app.shell.preferences import Preferences

    def wait(condition, timeout=120.0):
        deadline = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    host = HostProcess(SUITE, env=isolated_env(BENCH_THUMBS=thumbs, BENCH_INSTANCES=str(INSTANCES)))
    folder = Path(tempfile.mkdtemp())
    application = Application(free_port(), mode="user", app=app, preferences=Preferences(folder / "settings.json"))
    application.start()
    application.controller.show_host(host.port, {"WindowSize": [880, 640]})
    controller = application.controller
    wait(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset"
         and len(controller.models.instance_model.items()) > INSTANCES)
    application.window.show()
    wait(lambda: application.window.isExposed())
    listing = next(i for i in walk(application.window.contentItem()) if i.objectName() == "instanceList")
    end = listing.property("contentHeight") - listing.height()
    for _ in range(30):  # settle
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 16)
    probe = probe_cls(str(folder / "gaps.json"))
    begin = time.time()
    slow: list[tuple[float, str]] = []  # (seconds, what) of the slowest steps the script itself drove
    step = listing.height()  # a screen of rows per tick: a fast flick
    y = 0.0
    rows_h = 26
    while y < 3000 * rows_h:
        y += step
        started = time.perf_counter()
        listing.setProperty("contentY", min(y, end))
        slow.append((time.perf_counter() - started, "scroll to %d" % y))
        tick_end = time.perf_counter() + 0.016
        while time.perf_counter() < tick_end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
    scrolled = time.time()  # the end of the continuous scroll
    rng = random.Random(7)
    for _ in range(40):
        started = time.perf_counter()
        listing.setProperty("contentY", rng.uniform(0, end))
        slow.append((time.perf_counter() - started, "jump"))
        tick_end = time.perf_counter() + 0.1
        while time.perf_counter() < tick_end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
    images = [i for i in walk(listing) if i.objectName() == "rowThumbnailImage" and i.isVisible()]
    wait(lambda: all(i.property("progress") == 1.0 for i in images), timeout=10)
    loaded = sum(1 for i in images if i.property("implicitWidth") > 0)
    elapsed = time.time() - begin
    probe.timer.stop()
    gaps = [gap for stamp, gap in probe.gaps if stamp >= begin]
    application.shutdown()
    host.stop()
    ticks = max(1, probe.ticks)
    flick = [gap for stamp, gap in probe.gaps if begin <= stamp <= scrolled]
    return {"flick_longest_ms": max(flick, default=0.0) * 1000, "flick_over16": sum(1 for g in flick if g > 0.016),
            "flick_seconds": scrolled - begin, "longest_ms": max(gaps, default=0.0) * 1000,
            "over16": sum(1 for g in gaps if g > 0.016),
            "over8": len(gaps), "ticks": ticks,
            "slowest": sorted(slow)[-3:], "seconds": elapsed, "visible_loaded": "%d/%d" % (loaded, len(images))}


def main() -> int:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 1
    app = QApplication(sys.argv[:1])
    from gui_probe import Probe

    folder = Path(tempfile.mkdtemp(prefix="thumbs-bench-"))
    began = time.perf_counter()
    make_thumbnails(folder)
    print("made %d thumbnails (640x360 PNG) in %.1f s" % (FILES, time.perf_counter() - began))
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    for round_ in range(rounds):
        subjects = (("with thumbnails", str(folder)), ("without (baseline)", ""))
        for name, thumbs in subjects[:1] if "--only-with" in sys.argv else subjects:
            result = measure(app, thumbs, Probe)
            print("round %d, %s: continuous scroll through 3,000 rows (%.1f s): longest GUI-thread gap %.1f ms, "
                  "%d gaps > 16 ms" % (round_ + 1, name, result["flick_seconds"], result["flick_longest_ms"],
                                       result["flick_over16"]))
            print("round %d, %s: with the 40 jumps, longest GUI-thread gap %.1f ms, %d gaps > 16 ms, %d > 8 ms, "
                  "%d ticks in %.1f s; "
                  "visible pictures loaded %s" % (round_ + 1, name, result["longest_ms"], result["over16"],
                                                  result["over8"], result["ticks"], result["seconds"],
                                                  result["visible_loaded"]))
            print("  slowest contentY sets: %s" % ", ".join("%.0f ms (%s)" % (t * 1000, what)
                                                          for t, what in result["slowest"]))
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
