"""The user's own choices, kept between sessions in the per-user config folder (platformdirs).

Window geometry, terminal level filters, collapsed sections and theme live in one JSON file.
A file that cannot be read or parsed is reported, moved aside (``settings.json.corrupt``) and
replaced with defaults: never fatal. Writes are atomic (write a temp file, then rename), so a
crash mid-write cannot corrupt the file.

Also here: the rotating log file in the per-user log folder, and :class:`UserPreferences`,
the part of the preferences the window reads and changes.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
from pathlib import Path
from typing import Any, Callable

import platformdirs
from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

APP = "pyblish-qml"
FILE_NAME = "settings.json"
LOG_NAME = "pyblish-qml.log"

DEFAULTS: dict[str, Any] = {
    "windowGeometry": None,  # [x, y, width, height]
    "hostWindowSize": None,  # the WindowSize a host last sent and the window took: a new one is honoured once
    "terminalLevels": {"debug": True, "info": True, "warning": True, "error": True, "critical": True},
    "collapsedSections": None,  # None: follow the host's HiddenSections
    "theme": "dark",
    "lastHosts": {},  # control port -> the host it showed last {port, pid, settings}: re-attach after a crash
    "overviewSplit": {"stacked": 0.5, "side": 0.5},  # the instances' share of the Overview's split
    "historyMaxRuns": 500,  # run history retention (record/retention.py)
    "historyMaxDays": 90,
    "historyMaxRecords": 20000,  # per run
    "notifyWhenDone": True,  # a long run that ends while the window is not focused: notification and alert
    "revalidateOnPublish": False,  # the scene changed since validation: Publish validates again without asking
    "keepAboveHost": True,  # the window stays above the shown host's DCC window (app/shell/keep_above.py)
}
SWITCHES = ("notifyWhenDone", "revalidateOnPublish", "keepAboveHost")  # the on/off choices the window offers


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP, appauthor=False))


class Preferences:
    """Load once, change by key, ``save()`` writes the whole file atomically."""

    def __init__(self, path: Path | None = None):
        self.path = path or config_dir() / FILE_NAME
        self.values: dict[str, Any] = json.loads(json.dumps(DEFAULTS))
        self.problem: str | None = None  # what went wrong reading the file, for the user
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(loaded, dict):
                raise ValueError("expected a JSON object, found %s" % type(loaded).__name__)
        except (OSError, ValueError) as error:
            self.problem = "Your settings file %s could not be read (%s); it was replaced with defaults." % (
                self.path, error)
            log.warning(self.problem)
            try:
                os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
            except OSError as move_error:
                log.warning("could not move the bad settings file aside: %s", move_error)
            self.save()
            return
        for key, default in DEFAULTS.items():
            if key in loaded and _same_shape(loaded[key], default):
                self.values[key] = loaded[key]

    def get(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError("unknown preference %r" % key)
        self.values[key] = value

    def save(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps(self.values, indent=2, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
            return True
        except OSError as error:
            log.warning("could not save settings to %s: %s", self.path, error)
            return False


def _same_shape(value: Any, default: Any) -> bool:
    if default is None:
        return value is None or isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict) and all(isinstance(v, type(default.get(k, v))) for k, v in value.items())
    return isinstance(value, type(default))


def add_log_file(level: int = logging.INFO, folder: Path | None = None) -> Path | None:
    """Log to a rotating file (1 MB x 3) in the user log folder; returns its path."""
    folder = folder or log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError as error:
        log.warning("no log file (%s)", error)
        return None
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d %(name)s %(levelname)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return folder / LOG_NAME


@QmlElement
@QmlUncreatable("the controller makes one")
class UserPreferences(QObject):
    """The preferences the window reads and changes (collapsed sections, theme), saved at once.

    Thread: GUI thread only.
    """

    changed = Signal()

    def __init__(self, preferences: Preferences | None, hidden_sections: Callable[[], list[str]],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._preferences = preferences
        self._hidden_sections = hidden_sections

    def _save(self, key: str, value: Any) -> None:
        if self._preferences is not None:
            self._preferences.set(key, value)
            self._preferences.save()

    @Property("QStringList", notify=changed, final=True)
    def collapsedSections(self) -> list[str]:
        """Sections the user collapsed; until they choose, the host's HiddenSections."""
        chosen = self._preferences.get("collapsedSections") if self._preferences is not None else None
        return list(chosen) if chosen is not None else list(self._hidden_sections())

    @Slot(str, bool)
    def setSectionCollapsed(self, section: str, collapsed: bool) -> None:
        current = set(self.collapsedSections)
        self._save("collapsedSections", sorted(current | {section} if collapsed else current - {section}))
        self.changed.emit()

    @Property(str, notify=changed, final=True)
    def theme(self) -> str:
        return self._preferences.get("theme") if self._preferences is not None else "dark"

    @Slot(str)
    def setTheme(self, theme: str) -> None:
        if self._preferences is not None and theme in ("dark", "light"):
            self._save("theme", theme)
            self.changed.emit()

    @Property(float, notify=changed, final=True)
    def stackedSplit(self) -> float:
        """The instances' share of the height when the Overview stacks its lists."""
        return self._split("stacked")

    @Property(float, notify=changed, final=True)
    def sideSplit(self) -> float:
        """The instances' share of the width when the lists sit side by side."""
        return self._split("side")

    def _split(self, layout: str) -> float:
        value = (self._preferences.get("overviewSplit") if self._preferences is not None else {}).get(layout, 0.5)
        return min(0.85, max(0.15, float(value)))

    @Slot(str, float)
    def setSplit(self, layout: str, fraction: float) -> None:
        """Remember where the user put the Overview's divider ("stacked" or "side")."""
        if layout not in ("stacked", "side"):
            raise ValueError("unknown overview layout %r" % layout)
        if self._preferences is not None:
            splits = dict(self._preferences.get("overviewSplit"), **{layout: min(0.85, max(0.15, float(fraction)))})
            self._save("overviewSplit", splits)
            self.changed.emit()

    @Property(str, constant=True, final=True)
    def problem(self) -> str:
        """Why the settings file was replaced, if it was (shown once to the user)."""
        return (self._preferences.problem or "") if self._preferences is not None else ""

    @Property(bool, notify=changed, final=True)
    def notifyWhenDone(self) -> bool:
        """A long run that ends while the window is not focused says so on the desktop."""
        return self.switch("notifyWhenDone")

    @Property(bool, notify=changed, final=True)
    def revalidateOnPublish(self) -> bool:
        """Publish after the scene changed validates again without asking first."""
        return self.switch("revalidateOnPublish")

    @Property(bool, notify=changed, final=True)
    def keepAboveHost(self) -> bool:
        """The window stays above the DCC that shows it, so one click into the DCC does not lose it."""
        return self.switch("keepAboveHost")

    def switch(self, name: str) -> bool:
        if name not in SWITCHES:
            raise KeyError("unknown switch %r" % name)
        return bool(self._preferences.get(name) if self._preferences is not None else DEFAULTS[name])

    @Slot(str, bool)
    def setSwitch(self, name: str, on: bool) -> None:
        """Turn one of :data:`SWITCHES` on or off, saved at once."""
        if name not in SWITCHES:
            raise KeyError("unknown switch %r" % name)
        self._save(name, bool(on))
        self.changed.emit()

    def terminal_levels(self) -> dict | None:
        return self._preferences.get("terminalLevels") if self._preferences is not None else None

    def save_terminal_levels(self, levels: dict) -> None:
        self._save("terminalLevels", levels)
