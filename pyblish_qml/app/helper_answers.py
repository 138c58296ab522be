"""What the controller answers its helpers: one method per question of their Protocols.

Each helper says what it needs from its owner as a small ``typing.Protocol`` next to it
(:class:`~.live.run_status.StatusOwner`, :class:`~.overview.toggles.ToggleOwner`,
:class:`~.overview.overview_state.RunFacts`, :class:`~.live.folding.RunListener`,
:class:`~.live.event_pump.PumpOwner`, :class:`~.hosts.host_switching.SwitcherOwner`,
:class:`~.history.history.HistorySource`) and the control server's ``state()``; the controller
answers them through this mixin, so no helper holds the controller itself and none imports it.
What helpers tell is a signal the controller connects in ``__init__``.

Thread: GUI thread, except :meth:`HelperAnswers.live_report` (a worker thread).
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from ..engine import jobs
from .live.state import wire_name

if TYPE_CHECKING:
    from ..engine.runner import Runner
    from ..record.recorder import Recorder
    from ..record.report import Report
    from ..record.writer import RunTicket
    from .history.history import HistoryView
    from .hosts.host_presence import HostPresence
    from .hosts.host_switching import HostSwitcher
    from .lists.models import InstanceModel, PluginModel
    from .live.run_progress import RunProgress
    from .live.run_status import RunStatus
    from .shell.preferences import UserPreferences
    from .shell.settings import WindowSettings
    from .window_models import WindowModels


class HelperAnswers:
    """Mixed into :class:`~.controller.Controller`, which owns every attribute named here."""

    run: RunProgress
    runner: Runner
    recorder: Recorder | None
    registry: object
    settings: WindowSettings
    switcher: HostSwitcher
    _preferences: UserPreferences
    _history: HistoryView
    _status: RunStatus
    _presence: HostPresence
    _models: WindowModels
    _instances: InstanceModel
    _plugins: PluginModel
    _comment: str
    visible: bool
    state_lock: threading.RLock


    def farm_snapshot(self) -> dict:
        """FarmOwner (GUI thread): the Context and plugins as the window holds them, for a hand-off."""
        rows = self._instances.items()
        context = next((row for row in rows if row.get("isContext")), {"id": None, "data": {}})
        return {"context": {"id": context["id"], "name": "Context", "data": dict(context.get("data") or {}),
                            "children": [{"id": row["id"], "name": row["name"], "data": dict(row.get("data") or {})}
                                         for row in rows if not row.get("isContext")]},
                "plugins": [{"id": p["id"], "name": p.get("name"), "label": p.get("label"), "order": p.get("order"),
                             "path": p.get("path"), "active": p.get("isToggled", True)} for p in self._plugins.items()],
                "port": self.switcher.port, "comment": self._comment}

    def farm_run(self, next_run: bool) -> RunTicket | None:
        """FarmOwner (GUI thread): the Publish starting next (``next_run``) or the validation that just ended."""
        return self.recorder.run_ticket(self.switcher.port, next_run) if self.recorder is not None else None

    def farm_history(self) -> str | None:
        """FarmOwner: the history file the farm's results go back into."""
        writer = self.recorder.writer if self.recorder is not None else None
        return str(writer.path) if writer is not None else None

    def compat(self) -> dict:
        """RunFacts: which plugin processes which instance, this run."""
        return self.run.compat

    def collapsed_sections(self) -> list[str]:
        """RunFacts: the sections the artist collapsed."""
        return self._preferences.collapsedSections

    def has_live_host(self) -> bool:
        """StatusOwner: a live host is shown (not gone, no past run on screen)."""
        return self.switcher.live() and not self._history.viewingPast

    def submit_toggle(self, kind: str, item_id: str, new: bool, old: bool) -> None:
        """ToggleOwner: the host hears of a toggle (its callbacks fire there)."""
        self.runner.submit(jobs.Toggle(self.switcher.port, kind, item_id, new, old))

    def submit_writes(self, writes: list[tuple]) -> None:
        """OptionsOwner: data the host must hold before the run (the artist's option values)."""
        self.runner.submit(jobs.Update(self.switcher.port, tuple(writes)))

    def current_comment(self) -> str:
        """OptionsOwner: the Context's comment, what instances without their own inherit."""
        return self._comment

    def toggles_locked(self) -> bool:
        """ToggleOwner: nothing toggles during a run or on a past run."""
        return not self._status.canToggle or self._history.viewingPast

    def context_label(self) -> str:
        """RunListener: what the Context row is called."""
        return self.settings.values["ContextLabel"]

    def blocked_reason(self) -> str:
        """StatusOwner: why nothing may start (the host has gone)."""
        if self._presence.gone:
            return "%s has gone away: nothing can run in it. The Terminal keeps the whole run." % (
                self._presence.label or "The host")
        return ""

    def host_named(self, name: str, file: str) -> None:
        """RunListener: the host's collectors said what it is and which file is open."""
        self.switcher.host_named(name, file)

    def comment_key_changed(self) -> None:
        """RunListener: a collector added or removed the context's comment key."""
        self.commentChanged.emit()  # type: ignore[attr-defined]  # the controller's signal

    def take_events(self) -> list:
        """PumpOwner: the runner's outbox, emptied."""
        return self.runner.drain()

    def record(self, events: list) -> None:
        """PumpOwner: a drain goes to the run history (O(1) here)."""
        if self.recorder is not None:
            self.recorder.consume(events)

    def shown_port(self) -> int | None:
        """PumpOwner: the host whose run the window shows."""
        return self.switcher.port

    def revalidate_wanted(self) -> bool:
        """SceneOwner: Publish on a changed scene validates again without asking."""
        return self._preferences.revalidateOnPublish

    def back_to_live(self) -> None:
        """SwitcherOwner: a host asking to publish wins over a past run on screen."""
        self._history.back_to_live()

    def forget_host(self, port: int) -> None:
        """SwitcherOwner: a host died; the runner drops its session."""
        self.runner.forget(port)

    def lost_pairs(self) -> str:
        """SwitcherOwner: what a dead host took with it, in words ("" when nothing)."""
        return self.run.lost

    def _host_answered(self, port: int) -> None:
        if self._presence.busy:
            self.switcher.host_recovered(port)

    def _list_hosts(self) -> None:
        self._models.hosts.set_hosts(self.registry.snapshot() if self.registry else [])

    def _save_terminal_levels(self) -> None:
        self._preferences.save_terminal_levels(self._models.terminal.levels)

    def strict_discovery(self) -> bool:
        """StatusOwner: the studio's StrictDiscovery setting (show() settings, or PYBLISH_QML_STRICT_DISCOVERY=1)."""
        return bool(self.settings.values.get("StrictDiscovery")) or os.environ.get(
            "PYBLISH_QML_STRICT_DISCOVERY", "") not in ("", "0")

    def live_run(self) -> tuple[int, bool]:
        """HistorySource: the live host's port (0: none) and whether anything has run for it."""
        return self.switcher.port or 0, self.run.last_op is not None

    def live_report(self) -> Report | None:
        """HistorySource: the current host's run as recorded (worker thread: waits for the history writer)."""
        if self.recorder is None or self.switcher.port is None:
            return None
        run_id = self.recorder.last_run_id(self.switcher.port)
        store = self.recorder.store()
        if run_id is None or store is None:
            return None
        try:
            return store.load(run_id)
        finally:
            store.close()

    def state_snapshot(self) -> dict:
        """The control server's ``state()`` (any thread; the hosts come from the registry there).

        Built on demand from plain attributes, under the lock a drain holds, so it never shows
        half a drain; no copy is made on the GUI thread per drain."""
        with self.state_lock:
            run, status = self.run, self._status
            return {
                "state": wire_name(status.state), "message": status.message, "host": self.switcher.port,
                "progress": [run.done, max(run.total, run.done)], "visible": self.visible,
                "instances": len(self._instances.items()), "plugins": len(self._plugins.items()),
                "failed": run.failed, "published": run.published, "validated": run.validated,
                "stopped": run.stopped, "comment": self._comment, "pastRun": self._history.banner,
                "hostLabel": self._presence.label, "hostGone": self._presence.gone,
                "hostBusy": self._presence.busy, "notice": self._presence.notice,
                "noticePort": self._presence.noticePort,
            }
