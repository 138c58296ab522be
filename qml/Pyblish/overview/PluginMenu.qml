pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// A plugin row's context menu: on a row of a multi-selection first what acts on the selection
// (toggle it, run it, sanity-check its validators), then the plugin's actions (ActionsMenu), then the
// partial runs for this plugin: run it alone, and for a validator a sanity check of it alone
// (docs/semantics.md, "Partial runs").
ActionsMenu {
    id: menu
    property string pluginId: ""
    property string pluginLabel: ""
    property bool hasActions: false
    property bool isValidator: false
    property int selectedCount: 1  // the selection it was opened on (1: just this row)
    readonly property bool many: menu.selectedCount > 1
    readonly property int validators: menu.many ? Controller.models.overview.selectedValidatorIds.length : 0
    actionsAt: 5  // after the selection's entries
    signal toggleSelectionRequested()  // the list toggles its selection (and says why some stay)

    Commands { id: runs }

    MenuEntry {
        visible: menu.many
        heading: true
        text: qsTr("%1 selected plugins").arg(menu.selectedCount)
    }
    MenuEntry {
        objectName: "toggleSelectedItem"
        visible: menu.many
        enabled: menu.many && Controller.status.canToggle
        text: qsTr("Toggle selected (%1)").arg(menu.selectedCount)
        iconName: "fa:check-square"
        tip: qsTr("Tick every selected optional plugin, or untick them when all are ticked (Space)")
        onTriggered: menu.toggleSelectionRequested()
    }
    MenuEntry {
        objectName: "runSelectedItem"
        visible: menu.many
        enabled: menu.many && Controller.status.canRunPartial
        text: qsTr("Run selected (%1)").arg(menu.selectedCount)
        iconName: "fa:play"
        tip: qsTr("Run only the selected plugins, in pipeline order, on every compatible instance that is ticked")
        onTriggered: runs.runPlugins(Controller.models.overview.selectedIds, [])
    }
    MenuEntry {
        objectName: "sanitySelectedItem"
        visible: menu.many
        enabled: menu.many && menu.validators > 0 && Controller.status.canRunPartial
        text: menu.validators === 1 ? qsTr("Sanity check 1 validator")  // the menu is 200 px wide
              : menu.validators > 1 ? qsTr("Sanity check %1 validators").arg(menu.validators)
              : qsTr("No validator to check")
        iconName: "fa:check"
        tip: qsTr("Run the selected validators on what is collected now; nothing is extracted")
        onTriggered: runs.sanityCheck(Controller.models.overview.selectedValidatorIds)
    }
    MenuSeparator {
        visible: menu.many
        height: menu.many ? 9 : 0
        contentItem: Rectangle { implicitHeight: 1; color: Theme.line }
    }

    MenuSeparator {
        visible: menu.hasActions
        height: menu.hasActions ? 9 : 0
        contentItem: Rectangle { implicitHeight: 1; color: Theme.line }
    }
    MenuEntry {
        objectName: "runPluginItem"
        text: qsTr("Run this plugin")
        iconName: "fa:play"
        enabled: Controller.status.canRunPartial
        tip: qsTr("Run only %1, on every compatible instance that is ticked").arg(menu.pluginLabel)
        onTriggered: runs.runPlugin(menu.pluginId, [])
    }
    MenuEntry {
        objectName: "sanityPluginItem"
        visible: menu.isValidator
        text: qsTr("Sanity check it alone")
        iconName: "fa:check"
        enabled: Controller.status.canRunPartial && menu.isValidator
        tip: qsTr("Run %1 on what is collected now; nothing is extracted").arg(menu.pluginLabel)
        onTriggered: runs.sanityCheck([menu.pluginId])
    }
}
