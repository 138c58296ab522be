"""Benchmark: pyblish_qml.rpc against the standard library's keep-alive XML-RPC, same payload.

    .venv/bin/python tests/benchmarks/rpc_bench.py [--calls 3000] [--repeat 5]

Both sides on loopback, one client thread, a reply shaped like one ``process`` step (a result
with two records and a small change, ~800 bytes). The stdlib pair is ``SimpleXMLRPCServer``
with HTTP/1.1 keep-alive (``protocol_version``) and threads, and ``xmlrpc.client.ServerProxy``
(which keeps its connection). Prints the median microseconds per call of each run and the
ratio of the best runs. A script, not a test: the figure goes in rpc.py's docstring.
"""

from __future__ import annotations

import argparse
import socketserver
import statistics
import sys
import threading
import time
import xmlrpc.client
import xmlrpc.server
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from pyblish_qml import rpc, rpc_client, rpc_server

RECORD = {"name": "pyblish.ValidateThing", "levelname": "INFO", "levelno": 20, "message": "checked 12 meshes",
          "created": 1700000000.25, "module": "validate", "filename": "validate.py", "pathname": "/p/validate.py",
          "lineno": 42, "funcName": "process", "threadName": "MainThread", "exc_text": None}
REPLY = {"success": True, "plugin": "p" * 36, "instance": "i" * 36, "action": None, "error": None,
         "records": [RECORD, dict(RECORD, message="done")], "duration": 0.12,
         "changes": {"changed": [{"id": "i" * 36, "data": {"checked": True}}]}}


def process(plugin, instance=None, action=None):
    return REPLY


class _Handler(xmlrpc.server.SimpleXMLRPCRequestHandler):
    protocol_version = "HTTP/1.1"  # keep the connection between calls
    rpc_paths = ("/pyblish",)

    def log_message(self, *args):
        pass


class _StdServer(socketserver.ThreadingMixIn, xmlrpc.server.SimpleXMLRPCServer):
    daemon_threads = True


def time_calls(call, calls: int) -> float:
    """Median seconds per call over ``calls`` calls (after a warm-up)."""
    for _ in range(50):
        call()
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    ours = rpc_server.LoopbackServer(0, path="/pyblish", name="bench")
    ours.register_function(process, "process")
    ours.start()
    std = _StdServer((rpc.LOOPBACK, 0), requestHandler=_Handler, allow_none=True, logRequests=False)
    std.register_function(process, "process")
    threading.Thread(target=std.serve_forever, daemon=True).start()

    our_proxy = rpc_client.Proxy("http://127.0.0.1:%d/pyblish" % ours.port)
    std_proxy = xmlrpc.client.ServerProxy("http://127.0.0.1:%d/pyblish" % std.server_address[1], allow_none=True)
    assert our_proxy.process("p", "i") == std_proxy.process("p", "i") == REPLY

    best = {"rpc": float("inf"), "stdlib": float("inf")}
    for run in range(args.repeat):  # interleaved, so both see the same machine load
        for name, proxy in (("rpc", our_proxy), ("stdlib", std_proxy)):
            seconds = time_calls(lambda p=proxy: p.process("p", "i", None), args.calls)
            best[name] = min(best[name], seconds)
            print("run %d  %-6s %6.0f us/call" % (run + 1, name, seconds * 1e6))
    print("best: rpc %.0f us, stdlib keep-alive %.0f us per call: stdlib takes %.2fx as long"
          % (best["rpc"] * 1e6, best["stdlib"] * 1e6, best["stdlib"] / best["rpc"]))
    our_proxy.close()
    ours.stop()
    std.shutdown()


if __name__ == "__main__":
    main()
