"""Benchmark: the farm hand-off of 100 instances — bundle written and submitted (local submitter).

    .venv/bin/python tests/benchmarks/farm_handoff_bench.py [--instances 100] [--repeat 5]

Issue 22's bar: ≤ 1 s for 100 instances after validation. Measures :func:`pyblish_qml.farm.handoff.hand_off`
end to end with a real workstation host on the line (its ``farmHandoff`` save round trip), a
100-instance wire Context and the ``local`` submitter starting ``openjd run`` in the background
(the submission is made; the farm then works on its own). Prints the median and the slowest.
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

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pyblish_qml.farm import handoff, submitters  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="farm-handoff-"))
    scene = folder / "scene.ma"
    scene.write_text("scene")
    ready = folder / "port"
    host = subprocess.Popen([sys.executable, "-m", "pyblish_qml.host", "--no-show", "--port", "0", "--ready-file",
                             str(ready), "--heartbeat-interval", "3600"], env=dict(os.environ, PYBLISH_QML_PORT="1"))
    while not ready.exists():
        time.sleep(0.02)
    port = int(ready.read_text())
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene), "hostName": "python"},
               "children": [{"id": "id%d" % n, "name": "asset%03d" % n,
                             "data": {"family": "model", "farm": True, "frames": list(range(100))}, "children": []}
                            for n in range(args.instances)]}
    plugins = [{"id": "p%d" % n, "name": "Plugin%d" % n, "order": n / 10.0, "active": True} for n in range(30)]
    times = []
    processes = []
    try:
        for _ in range(args.repeat):
            done = handoff.hand_off(context, plugins, [c["id"] for c in context["children"]], port=port,
                                    root=folder / "bundles", kind=submitters.SubmitterKind.LOCAL)
            times.append(done.seconds)
            processes.append(done.submission.pid)
    finally:
        host.terminate()
        for pid in processes:  # the benchmark measures the hand-off, not the farm: stop the runs it started
            try:
                os.killpg(pid, 15)
            except ProcessLookupError:
                pass
    print("hand-off of %d instances (bundle written + submitted): median %.0f ms, slowest %.0f ms over %d" % (
        args.instances, 1000 * statistics.median(times), 1000 * max(times), len(times)))
    return 0 if max(times) <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
