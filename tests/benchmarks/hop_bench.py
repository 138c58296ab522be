"""Benchmark: the host's thread hop (server thread -> dispatch thread -> back), measured alone.

    .venv/bin/python tests/benchmarks/hop_bench.py [--trees new=.,base=/tmp/perf-base]

Two figures per tree, interleaved ``--rounds`` times:

- **hop**: a no-op through the plain Python host's ``WorkerThread`` minus the same no-op called
  directly, in one process (median µs of 20,000);
- **per pair, session only**: a real host process and ``HostSession.run`` over 400 instances x 10
  no-op plugins (no Qt), with the host's default worker thread and with a dispatch wrapper that
  runs plugins inline on the server thread under a lock — the cost of the hop under this machine's
  load, which a DCC's main-thread wrapper cannot avoid and the plain host currently keeps (plugins
  run on one named worker thread: docs/semantics.md rule 10).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from publish_bench import write_plugins  # noqa: E402

HOP = textwrap.dedent("""
    import statistics, time
    from pyblish_qml.host.dispatch import WorkerThread
    worker = WorkerThread()
    noop = lambda: None
    def per_call(call, n=2000):
        start = time.perf_counter()
        for _ in range(n):
            call()
        return (time.perf_counter() - start) / n
    hops = [per_call(lambda: worker(noop)) - per_call(noop) for _ in range(10)]
    print(statistics.median(hops) * 1e6)
""")

INLINE_HOST = textwrap.dedent("""
    import sys, threading
    from pyblish_qml.host import dispatch
    lock = threading.RLock()
    def inline(func, *args, **kwargs):
        with lock:
            return func(*args, **kwargs)
    dispatch.register_dispatch_wrapper(inline)
    from pyblish_qml.host.__main__ import main
    sys.exit(main(sys.argv[1:]))
""")

SESSION = textwrap.dedent("""
    import sys, time
    from pyblish_qml.engine import pairs
    from pyblish_qml.engine.session import HostSession
    session = HostSession(int(sys.argv[1]))
    session.reset()
    session.collect()
    plugins = [plugin for plugin in session.processing if plugin.active]
    start = time.perf_counter()
    results = session.run(plugins, pairs.new_state())
    print((time.perf_counter() - start) / len(results) * 1e6)
""")


def run(code: str, tree: Path, *args: str, env=None) -> float:
    env = dict(env or os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=str(tree), capture_output=True,
                         text=True, check=True).stdout
    return float(out.split()[-1])


def per_pair(tree: Path, folder: Path, inline: bool) -> float:
    env = dict(os.environ, BENCH_INSTANCES="400", PYTHONPATH=str(tree))
    env.pop("PYBLISHPLUGINPATH", None)
    start = [sys.executable, "-c", INLINE_HOST] if inline else [sys.executable, "-m", "pyblish_qml.host"]
    host = subprocess.Popen(start + ["--plugin-path", str(folder), "--no-show", "--port", "0", "--exit-after", "0"],
                            env=env, cwd=str(tree), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = host.stdout.readline().rsplit(":", 1)[1].split("/")[0]
        return run(SESSION, tree, port, env=env)
    finally:
        host.terminate()
        host.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trees", default="new=%s" % HERE.parents[1])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (item.split("=", 1) for item in args.trees.split(","))]
    folder = Path(tempfile.mkdtemp(prefix="pyblish-hop-"))
    write_plugins(folder, 10)
    print("load before: %s" % os.popen("uptime").read().strip(), flush=True)
    figures: dict = {}
    for _ in range(args.rounds):
        for name, tree in trees:
            figures.setdefault((name, "hop"), []).append(run(HOP, tree))
            figures.setdefault((name, "worker"), []).append(per_pair(tree, folder, inline=False))
            figures.setdefault((name, "inline"), []).append(per_pair(tree, folder, inline=True))
    print("| tree | hop µs (in-process) | per pair µs, worker thread | per pair µs, inline | hop under load µs |")
    print("|---|---|---|---|---|")
    for name, _ in trees:
        hop, worker, inline = (statistics.median(figures[(name, key)]) for key in ("hop", "worker", "inline"))
        print("| %s | %.1f | %.0f | %.0f | %.0f |" % (name, hop, worker, inline, worker - inline))
    print("load after: %s" % os.popen("uptime").read().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
