"""Benchmark: the UI's memory after one plugin logs 100,000 records (issue 15: RSS <= 250 MB).

    .venv/bin/python tests/benchmarks/records_bench.py [--trees new=.,base=/tmp/perf-base] [--records 100000]

A real host and UI process per tree (interleaved, ``--rounds``): one instance, one validator that
logs ``--records`` records, published through the control API. Prints the publish time and the
UI's RSS (now and peak) once the records are in. The terminal's filter time over those records is
measured in-process by ``window_bench.py`` (10,000 records).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from floor_bench import Subject, rss_mb  # noqa: E402

PLUGINS = """
import os
import pyblish.api


class CollectOne(pyblish.api.ContextPlugin):
    order = pyblish.api.CollectorOrder

    def process(self, context):
        context.create_instance("asset", family="bench")


class ValidateChatty(pyblish.api.ContextPlugin):
    order = pyblish.api.ValidatorOrder

    def process(self, context):
        for index in range(int(os.environ["BENCH_RECORDS"])):
            self.log.info("record %d of a chatty validator, with some text to it", index)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trees", default="new=%s" % HERE.parents[1])
    parser.add_argument("--records", type=int, default=100000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    trees = [(name, Path(path).resolve()) for name, path in (item.split("=", 1) for item in args.trees.split(","))]
    folder = Path(tempfile.mkdtemp(prefix="pyblish-records-"))
    (folder / "chatty.py").write_text(PLUGINS)
    os.environ["BENCH_RECORDS"] = str(args.records)
    print("load before: %s" % os.popen("uptime").read().strip(), flush=True)
    rows: dict = {}
    for _ in range(args.rounds):
        for name, tree in trees:
            subject = Subject(tree, folder, 1)
            try:
                row = subject.publish()
                # the UI gives the reply's freed heap back once the history has let go of it
                time.sleep(float(os.environ.get("BENCH_SETTLE", "4")))
                row["settled"] = rss_mb(subject.ui.pid)[0]
                rows.setdefault(name, []).append(row)
            finally:
                subject.close()
    print("| tree | records | publish s | UI RSS MB after | 4 s later | UI peak RSS MB | longest GUI-thread gap ms |")
    print("|---|---|---|---|---|---|---|")
    for name, _ in trees:
        group = rows[name]
        print("| %s | %d | %.2f | %.0f | %.0f | %.0f | %.0f |" % (
            name, args.records, statistics.median(r["publish"] for r in group),
            statistics.median(r["rss"] for r in group), statistics.median(r["settled"] for r in group),
            statistics.median(r["peak"] for r in group),
            statistics.median(r["gap"] for r in group) * 1000))
    print("load after: %s" % os.popen("uptime").read().strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
