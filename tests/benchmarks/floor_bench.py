"""Benchmark: how close a publish through the UI gets to the floor of the design (issue 15).

    .venv/bin/python tests/benchmarks/floor_bench.py [--trees new=.,base=/tmp/perf-base]
        [--sizes 100x10,400x10] [--rounds 3] [--big]

Each *tree* is a checkout of this project (``git worktree add /tmp/perf-base main`` for a
baseline); its UI and host processes run from it (``PYTHONPATH`` and the working folder), on
this interpreter. Rounds interleave the trees (A B A B ...), so a busy machine weighs on both.

Per tree and size it measures, against the same host service:

- the **floor**: the median bare round trip — ``ping`` as pre-built request bytes on one
  keep-alive TCP connection with ``TCP_NODELAY``, the reply read by Content-Length;
- the publish through the UI (control API ``publish`` until ``state()`` says published), and
  the same plugins headless (``pyblish.util.publish`` in one process), in the same round;
- the **per-pair overhead** = (UI publish − headless publish) / pairs, and that divided by the
  floor — the ratio issue 15 is judged by (≤ 3.0, stretch ≤ 2.0);
- the UI's RSS after the publish and the longest gap between ticks of a GUI-thread timer
  during the publish (``gui_probe.py``; ≤ 16 ms is the target).

``--big`` adds one 1,000×10 and one 10,000×10 (100,000 pairs) run per tree: time ratio
(≤ 11×), UI RSS (≤ 500 MB) and the longest GUI-thread gap. Figures are medians over rounds.
It is a script, not a test: numbers go in the closing note, not in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import xmlrpc.client
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from publish_bench import HEADLESS, free_port, wait, write_plugins  # noqa: E402


def raw_round_trips(port: int, calls: int = 1000) -> list[float]:
    """Seconds per bare ``ping``: pre-built bytes, one kept-alive socket, TCP_NODELAY."""
    body = xmlrpc.client.dumps((), "ping").encode("utf-8")
    request = (b"POST /pyblish HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: text/xml\r\n"
               b"Content-Length: %d\r\n\r\n" % (port, len(body))) + body
    sock = socket.create_connection(("127.0.0.1", port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    reader = sock.makefile("rb")
    times = []
    try:
        for _ in range(calls):
            start = time.perf_counter()
            sock.sendall(request)
            status = reader.readline()
            length = None
            while True:
                line = reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            reply = reader.read(length)
            times.append(time.perf_counter() - start)
            if b" 200 " not in status or b"Hello" not in reply:
                raise RuntimeError("ping failed: %r %r" % (status, reply[:200]))
    finally:
        reader.close()
        sock.close()
    return times


def ladder(tree: Path, port: int, calls: int = 1000) -> dict:
    """Median seconds of: ``ping`` through our client, and one no-op pair (``process_json`` where
    the host has it, else ``process``) through our client — the pair without the UI's session,
    runner and GUI. Run with the tree's own ``pyblish_qml`` so each side is measured as it is."""
    code = textwrap.dedent("""
        import json, statistics, sys, time, xmlrpc.client
        try:
            from pyblish_qml.rpc_client import Proxy
        except ImportError:  # a baseline from before the client had its own module
            from pyblish_qml.rpc import Proxy
        proxy = Proxy("http://127.0.0.1:%s/pyblish" % sys.argv[1])
        def median(call):
            times = []
            for _ in range(int(sys.argv[2])):
                start = time.perf_counter()
                call()
                times.append(time.perf_counter() - start)
            return statistics.median(times)
        plugin = next(p["id"] for p in proxy.discover() if p["name"] == "Noop00")
        instance = proxy.context()["children"][0]["id"]
        try:
            proxy.process_json(plugin, instance)
            pair = lambda: json.loads(proxy.process_json(plugin, instance))
        except xmlrpc.client.Fault:
            pair = lambda: proxy.process(plugin, instance)
        print(json.dumps({"client_ping": median(proxy.ping), "client_pair": median(pair)}))
    """)
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run([sys.executable, "-c", code, str(port), str(calls)], env=env, cwd=str(tree),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.splitlines()[-1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process in MB."""
    fields = {}
    with open("/proc/%d/status" % pid) as stream:
        for line in stream:
            name, _, value = line.partition(":")
            fields[name] = value
    return (int(fields["VmRSS"].split()[0]) / 1024.0, int(fields["VmHWM"].split()[0]) / 1024.0)


def longest_gap(path: Path, start: float, end: float) -> float:
    """Longest GUI-thread gap (s) that ended inside [start, end + gap]; waits for a fresh write."""
    def fresh():
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            return None
        return data if data["written"] > end else None

    data = wait(fresh, 30, 0.05)
    gaps = [gap for stamp, gap in data["gaps"] if start <= stamp - gap and stamp - gap <= end]
    return max(gaps, default=data["interval_ms"] / 1000.0)


class Subject:
    """One tree's UI and host for one plugin folder."""

    def __init__(self, tree: Path, folder: Path, instances: int):
        self.tree = tree
        self.instances = instances
        self.probe = Path(tempfile.mkdtemp(prefix="pyblish-probe-")) / "gui.json"
        env = dict(os.environ, BENCH_INSTANCES=str(instances), QT_QPA_PLATFORM="offscreen",
                   PYTHONUNBUFFERED="1", PYTHONPATH=str(tree))
        env.pop("PYBLISHPLUGINPATH", None)
        self.ui_port = free_port()
        env["PYBLISH_QML_PORT"] = str(self.ui_port)
        self.ui = subprocess.Popen([sys.executable, str(HERE / "gui_probe.py"), str(self.probe), "-m", "pyblish_qml",
                                    "--port", str(self.ui_port)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, cwd=str(tree))
        self.idle_probe = self.probe.with_name("idle.json")  # the machine's floor for the gap
        self.idle = subprocess.Popen([sys.executable, str(HERE / "gui_probe.py"), str(self.idle_probe), "--idle"],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.host = subprocess.Popen([sys.executable, "-m", "pyblish_qml.host", "--plugin-path", str(folder),
                                      "--no-show", "--port", "0", "--exit-after", "0"], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=str(tree))
        self.host_port = int(self.host.stdout.readline().rsplit(":", 1)[1].split("/")[0])
        self.proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % self.ui_port)
        wait(self._answers, 60)

    def _answers(self) -> bool:
        try:
            return bool(self.proxy.ping())
        except OSError:
            return False

    def publish(self) -> dict:
        self.proxy.show(self.host_port, {})
        wait(lambda: self._state_is("ready", published=False), 3600, 0.005)
        start_wall, start = time.time(), time.perf_counter()
        self.proxy.publish()
        state = wait(lambda: self._state_is("ready", published=True), 3600, 0.005)
        seconds = time.perf_counter() - start
        end_wall = time.time()
        rss, peak = rss_mb(self.ui.pid)
        return {"publish": seconds, "pairs": state["progress"][0], "rss": rss, "peak": peak,
                "gap": longest_gap(self.probe, start_wall, end_wall),
                "idle_gap": longest_gap(self.idle_probe, start_wall, end_wall)}

    def _state_is(self, name: str, published: bool):
        state = self.proxy.state()
        if (state["state"] == name and state["instances"] == self.instances + 1
                and bool(state["published"]) == published):
            return state
        return None

    def close(self) -> None:
        try:
            self.proxy.quit()
            self.ui.wait(timeout=30)
        finally:
            if self.ui.poll() is None:
                self.ui.kill()
            self.host.terminate()
            self.host.wait(timeout=30)
            self.idle.terminate()
            self.idle.wait(timeout=30)


def headless(folder: Path, instances: int) -> float:
    env = dict(os.environ, BENCH_INSTANCES=str(instances))
    env.pop("PYBLISHPLUGINPATH", None)
    out = subprocess.run([sys.executable, "-c", HEADLESS, str(folder)], env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()[-1]
    return json.loads(out)["publish"]


def measure(tree: Path, folder: Path, instances: int) -> dict:
    subject = Subject(tree, folder, instances)
    try:
        floor = statistics.median(raw_round_trips(subject.host_port))
        row = subject.publish()
        row.update(ladder(tree, subject.host_port))
    finally:
        subject.close()
    row["floor"] = floor
    row["headless"] = headless(folder, instances)
    row["overhead"] = (row["publish"] - row["headless"]) / row["pairs"]
    row["ratio"] = row["overhead"] / floor
    return row


def median_of(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trees", default="new=%s" % HERE.parents[1])
    parser.add_argument("--sizes", default="100x10,400x10")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--big", action="store_true", help="also 1,000x10 vs 10,000x10 (100,000 pairs), once")
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (item.split("=", 1) for item in args.trees.split(","))]
    sizes = [tuple(int(part) for part in size.split("x")) for size in args.sizes.split(",")]
    folders = {}
    for size in set(sizes) | ({(1000, 10), (10000, 10)} if args.big else set()):
        folders[size] = Path(tempfile.mkdtemp(prefix="pyblish-floor-"))
        write_plugins(folders[size], size[1])
    print("load before: %s" % os.popen("uptime").read().strip(), flush=True)
    print("interpreter: %s %s" % (sys.executable, sys.version.split()[0]), flush=True)
    rows: dict = {}
    for round_ in range(args.rounds):
        for name, tree in (trees if round_ % 2 == 0 else trees[::-1]):
            for size in sizes:
                row = measure(tree, folders[size], size[0])
                rows.setdefault((name, size), []).append(row)
                print("  round %d %-5s %5dx%-3d pairs %6d  publish %7.3f s  headless %6.3f s  floor %.3f ms  "
                      "overhead/pair %.3f ms  ratio %5.2f  gui gap %5.1f ms  rss %5.0f MB" % (
                          round_ + 1, name, size[0], size[1], row["pairs"], row["publish"], row["headless"],
                          row["floor"] * 1000, row["overhead"] * 1000, row["ratio"], row["gap"] * 1000, row["rss"]),
                      flush=True)
    print("\nwhere a pair's time goes (medians, ms): floor = bare ping; client ping = the same through "
          "rpc_client.Proxy; client pair = one no-op process(_json) through rpc_client.Proxy (host work + hop, no UI); "
          "UI pair = UI publish / pairs")
    print("| tree | size | floor | client ping | client pair | UI pair |")
    print("|---|---|---|---|---|---|")
    for name, _ in trees:
        for size in sizes:
            group = rows[(name, size)]
            print("| %s | %dx%d | %.3f | %.3f | %.3f | %.3f |" % (
                name, size[0], size[1], median_of(group, "floor") * 1000, median_of(group, "client_ping") * 1000,
                median_of(group, "client_pair") * 1000,
                statistics.median(r["publish"] / r["pairs"] for r in group) * 1000))
    print("\nmedians of %d rounds (ratio = overhead per pair / floor; target <= 3.0, stretch <= 2.0)" % args.rounds)
    print("| tree | size | pairs | UI publish s | headless s | floor ms | overhead/pair ms | ratio | "
          "longest GUI gap ms (idle process's) | UI RSS MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, _ in trees:
        for size in sizes:
            group = rows[(name, size)]
            print("| %s | %dx%d | %d | %.3f | %.3f | %.3f | %.3f | **%.2f** | %.1f (%.1f) | %.0f |" % (
                name, size[0], size[1], group[0]["pairs"], median_of(group, "publish"), median_of(group, "headless"),
                median_of(group, "floor") * 1000, median_of(group, "overhead") * 1000, median_of(group, "ratio"),
                median_of(group, "gap") * 1000, median_of(group, "idle_gap") * 1000, median_of(group, "rss")))
        if len(sizes) >= 2:
            small, large = rows[(name, sizes[0])], rows[(name, sizes[-1])]
            print("| %s | growth %dx%d -> %dx%d | | %.2fx time for %.1fx pairs (target <= 4.5x) | | | | | | |" % (
                name, sizes[0][0], sizes[0][1], sizes[-1][0], sizes[-1][1],
                median_of(large, "publish") / median_of(small, "publish"),
                large[0]["pairs"] / small[0]["pairs"]))
    if args.big:
        print("\n100,000 pairs (once per tree)")
        print("| tree | 10,000 pairs s | 100,000 pairs s | ratio (<= 11x) | UI RSS MB after | UI peak RSS MB | "
              "longest GUI gap ms (100k; idle process's) |")
        print("|---|---|---|---|---|---|---|")
        for name, tree in trees:
            ten = measure(tree, folders[(1000, 10)], 1000)
            hundred = measure(tree, folders[(10000, 10)], 10000)
            print("| %s | %.2f | %.2f | %.2fx | %.0f | %.0f | %.0f (%.0f) |" % (
                name, ten["publish"], hundred["publish"], hundred["publish"] / ten["publish"], hundred["rss"],
                hundred["peak"], hundred["gap"] * 1000, hundred["idle_gap"] * 1000), flush=True)
    print("\nload after: %s" % os.popen("uptime").read().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
