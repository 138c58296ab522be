"""Toggles and option values kept with the scene, through the host's keeper (host/keeper.py).

After a Reset the host's Context carries what was kept (``data["pyblishQmlKept"]``): the option
edits go into :class:`~.option_values.OptionValues` at once, the toggles are applied once
collection has ended (as if the artist clicked them, so the host's callbacks fire). Whenever
the artist toggles something or edits an option, the whole choice is sent back with ``update``
on the Context; the host keeps it instead of storing it in the Context's data.

What is kept: ``{"options": {instance name: {plugin: {option: value}}}, "toggles": {"instances":
{name: bool}, "plugins": {name: bool}}}`` — only what differs from what collection gave.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...options import KEPT_KEY as KEY
from ..lists.models import InstanceModel, PluginModel
from ..live.run_status import RunStatus
from ..live.state import State
from ..overview.toggles import Toggles
from .option_values import OptionValues


class KeptChoices(QObject):
    def __init__(self, submit, instances: InstanceModel, plugins: PluginModel, values: OptionValues,
                 status: RunStatus, toggles: Toggles, parent: QObject | None = None):
        super().__init__(parent)
        self._submit = submit  # OptionsOwner.submit_writes
        self._models = {"instances": instances, "plugins": plugins}
        self._values = values
        self._status = status
        self._toggles = toggles
        self._pending: dict = {}  # toggles to apply when collection ends
        self._collected: dict | None = None  # (kind, name) -> toggle as collection left it
        status.stateChanged.connect(self._maybe_apply)
        toggles.toggled.connect(self.save)

    def collected(self) -> None:
        """A Reset's Context arrived: restore kept option edits; hold its toggles until collected."""
        context = next((item for item in self._models["instances"].items() if item.get("isContext")), None)
        kept = ((context or {}).get("data") or {}).get(KEY)
        kept = kept if isinstance(kept, dict) else {}
        self._values.restore(kept.get("options"))
        toggles = kept.get("toggles")
        self._pending = toggles if isinstance(toggles, dict) else {}
        self._collected = None

    def _maybe_apply(self) -> None:
        if self._collected is not None or self._status.state != State.Ready or self._status.run.last_op != "reset":
            return
        self._collected = {(kind, self._name(item)): bool(item["isToggled"])
                           for kind, model in self._models.items() for item in model.items()}
        for kind, model in self._models.items():
            wanted = self._pending.get(kind) if isinstance(self._pending.get(kind), dict) else {}
            for on in (True, False):
                ids = [item["id"] for item in model.items()
                       if wanted.get(self._name(item)) is on and bool(item["isToggled"]) is not on]
                if ids:
                    self._toggles.set_toggled(kind[:-1], ids, on)
        self._pending = {}

    def save(self, *_) -> None:
        """The artist changed a toggle or an option: keep the whole choice with the scene."""
        if self._collected is None:
            return  # before collection ended: nothing the artist chose yet
        toggles = {kind: {self._name(item): bool(item["isToggled"]) for item in model.items()
                          if not item.get("isContext")
                          and self._collected.get((kind, self._name(item)), item["isToggled"]) != item["isToggled"]}
                   for kind, model in self._models.items()}
        self._submit([(None, KEY, {"options": self._values.kept(), "toggles": toggles})])

    @staticmethod
    def _name(item: dict) -> str:
        return str(item.get("name") or "")
