"""``pyblish-qml farm ...`` (also ``python -m pyblish_qml.farm``): the farm from the command line.

For TDs and support::

    pyblish-qml farm list                          # bundles, newest last, with their instances' states
    pyblish-qml farm status RUN                    # each instance's farm state; brings results into the history
    pyblish-qml farm rerun RUN [--instances A B]   # failed and lost instances again (or those named)
    pyblish-qml farm bundle RUN -o DIR             # the job files, to submit or inspect elsewhere

RUN is a run id from the history (``pyblish-qml report list``) or a bundle folder. What the job
template runs on the worker (not for people): ``host-start``, ``host-stop``, ``task``, and the
``local`` submitter's ``run-local``. Exit codes: 0 done, 1 failed / not found.

Thread: the process's main thread.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import bundle as bundles
from . import manifest as manifests
from .outputs import ENDED, FarmState, latest_states


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pyblish-qml farm", description="Publishing on the farm (docs/farm.md).")
    parser.add_argument("--root", type=Path, default=None, help="bundles folder (default: the user's)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every bundle with its instances' farm states")
    status = commands.add_parser("status", help="each instance's farm state; updates the history")
    status.add_argument("run")
    rerun = commands.add_parser("rerun", help="submit failed and lost instances again, as one new attempt")
    rerun.add_argument("run")
    rerun.add_argument("--instances", nargs="+", default=None, help="these instances (task keys or names)")
    rerun.add_argument("--submitter", default=None, help="local, command or deadline-cloud")
    copy = commands.add_parser("bundle", help="copy the bundle's job files")
    copy.add_argument("run")
    copy.add_argument("-o", "--output", type=Path, required=True)
    for name in ("host-start", "task"):
        worker = commands.add_parser(name, help=argparse.SUPPRESS)
        worker.add_argument("--bundle", required=True)
        worker.add_argument("--session", required=True)
        worker.add_argument("--attempt", type=int, default=1)
        if name == "task":
            worker.add_argument("--instance", required=True)
        else:
            worker.add_argument("--path-mapping-rules", default=None)  # {{Session.PathMappingRulesFile}}
    stop = commands.add_parser("host-stop", help=argparse.SUPPRESS)
    stop.add_argument("--session", required=True)
    driver = commands.add_parser("driver", help=argparse.SUPPRESS)
    driver.add_argument("--session", required=True)
    local = commands.add_parser("run-local", help=argparse.SUPPRESS)
    local.add_argument("--bundle", required=True)
    local.add_argument("--attempt", type=int, required=True)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return COMMANDS[args.command](args)
    except (FileNotFoundError, manifests.ManifestError) as error:
        print("pyblish-qml farm: %s" % error, file=sys.stderr)
        return 1


def _host_start(args: argparse.Namespace) -> int:
    import time

    from . import driver
    from .hostproc import HostStartError, start

    began = time.monotonic()
    process = driver.launch(Path(args.session))  # the session's tasks run in it (docs/farm.md, "Measured")
    try:
        facts = start(Path(args.bundle), Path(args.session), args.attempt, args.path_mapping_rules)
    except BaseException as error:  # no host, no session: the driver launched beside it goes too
        process.kill()
        process.wait()
        if not isinstance(error, HostStartError):
            raise
        print("openjd_fail: %s" % error, flush=True)
        return 1
    print("openjd_status: host started in %.2f s (pid %d, port %d)" % (facts["seconds"], facts["pid"], facts["port"]),
          flush=True)
    started = driver.ready(Path(args.session), process, began)
    print("openjd_status: task driver %s in %.2f s" % ("started (pid %s)" % started["pid"] if started["pid"]
                                                     else "did not start: tasks start their own Python",
                                                     started["seconds"]), flush=True)
    return 0


def _host_stop(args: argparse.Namespace) -> int:
    from .driver import stop as stop_driver
    from .hostproc import stop

    stop_driver(Path(args.session))
    stop(Path(args.session))
    return 0


def _driver(args: argparse.Namespace) -> int:
    from .driver import serve

    return serve(Path(args.session))


def _task(args: argparse.Namespace) -> int:
    from .driver import slow_path_note
    from .worker import main as task_main

    note = slow_path_note(Path(args.session))
    if note:
        print(note, flush=True)
    return task_main(args.bundle, args.session, args.instance, args.attempt)


def _run_local(args: argparse.Namespace) -> int:
    from .submitters import run_local

    return run_local(Path(args.bundle), args.attempt)


def _describe(bundle: Path) -> str:
    manifest = manifests.read(bundle)
    states = latest_states(bundle)
    words = ", ".join("%s %s" % (key, states[key].state.value if key in states else "-")
                      for key in (entry["key"] for entry in manifest["instances"]))
    return "run %-6s %s  %s\n    %s" % (manifest.get("runId"), manifest["scene"], bundle, words)


def _list(args: argparse.Namespace) -> int:
    found = bundles.all_bundles(args.root)
    for bundle in found:
        try:
            print(_describe(bundle))
        except manifests.ManifestError as error:
            print("?          %s: %s" % (bundle, error))
    if not found:
        print("no farm bundles in %s" % (args.root or bundles.farm_root()), file=sys.stderr)
    return 0


def _status(args: argparse.Namespace) -> int:
    from .intake import intake

    bundle = bundles.find(args.run, args.root)
    taken = intake(bundle)
    manifest = manifests.read(bundle)
    states = latest_states(bundle)
    later = ", still running in its window: results follow when it ends" if taken is None else ""
    print("bundle %s (run %s%s)" % (bundle, manifest.get("runId"), later))
    for entry in manifest["instances"]:
        state = states.get(entry["key"])
        if state is None:
            print("  %-24s not submitted" % entry["key"])
            continue
        print("  %-24s %-8s attempt %d  %s" % (entry["key"], state.state.value, state.attempt, state.message))
    return 0


def _rerun(args: argparse.Namespace) -> int:
    from .submitters import SubmitError, SubmitterKind, submit

    bundle = bundles.find(args.run, args.root)
    manifest = manifests.read(bundle)
    states = latest_states(bundle)
    if args.instances:
        names = {entry["name"]: entry["key"] for entry in manifest["instances"]}
        keys = [names.get(name, name) for name in args.instances]
    else:
        keys = [key for key, state in states.items() if state.state in (FarmState.FAILED, FarmState.LOST)]
    busy = [key for key in keys if key in states and states[key].state not in ENDED]
    if busy or not keys:
        print("pyblish-qml farm: %s" % ("still on the farm: %s" % ", ".join(busy) if busy else
                                        "nothing failed or was lost: nothing to re-run"), file=sys.stderr)
        return 1
    try:
        submission = submit(bundle, keys, SubmitterKind(args.submitter) if args.submitter else None)
    except (SubmitError, ValueError) as error:
        print("pyblish-qml farm: %s" % error, file=sys.stderr)
        return 1
    print("attempt %d: %s submitted (%s)" % (submission.attempt, ", ".join(keys), submission.submitter))
    return 0


def _bundle(args: argparse.Namespace) -> int:
    destination = bundles.copy(bundles.find(args.run, args.root), args.output)
    print("wrote %s" % destination)
    return 0


COMMANDS = {"list": _list, "status": _status, "rerun": _rerun, "bundle": _bundle, "host-start": _host_start,
            "host-stop": _host_stop, "task": _task, "run-local": _run_local, "driver": _driver}
