"""The models and views one window shows, made and wired together in one place.

Source models (:mod:`.models`) hold the rows; filtered views (:mod:`.filters`) and single-view
models (:mod:`.views`) are what QML binds to, as typed properties of ``Controller.models``.
Which rows exist and change is decided elsewhere (the controller, the event folder); this only
owns them.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlUncreatable

from .farm.farm_marks import FarmMarks
from .lists.filters import ItemFilterModel, TerminalFilterModel
from .lists.models import InstanceModel, PluginModel
from .lists.row_columns import RowColumns
from .lists.section_rows import SectionRows
from .overview.instance_layout import InstanceLayout
from .overview.instance_plugins import InstancePlugins
from .overview.overview_state import OverviewState, RunFacts
from .overview.views import ActionsModel, HostModel, ItemDetail
from .report.report_model import ReportModel, ValidationReport
from .terminal.terminal_model import TerminalModel

if TYPE_CHECKING:
    from .farm.farm_panel import FarmPanel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the controller makes one")
class WindowModels(QObject):
    def __init__(self, facts: RunFacts, parent: QObject | None = None, farm: Callable[[], FarmPanel] | None = None):
        """``farm``: the live window's farm panel (rows' farm marks); a past run's models have none."""
        super().__init__(parent)
        self.instance_model = InstanceModel(self)
        self.plugin_model = PluginModel(self)
        self.terminal_model = TerminalModel(self)
        self.layout = InstanceLayout(self.instance_model)
        self._instance_view = ItemFilterModel(self.instance_model, self)
        self._plugin_view = ItemFilterModel(self.plugin_model, self)
        self._instance_rows = SectionRows(self._instance_view, "category", facts.collapsed_sections, self)
        self._plugin_rows = SectionRows(self._plugin_view, "verb", facts.collapsed_sections, self)
        self.farm_marks = FarmMarks(self._instance_rows, farm, self)  # one role a row reads (app/farm/farm_marks.py)
        self.row_columns = RowColumns(self._instance_rows)  # the InstanceColumns values on the rows
        self._terminal_view = TerminalFilterModel(self.terminal_model, self)
        self._item_log = TerminalFilterModel(self.terminal_model, self)  # the Perspective page's records
        self._item_log.show_errors_first()
        self._detail = ItemDetail(self.instance_model, self.plugin_model, self)
        self._detail.selectionChanged.connect(self._filter_item_log)
        self._actions = ActionsModel(self.plugin_model, self)
        self._hosts = HostModel(self)
        self.report_model = ReportModel(self.plugin_model, self)
        self._report = ValidationReport(self.report_model, self)
        self._overview = OverviewState(self.instance_model, self.plugin_model, facts,
                                       {"instance": self._instance_view, "plugin": self._plugin_view}, self)
        self._overview.selectionChanged.connect(self._show_selection)
        self._instance_plugins = InstancePlugins(self.instance_model, self.plugin_model, facts, self)

    def sections_changed(self) -> None:
        """A section was collapsed or expanded (or the host's HiddenSections arrived)."""
        self._instance_rows.sections_changed()
        self._plugin_rows.sections_changed()
        self._overview.sections_changed()

    def _filter_item_log(self) -> None:
        self._item_log.itemFilter = self._detail.itemId

    def _show_selection(self) -> None:
        """The details pane (wide windows) and the Perspective page show the selected row."""
        if self._overview.selectedKind:
            self._detail.kind = self._overview.selectedKind
            self._detail.itemId = self._overview.selectedId

    @Property(ItemFilterModel, constant=True, final=True)
    def instances(self) -> ItemFilterModel:
        """Instances as listed: grouped by section, searchable."""
        return self._instance_view

    @Property(ItemFilterModel, constant=True, final=True)
    def plugins(self) -> ItemFilterModel:
        return self._plugin_view

    @Property(SectionRows, constant=True, final=True)
    def instanceRows(self) -> SectionRows:
        """The instance list's rows: a header before each section, collapsed members left out."""
        return self._instance_rows

    @Property(SectionRows, constant=True, final=True)
    def pluginRows(self) -> SectionRows:
        return self._plugin_rows

    @Property(TerminalFilterModel, constant=True, final=True)
    def terminal(self) -> TerminalFilterModel:
        """The terminal: filtered by level, text and item; its selection."""
        return self._terminal_view

    @Property(TerminalFilterModel, constant=True, final=True)
    def itemLog(self) -> TerminalFilterModel:
        """Records and errors of the item the Perspective page shows (follows ``detail``)."""
        return self._item_log

    @Property(ItemDetail, constant=True, final=True)
    def detail(self) -> ItemDetail:
        """The item the Perspective page shows (set its ``kind`` and ``itemId``)."""
        return self._detail

    @Property(ActionsModel, constant=True, final=True)
    def actions(self) -> ActionsModel:
        """The actions menu's rows (set its ``pluginId``)."""
        return self._actions

    @Property(ValidationReport, constant=True, final=True)
    def report(self) -> ValidationReport:
        """The validation report: errors, then warnings, grouped by plugin."""
        return self._report

    @Property(HostModel, constant=True, final=True)
    def hosts(self) -> HostModel:
        return self._hosts

    @Property(OverviewState, constant=True, final=True)
    def overview(self) -> OverviewState:
        """The lists' selection, section toggle states and plugins faded for the selection."""
        return self._overview

    @Property(InstancePlugins, constant=True, final=True)
    def instancePlugins(self) -> InstancePlugins:
        """The plugins an instance row's menu can run on that instance alone (set ``instanceId``)."""
        return self._instance_plugins
