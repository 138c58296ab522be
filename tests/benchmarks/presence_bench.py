"""Benchmark: how soon the window knows — a host killed, a frozen host thawed, a UI restarted.

    .venv/bin/python tests/benchmarks/presence_bench.py [--runs 3]

Real processes: a UI (offscreen) and a standalone host that shows it (heartbeat every 0.3 s,
HeartbeatTimeout 1 s for the busy case). Times, by polling the UI's ``state()``:

- SIGKILL the host → ``hostGone`` (the read-only record with its banner);
- SIGSTOP the host until it is judged busy, SIGCONT → the busy message gone;
- SIGKILL the UI, start a new one on the same port → ready on that host again (re-attached
  by its heartbeats, without ``show``).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from helpers import HostProcess, UIProcess, isolated_env, ready, wait_for  # noqa: E402

SETTINGS = {"HeartbeatInterval": 0.3, "HeartbeatTimeout": 1.0}


def host_for(ui: UIProcess) -> HostProcess:
    return HostProcess("gone", "--exit-after", "0", "--heartbeat-interval", "0.3", "--settings",
                       json.dumps(SETTINGS), env=isolated_env(PYBLISH_QML_PORT=str(ui.port)), show=True)


def timed(condition, what: str) -> float:
    started = time.monotonic()
    wait_for(condition, 30, what)
    return time.monotonic() - started


def one_run() -> dict:
    out = {}
    ui = UIProcess()
    host = host_for(ui)
    try:
        wait_for(lambda: ready(ui.proxy, host.port), 20, "collect")
        host.process.send_signal(signal.SIGSTOP)
        wait_for(lambda: ui.proxy.state()["hostBusy"], 20, "busy")
        host.process.send_signal(signal.SIGCONT)
        out["thawed → busy cleared"] = timed(lambda: not ui.proxy.state()["hostBusy"], "busy cleared")
        ui.process.send_signal(signal.SIGKILL)
        ui.process.wait()
        again = UIProcess(port=ui.port)
        started = time.monotonic()
        wait_for(lambda: ready(again.proxy, host.port), 30, "re-attached")
        out["UI restarted → ready on its host"] = time.monotonic() - started
        host.process.send_signal(signal.SIGKILL)
        out["host killed → host gone"] = timed(lambda: again.proxy.state()["hostGone"], "gone")
        again.stop()
    finally:
        ui.stop()
        host.stop()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [one_run() for _ in range(args.runs)]
    for key in results[0]:
        values = sorted(r[key] for r in results)
        print("%-34s %s" % (key, "  ".join("%.2f s" % v for v in values)))


if __name__ == "__main__":
    main()
