pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// A plugin's actions, as its state allows: categories, separators, broken ones disabled.
Menu {
    id: menu
    property string pluginId: ""
    property var actions: []

    Instantiator {
        model: menu.actions
        delegate: MenuItem {
            id: entry
            required property var modelData
            readonly property string kind: entry.modelData.type
            text: entry.kind === "separator" ? "" : (entry.modelData.label
                  + (entry.modelData.error ? qsTr("  (broken)") : ""))
            enabled: entry.kind === "action" && entry.modelData.active && !entry.modelData.error
            height: entry.kind === "separator" ? 9 : implicitHeight
            font.bold: entry.kind === "category"
            font.pixelSize: entry.kind === "category" ? Theme.smallFont : Theme.fontSize
            ToolTip.visible: entry.hovered && !!entry.modelData.error
            ToolTip.text: entry.modelData.error || ""
            contentItem: Item {
                implicitHeight: entry.kind === "separator" ? 1 : 22
                implicitWidth: label.implicitWidth + 28
                Rectangle {
                    visible: entry.kind === "separator"
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.width
                    height: 1
                    color: Theme.line
                }
                Icon {
                    visible: entry.kind === "action"
                    name: "action"
                    size: 12
                    anchors.verticalCenter: parent.verticalCenter
                    opacity: entry.enabled ? 0.9 : 0.4
                }
                Label {
                    id: label
                    visible: entry.kind !== "separator"
                    x: entry.kind === "action" ? 20 : 0
                    anchors.verticalCenter: parent.verticalCenter
                    text: entry.text
                    font: entry.font
                    color: entry.kind === "category" ? Theme.dim
                           : entry.modelData.error ? Theme.failed
                           : entry.enabled ? Theme.text : Theme.faint
                }
            }
            onTriggered: Controller.runAction(menu.pluginId, entry.modelData.id)
        }
        onObjectAdded: function(index, object) { menu.insertItem(index, object) }
        onObjectRemoved: function(index, object) { menu.removeItem(object) }
    }
}
