"""Benchmark: what the run history costs and how fast it reads back.

    .venv/bin/python tests/benchmarks/record_bench.py [--repeat 5] [--skip-publish]

1. The 1,000-pair publish of publish_bench.py (100 instances x 10 plugins, real host, real UI
   process), best of N, with recording off (PYBLISH_QML_HISTORY=0) and on, in one run.
2. The GUI thread: the time of ``Recorder.consume`` per drain, and the longest stall of a
   GUI-like loop (1 ms ticks) while the writer thread records a 1,000-pair / 10,000-record run
   as fast as drains can come (the GIL is shared), against the same loop with no writer; and a
   real Controller on a real Qt event loop publishing 1,000 pairs of a real host: the longest
   gap between 1 ms timer ticks, recording off and on.
3. Listing 1,000 stored runs (opening the database included), and loading one run of 1,000
   pairs and 10,000 records.

A script, not a test: the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import publish_bench  # noqa: E402
from record_events import run_events  # noqa: E402

from pyblish_qml.record.recorder import Recorder  # noqa: E402
from pyblish_qml.record.retention import Retention  # noqa: E402
from pyblish_qml.record.store import RunStore  # noqa: E402
from pyblish_qml.record.writer import HistoryWriter  # noqa: E402


def publish_cost(repeat: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="record-bench-"))
    db = folder / "history.sqlite3"
    results = {}
    for label, recording in (("off", "0"), ("on", "1"), ("off again", "0"), ("on again", "1")):
        os.environ["PYBLISH_QML_HISTORY"] = recording
        os.environ["PYBLISH_QML_HISTORY_PATH"] = str(db)
        results[label] = publish_bench.run(100, 10, repeat)
    off = min(results["off"]["publish_s"], results["off again"]["publish_s"])
    on = min(results["on"]["publish_s"], results["on again"]["publish_s"])
    pairs = results["on"]["pairs"]
    runs = RunStore(db).list_runs()
    print("publish %d pairs: recording off %.3f s, on %.3f s -> recording costs %+.1f %% (%d runs stored, "
          "largest %d pairs)" % (pairs, off, on, (on - off) / off * 100, len(runs), max(r.pairs for r in runs)))


def drains(events: list, per_drain: int) -> list[list]:
    """Events cut as the GUI drains them: a few pairs per 16 ms."""
    head, pairs, tail = events[:2], events[2:-1], events[-1:]
    out = [head]
    out += [pairs[i:i + per_drain] for i in range(0, len(pairs), per_drain)]
    out.append(tail)
    return out


def gui_stalls(seconds_floor: float, work) -> tuple[float, float]:
    """Run ``work`` in a thread while this (GUI-like) thread ticks every 1 ms; (max, p99) gap in ms."""
    gaps = []
    done = threading.Event()
    thread = threading.Thread(target=lambda: (work(), done.set()))
    start = time.perf_counter()
    thread.start()
    last = time.perf_counter()
    while not done.is_set() or time.perf_counter() - start < seconds_floor:
        time.sleep(0.001)
        now = time.perf_counter()
        gaps.append((now - last) * 1000)
        last = now
    thread.join()
    gaps.sort()
    return gaps[-1], gaps[int(len(gaps) * 0.99)]


def gui_thread_cost() -> None:
    folder = Path(tempfile.mkdtemp(prefix="record-bench-"))
    events = run_events(plugins=10, instances=100, records_per_pair=10, fail_every=50)
    batches = drains(events, 20)
    recorder = Recorder(HistoryWriter(folder / "history.sqlite3", Retention(max_days=0)))
    assert recorder.writer.available, recorder.status
    consume = []

    def feed():
        for batch in batches:
            begin = time.perf_counter()
            recorder.consume(batch)
            consume.append((time.perf_counter() - begin) * 1000)
        recorder.flush()

    # The GUI thread is the one calling consume; the stall loop measures the writer's effect on it.
    begin = time.perf_counter()
    feed()
    written = time.perf_counter() - begin
    base_max, base_p99 = gui_stalls(written, lambda: None)
    max_gap, p99_gap = gui_stalls(0, lambda: [recorder.consume(b) for b in batches] and recorder.flush())
    print("GUI thread: consume() per drain max %.3f ms, mean %.4f ms over %d drains; the writer recorded "
          "1,000 pairs + 10,000 records in %.2f s" % (max(consume), sum(consume) / len(consume), len(consume),
                                                      written))
    print("GUI-like 1 ms loop while the writer works: longest gap %.1f ms (p99 %.1f ms); with no writer "
          "%.1f ms (p99 %.1f ms)" % (max_gap, p99_gap, base_max, base_p99))
    recorder.close()


def real_gui_thread(repeat: int) -> None:
    """A real controller on this (GUI) thread and a real 1,000-pair host: the longest gap between
    1 ms timer ticks of the Qt event loop during a publish, with recording off and on, and the
    longest single ``consume`` call."""
    import subprocess

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from pyblish_qml.app.controller import Controller

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="record-bench-"))
    publish_bench.write_plugins(folder, 10)
    env = dict(os.environ, BENCH_INSTANCES="100", PYTHONUNBUFFERED="1")
    env.pop("PYBLISHPLUGINPATH", None)
    host = subprocess.Popen([sys.executable, "-m", "pyblish_qml.host", "--plugin-path", str(folder), "--no-show",
                             "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(host.stdout.readline().rsplit(":", 1)[1].split("/")[0])

    def until(condition) -> None:
        loop = QEventLoop()
        check = QTimer()
        check.timeout.connect(lambda: condition() and loop.quit())
        check.start(5)
        loop.exec()
        check.stop()

    def one(label: str) -> None:
        controller = Controller()
        recorder = None
        calls: list[float] = []
        if label == "on":
            recorder = Recorder(HistoryWriter(folder / "history.sqlite3", Retention(max_days=0)))
            consume = recorder.consume

            def timed(events):
                begin = time.perf_counter()
                consume(events)
                calls.append((time.perf_counter() - begin) * 1000)

            recorder.consume = timed
            controller.recorder = recorder
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [0]

        def tick():
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        ticks = QTimer()
        ticks.timeout.connect(tick)
        for _ in range(repeat):
            controller.show_host(port, {})
            until(lambda: controller.status.state.name == "Ready" and controller.run.op is None)
            last[0] = clock.nsecsElapsed()
            ticks.start(1)
            controller.publish()
            until(lambda: controller.status.state.name == "Ready" and controller.run.published)
            ticks.stop()
            controller.set_visible(False)  # the next show collects again
        gaps.sort()
        print("real GUI thread, 1,000-pair publish x%d, recording %-3s: longest event-loop gap %.1f ms, p99 %.1f ms"
              "%s" % (repeat, label, gaps[-1], gaps[int(len(gaps) * 0.99)],
                      "; longest consume() %.3f ms over %d drains" % (max(calls), len(calls)) if calls else ""))
        controller.shutdown()
        if recorder is not None:
            recorder.close()

    try:
        for label in ("off", "on", "off", "on"):
            one(label)
    finally:
        host.terminate()
        host.wait(10)
    del app


def read_speed() -> None:
    folder = Path(tempfile.mkdtemp(prefix="record-bench-"))
    db = folder / "history.sqlite3"
    writer = HistoryWriter(db, Retention(max_runs=0, max_days=0))
    big = run_events(plugins=10, instances=100, records_per_pair=10, fail_every=50)
    writer.put(time.time(), "the big one", big)
    small = run_events(plugins=5, instances=4, records_per_pair=2)
    for _ in range(999):
        writer.put(time.time(), "", small)
    writer.flush()
    writer.close()
    timings = []
    for _ in range(5):
        begin = time.perf_counter()
        store = RunStore(db)
        runs = store.list_runs()
        timings.append(time.perf_counter() - begin)
        store.close()
    print("list %d stored runs (open included): best %.1f ms, worst %.1f ms" % (
        len(runs), min(timings) * 1000, max(timings) * 1000))
    timings = []
    for _ in range(5):
        begin = time.perf_counter()
        store = RunStore(db)
        report = store.load(1)
        timings.append(time.perf_counter() - begin)
        store.close()
    records = sum(len(p["records"]) for p in report.pairs)
    begin = time.perf_counter()
    events = report.events()
    replay = time.perf_counter() - begin
    print("load a run of %d pairs and %d records (open included): best %.1f ms, worst %.1f ms; as %d events "
          "%.1f ms; database %.1f MB" % (len(report.pairs), records, min(timings) * 1000, max(timings) * 1000,
                                        len(events), replay * 1000, db.stat().st_size / 1e6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-publish", action="store_true")
    args = parser.parse_args()
    gui_thread_cost()
    real_gui_thread(3)
    read_speed()
    if not args.skip_publish:
        publish_cost(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
