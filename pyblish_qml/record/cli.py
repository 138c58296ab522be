"""``pyblish-qml report ...``: the history from the command line.

    pyblish-qml report list [--limit N] [--outcome failed] [--host maya] [--text chair]
    pyblish-qml report export [--run ID | --last] [--format json|html|text] [-o FILE]
    pyblish-qml report show FILE          # a report file (.json or .html) as text

``--database PATH`` reads another history than the user's (a colleague's, for support).
Exit codes: 0 done, 1 no such run / bad file, 2 the history cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .html_page import html_page
from .report import Report, ReportError, iso
from .schema import HistoryUnavailable
from .store import RunStore
from .summary import text_summary

FORMATS = ("json", "html", "text")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pyblish-qml report", description="The run history and report files.")
    parser.add_argument("--database", type=Path, default=None, help="history file (default: the user's)")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list", help="past runs, newest first")
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--outcome", default="")
    listing.add_argument("--host", default="")
    listing.add_argument("--text", default="")
    export = commands.add_parser("export", help="write one run as a report file")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--run", type=int, default=None, help="the run's id (see list)")
    which.add_argument("--last", action="store_true", help="the newest run (the default)")
    export.add_argument("--format", choices=FORMATS, default=None,
                        help="default: from the -o file's suffix, else text")
    export.add_argument("-o", "--output", type=Path, default=None, help="file to write (default: stdout)")
    show = commands.add_parser("show", help="a report file (.json or .html) as text")
    show.add_argument("file", type=Path)
    return parser.parse_args(argv)


def render(report: Report, kind: str) -> str:
    if kind == "json":
        return report.to_json()
    if kind == "html":
        return html_page(report)
    if kind == "text":
        return text_summary(report)
    raise ValueError("unknown report format %r (one of %s)" % (kind, ", ".join(FORMATS)))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "show":
        try:
            print(text_summary(Report.from_file(args.file)), end="")
        except ReportError as error:
            print("pyblish-qml report: %s: %s" % (args.file, error), file=sys.stderr)
            return 1
        return 0
    store = RunStore(args.database)
    try:
        if args.command == "list":
            runs = store.list_runs(limit=args.limit, text=args.text, outcome=args.outcome, host=args.host)
            for run in runs:
                print("%6d  %s  %-8s %-11s %-10s %5d pairs %3d failed %3d crashed %4d warnings %7.1f s  %s" % (
                    run.id, iso(run.started), run.op, run.outcome, run.host_name or "-", run.pairs, run.errors,
                    run.crashed, run.warnings, run.duration, run.current_file))
            if not runs:
                print("no runs in %s" % store.path, file=sys.stderr)
            return 0
        run_id = args.run if args.run is not None else store.last_run_id()
        if run_id is None:
            print("pyblish-qml report: no runs in %s yet" % store.path, file=sys.stderr)
            return 1
        try:
            report = store.load(run_id)
        except KeyError as error:
            print("pyblish-qml report: %s" % error.args[0], file=sys.stderr)
            return 1
        kind = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "text")
        kind = {"htm": "html", "txt": "text"}.get(kind, kind)
        if kind not in FORMATS:
            kind = "text"
        text = render(report, kind)
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
            print("wrote run %d as %s to %s" % (report.run["id"], kind, args.output), file=sys.stderr)
        return 0
    except HistoryUnavailable as error:
        print("pyblish-qml report: %s" % error, file=sys.stderr)
        return 2
    finally:
        store.close()
