"""Benchmark: this project against pyblish-lite and the headless floor, same plugins, interleaved.

    xvfb-run -a .venv/bin/python tests/benchmarks/peers_bench.py --lite-python /tmp/lite-venv/bin/python

Not part of the suite (it needs a second interpreter with PyQt5); tests/benchmarks/README.md says
how to set pyblish-lite up. Subjects run A B C, A B C, A B C on the same 100 instances x 10 no-op
plugins (``--size``), each timing the publish after collection:

- **A** this project: the UI process publishing through a real host process (control API);
- **B** pyblish-lite 0.8.12 in its own window (``PYBLISH_DELAY=0.001``: lite defers each pair by
  ``delay x PYBLISH_DELAY`` seconds, and 0 recurses at 1,000 pairs);
- **C** ``pyblish.util.publish`` in one process, no GUI — the floor every GUI is measured against.

One table: median seconds, ratio to the headless floor and to this project, interpreter used.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from floor_bench import Subject, headless  # noqa: E402
from publish_bench import write_plugins  # noqa: E402

LITE = textwrap.dedent("""
    import json, sys, time
    import pyblish.api
    from PyQt5 import QtCore, QtWidgets
    pyblish.api.register_plugin_path(sys.argv[1])
    pyblish.api.register_host("python")
    app = QtWidgets.QApplication(sys.argv[:1])
    from pyblish_lite import control, window
    controller = control.Controller()
    win = window.Window(controller)
    win.show()
    times = {}

    def reset_done():  # as a click on Publish would: once lite has finished the reset
        controller.was_reset.disconnect(reset_done)
        QtCore.QTimer.singleShot(0, start_publish)

    def start_publish():
        times["reset"] = time.perf_counter()
        controller.publish()

    def published():
        times["published"] = time.perf_counter()
        app.quit()

    controller.was_reset.connect(reset_done)
    controller.was_published.connect(published)
    times["start"] = time.perf_counter()
    controller.reset()
    app.exec_()
    print(json.dumps({"publish": times["published"] - times["reset"], "pairs": len(controller.context.data["results"]),
                      "python": sys.version.split()[0]}))
""")


def lite(python: str, folder: Path, instances: int) -> dict:
    env = dict(os.environ, BENCH_INSTANCES=str(instances), PYBLISH_DELAY="0.001")
    env.pop("PYBLISHPLUGINPATH", None)
    env.pop("PYTHONPATH", None)
    done = subprocess.run([python, "-c", LITE, str(folder)], env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode:
        raise RuntimeError("pyblish-lite failed:\n%s" % done.stderr[-2000:])
    return json.loads(done.stdout.splitlines()[-1])


def ours(tree: Path, folder: Path, instances: int) -> dict:
    subject = Subject(tree, folder, instances)
    try:
        return subject.publish()
    finally:
        subject.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lite-python", required=True, help="a Python 3.9 with PyQt5, pyblish-base, pyblish-lite")
    parser.add_argument("--tree", default=str(HERE.parents[1]), help="the checkout of this project to run")
    parser.add_argument("--size", default="100x10")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    instances, plugins = (int(part) for part in args.size.split("x"))
    folder = Path(tempfile.mkdtemp(prefix="pyblish-peers-"))
    write_plugins(folder, plugins)
    print("load before: %s" % os.popen("uptime").read().strip(), flush=True)
    lite_python = subprocess.run([args.lite_python, "-c", "import sys; print(sys.version.split()[0])"],
                                 capture_output=True, text=True, check=True).stdout.strip()
    times: dict = {"A": [], "B": [], "C": []}
    for round_ in range(args.rounds):
        a = ours(Path(args.tree), folder, instances)
        b = lite(args.lite_python, folder, instances)
        c = headless(folder, instances)
        times["A"].append(a["publish"])
        times["B"].append(b["publish"])
        times["C"].append(c)
        print("  round %d  A %.3f s (%d pairs)  B %.3f s (%d pairs)  C %.3f s" % (
            round_ + 1, a["publish"], a["pairs"], b["publish"], b["pairs"], c), flush=True)
    median = {key: statistics.median(values) for key, values in times.items()}
    here = "CPython %s (%s)" % (sys.version.split()[0], "PySide6")
    rows = [("A", "pyblish-qml (this project), UI + host processes", here),
            ("B", "pyblish-lite 0.8.12, PYBLISH_DELAY=0.001", "CPython %s (PyQt5)" % lite_python),
            ("C", "headless pyblish.util.publish", "CPython %s" % sys.version.split()[0])]
    print("\n%s, %d pairs, median of %d interleaved rounds" % (args.size, instances * plugins, args.rounds))
    print("| | subject | interpreter | publish s | x headless | x this project |")
    print("|---|---|---|---|---|---|")
    for key, name, interpreter in rows:
        print("| %s | %s | %s | %.3f | %.1f | %.2f |" % (key, name, interpreter, median[key], median[key] / median["C"],
                                                      median[key] / median["A"]))
    print("\nload after: %s" % os.popen("uptime").read().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
