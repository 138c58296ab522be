pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// A plugin row's context menu: its actions (ActionsMenu), then the partial runs for this plugin:
// run it alone, and for a validator a sanity check of it alone (docs/semantics.md, "Partial runs").
ActionsMenu {
    id: menu
    property string pluginId: ""
    property string pluginLabel: ""
    property bool hasActions: false
    property bool isValidator: false

    Commands { id: runs }

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
