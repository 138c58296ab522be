"""What the runner thread tells the GUI: one small frozen dataclass per kind of event.

The runner posts these to its outbox; the GUI drains them in batches and
:class:`~.folding.EventFolder` folds them into the models. Every event names the host (``port``)
it is about. An event of a kind the folder does not know is an error, never ignored. See
docs/protocol.md ("Results and changes") for the dicts the ``result`` and ``context`` carry.

Thread: made on the runner thread, read on the GUI thread (immutable, so safe to hand over).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    port: int


@dataclass(frozen=True)
class Started(Event):
    """A job began: ``op`` is reset, validate, publish or act; ``total`` pairs expected; a
    publish that ``continues`` a validate keeps validation's outcomes (docs/semantics.md)."""

    op: str
    total: int = 0
    plugin: str | None = None
    action: str | None = None
    continues: bool = False  # a Publish going on from a Validate: keep validation's outcomes


@dataclass(frozen=True)
class TotalKnown(Event):
    """The number of pairs became known after the job started (collection)."""

    total: int


@dataclass(frozen=True)
class Collected(Event):
    """A fresh context (wire dict) and plugin list after the host's ``reset``."""

    context: dict
    plugins: list


@dataclass(frozen=True)
class Processing(Event):
    """A pair was sent to the host and runs now."""

    plugin: str
    instance: str | None = None
    action: str | None = None
    started: float = 0.0  # wall-clock time (time.time()) the pair was sent; 0: unknown


@dataclass(frozen=True)
class PairDone(Event):
    """A pair's result as ``process`` returned it, plus the session's ``summary`` of changes;
    ``started``/``ended`` are the wall-clock times around its round trip (0: unknown), so the
    history and the timeline show when it ran, not when the GUI drained it."""

    result: dict = field(default_factory=dict)
    started: float = 0.0
    ended: float = 0.0


@dataclass(frozen=True)
class Compatibility(Event):
    """Per plugin id: the instance ids it would process (None: it takes the context)."""

    plugins: dict


@dataclass(frozen=True)
class Finished(Event):
    """A job ended; ``stopped`` is the reason it stopped early, if it did."""

    op: str
    stopped: str | None = None
    failed: bool = False
    plugin: str | None = None
    action: str | None = None


@dataclass(frozen=True)
class HostUnreachable(Event):
    """The host did not answer (connection refused, reset, timed out) during ``op``;
    ``reply_lost``: a pair was sent and its reply never came (it may have run; not re-run)."""

    op: str
    message: str
    reply_lost: bool = False


@dataclass(frozen=True)
class JobFailed(Event):
    """The job raised in the UI process itself (a bug or bad host data); ``traceback`` says where."""

    op: str
    message: str
    traceback: str = ""
    host_reset: bool = False  # the host was reset behind the window's back: its ids are new, collect again


@dataclass(frozen=True)
class SceneChanged(Event):
    """Told by the window, not the runner: the host's scene changed after the results on screen were
    validated (app/live/scene_watch.py). The history notes it on the host's last run."""


# Events about a host other than the current one that still end its run in the window.
ENDS_A_RUN: tuple[type[Any], ...] = (Finished, HostUnreachable, JobFailed)
