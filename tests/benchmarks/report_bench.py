"""Benchmark: what the validation report costs on the GUI thread while results stream in.

    .venv/bin/python tests/benchmarks/report_bench.py [--pairs 1000] [--drain 50]

Feeds the real :class:`~pyblish_qml.app.report.report_model.ReportModel` the results of N pairs (one
validator failing, or warning, on every instance), in drains of D pairs as the event folder
does, and prints the time per drain and in total. A script, not a test: numbers go in the
closing note, not in assertions.
"""

from __future__ import annotations

import argparse
import time

from PySide6.QtGui import QGuiApplication

from pyblish_qml.app.lists.models import PluginModel
from pyblish_qml.app.live.rows import plugin_row
from pyblish_qml.app.report.report_model import ReportModel, ValidationReport


def run(pairs: int, drain: int, kind: str) -> tuple[float, float]:
    plugins = PluginModel()
    plugins.reset_items([plugin_row({"id": "p%d" % n, "name": "P%d" % n, "label": "Validator %d" % n,
                                     "verb": "Validate", "doc": "Checks things.\n\nMore.", "order": 1,
                                     "actions": [{"type": "action", "id": "fix", "label": "Repair",
                                                  "icon": "wrench", "on": "failed"}]}, 0) for n in range(10)])
    report = ReportModel(plugins)
    summary = ValidationReport(report)
    summary.changed.connect(lambda: (summary.summary, summary.warningCount, summary.errorCount))  # as QML reads
    report.run_started("validate", False)
    worst = 0.0
    start = time.perf_counter()
    for first in range(0, pairs, drain):
        began = time.perf_counter()
        for n in range(first, min(first + drain, pairs)):
            result = ({"error": {"message": "broken %d" % n}, "records": []} if kind == "errors" else
                      {"error": None, "records": [{"levelno": 30, "message": "careful %d" % n}]})
            report.pair_done(plugins.item("p%d" % (n % 10)), {"id": "i%d" % n, "label": "item%d" % n}, result)
        report.flush()
        worst = max(worst, time.perf_counter() - began)
    report.run_finished()
    summary.summary  # noqa: B018 - the headline, as the footer asks for it
    return time.perf_counter() - start, worst


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--drain", type=int, default=50)
    args = parser.parse_args()
    QGuiApplication([])
    for kind in ("errors", "warnings"):
        total, worst = run(args.pairs, args.drain, kind)
        print("%d %s in drains of %d: %.1f ms in all, %.2f ms per pair, slowest drain %.1f ms"
              % (args.pairs, kind, args.drain, total * 1000, total * 1000 / args.pairs, worst * 1000))


if __name__ == "__main__":
    main()
