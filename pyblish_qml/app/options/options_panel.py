"""Options wired into the window: which items the panel shows, and the values sent before a run.

:class:`OptionsPanel` follows the Perspective page's item and the lists' selection, fills
:class:`~.option_values.OptionValues` after each Reset, and before every run that processes
plugins hands its owner the writes the host has not had yet (one ``update`` per item whose values
changed, docs/options.md). What it needs from its owner is :class:`OptionsOwner`.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..live.run_status import RunStatus
from ..overview.toggles import Toggles
from ..thumbnails.thumbnails_panel import ThumbnailsOwner, ThumbnailsPanel
from ..window_models import WindowModels
from .comments import CommentRule, InstanceComments, OutputFacts
from .kept import KeptChoices
from .option_values import OptionValues
from .options_model import OptionsModel, shown_ids

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

RUNS_PLUGINS = ("validate", "publish", "plugin", "plugins", "rerun", "sanity")


class OptionsOwner(ThumbnailsOwner, Protocol):
    """What the panel asks of the window (the controller), the thumbnails' questions included."""

    def compat(self) -> dict: ...  # plugin id -> the instance ids it processes (None: the context)

    def submit_writes(self, writes: list[tuple]) -> None: ...  # (instance id or None, key, value) to the host

    def current_comment(self) -> str: ...  # the Context's comment as the artist wrote it


@QmlElement
@QmlUncreatable("the controller makes one")
class OptionsPanel(QObject):
    """What the artist sets before publishing: ``values`` (the options), ``commentRule``, ``outputs``,
    ``thumbnailPanel``."""

    def __init__(self, owner: OptionsOwner, models: WindowModels, status: RunStatus, toggles: Toggles,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._owner = owner
        self._row_columns = models.row_columns
        self._instances = instances = models.instance_model
        self._plugins = models.plugin_model
        self._detail = detail = models.detail
        self._overview = overview = models.overview
        self.values = OptionValues(owner.compat)
        self.model = OptionsModel(self.values, self)
        self.rule = CommentRule(self)
        self.comments = InstanceComments()
        self.facts = OutputFacts(self.comments, self)
        self.kept = KeptChoices(owner.submit_writes, instances, self._plugins, self.values, status, toggles, self)
        self.model.edited.connect(self.kept.save)
        self.thumbnails = ThumbnailsPanel(owner, instances, detail, self)  # app/thumbnails/
        status.stateChanged.connect(self.thumbnails.changed)  # may the picture change now
        detail.selectionChanged.connect(self.follow)
        detail.changed.connect(self._show_outputs)
        overview.selectionChanged.connect(self.follow)
        instances.rowsInserted.connect(self._rows_added)
        instances.modelReset.connect(self.collected)  # a Reset's instances (a new Context in the host)
        self._plugins.modelReset.connect(self.collected)  # ... and its plugins
        self._plugins.dataChanged.connect(self.model.refresh_soon)  # compatibility known, or changed by a toggle

    def follow(self) -> None:
        """Show the Perspective's item, or the whole selection it is part of."""
        selected = self._overview.selectedIds if self._overview.selectedKind == "instance" else []
        self.model.show(shown_ids(self._detail.kind, self._detail.itemId, selected))
        self._show_outputs()

    def _show_outputs(self) -> None:
        item = self._instances.item(self._detail.itemId) if self._detail.kind == "instance" else None
        self.facts.show(item, self._owner.current_comment())

    def apply_settings(self, values: dict) -> None:
        """The host's settings: the comment rule, per-instance comments, the output keys shown."""
        self.rule.apply(values.get("CommentRequired", False), values.get("CommentMinLength", 0))
        self.comments.enabled = bool(values.get("InstanceComment"))
        self.facts.keys = list(values.get("InstanceColumns") or [])
        self._row_columns.set_keys(self.facts.keys)  # the same values on the instance rows
        self._show_outputs()

    @Property(OptionsModel, constant=True, final=True)
    def options(self) -> OptionsModel:
        """The options of the plugins that process the Perspective's item (or the selection it is in)."""
        return self.model

    @Property(ThumbnailsPanel, constant=True, final=True)
    def thumbnailPanel(self) -> ThumbnailsPanel:
        """The Perspective's thumbnail and the ways to set it (app/thumbnails/)."""
        return self.thumbnails

    @Property(CommentRule, constant=True, final=True)
    def commentRule(self) -> CommentRule:
        return self.rule

    @Property(OutputFacts, constant=True, final=True)
    def outputs(self) -> OutputFacts:
        """The Perspective's item: the data keys the settings name, and its own comment."""
        return self.facts

    def collected(self) -> None:
        """A Reset: this host's plugins and instances are new (compatibility is read when asked)."""
        self.values.collected(self._plugins.items(), self._instances.items())
        self.comments.collected()
        self.kept.collected()
        self.model.refresh_soon()

    def _rows_added(self, parent, first: int, last: int) -> None:
        """Instances made later (a plugin adding one during a run) get their options too."""
        self.values.add_items(self._instances.row_item(row) for row in range(first, last + 1))
        self.model.refresh_soon()

    def before_run(self, op: str) -> None:
        """A run is about to start: send the values the host has not had yet, before its job."""
        if op not in RUNS_PLUGINS:
            return
        writes = self.values.writes() if self.values.has_options() else []
        writes += self.comments.writes(self._instances.items(), self._owner.current_comment())
        writes += self.thumbnails.writes()  # the artist's pictures, as instance.data["thumbnail"]
        if writes:
            self._owner.submit_writes(writes)
