"""Window settings a host sends with ``show``, validated and defaulted in one place.

The keys and their defaults are documented in docs/protocol.md, "Settings".
"""

from __future__ import annotations

from typing import Any

from .keep_above import window_id

DEFAULTS: dict[str, Any] = {
    "WindowTitle": "Pyblish",
    "WindowSize": [430, 600],
    "WindowPosition": None,
    "ContextLabel": "Context",
    "HeartbeatInterval": 1.0,
    "HeartbeatTimeout": 5.0,
    "HiddenSections": ["Collect"],
    "autoValidate": False,
    "autoPublish": False,
    "CommentRequired": False,  # Publish waits for a comment (app/options/comments.py)
    "CommentMinLength": 0,  # ... of at least this many characters
    "InstanceComment": False,  # each instance may have its own comment (inherits the Context's)
    "InstanceColumns": [],  # instance data keys shown before publishing (version, outputPath, task ...)
    "ParentWindow": None,  # the DCC's main window (native id): the window is kept above it
    "StrictDiscovery": False,  # a studio's: no Publish while a plugin file failed to load
}


def _pair(value: Any) -> list[int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return [int(value[0]), int(value[1])]
    return None


_CHECKS = {
    "WindowTitle": lambda v: str(v) if isinstance(v, str) and v.strip() else None,
    "ContextLabel": lambda v: str(v) if isinstance(v, str) and v.strip() else None,
    "WindowSize": lambda v: p if (p := _pair(v)) and p[0] >= 200 and p[1] >= 200 else None,
    "WindowPosition": _pair,
    "HeartbeatInterval": lambda v: float(v) if isinstance(v, (int, float)) and 0 < v <= 60 else None,
    "HeartbeatTimeout": lambda v: float(v) if isinstance(v, (int, float)) and 0 < v <= 600 else None,
    "HiddenSections": lambda v: [str(s) for s in v] if isinstance(v, (list, tuple)) else None,
    "autoValidate": lambda v: bool(v) if isinstance(v, (bool, int)) else None,
    "autoPublish": lambda v: bool(v) if isinstance(v, (bool, int)) else None,
    "CommentRequired": lambda v: bool(v) if isinstance(v, (bool, int)) else None,
    "CommentMinLength": lambda v: v if type(v) is int and 0 <= v <= 10000 else None,
    "InstanceComment": lambda v: bool(v) if isinstance(v, (bool, int)) else None,
    "InstanceColumns": lambda v: [str(s) for s in v] if isinstance(v, (list, tuple)) else None,
    "ParentWindow": window_id,
    "StrictDiscovery": lambda v: bool(v) if isinstance(v, (bool, int)) else None,
}


class WindowSettings:
    """Current settings; ``apply`` merges what a host sent and says what it ignored."""

    def __init__(self):
        self.values: dict[str, Any] = {k: (list(v) if isinstance(v, list) else v) for k, v in DEFAULTS.items()}
        self.sent: set[str] = set()  # the keys the last show() sent and were taken (WindowSize is honoured)

    def apply(self, settings: dict, fresh: bool = False) -> list[str]:
        """Take what a host sent; ``fresh``: from the defaults, so one host's title or context
        label never sticks to the next host that sends none."""
        if fresh:
            self.values = WindowSettings().values
        self.sent = set()
        warnings = []
        if not isinstance(settings, dict):
            return ["settings must be a dict, got %s; ignored" % type(settings).__name__]
        for key, value in settings.items():
            check = _CHECKS.get(key)
            if check is None:
                warnings.append("unknown setting %r ignored (known: %s)" % (key, ", ".join(DEFAULTS)))
                continue
            cleaned = check(value)
            if cleaned is None and value is not None:
                warnings.append("setting %s=%r is not valid; keeping %r" % (key, value, self.values[key]))
                continue
            self.values[key] = cleaned
            self.sent.add(key)
        return warnings
