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


def _report(argv: list) -> int:
    """``pyblish-qml report ...``: the run history and report files (record/cli.py)."""
    from ..record.cli import main as report_main

    return report_main(argv)


def _run_host(argv: list) -> int:
    """``pyblish-qml --run-host ...``: a bundle starting the standalone Python host from itself."""
    from ..host.__main__ import main as host_main

    return host_main(argv)


def _install_dcc(argv: list) -> int:
    """``pyblish-qml install-dcc ...``: a DCC's startup files (install_dcc.py)."""
    from ..install_dcc import main as install_dcc_main

    return install_dcc_main(argv)


def _farm(argv: list) -> int:
    """``pyblish-qml farm ...``: publishing on the farm (farm/cli.py, docs/farm.md)."""
    from ..farm.cli import main as farm_main

    return farm_main(argv)


SUBCOMMANDS = {"report": _report, "--run-host": _run_host, "install-dcc": _install_dcc, "farm": _farm}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in SUBCOMMANDS:
        return SUBCOMMANDS[argv[0]](argv[1:])
    args = parse_args(argv)
    problem = compat.ui_python_problem()
    if problem:  # a host-side-only install (Python < 3.10): one line saying what to set
        print("pyblish-qml: %s" % problem, file=sys.stderr)
        return 2
    _set_up_logging(logging.DEBUG if args.verbose else logging.INFO)
    if args.install_desktop or args.uninstall_desktop:
        return _desktop_entry(install=bool(args.install_desktop))
    problem = compat.broken_pyside()
    if problem:
        print("pyblish-qml: %s" % problem, file=sys.stderr)
        return 2
    return _window(args)


def _set_up_logging(level: int) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # pyblish lowers the root logger to DEBUG while plugins run
    from .shell.preferences import add_log_file

    log_file = add_log_file(level)
    if log_file is not None:
        log.debug("logging to %s", log_file)


def _desktop_entry(install: bool) -> int:
    """``--install-desktop`` / ``--uninstall-desktop``: the freedesktop entry and icons."""
    from .. import desktop

    paths = desktop.install_desktop() if install else desktop.uninstall_desktop()
    for path in paths:
        print(("installed " if install else "removed ") + str(path))
    return 0


def _window(args: argparse.Namespace) -> int:
    """The UI process: the control server and the window, in the mode the arguments ask for."""
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
        return _demo(application, port)
    if args.open_report:
        return _report_file(application, args.open_report)
    return application.run()


def _demo(application, port: int) -> int:
    """``--debug``: the window on the mock host and its demo plugins."""
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


def _report_file(application, path: str) -> int:
    """``--open-report FILE``: a report file shown read-only, no host needed."""
    application.start()
    application.controller.history.open_report(path)
    application.show()
    code = application.app.exec()
    application.shutdown()
    return code


def gui_main() -> int:
    """Entry point of the GUI script (no console on Windows): resident in the tray."""
    argv = sys.argv[1:]
    if "--tray" not in argv and "--debug" not in argv:
        argv = ["--tray", *argv]
    return main(argv)
