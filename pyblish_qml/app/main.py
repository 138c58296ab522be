"""Command line of the UI process: ``python -m pyblish_qml [--debug] [--tray] [--port N]``.

Also ``pyblish-qml install-dcc ...`` (:mod:`pyblish_qml.install_dcc`), which, like this module up
to the UI's own imports, runs in a DCC's Python 3.7+.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .. import client, compat
from ..version import __version__

log = logging.getLogger("pyblish_qml")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pyblish-qml", description="The pyblish publishing UI. Hosts connect to it on port 9090.",
        epilog="pyblish-qml install-dcc blender|maya|houdini|nuke [--dry-run] [--dest DIR]: install the "
               "DCC integration the way that DCC expects (see pyblish-qml install-dcc --help)")
    parser.add_argument("--port", type=int, default=None,
                        help="control port (default: PYBLISH_QML_PORT or 9090)")
    parser.add_argument("--debug", action="store_true",
                        help="also start a mock host with demo plugins and show the window on it")
    parser.add_argument("--tray", action="store_true", help="stay resident in the system tray")
    parser.add_argument("--started-by-host", action="store_true",
                        help="started by a host's show(): exit when no host is left")
    parser.add_argument("--verbose", action="store_true", help="log debug messages")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add Pyblish to this user's application menu (freedesktop entry + icons) and exit")
    parser.add_argument("--uninstall-desktop", action="store_true", help="remove what --install-desktop added")
    parser.add_argument("--open-report", metavar="FILE", default=None,
                        help="show a report file (.json or .html) read-only in the window")
    parser.add_argument("--version", action="version", version="pyblish-qml %s" % __version__)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["report"]:  # the run history and report files (record/cli.py)
        from ..record.cli import main as report_main

        return report_main(argv[1:])
    if argv[:1] == ["--run-host"]:  # a bundle starting the standalone Python host from itself
        from ..host.__main__ import main as host_main

        return host_main(argv[1:])
    if argv[:1] == ["install-dcc"]:
        from ..install_dcc import main as install_dcc_main

        return install_dcc_main(argv[1:])
    args = parse_args(argv)
    problem = compat.ui_python_problem()
    if problem:  # a host-side-only install (Python < 3.10): one line saying what to set
        print("pyblish-qml: %s" % problem, file=sys.stderr)
        return 2
    level = logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # pyblish lowers the root logger to DEBUG while plugins run
    from .shell.preferences import add_log_file

    log_file = add_log_file(level)
    if log_file is not None:
        log.debug("logging to %s", log_file)
    if args.install_desktop or args.uninstall_desktop:
        from .. import desktop

        paths = desktop.install_desktop() if args.install_desktop else desktop.uninstall_desktop()
        for path in paths:
            print(("installed " if args.install_desktop else "removed ") + str(path))
        return 0
    problem = compat.broken_pyside()
    if problem:
        print("pyblish-qml: %s" % problem, file=sys.stderr)
        return 2
    port = args.port or client.ui_port()
    os.environ["PYBLISH_QML_PORT"] = str(port)

    from .application import AlreadyRunning, Application, StartupError  # Qt is imported from here on

    mode = "debug" if args.debug else "tray" if args.tray else "host" if args.started_by_host else "user"
    try:
        application = Application(port, mode)
    except AlreadyRunning as error:
        print("pyblish-qml: %s; nothing to do." % error)
        return 0
    except StartupError as error:
        print("pyblish-qml: %s" % error, file=sys.stderr)
        return 2
    if args.debug:
        from ..demo import start_mock_host, stop_mock_host

        application.start()
        host_port = start_mock_host(port)
        application.controller.show_host(host_port, {"ContextLabel": "Demo", "WindowTitle": "Pyblish (demo)",
                                                    "WindowSize": [880, 640]})
        try:
            code = application.app.exec()
        finally:
            stop_mock_host()
            application.shutdown()
        return code
    if args.open_report:
        application.start()
        application.controller.history.open_report(args.open_report)
        application.show()
        code = application.app.exec()
        application.shutdown()
        return code
    return application.run()


def gui_main() -> int:
    """Entry point of the GUI script (no console on Windows): resident in the tray."""
    argv = sys.argv[1:]
    if "--tray" not in argv and "--debug" not in argv:
        argv = ["--tray", *argv]
    return main(argv)
