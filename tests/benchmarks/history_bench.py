"""Benchmark: the History page, a past run and the timeline in the real window (Xvfb).

    xvfb-run -a .venv/bin/python tests/benchmarks/history_bench.py

1. A history of 1,000 stored runs: from switching to the History tab until a frame with the
   list filled has been shown (the listing runs on a worker thread).
2. Opening a stored run of 1,000 pairs and 10,000 records: from the click's slot until a frame
   of its Overview is on screen (load on a worker thread, fold on the GUI thread).
3. The timeline of 10,000 pairs (20 plugins x 500 instances) at 1400x900: painting one frame
   (QPainter into the image) and the whole frame (paint + upload + swap), fitted and while
   zooming in step by step.
A script, not a test: the figures go in the closing note.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from record_events import run_events  # noqa: E402

from pyblish_qml.record.report import Report  # noqa: E402
from pyblish_qml.record.retention import Retention  # noqa: E402
from pyblish_qml.record.writer import HistoryWriter  # noqa: E402


def make_history(db: Path) -> None:
    writer = HistoryWriter(db, Retention(max_runs=0, max_days=0))
    writer.put(time.time(), "the big one", run_events(plugins=10, instances=100, records_per_pair=10, fail_every=50))
    small = run_events(plugins=5, instances=4, records_per_pair=2)
    for _ in range(999):
        writer.put(time.time(), "", small)
    writer.flush()
    writer.close()


def big_report(folder: Path, plugins: int = 20, instances: int = 500) -> Report:
    """A stored run of plugins x instances pairs, as the history reads it back."""
    from pyblish_qml.record.store import RunStore

    db = folder / "big.sqlite3"
    writer = HistoryWriter(db, Retention(max_runs=0, max_days=0))
    writer.put(time.time(), "", run_events(plugins=plugins, instances=instances, records_per_pair=0, fail_every=97))
    writer.flush()
    writer.close()
    store = RunStore(db)
    try:
        return store.load(1)
    finally:
        store.close()


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="history-bench-"))
    db = folder / "history.sqlite3"
    make_history(db)
    os.environ["PYBLISH_QML_HISTORY_PATH"] = str(db)
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")

    from helpers import free_port
    from PySide6.QtWidgets import QApplication

    from pyblish_qml.app.application import Application
    from pyblish_qml.app.shell.preferences import Preferences

    (folder / "prefs.json").write_text('{"historyMaxRuns": 2000, "historyMaxDays": 0}')  # keep all 1,000
    app = QApplication(sys.argv[:1])
    application = Application(free_port(), mode="debug", app=app, preferences=Preferences(folder / "prefs.json"))
    application.start()
    window, controller = application.window, application.controller
    history = controller.history
    window.resize(430, 600)
    application.show()
    frames: list[float] = []
    window.frameSwapped.connect(lambda: frames.append(time.perf_counter()))

    def until(condition, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not condition():
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            app.processEvents()

    def frame_after(moment: float) -> float:
        until(lambda: frames and frames[-1] > moment)
        return frames[-1]

    from PySide6.QtQuick import QQuickItem

    tabs = window.findChild(QQuickItem, "tabs")
    until(lambda: len(frames) > 2)
    history_ms, open_ms = [], []
    for _attempt in range(5):
        tabs.setProperty("currentIndex", 0)
        frame_after(time.perf_counter())
        begin = time.perf_counter()
        tabs.setProperty("currentIndex", 3)  # the History page: its onVisibleChanged lists again
        until(lambda: history.total == 1000 and not history.busy)
        history_ms.append((frame_after(time.perf_counter()) - begin) * 1000)
        begin = time.perf_counter()
        history.open_run(1)
        until(lambda: history.viewingPast and controller.models.terminal_model.rowCount() > 5000)
        open_ms.append((frame_after(time.perf_counter()) - begin) * 1000)
        history.back_to_live()
    report = history.report
    print("History page, 1,000 stored runs, 430x600: list shown in best %.0f ms, worst %.0f ms" % (
        min(history_ms), max(history_ms)))
    history.open_run(1)
    until(lambda: history.viewingPast)
    report = history.report
    print("open a past run of %d pairs and %d records: shown in best %.0f ms, worst %.0f ms" % (
        len(report.pairs), sum(len(p["records"]) for p in report.pairs), min(open_ms), max(open_ms)))

    window.resize(1400, 900)
    history.show_report(big_report(folder))
    tabs.setProperty("currentIndex", 2)
    view = window.findChild(QQuickItem, "timelineView")
    frame_after(time.perf_counter())
    paints, totals = [], []
    for step in range(30):
        begin = time.perf_counter()
        if step < 10:
            view.fit() if step % 2 else view.zoomAt(1.0001, 700)  # a fitted frame, repainted
        else:
            view.zoomAt(1.5, 300 + step * 20)
        frame_after(begin)
        totals.append((frames[-1] - begin) * 1000)
        paints.append(view.paint_seconds * 1000)
    fitted_p, fitted_t = paints[:10], totals[:10]
    print("timeline, %d pairs in %d lanes at 1400x900: paint fitted best %.1f / worst %.1f ms, frame best %.1f / "
          "worst %.1f ms; zooming: paint worst %.1f ms, frame worst %.1f ms (median %.1f)" % (
              history.timeline.count, history.timeline.laneCount, min(fitted_p), max(fitted_p), min(fitted_t),
              max(fitted_t), max(paints[10:]), max(totals[10:]), sorted(totals[10:])[10]))
    application.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
