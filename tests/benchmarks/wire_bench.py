"""Benchmark: the cost of one ``process`` call and the bytes per step, at 10 and 1,000 instances.

    .venv/bin/python tests/benchmarks/wire_bench.py

Starts a real host process per size, collects N instances, then times ``process`` of a no-op
instance plugin over loopback (our client, one round trip per pair) and measures the response
size of one step on the wire. The payload must not grow with N (the cost rule, docs/protocol.md).
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xmlrpc.client
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from publish_bench import REPO, write_plugins

from pyblish_qml.engine.session import HostSession


def measure(instances: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="pyblish-wire-"))
    write_plugins(folder, 2)
    env = dict(os.environ, BENCH_INSTANCES=str(instances), PYBLISH_QML_PORT="1")
    env.pop("PYBLISHPLUGINPATH", None)
    host = subprocess.Popen([sys.executable, "-m", "pyblish_qml.host", "--plugin-path", str(folder), "--no-show",
                             "--port", "0"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=str(REPO))
    try:
        port = int(host.stdout.readline().rsplit(":", 1)[1].split("/")[0])
        session = HostSession(port)
        session.reset()
        session.collect()
        noop = next(p for p in session.plugins if p.__name__ == "Noop00")
        targets = list(session.context)
        for instance in targets[:50]:
            session.process(noop, instance)  # warm up
        times = []
        for index in range(2000):
            instance = targets[index % len(targets)]
            start = time.perf_counter()
            session.process(noop, instance)
            times.append(time.perf_counter() - start)
        request = xmlrpc.client.dumps((noop.id, targets[len(targets) // 2].id), "process").encode()
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("POST", "/pyblish", body=request, headers={"Content-Type": "text/xml"})
        payload = len(connection.getresponse().read())
        connection.close()
        context_bytes = len(xmlrpc.client.dumps((session.proxy.context(),), methodresponse=True,
                                                allow_none=True).encode())
    finally:
        host.terminate()
        host.wait()
    return {"instances": instances, "median_ms": statistics.median(times) * 1000,
            "p95_ms": sorted(times)[int(len(times) * 0.95)] * 1000, "step_bytes": payload,
            "whole_context_bytes": context_bytes}


def main() -> int:
    for instances in (10, 1000):
        row = measure(instances)
        print("%5d instances: process() round trip median %.3f ms, p95 %.3f ms; one step %d bytes "
              "(the whole context would be %d bytes)" % (row["instances"], row["median_ms"], row["p95_ms"],
                                                         row["step_bytes"], row["whole_context_bytes"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
