"""What the host's plugin discovery found, for the Report page and the Overview: the plugin files
that failed to import, whether any plugin was found at all, and where discovery looked.

Why: a plugin file that raises on import is skipped by ``pyblish.api.discover()`` with one log
line, so the artist publishes without the studio's validator; and with no plugins at all the
window used to say "Ready. 0 instances collected." with Publish as the next step. The host stamps
``pyblishPluginPaths`` and ``pyblishDiscoveryFailures`` into the Context's data at every reset
(host/discovery.py, docs/protocol.md); the event folder hands them here after each collection,
and a past run's record holds the same data, so it shows the same.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import ItemModel
from .report_sentences import plural

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


SOURCES = {"pyblish": "pyblish's own (built-in collectors)"}


def searched_text(paths: list[dict] | None) -> str:
    """Where discovery looked: per folder, where it came from, then the path on a line of its own
    (a long path wraps without hiding its source)."""
    if paths is None:
        return "The host did not say where it looked for plugins (an older pyblish-qml on the host side)."
    if not paths:
        return "No plugin folder is registered and PYBLISHPLUGINPATH is empty."
    return "\n".join("%s%s:\n  %s" % (SOURCES.get(entry.get("source"), entry.get("source") or "path"),
                                     "" if entry.get("exists", True) else " (not found)", entry.get("path") or "")
                     for entry in paths)


def built_in(plugin: dict) -> bool:
    """One of pyblish's own collectors (date, user, working folder), which every host discovers:
    a pipeline of only these has no plugins of its own."""
    folder = str(plugin.get("path") or "").replace("\\", "/").rsplit("/", 1)[0]
    return folder.endswith("/pyblish/plugins")


@QmlElement
@QmlUncreatable("made by the report")
class DiscoveryFailures(ItemModel):
    """The plugin files that failed to import at the last reset: file, error, where, traceback."""

    ROLES = ("id", "file", "module", "error", "where", "traceback")


@QmlElement
@QmlUncreatable("made by the report")
class Discovery(QObject):
    """What the last discovery found; ``collected`` is called after each reset."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._failures = DiscoveryFailures(self)
        self._plugins = -1  # -1: nothing collected yet
        self._searched = ""

    def collected(self, data: dict, plugins: list[dict]) -> tuple[int, int]:
        """A collection ended with ``plugins`` (wire dicts); ``data`` is the Context's data.
        Returns (plugins of its own, files that failed to load) for the run's progress."""
        failed = data.get("pyblishDiscoveryFailures")
        failed = [f for f in failed if isinstance(f, dict)] if isinstance(failed, list) else []
        self._failures.reset_items([{"id": str(index), "file": str(f.get("file") or ""),
                                     "module": str(f.get("module") or ""), "error": str(f.get("error") or ""),
                                     "where": str(f.get("where") or ""), "traceback": str(f.get("traceback") or "")}
                                    for index, f in enumerate(failed)])
        paths = data.get("pyblishPluginPaths")
        self._searched = searched_text(paths if isinstance(paths, list) else None)
        self._plugins = sum(1 for plugin in plugins if not built_in(plugin))
        self.changed.emit()
        return self._plugins, self._failures.rowCount()

    @property
    def own_count(self) -> int:
        """Plugins found besides pyblish's own built-in collectors (-1: nothing collected yet)."""
        return self._plugins

    @property
    def failed_count(self) -> int:
        return self._failures.rowCount()

    @Property(DiscoveryFailures, constant=True, final=True)
    def failures(self) -> DiscoveryFailures:
        return self._failures

    @Property(int, notify=changed, final=True)
    def failedCount(self) -> int:
        """Plugin files that failed to import at the last reset."""
        return self._failures.rowCount()

    @Property(str, notify=changed, final=True)
    def failedTitle(self) -> str:
        """"2 plugin files failed to load": the Report section's heading."""
        count = self._failures.rowCount()
        return "%s failed to load" % plural(count, "plugin file") if count else ""

    @Property(bool, notify=changed, final=True)
    def empty(self) -> bool:
        """A collection ended and no plugin was found besides pyblish's own built-in collectors."""
        return self._plugins == 0

    @Property(str, notify=changed, final=True)
    def searched(self) -> str:
        """Where the host looked for plugins, one folder a line."""
        return self._searched
