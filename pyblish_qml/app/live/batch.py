"""What one drain of runner events changes, collected and then applied to the models at once.

Many events touch the same rows (processing → result → next processing); collecting them first
means one ``dataChanged`` per run of rows and one insert for all new terminal entries.

Thread: GUI thread only.
"""

from __future__ import annotations

import itertools
from typing import Any

from ..lists.models import InstanceModel, PluginModel
from ..terminal.terminal_model import TerminalModel
from .rows import terminal_entry


class Batch:
    def __init__(self, instances: InstanceModel, plugins: PluginModel, terminal: TerminalModel,
                 entry_ids: itertools.count):
        self._models = (instances, plugins, terminal)
        self._entry_ids = entry_ids
        self.instances: dict[str, dict] = {}
        self.plugins: dict[str, dict] = {}
        self.entries: list[dict] = []

    def instance(self, item_id: str) -> dict[str, Any]:
        """The pending update of one instance row (created empty)."""
        return self.instances.setdefault(item_id, {})

    def plugin(self, item_id: str) -> dict[str, Any]:
        """The pending update of one plugin row (created empty)."""
        return self.plugins.setdefault(item_id, {})

    def entry(self, kind: str, levelno: int, message: str, extra: dict | None = None,
              plugin: dict | None = None, instance: dict | None = None) -> None:
        """A terminal entry: a record, an error or a message of our own."""
        self.entries.append(terminal_entry("e%d" % next(self._entry_ids), kind, levelno, message, extra,
                                           plugin, instance))

    def discard_rows(self) -> None:
        """Forget pending row updates (the rows are about to be rebuilt)."""
        self.instances, self.plugins = {}, {}

    def flush(self) -> None:
        """Apply what is pending; the batch stays usable for the rest of the drain."""
        instances, plugins, terminal = self._models
        if self.instances:
            instances.update_items(self.instances)
            self.instances = {}
        if self.plugins:
            plugins.update_items(self.plugins)
            self.plugins = {}
        if self.entries:
            terminal.append_items(self.entries)
            self.entries = []
