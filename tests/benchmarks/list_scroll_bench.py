"""Benchmark: the instance list's steady scroll and far jumps at 1,000 and 10,000 rows, trees interleaved.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/benchmarks/list_scroll_bench.py \
        --trees new=.,base=/tmp/base-lists [--sizes 1000,10000] [--rounds 2] [--thumbs both|with|without]

Each measurement is a fresh process (``--child``) running the named tree's package, in-process
window as thumbs_scroll_bench.py does (software Qt Quick, a real host collecting the instances,
``thumbs_suite``), so a baseline checkout is measured by the same steps. Per subject it prints:

- **steady scroll**: ``contentY`` moved by three rows every 16 ms tick (a brisk wheel), 1,500
  rows or to the end: the longest GUI-thread gap, the 99th percentile of the probe's 4 ms ticks
  ("8.0" when fewer than 1 % of them were late by more than 8 ms) and the count over 16 ms;
- **flick**: a screen's height per tick (what thumbs_scroll_bench.py does), same figures;
- **far jumps**: 20 random ``contentY`` sets across the whole list, each given 100 ms to settle:
  the slowest set itself (ms), the longest gap and the count over 16 ms.

Sizes, trees and with/without thumbnails are interleaved in every round; ``uptime`` is printed
before and after (a shared machine). gui_probe.py's 4 ms timer takes the gaps.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = 2_000
JUMPS = 20


def child(tree: Path, instances: int, thumbs: str, out: str) -> None:
    sys.path[:0] = [str(tree), str(tree / "tests"), str(HERE)]
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    os.environ["PYBLISH_QML_HISTORY_PATH"] = str(Path(tempfile.mkdtemp(prefix="list-bench-")) / "h.sqlite3")
    from gui_probe import Probe
    from helpers import HostProcess, free_port, isolated_env
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from pyblish_qml.app.application import Application
    from pyblish_qml.app.live.state import State
    from pyblish_qml.app.shell.preferences import Preferences

    app = QApplication(sys.argv[:1])

    def wait(condition, timeout=180.0):
        deadline = time.perf_counter() + timeout
        while not condition() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)

    def walk(item):
        yield item
        for c in item.childItems():
            yield from walk(c)

    host = HostProcess(HERE / "thumbs_suite", env=isolated_env(BENCH_THUMBS=thumbs, BENCH_INSTANCES=str(instances)))
    folder = Path(tempfile.mkdtemp())
    application = Application(free_port(), mode="user", app=app, preferences=Preferences(folder / "settings.json"))
    application.start()
    controller = application.controller
    controller.show_host(host.port, {"WindowSize": [880, 640]})
    wait(lambda: controller.status.state == State.Ready and controller.run.last_op == "reset"
         and len(controller.models.instance_model.items()) > instances)
    application.window.show()
    wait(lambda: application.window.isExposed())
    listing = next(i for i in walk(application.window.contentItem()) if i.objectName() == "instanceList")
    pump(0.5)
    probe = Probe(str(folder / "gaps.json"))
    result: dict = {}

    def phase(name: str, positions: list[float], tick: float) -> None:
        began = time.time()
        ticks_before = probe.ticks
        slowest = 0.0
        for y in positions:
            started = time.perf_counter()
            listing.setProperty("contentY", y)
            slowest = max(slowest, time.perf_counter() - started)
            pump(tick)
        gaps = [gap for stamp, gap in probe.gaps if stamp >= began]
        ticks = max(1, probe.ticks - ticks_before)
        ranked = sorted(gaps, reverse=True)  # gaps over 8 ms only: the 99th percentile is one of them, or under 8
        p99 = ranked[ticks // 100] * 1000 if len(ranked) > ticks // 100 else 8.0
        result[name] = {"longest_ms": max(gaps, default=0.0) * 1000, "over16": sum(1 for g in gaps if g > 0.016),
                        "p99_ms": p99, "set_ms": slowest * 1000, "steps": len(positions),
                        "seconds": time.time() - began}

    row = 26.0
    end = max(0.0, listing.property("contentHeight") - listing.height())
    rows = min(1500, int(end / row))
    if os.environ.get("BENCH_JUMPS_ONLY"):  # profiling the jumps alone (py-spy, gdb)
        if os.environ["BENCH_JUMPS_ONLY"] == "2":  # after a steady scroll
            phase("steady", [min(end, row * 3 * k) for k in range(1, rows // 3 + 1)], 0.016)
        print("jumping", os.getpid(), flush=True)
        rng = random.Random(7)
        phase("jumps", [rng.uniform(0, end) for _ in range(JUMPS)], 0.1)
        print(json.dumps(result), flush=True)
        return
    phase("steady", [min(end, row * 3 * k) for k in range(1, rows // 3 + 1)], 0.016)
    listing.setProperty("contentY", 0)
    pump(0.3)
    screen = listing.height()
    phase("flick", [min(end, screen * k) for k in range(1, int(min(end, 1500 * row) / screen) + 1)], 0.016)
    rng = random.Random(7)
    phase("jumps", [rng.uniform(0, end) for _ in range(JUMPS)], 0.1)
    probe.timer.stop()
    result["delegates"] = sum(1 for i in walk(listing) if i.objectName().startswith("instance:"))
    application.shutdown()
    host.stop()
    Path(out).write_text(json.dumps(result))


def make_thumbnails(folder: Path) -> None:
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    _app = QGuiApplication.instance() or QGuiApplication(["bench", "-platform", "offscreen"])
    for index in range(FILES):
        image = QImage(640, 360, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(index * 37 % 360, 160, 200))
        painter = QPainter(image)
        painter.fillRect(40 + index % 300, 40, 200, 200, QColor.fromHsv(index * 91 % 360, 200, 120))
        painter.end()
        image.save(str(folder / ("t%05d.png" % index)))


def _arg(name: str, default: str) -> str:
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main() -> int:
    if "--child" in sys.argv:
        child(Path(_arg("--tree", ".")), int(_arg("--instances", "10000")), _arg("--thumbs", ""), _arg("--out", ""))
        return 0
    trees = [part.split("=", 1) for part in _arg("--trees", "new=.").split(",")]
    sizes = [int(s) for s in _arg("--sizes", "1000,10000").split(",")]
    rounds = int(_arg("--rounds", "1"))
    which = _arg("--thumbs", "with")
    folder = Path(tempfile.mkdtemp(prefix="list-bench-thumbs-"))
    if which != "without":
        make_thumbnails(folder)
    kinds = {"with": [str(folder)], "without": [""], "both": [str(folder), ""]}[which]
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(), flush=True)
    for round_ in range(rounds):
        for size in sizes:
            for thumbs in kinds:
                for name, tree in trees:
                    out = tempfile.mktemp(suffix=".json")
                    command = [sys.executable, __file__, "--child", "--tree", str(Path(tree).resolve()),
                               "--instances", str(size), "--thumbs", thumbs, "--out", out]
                    done = subprocess.run(command, capture_output=True, text=True, timeout=1200)
                    if not os.path.exists(out):
                        print("round %d %s %d: failed\n%s" % (round_ + 1, name, size, done.stderr[-2000:]))
                        continue
                    r = json.loads(Path(out).read_text())
                    print("round %d, %-5s %6d rows %-8s: steady %6.1f ms (p99 %4.1f, %3d > 16) | flick %7.1f ms"
                          " (p99 %4.1f, %3d > 16) | jumps %8.1f ms (%3d > 16, slowest set %7.1f ms) | %d delegates"
                          % (round_ + 1, name, size, "thumbs" if thumbs else "none",
                             r["steady"]["longest_ms"], r["steady"]["p99_ms"], r["steady"]["over16"],
                             r["flick"]["longest_ms"], r["flick"]["p99_ms"], r["flick"]["over16"],
                             r["jumps"]["longest_ms"], r["jumps"]["over16"], r["jumps"]["set_ms"], r["delegates"]),
                          flush=True)
    print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
