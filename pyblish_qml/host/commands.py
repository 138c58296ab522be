"""Drive the UI from the host, as pyblish-qml 1.x's ``publish()``, ``validate()``, ``hide()``
and ``quit()`` did: each is one call to the UI's control API (port 9090)."""

from __future__ import annotations

import logging

from .. import client

log = logging.getLogger(__name__)


def _command(name: str) -> bool:
    """True when the UI took the command; False (and a warning) when no UI is running."""
    try:
        return bool(getattr(client.proxy(), name)())
    except client.UINotRunning as error:
        log.warning("pyblish_qml.%s(): %s", name, error)
        return False


def publish() -> bool:
    """Press Publish in the window (validates first when not yet validated)."""
    return _command("publish")


def validate() -> bool:
    """Press Validate in the window."""
    return _command("validate")


def hide() -> bool:
    """Hide the window; the UI process stays for the next ``show()``."""
    return _command("hide")


def quit() -> bool:  # noqa: A001 - pyblish-qml 1.x's name
    """Close the UI process."""
    return _command("quit")
