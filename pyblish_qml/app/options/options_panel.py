"""Options wired into the window: which items the panel shows, and the values sent before a run.

:class:`OptionsPanel` follows the Perspective page's item and the lists' selection, fills
:class:`~.option_values.OptionValues` after each Reset, and before every run that processes
plugins hands its owner the writes the host has not had yet (one ``update`` per item whose values
changed, docs/options.md). What it needs from its owner is :class:`OptionsOwner`.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject

from ..lists.models import InstanceModel, PluginModel
from ..overview.overview_state import OverviewState
from ..overview.views import ItemDetail
from .option_values import OptionValues
from .options_model import OptionsModel, shown_ids

RUNS_PLUGINS = ("validate", "publish", "plugin", "plugins", "rerun", "sanity")


class OptionsOwner(Protocol):
    """What the panel asks of the window (the controller)."""

    def compat(self) -> dict: ...  # plugin id -> the instance ids it processes (None: the context)

    def submit_writes(self, writes: list[tuple]) -> None: ...  # (instance id or None, key, value) to the host


class OptionsPanel(QObject):
    def __init__(self, owner: OptionsOwner, instances: InstanceModel, plugins: PluginModel, detail: ItemDetail,
                 overview: OverviewState, parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._instances = instances
        self._plugins = plugins
        self._detail = detail
        self._overview = overview
        self.values = OptionValues(owner.compat)
        self.model = OptionsModel(self.values, self)
        detail.selectionChanged.connect(self.follow)
        overview.selectionChanged.connect(self.follow)
        instances.rowsInserted.connect(self._rows_added)

    def follow(self) -> None:
        """Show the Perspective's item, or the whole selection it is part of."""
        selected = self._overview.selectedIds if self._overview.selectedKind == "instance" else []
        self.model.show(shown_ids(self._detail.kind, self._detail.itemId, selected))

    def collected(self) -> None:
        """A Reset ended: this host's plugins, instances and compatibility are known."""
        self.values.collected(self._plugins.items(), self._instances.items())
        self.model.refresh()

    def _rows_added(self, parent, first: int, last: int) -> None:
        """Instances made later (a plugin adding one during a run) get their options too."""
        self.values.add_items(self._instances.row_item(row) for row in range(first, last + 1))
        self.model.refresh_soon()

    def before_run(self, op: str) -> None:
        """A run is about to start: send the values the host has not had yet, before its job."""
        if op in RUNS_PLUGINS and self.values.has_options():
            writes = self.values.writes()
            if writes:
                self._owner.submit_writes(writes)
