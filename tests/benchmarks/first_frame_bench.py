"""Benchmark: process start -> first rendered frame of ``python -m pyblish_qml --debug`` (issue 15).

    xvfb-run -a .venv/bin/python tests/benchmarks/first_frame_bench.py [--trees new=.,base=/tmp/perf-base]

Wall time from just before the process is spawned (interpreter start included) to the first
``frameSwapped`` of its window (``gui_probe.py``), per tree, interleaved, ``--rounds`` times;
``python -c "import PySide6.QtQuick"`` is timed alongside as the part no code of ours can cut.
Target: <= 0.5 s.

Measured as an installed copy starts: each tree's package is byte-compiled first (pip does that
on install) and ``PYTHONDONTWRITEBYTECODE`` is dropped for the children. Without bytecode every
start compiles ~60 modules from source (~0.2 s here), which no artist's start pays.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def first_frame(tree: Path) -> float:
    out = Path(tempfile.mkdtemp(prefix="pyblish-frame-")) / "probe.json"
    env = dict(os.environ, PYTHONPATH=str(tree), PYBLISH_PROBE_FIRST_FRAME="1",
               XDG_CONFIG_HOME=str(out.parent), XDG_STATE_HOME=str(out.parent))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    frame = out.parent / "probe.json.frame"
    start = time.time()
    child = subprocess.Popen([sys.executable, str(HERE / "gui_probe.py"), str(out), "-m", "pyblish_qml", "--debug"],
                             env=env, cwd=str(tree), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not _stamp(frame) and child.poll() is None and time.time() < deadline:
            time.sleep(0.01)  # polling a file: the child's own clock stamps the frame, not this loop
        return float(_stamp(frame)) - start
    finally:
        child.kill()
        child.wait()


def _stamp(frame: Path) -> str:
    """The time the probe wrote, once it is all there (the file exists a moment before its text)."""
    try:
        return frame.read_text().strip()
    except FileNotFoundError:
        return ""


def qt_import() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import PySide6.QtQuick, PySide6.QtWidgets"], check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trees", default="new=%s" % HERE.parents[1])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (item.split("=", 1) for item in args.trees.split(","))]
    if not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    print("load before: %s  (platform: %s)" % (os.popen("uptime").read().strip(),
                                               os.environ.get("QT_QPA_PLATFORM") or "xcb"), flush=True)
    for _, tree in trees:  # as installed: bytecode ready (pip compiles on install)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "pyblish_qml")], check=True)
    times: dict = {name: [] for name, _ in trees}
    times["import PySide6 only"] = []
    for _ in range(args.rounds):
        for name, tree in trees:
            times[name].append(first_frame(tree))
        times["import PySide6 only"].append(qt_import())
    print("| subject | median s | min s | runs |")
    print("|---|---|---|---|")
    for name, values in times.items():
        print("| %s | %.3f | %.3f | %s |" % (name, statistics.median(values), min(values),
                                           " ".join("%.3f" % v for v in values)))
    print("load after: %s" % os.popen("uptime").read().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
