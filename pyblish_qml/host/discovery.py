"""Plugin discovery as the window reports it: where it looked, and the plugin files that failed.

Why: ``pyblish.api.discover()`` logs ``Skipped: "<module>" (<error>)`` for a plugin file that
raises on import and goes on, so an artist publishes without the studio's validator and never
knows; and a pipeline with no plugins at all looks like a clean, empty scene. :func:`discover`
runs pyblish's own discovery with a handler on its logger that keeps each skipped file (its
path, the error and the traceback), and :func:`searched` lists the folders it looked in (from
``PYBLISHPLUGINPATH`` or registered) and whether each exists. The service stamps both into the
Context's data (docs/protocol.md, "Host service API": ``pyblishPluginPaths``,
``pyblishDiscoveryFailures``), so they reach the window and the run's record with no new call.

Host side: Python 3.7+; runs on the dispatch thread (inside ``reset``).
"""

from __future__ import annotations

import logging
import os
import traceback
from typing import Dict, List, Tuple

import pyblish
import pyblish.api
import pyblish.plugin

MAX_TRACEBACK = 8000  # characters per failed file: enough for any import chain, bounded on the wire


class _Skipped(logging.Handler):
    """Keeps pyblish's ``Skipped: "<module>" (<error>)`` records of files that failed to import."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.failed: List[Tuple[str, BaseException]] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if str(record.msg).startswith("Skipped:") and len(args) == 2 and isinstance(args[1], BaseException):
            self.failed.append((str(args[0]), args[1]))


def searched() -> List[Dict]:
    """The folders discovery looks in, in its order: {"path", "source", "exists"}; ``source`` is
    "registered", "PYBLISHPLUGINPATH", or "pyblish" for pyblish's own (its three built-in collectors)."""
    found = []
    own = os.path.normcase(os.path.normpath(os.path.join(os.path.dirname(pyblish.__file__), "plugins")))
    for path in pyblish.api.registered_paths():
        source = "pyblish" if os.path.normcase(os.path.normpath(path)) == own else "registered"
        found.append({"path": str(path), "source": source, "exists": os.path.isdir(path)})
    for path in os.environ.get("PYBLISHPLUGINPATH", "").split(os.pathsep):
        if path:
            found.append({"path": path, "source": "PYBLISHPLUGINPATH", "exists": os.path.isdir(path)})
    return found


def _file_of(module: str, paths: List[Dict]) -> str:
    """The file pyblish read for ``module`` (it logs the module's name only): the first match."""
    for entry in paths:
        candidate = os.path.join(os.path.normpath(entry["path"]), module + ".py")
        if os.path.isfile(candidate):
            return candidate
    return module + ".py"


def _failure(module: str, error: BaseException, paths: List[Dict]) -> Dict:
    path = _file_of(module, paths)
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    text = text.replace('File "<string>"', 'File "%s"' % path)  # pyblish runs the file's source as a string
    if isinstance(error, SyntaxError) and error.lineno:
        line = "%s, line %d" % (os.path.basename(path), error.lineno)
    else:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<string>"]
        line = "%s, line %d" % (os.path.basename(path), frames[-1].lineno) if frames and frames[-1].lineno else ""
    said = str(error).replace("<string>", os.path.basename(path))  # a SyntaxError's "(<string>, line 6)"
    return {"file": path, "module": module, "error": "%s: %s" % (type(error).__name__, said),
            "where": line, "traceback": text[-MAX_TRACEBACK:]}


def discover() -> Tuple[list, List[Dict]]:
    """``pyblish.api.discover()``, and the plugin files it skipped because they failed to import."""
    handler = _Skipped()
    logger = logging.getLogger(pyblish.plugin.log.name)
    logger.addHandler(handler)
    try:
        plugins = pyblish.api.discover()
    finally:
        logger.removeHandler(handler)
    paths = searched()
    return plugins, [_failure(module, error, paths) for module, error in handler.failed]
