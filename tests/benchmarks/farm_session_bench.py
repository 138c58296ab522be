"""Benchmark: per-task overhead on the farm, the host held open by the session vs one start per task.

    .venv/bin/python tests/benchmarks/farm_session_bench.py [--host python|blender|bpy] [--instances 100]
                                                             [--per-task 20]

A no-op pipeline (``farm_noop/``: N instances, one plugin that does nothing). *Held open*: one
``openjd run`` of all N tasks in one session (the ``local`` submitter), the host started once by
the step environment: per task = (session wall time − host start) / N, minus the plugins' own
time. *One start per task*: the ``command`` submitter running ``openjd run --task-param
Instance=...`` per task, as a farm that runs one command per task does, for the first
``--per-task`` instances: per task = wall time / that many. ``--host bpy``: Blender 5.x as a Python
module, the cached venv of tests/integrations/bpy_venv.py (host kind ``bpy``). Issue 22's bar: ≤ 100 ms per task
beyond the plugin's own time when held open. ``--collect-per-task``: the bundle asks for a
collection per task (``settings.collectPerTask``), as every task did before the session kept one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from pyblish_qml.farm import bundle, manifest, submitters  # noqa: E402
from pyblish_qml.farm.outputs import attempt_dir, hosts_started, read_lines  # noqa: E402

NOOP = Path(__file__).parent / "farm_noop"


def make_bundle(folder: Path, kind: str, count: int, collect_per_task: bool = False) -> Path:
    executable = None
    if kind == "bpy":
        sys.path.insert(0, str(REPO / "tests" / "integrations"))
        import bpy_venv

        executable = str(bpy_venv.ensure())
        scene = folder / "empty.blend"
        subprocess.run([executable, "-c", "import bpy; bpy.ops.wm.save_as_mainfile(filepath=%r)" % str(scene)],
                       check=True, capture_output=True)
    elif kind == "blender":
        scene = folder / "empty.blend"
        subprocess.run(["blender", "-b", "--factory-startup", "--python-expr",
                        "import bpy; bpy.ops.wm.save_as_mainfile(filepath=%r)" % str(scene)],
                       check=True, capture_output=True)
    else:
        scene = folder / "scene.txt"
        scene.write_text("noop")
    context = {"id": "ctx", "name": "Context", "data": {"currentFile": str(scene),
                                                        "hostName": "blender" if kind == "bpy" else kind},
               "children": [{"id": "i%d" % n, "name": "noop%03d" % n, "data": {"family": "noop"}}
                            for n in range(count)]}
    return bundle.write(manifest.make(context, [], [c["id"] for c in context["children"]], scene=str(scene),
                                      host_kind=kind, plugin_paths=[str(NOOP)], collect_per_task=collect_per_task,
                                      host_executable=executable),
                        folder / "bundles")


def plugin_seconds(folder: Path, attempt: int, keys: list[str]) -> float:
    total = 0.0
    for key in keys:
        for line in read_lines(attempt_dir(folder, attempt) / ("%s.jsonl" % key)):
            if line.get("kind") == "pair":
                total += float(line["result"].get("duration") or 0.0) / 1000.0
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", choices=("python", "blender", "bpy"), default="python")
    parser.add_argument("--instances", type=int, default=100)
    parser.add_argument("--per-task", type=int, default=20, help="0: skip the one-start-per-task part")
    parser.add_argument("--collect-per-task", action="store_true", help="settings.collectPerTask (docs/farm.md)")
    args = parser.parse_args()
    os.environ["PYBLISH_QML_BENCH_INSTANCES"] = str(args.instances)
    folder = Path(tempfile.mkdtemp(prefix="farm-session-"))
    held = make_bundle(folder, args.host, args.instances, args.collect_per_task)
    keys = ["noop%03d" % n for n in range(args.instances)]
    began = time.perf_counter()
    submitters.submit(held, keys, submitters.SubmitterKind.LOCAL)
    while not (attempt_dir(held, 1) / "finished.json").exists():
        time.sleep(0.05)
    wall = time.perf_counter() - began
    hosts = hosts_started(held, 1)
    done = sum(1 for key in keys if any(line.get("state") == "done"
                                        for line in read_lines(attempt_dir(held, 1) / ("%s.jsonl" % key))))
    own = plugin_seconds(held, 1, keys)
    per_held = (wall - sum(h["seconds"] for h in hosts) - own) / args.instances
    print("held open (%s): %d/%d tasks done, %d host start(s) (%.2f s), wall %.1f s -> %.0f ms per task beyond "
          "the plugins' own %.1f ms (load %.2f)" % (args.host, done, args.instances, len(hosts),
                                                    sum(h["seconds"] for h in hosts), wall, 1000 * per_held,
                                                    1000 * own / args.instances, os.getloadavg()[0]))
    if not args.per_task:
        shutil.rmtree(folder, ignore_errors=True)
        return 0

    few = keys[:args.per_task]
    each = make_bundle(folder, args.host, args.instances)
    command = ("for i in {instances}; do %s run {template} -p Bundle={bundle} -p Attempt={attempt} "
               "--task-param Instance=$i > /dev/null; done" % shutil.which("openjd", path=os.path.dirname(
                   sys.executable)))
    began = time.perf_counter()
    submitters.submit(each, few, submitters.SubmitterKind.COMMAND, command)
    wall = time.perf_counter() - began
    starts = hosts_started(each, 1)
    own = plugin_seconds(each, 1, few)
    per_start = (wall - own) / len(few)
    print("one start per task (%s): %d host starts (%.2f s each on average), wall %.1f s for %d tasks -> %.0f ms "
          "per task beyond the plugins' own" % (args.host, len(starts), sum(h["seconds"] for h in starts) /
                                                max(1, len(starts)), wall, len(few), 1000 * per_start))
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
