"""The commands the window calls, on an object the QML creates: ``Commands { id: commands }``.

Compiled QML bindings can call a method without a guard only on an object they know by id: a
method reached through a property or a singleton "can be shadowed" (qmllint --compiler), so
every call would fall back to the interpreter. This forwards each command to the
:class:`~.controller.Controller` the window shows, or to the part of it that owns the job
(preferences, the terminal's filter and selection). Reading state goes through the typed
``Controller`` singleton's properties; calling goes through here.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, qmlEngine

from .controller import Controller
from .live.rows import terminal_text

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class Commands(QObject):
    def _controller(self) -> Controller:
        """The controller of the window (engine) that made this object."""
        engine = qmlEngine(self)
        found = engine.singletonInstance("Pyblish", "Controller") if engine is not None else None
        return found if isinstance(found, Controller) else Controller.current()

    # runs
    @Slot()
    def reset(self) -> None:
        self._controller().reset()

    @Slot()
    def validate(self) -> None:
        self._controller().validate()

    @Slot()
    def publish(self) -> None:
        self._controller().publish()

    @Slot()
    def stop(self) -> None:
        self._controller().stop()

    @Slot(str, str)
    def runAction(self, plugin_id: str, action_id: str) -> None:
        self._controller().runAction(plugin_id, action_id)

    # partial runs: one plugin, what failed, a sanity check of validators (docs/semantics.md)
    @Slot(str, "QStringList")
    def runPlugin(self, plugin_id: str, instance_ids: list) -> None:
        self._controller().runPlugin(plugin_id, instance_ids)

    @Slot("QStringList", "QStringList")
    def runPlugins(self, plugin_ids: list, instance_ids: list) -> None:
        self._controller().runPlugins(plugin_ids, instance_ids)

    @Slot()
    def rerunFailed(self) -> None:
        self._controller().rerunFailed()

    @Slot("QStringList")
    def sanityCheck(self, plugin_ids: list) -> None:
        self._controller().sanityCheck(plugin_ids)

    # toggles and comment
    @Slot(str)
    def toggleInstance(self, item_id: str) -> None:
        self._controller().toggles.instance(item_id)

    @Slot(str)
    def togglePlugin(self, item_id: str) -> None:
        self._controller().toggles.plugin(item_id)

    @Slot(str, str)
    def toggleSection(self, kind: str, section: str) -> None:
        self._controller().toggles.section(kind, section)

    @Slot(str, "QStringList", bool)
    def setToggled(self, kind: str, item_ids: list, on: bool) -> None:
        """Tick (or untick) these items — a selection's ids; only optional ones change."""
        self._controller().toggles.set_toggled(kind, [str(i) for i in item_ids], on)

    @Slot(str, str, str)
    def bulkToggle(self, kind: str, section: str, mode: str) -> None:
        """``all``, ``none`` or ``failed`` (only the failed ones on) for a section, or the whole
        list when ``section`` is empty."""
        self._controller().toggles.bulk(kind, section, mode)

    @Slot(str)
    def setComment(self, text: str) -> None:
        self._controller().setComment(text)

    @Slot(str, result=str)
    def toggleSelection(self, kind: str) -> str:
        """Space, the selection bar, "Toggle selected": every selected row of ``kind`` (else the
        current one) in one toggle. Returns why some (or all) did not change, for the window to say."""
        controller = self._controller()
        status = controller.status
        if controller.history.viewingPast:
            return "A past run is shown read-only: nothing in it can be toggled."
        if not status.canToggle:
            return status.blockedReason or ("Toggles are locked while a run is in progress." if status.isRunning
                                            else "")
        return controller.toggles.flip(kind, controller.models.overview.targets(kind))

    # plugins' options (app/options/): on the Perspective's item, or the selection it is part of
    @Slot(str, str, "QVariant")
    def setOption(self, plugin_name: str, option_name: str, value) -> None:
        self._controller().options_panel.model.set_value(plugin_name, option_name, value)

    @Slot(str, str)
    def flipOption(self, plugin_name: str, option_name: str) -> None:
        """A yes/no option clicked: on when it was off or mixed (a multi-selection), else off."""
        self._controller().options_panel.model.flip(plugin_name, option_name)

    @Slot(str)
    def setInstanceComment(self, text: str) -> None:
        """The Perspective's instance's own comment ("" : it inherits the Context's)."""
        self._controller().options_panel.facts.set_comment(text)

    @Slot(str, str)
    def resetOption(self, plugin_name: str, option_name: str) -> None:
        """Back to the plugin's default, on every item shown."""
        self._controller().options_panel.model.reset_value(plugin_name, option_name)

    # the lists' selection (keyboard and mouse; app/overview/overview_selection.py has the rules)
    @Slot(str, str)
    def select(self, kind: str, item_id: str) -> None:
        self._controller().models.overview.select(kind, item_id)

    @Slot(str, str, int)
    def clickRow(self, kind: str, item_id: str, modifiers: int) -> None:
        """A click on a row: alone; Ctrl adds or removes it; Shift selects the range to it."""
        self._controller().models.overview.click(kind, item_id, modifiers)

    @Slot(str, str)
    def makeCurrent(self, kind: str, item_id: str) -> None:
        """A right-click or a checkbox click: a selected row keeps the selection, another is selected alone."""
        self._controller().models.overview.makeCurrent(kind, item_id)

    @Slot(str, int)
    def moveSelection(self, kind: str, delta: int) -> None:
        self._controller().models.overview.move(kind, delta)

    @Slot(str, int)
    def extendSelection(self, kind: str, delta: int) -> None:
        """Shift+Up/Down."""
        self._controller().models.overview.extend(kind, delta)

    @Slot(str)
    def selectAllRows(self, kind: str) -> None:
        """Ctrl+A in a list: every row one can see in it."""
        self._controller().models.overview.selectAll(kind)

    @Slot()
    def clearSelection(self) -> None:
        self._controller().models.overview.clearSelection()

    @Slot(str, result=int)
    def currentListRow(self, kind: str) -> int:
        """The row of ``kind``'s list (its SectionRows: headers included) that shows the current
        item, -1 when none: what the list scrolls to and opens menus under."""
        models = self._controller().models
        rows = models.instanceRows if kind == "instance" else models.pluginRows
        return rows.viewRow(models.overview.selectedRow)

    @Slot()
    def validateAndPublish(self) -> None:
        """The scene changed since validation: publish, validating again first."""
        controller = self._controller()
        controller.scene_watch.revalidate(controller.run)
        controller.publish()

    @Slot(str, bool)
    def setSwitch(self, name: str, on: bool) -> None:
        """A preference the window turns on or off (notifyWhenDone, revalidateOnPublish)."""
        self._controller().preferences.setSwitch(name, on)

    @Slot(str, float)
    def setSplit(self, layout: str, fraction: float) -> None:
        self._controller().preferences.setSplit(layout, fraction)

    # hosts
    @Slot(int)
    def showHost(self, port: int) -> None:
        self._controller().switcher.pick(port)

    @Slot()
    def switchToNoticedHost(self) -> None:
        """The host notice's button: show the host it is about."""
        controller = self._controller()
        controller.switcher.pick(controller.presence.noticePort)

    @Slot()
    def dismissHostNotice(self) -> None:
        self._controller().presence.clear_notice()

    @Slot(result=bool)
    def startPythonHost(self) -> bool:
        controller = self._controller()
        return controller.switcher.start_python_host(controller.control_port)

    # preferences
    @Slot(str, bool)
    def setSectionCollapsed(self, section: str, collapsed: bool) -> None:
        controller = self._controller()
        controller.preferences.setSectionCollapsed(section, collapsed)
        controller.models.sections_changed()  # its rows leave the list and the selection

    @Slot(str)
    def setTheme(self, theme: str) -> None:
        self._controller().preferences.setTheme(theme)

    # the terminal
    @Slot(str, bool)
    def setLevelEnabled(self, level: str, enabled: bool) -> None:
        self._controller().models.terminal.setLevelEnabled(level, enabled)

    @Slot(int, int)
    def clickTerminalRow(self, row: int, modifiers: int) -> None:
        """Select a terminal row as a click does: alone, Ctrl toggles it, Shift extends to it."""
        self._controller().models.terminal.click_row(row, modifiers)

    @Slot(str)
    def toggleTerminalDetails(self, entry_id: str) -> None:
        """Show or hide one terminal entry's details (logger, file, thread, traceback)."""
        self._controller().models.terminal_model.toggle_expanded(entry_id)

    @Slot()
    def selectAllTerminalRows(self) -> None:
        self._controller().models.terminal.select_all()

    @Slot(bool, result=str)
    def copyTerminal(self, selected_only: bool) -> str:
        """Copy the selected terminal rows (or every row shown) to the clipboard; returns the text."""
        controller = self._controller()
        view = controller.models.terminal
        rows = view.selected_rows() if selected_only else range(view.rowCount())
        sources = (view.mapToSource(view.index(row, 0)) for row in rows)
        entries = controller.models.terminal_model
        text = terminal_text(entries.row_item(index.row()) for index in sources if index.isValid())
        QGuiApplication.clipboard().setText(text)
        return text
