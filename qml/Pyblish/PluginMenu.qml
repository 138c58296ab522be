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
        height: menu.hasActions ? implicitHeight : 0
    }
    MenuItem {
        objectName: "runPluginItem"
        text: qsTr("Run this plugin")
        enabled: Controller.status.canRunPartial
        Accessible.name: qsTr("Run %1 on its instances").arg(menu.pluginLabel)
        ToolTip.visible: hovered
        ToolTip.delay: 500
        ToolTip.text: qsTr("Run only %1, on every compatible instance that is ticked").arg(menu.pluginLabel)
        onTriggered: runs.runPlugin(menu.pluginId, [])
    }
    MenuItem {
        objectName: "sanityPluginItem"
        visible: menu.isValidator
        height: menu.isValidator ? implicitHeight : 0
        text: qsTr("Sanity check with this validator")
        enabled: Controller.status.canRunPartial && menu.isValidator
        Accessible.name: qsTr("Sanity check with %1 only").arg(menu.pluginLabel)
        onTriggered: runs.sanityCheck([menu.pluginId])
    }
}
