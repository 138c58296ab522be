"""What the runner can be asked to do: one frozen dataclass per job, so a wrong call fails where
it is made (a missing field, an unknown job) and not later on the runner thread.

``op`` is the job's name in events and logs (:class:`~.events.Started`, :class:`~.events.JobFailed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Tuple, Union

Toggles = dict  # {"instances": {id: bool}, "plugins": {id: bool}}, as Toggles.current() makes it


@dataclass(frozen=True)
class Reset:
    """Collect afresh: a new context, the plugins discovered again, the collectors run."""

    op: ClassVar[str] = "reset"
    port: int


@dataclass(frozen=True)
class Validate:
    """Every toggled pair up to extraction, with pyblish's test."""

    op: ClassVar[str] = "validate"
    port: int
    toggles: Toggles


@dataclass(frozen=True)
class Publish:
    """The whole publish; goes on from a validation made with these very toggles."""

    op: ClassVar[str] = "publish"
    port: int
    toggles: Toggles


@dataclass(frozen=True)
class Act:
    """One action of one plugin."""

    op: ClassVar[str] = "act"
    port: int
    plugin_id: str
    action_id: str


@dataclass(frozen=True)
class RunPlugins:
    """These plugins in pyblish's order on these instances (none: every compatible one toggled on)."""

    op: ClassVar[str] = "run_plugin"
    port: int
    toggles: Toggles
    plugin_ids: Tuple[str, ...]
    instance_ids: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Rerun:
    """Exactly the pairs that failed last run, (plugin id, instance id or None)."""

    op: ClassVar[str] = "rerun"
    port: int
    toggles: Toggles
    wanted: Tuple[Tuple[str, str | None], ...]


@dataclass(frozen=True)
class Sanity:
    """These validators (none: every toggled one) on the current context; never extracts."""

    op: ClassVar[str] = "sanity"
    port: int
    toggles: Toggles
    plugin_ids: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Toggle:
    """The artist toggled an instance or a plugin: the host hears it (and its callbacks fire)."""

    op: ClassVar[str] = "toggle"
    port: int
    kind: str  # "instance" or "plugin"
    item_id: str
    new: bool
    old: bool


@dataclass(frozen=True)
class Comment:
    """The artist's comment, into the host's context data."""

    op: ClassVar[str] = "comment"
    port: int
    text: str


@dataclass(frozen=True)
class Update:
    """Data the window sets in the host before a run (the options, docs/options.md): each write is
    (instance id or None for the Context, key, value), sent with the host's ``update``."""

    op: ClassVar[str] = "update"
    port: int
    writes: Tuple[Tuple[Union[str, None], str, object], ...]


@dataclass(frozen=True)
class Forget:
    """The host has gone: drop its session and what its validation left."""

    op: ClassVar[str] = "forget"
    port: int


Job = Union[Reset, Validate, Publish, Act, RunPlugins, Rerun, Sanity, Toggle, Comment, Update, Forget]
