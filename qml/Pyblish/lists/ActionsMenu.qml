pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// A plugin's actions (Controller.models.actions, set its pluginId first): categories, separators,
// broken ones disabled with the reason.
Menu {
    id: menu
    property int actionsAt: 0  // where the actions go among the menu's own entries
    // wide enough for the longest action label (elided past menuMaxWidth)
    width: Math.min(Theme.menuMaxWidth, Math.max(200, actionMetrics.advanceWidth + 56))

    TextMetrics {
        id: actionMetrics
        font.pixelSize: Theme.fontSize
        text: Controller.models.actions.longestLabel + qsTr("  (broken)")
    }

    Commands { id: commands }

    Instantiator {
        model: Controller.models.actions
        delegate: MenuItem {
            id: entry
            required property string actionId
            required property string type
            required property string label
            required property string iconName
            required property bool active
            required property string error
            required property bool hasError
            text: entry.type === "separator" ? "" : (entry.label + (entry.hasError ? qsTr("  (broken)") : ""))
            enabled: entry.type === "action" && entry.active && !entry.hasError
            implicitHeight: entry.type === "separator" ? 9 : 26  // the Basic style's 40 px is a touch size
            height: implicitHeight
            Accessible.name: entry.label
            font.bold: entry.type === "category"
            font.pixelSize: entry.type === "category" ? Theme.smallFont : Theme.fontSize
            ToolTip.visible: entry.hovered && entry.hasError
            ToolTip.text: entry.error
            contentItem: Item {
                implicitHeight: entry.type === "separator" ? 1 : 22
                implicitWidth: label.implicitWidth + 28
                Rectangle {
                    visible: entry.type === "separator"
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.width
                    height: 1
                    color: Theme.line
                }
                Icon {
                    visible: entry.type === "action"
                    objectName: "actionIcon"
                    // Action.icon names a Font Awesome icon; unknown names draw the "action" glyph
                    name: entry.iconName.length > 0 ? "fa:" + entry.iconName : "action"
                    size: 12
                    anchors.verticalCenter: parent.verticalCenter
                    opacity: entry.enabled ? 0.9 : 0.4
                }
                Label {
                    id: label
                    visible: entry.type !== "separator"
                    x: entry.type === "action" ? 20 : 0
                    width: Math.max(0, parent.width - label.x)
                    elide: Text.ElideRight
                    anchors.verticalCenter: parent.verticalCenter
                    text: entry.text
                    font: entry.font
                    color: entry.type === "category" ? Theme.dim
                           : entry.hasError ? Theme.failedText
                           : entry.enabled ? Theme.text : Theme.faint
                }
            }
            onTriggered: commands.runAction(Controller.models.actions.pluginId, entry.actionId)
        }
        onObjectAdded: function(index, object) { menu.insertItem(index + menu.actionsAt, object as MenuItem) }
        onObjectRemoved: function(index, object) { menu.removeItem(object as MenuItem) }
    }
}
