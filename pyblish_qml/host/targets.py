"""The pyblish targets of this host's publishing session, as the UI is told in ``pyblishTargets``.

``pyblish_qml.show(targets=[...])`` (pyblish-qml 1.x's argument) publishes with exactly those
targets, as ``pyblish.util.publish(targets=[...])`` would; without it, ``"default"`` plus the
targets registered with ``pyblish.api.register_target``, as pyblish's own Iterator does.
"""

from __future__ import annotations

from typing import Iterable

import pyblish.api

_session: list[str] = []


def set_session_targets(targets: Iterable[str] | None) -> None:
    """Publish with ``targets`` from now on; None or empty: back to default + registered."""
    chosen = [] if targets is None else [targets] if isinstance(targets, str) else list(targets)
    if not all(isinstance(target, str) and target for target in chosen):
        raise TypeError("targets must be a list of non-empty strings, got %r" % (targets,))
    _session[:] = chosen


def session_targets() -> list[str]:
    """What the UI should publish with (read on every ``context()`` call)."""
    if _session:
        return list(_session)
    return ["default"] + list(pyblish.api.registered_targets())
