"""Has the scene changed? An optional hook a host registers, read on the heartbeat (issue 24, point 4).

A TD (or an integration) registers a *probe*: a callable without arguments returning a token
that changes whenever the scene does — a counter, a modification flag, a save time. The
heartbeat thread calls it once per beat and sends the token with ``heartbeat(port, {"scene":
token})``; the UI marks validation results stale when the token differs from the one it saw when
the validation began (docs/protocol.md, "Scene changes").

The probe runs on the heartbeat thread, so it must be cheap and must not touch a DCC's scene
from there: read a number the DCC's main thread keeps (:func:`deferred_probe` builds one that
asks the main thread without waiting for it). A probe that raises is reported once and then
sends nothing. Runs in the DCC's own Python: 3.7+ only.

The window's own writes into the scene (the keeper's toggles and options, host/keeper.py) are no
change the artist made: the host service runs them inside :func:`quiet`, which reads the probe
before and after; when the write moved the token, the heartbeat keeps sending the token from
before until the scene moves on from where the write left it (a real edit), so no "scene changed
since validation" banner answers a toggle.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

log = logging.getLogger(__name__)

_probe: list = [None]
_failed = threading.Event()
_masked: list = [None]  # (the token right after the window's own write, the token sent in its place)
_holding: list = [None]  # while that write runs: the token sent (a beat may fall in the middle of it)
_writes = [0]  # quiet writes ended: a beat whose read straddles one may have read from before it


def register_scene_probe(probe: Callable[[], Any] | None) -> None:
    """Use ``probe()`` to tell when the scene changed (None: no probe, nothing is sent)."""
    if probe is not None and not callable(probe):
        raise TypeError("register_scene_probe needs a callable returning a token, got %r" % (probe,))
    _probe[0] = probe
    _masked[0] = _holding[0] = None
    _failed.clear()


def deregister_scene_probe() -> None:
    register_scene_probe(None)


def registered_probe() -> Callable[[], Any] | None:
    return _probe[0]


def scene_token() -> str | None:
    """The registered probe's token as text, None without a probe (or once it has failed)."""
    probe = _probe[0]
    if probe is None or _failed.is_set():
        return None
    writes = _writes[0]
    try:
        token = str(probe())
    except Exception as error:  # a broken probe must never stop the heartbeat
        _failed.set()
        log.warning("the scene-change probe %r failed and is no longer asked: %s", probe, error)
        return None
    held = _holding[0]
    if held is not None:
        return held
    if writes != _writes[0]:  # a quiet write ended while we read: the read may be from before it
        masked = _masked[0]
        return masked[1] if masked is not None else token
    return _shown(token)


def _shown(token: str) -> str:
    """The token as sent: the one from before the window's own write while the scene is where that
    write left it; once it moves on (an edit, a save), the mask is gone for good."""
    masked = _masked[0]
    if masked is None:
        return token
    if token == masked[0]:
        return masked[1]
    _masked[0] = None
    return token


def quiet(write: Callable[[], Any]) -> Any:
    """Run ``write``, the window's own write into the scene, so the probe does not report it.

    On the thread that may read the scene (the dispatch thread: the keeper runs there); a
    :func:`deferred_probe` is read directly here. A write that leaves the token as it was costs two
    reads and nothing else; a probe that fails here is left to the heartbeat to report."""
    probe = _probe[0]
    if probe is None or _failed.is_set():
        return write()
    read = getattr(probe, "read_now", probe)
    before = _read(read)
    masked = _masked[0]
    shown = masked[1] if masked is not None and before == masked[0] else before
    _holding[0] = shown
    try:
        return write()
    finally:
        after = _read(read)
        if before is not None and after is not None and after != before:
            _masked[0] = (after, shown)
        _writes[0] += 1
        _holding[0] = None


def _read(read: Callable[[], Any]) -> str | None:
    try:
        return str(read())
    except Exception:
        return None


def deferred_probe(read: Callable[[], Any], post: Callable[[Callable[[], None]], Any]) -> Callable[[], Any]:
    """A probe for a scene only the main thread may read: each call posts ``read`` to the main
    thread with ``post`` (Maya's ``executeDeferred``, Nuke's ``executeInMainThread``...) and returns
    what the last posted read found, never waiting for the main thread."""
    seen: list = [None]
    asked = threading.Event()

    def refresh() -> None:
        try:
            seen[0] = read()
        finally:
            asked.clear()

    def probe() -> Any:
        if not asked.is_set():
            asked.set()
            post(refresh)
        return seen[0]

    def read_now() -> Any:
        """On the main thread (:func:`quiet`): read at once, and the probe answers that from now."""
        seen[0] = read()
        return seen[0]

    probe.read_now = read_now  # type: ignore[attr-defined]
    return probe
