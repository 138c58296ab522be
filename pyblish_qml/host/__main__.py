"""A standalone Python host: ``python -m pyblish_qml.host [--plugin-path DIR]... [--no-show]``.

Serves the plugins of ``PYBLISHPLUGINPATH`` (and every ``--plugin-path``) and shows the UI for
them, so someone without a DCC can publish. It is also the host process the tests drive.

Unlike a DCC, this host exists only for its UI: once the UI has stopped taking heartbeats for
``--exit-after`` seconds (it quit or died), the host leaves too, so no invisible process is left
behind by every "Start a Python host".
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading

import pyblish.api

from .. import client
from . import farm_save, keeper, lifecycle

log = logging.getLogger("pyblish_qml.host")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m pyblish_qml.host", description=__doc__.split("\n")[0])
    parser.add_argument("--plugin-path", action="append", default=[], metavar="DIR",
                        help="a folder of pyblish plugins (repeatable); PYBLISHPLUGINPATH is used too")
    parser.add_argument("--port", type=int, default=None, help="serve on this port (default: ask the UI, else 9001+)")
    parser.add_argument("--host-name", default="python", help="pyblish host name to register (default: python)")
    parser.add_argument("--target", action="append", default=[], help="pyblish target to register (repeatable)")
    parser.add_argument("--no-show", action="store_true", help="serve only; do not start or call the UI")
    parser.add_argument("--heartbeat-interval", type=float, default=1.0)
    parser.add_argument("--exit-after", type=float, default=10.0, metavar="SECONDS",
                        help="leave once the UI has been gone this long (0: never; default 10)")
    parser.add_argument("--settings", default=None, help="JSON dict of window settings passed to show()")
    parser.add_argument("--ready-file", default=None, help=argparse.SUPPRESS)  # tests: port written here
    parser.add_argument("--keep", default=None, metavar="FILE",
                        help="keep the window's toggles and options in this JSON file (host/keeper.py)")
    parser.add_argument("--verbose", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for path in args.plugin_path:
        if not os.path.isdir(path):
            print("error: --plugin-path %s is not a folder" % path, file=sys.stderr)
            return 2
        pyblish.api.register_plugin_path(os.path.abspath(path))
    pyblish.api.register_host(args.host_name)
    if args.keep:
        keeper.register_keeper(*keeper.sidecar(args.keep))
    farm_save.register(farm_save.collected_file, args.host_name)  # farmHandoff: the scene must be a file
    for target in args.target:
        pyblish.api.register_target(target)
    settings = json.loads(args.settings) if args.settings else {}

    port = lifecycle.install(port=args.port, heartbeat_interval=args.heartbeat_interval)
    print("pyblish host service listening on 127.0.0.1:%d/pyblish" % port, flush=True)
    if args.ready_file:
        with open(args.ready_file + ".tmp", "w") as handle:
            handle.write(str(port))
        os.replace(args.ready_file + ".tmp", args.ready_file)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if not args.no_show:
        try:
            lifecycle.show(settings)
        except (client.UINotRunning, lifecycle.LaunchError) as error:
            print("error: %s" % error, file=sys.stderr)
            lifecycle.uninstall()
            return 1
    if args.no_show or args.exit_after <= 0:
        stop.wait()
    else:
        while not stop.wait(min(1.0, args.exit_after)):
            silence = lifecycle.ui_silence()
            if silence is not None and silence >= args.exit_after:
                log.info("the UI has been gone for %.0f s; this host leaves too", silence)
                break
    lifecycle.uninstall()
    return 0


if __name__ == "__main__":
    sys.exit(main())
