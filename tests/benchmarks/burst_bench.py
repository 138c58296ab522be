"""Benchmark: 200 concurrent clients against a real UI process for 15 s; resets, ping p99, heartbeats.

    .venv/bin/python tests/benchmarks/burst_bench.py [--clients 200] [--seconds 15] [--target ui|host]

Starts a real UI process (offscreen) and a real host process, then client *processes* (stock
``xmlrpc.client``, threads inside) that call ``ping`` on the control server (``--target host``:
the host service) as fast as they get answers: half keep one connection alive, half connect
anew for every call (what hundreds of short-lived scripts do). Meanwhile this process sends the
host's ``heartbeat`` once a second, as a host does, and times it. Prints calls, connection
resets and other errors, ping latency percentiles, the slowest heartbeat, and the UI's memory
before and after.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap
import time
import xmlrpc.client
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from helpers import HostProcess, UIProcess  # noqa: E402

CLIENT = textwrap.dedent("""
    import http.client, json, sys, threading, time, xmlrpc.client
    url, threads, seconds, fresh_share = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    latencies, errors, lock = [], {}, threading.Lock()
    start_at = float(sys.argv[5])

    def client(index):
        fresh = index < threads * fresh_share
        proxy = xmlrpc.client.ServerProxy(url)
        mine, my_errors = [], {}
        while time.time() < start_at:
            time.sleep(0.01)
        end = start_at + seconds
        while time.time() < end:
            if fresh:
                proxy = xmlrpc.client.ServerProxy(url)
            began = time.perf_counter()
            try:
                proxy.ping()
                mine.append(time.perf_counter() - began)
            except Exception as error:
                name = type(error).__name__
                my_errors[name] = my_errors.get(name, 0) + 1
                proxy = xmlrpc.client.ServerProxy(url)
        with lock:
            latencies.extend(mine)
            for name, count in my_errors.items():
                errors[name] = errors.get(name, 0) + count

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"latencies": latencies, "errors": errors}))
""")


def rss_kib(pid: int) -> int:
    for line in Path("/proc/%d/status" % pid).read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--fresh-share", type=float, default=0.5, help="share of clients connecting per call")
    parser.add_argument("--target", choices=("ui", "host"), default="ui", help="whose server the clients ping")
    args = parser.parse_args()

    ui = UIProcess()
    host = HostProcess("cvei")
    try:
        ui.proxy.show(host.port)
        time.sleep(1.0)  # let the first collection settle before measuring memory
        before = rss_kib(ui.process.pid)
        start_at = time.time() + 2.0
        per = args.clients // args.processes
        url = "http://127.0.0.1:%d" % ui.port if args.target == "ui" else host.url
        clients = [subprocess.Popen([sys.executable, "-c", CLIENT, url, str(per), str(args.seconds),
                                     str(args.fresh_share), repr(start_at)], stdout=subprocess.PIPE, text=True)
                   for _ in range(args.processes)]
        heartbeats = []
        beat = xmlrpc.client.ServerProxy("http://127.0.0.1:%d" % ui.port)
        while time.time() < start_at + args.seconds:
            began = time.perf_counter()
            try:
                beat.heartbeat(host.port)
                heartbeats.append(time.perf_counter() - began)
            except Exception as error:
                heartbeats.append(float("inf"))
                print("heartbeat failed: %s" % error)
            time.sleep(1.0)
        latencies, errors = [], {}
        for process in clients:
            out, _ = process.communicate(timeout=120)
            row = json.loads(out.strip().splitlines()[-1])
            latencies += row["latencies"]
            for name, count in row["errors"].items():
                errors[name] = errors.get(name, 0) + count
        after = rss_kib(ui.process.pid)
        alive = ui.process.poll() is None and bool(ui.proxy.ping())
    finally:
        host.stop()
        ui.stop()
    print("%d clients (%d%% connecting per call) for %.0f s against a real %s process:"
          % (args.clients, args.fresh_share * 100, args.seconds, "UI" if args.target == "ui" else "host"))
    print("  pings answered %d (%.0f/s); errors %s" % (len(latencies), len(latencies) / args.seconds,
                                                       json.dumps(errors) if errors else "none"))
    print("  ping latency p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
        percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, max(latencies or [0]) * 1000))
    print("  heartbeats %d, slowest %.1f ms" % (len(heartbeats), max(heartbeats or [0]) * 1000))
    print("  UI memory (RSS) %.1f MiB before, %.1f MiB after; UI alive afterwards: %s"
          % (before / 1024, after / 1024, alive))
    return 0


if __name__ == "__main__":
    sys.exit(main())
