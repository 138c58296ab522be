"""Benchmark: a real host process, a real UI process (offscreen), N instances x M no-op plugins.

    .venv/bin/python tests/benchmarks/publish_bench.py [--sizes 100x10,400x10] [--repeat 5]

For each size it prints: show -> ready (reset + collection, through the control API), the
publish time, the UI's overhead per (plugin, instance) pair compared with the same work done
headless by ``pyblish.util.publish()`` in one process, and the per-pair round trip. It is a
script, not a test: numbers go in the closing note and the README, not in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import xmlrpc.client
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PLUGINS = """
import os
import pyblish.api

COUNT = int(os.environ["BENCH_INSTANCES"])


class CollectBench(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        for index in range(COUNT):
            context.create_instance("asset%04d" % index, family="bench")
"""

NOOP = """

class Noop{index:02d}(pyblish.api.InstancePlugin):
    order = pyblish.api.{band}Order + {offset}
    families = ["bench"]

    def process(self, instance):
        pass
"""

HEADLESS = textwrap.dedent("""
    import json, sys, time
    import pyblish.api, pyblish.util
    pyblish.api.register_plugin_path(sys.argv[1])
    pyblish.api.register_host("python")
    plugins = pyblish.api.discover()
    start = time.perf_counter()
    context = pyblish.util.collect(plugins=plugins)
    collected = time.perf_counter()
    pyblish.util.publish(context, plugins=[p for p in plugins if p.order >= 0.5])
    done = time.perf_counter()
    print(json.dumps({"collect": collected - start, "publish": done - collected,
                      "pairs": len(context.data["results"])}))
""")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_plugins(folder: Path, plugins: int) -> None:
    source = PLUGINS
    for index in range(plugins):
        band = "Validator" if index < plugins // 2 else "Extractor"
        source += NOOP.format(index=index, band=band, offset=index / 1000)
    (folder / "bench_plugins.py").write_text(source)


def wait(condition, timeout=600.0, period=0.01):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(period)
    raise TimeoutError("benchmark step did not finish")


def run(instances: int, plugins: int, repeat: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="pyblish-bench-"))
    write_plugins(folder, plugins)
    env = dict(os.environ, BENCH_INSTANCES=str(instances), QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    env.pop("PYBLISHPLUGINPATH", None)
    ui_port = free_port()
    env["PYBLISH_QML_PORT"] = str(ui_port)
    ui = subprocess.Popen([sys.executable, "-m", "pyblish_qml", "--port", str(ui_port)], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=str(REPO))
    host = subprocess.Popen([sys.executable, "-m", "pyblish_qml.host", "--plugin-path", str(folder), "--no-show",
                             "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=str(REPO))
    host_port = int(host.stdout.readline().rsplit(":", 1)[1].split("/")[0])
    proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui_port)
    wait(lambda: _answers(proxy), 30)
    rows = []
    try:
        for attempt in range(repeat):
            if attempt:
                proxy.hide()
                wait(lambda: not proxy.state()["visible"])
            start = time.perf_counter()
            proxy.show(host_port, {})
            wait(lambda: (s := proxy.state())["state"] == "ready" and s["instances"] == instances + 1
                 and not s["published"])
            shown = time.perf_counter()
            proxy.publish()
            state = wait(lambda: (s := proxy.state())["published"] and s["state"] == "ready" and s)
            published = time.perf_counter()
            rows.append({"show_to_ready": shown - start, "publish": published - shown,
                         "pairs": state["progress"][0]})
    finally:
        proxy.quit()
        ui.wait(timeout=30)
        host.terminate()
        host.wait(timeout=30)
    headless = [json.loads(subprocess.run([sys.executable, "-c", HEADLESS, str(folder)], env=env, check=True,
                                          capture_output=True, text=True).stdout.splitlines()[-1])
                for _ in range(repeat)]
    runs = " ".join("%.3f" % r["publish"] for r in rows)
    print("  %dx%d publish runs: %s s" % (instances, plugins, runs), flush=True)
    best = min(rows, key=lambda r: r["publish"])
    fastest = min(headless, key=lambda r: r["publish"])
    return {
        "size": "%dx%d" % (instances, plugins), "pairs": best["pairs"],
        "show_to_ready_s": min(r["show_to_ready"] for r in rows), "publish_s": best["publish"],
        "headless_publish_s": fastest["publish"], "headless_collect_s": fastest["collect"],
        "per_pair_ms": best["publish"] / best["pairs"] * 1000,
        "ui_overhead_per_pair_ms": (best["publish"] - fastest["publish"]) / best["pairs"] * 1000,
    }


def _answers(proxy) -> bool:
    try:
        return bool(proxy.ping())
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100x10,400x10")
    parser.add_argument("--repeat", type=int, default=5)  # best of N: this machine is noisy
    args = parser.parse_args()
    results = []
    for size in args.sizes.split(","):
        instances, plugins = (int(part) for part in size.split("x"))
        result = run(instances, plugins, args.repeat)
        results.append(result)
        print("%-7s pairs=%-5d show->ready %6.3f s   publish %6.3f s   per pair %5.2f ms   "
              "headless publish %6.3f s   UI overhead/pair %5.2f ms" % (
                  result["size"], result["pairs"], result["show_to_ready_s"], result["publish_s"],
                  result["per_pair_ms"], result["headless_publish_s"], result["ui_overhead_per_pair_ms"]),
              flush=True)
    if len(results) >= 2:
        ratio = results[1]["publish_s"] / results[0]["publish_s"]
        print("growth %s -> %s: %.2fx time for %.1fx pairs" % (results[0]["size"], results[1]["size"], ratio,
                                                              results[1]["pairs"] / results[0]["pairs"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
