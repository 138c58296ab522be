pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// A plugin's applicable actions as buttons, each with its icon (Perspective page, report page).
// Which actions apply (pyblish's "on") is decided in Python; a broken one is shown disabled with why.
Flow {
    id: flow
    required property var actions  // an ActionButtonsModel (a list model: the Repeater takes it as is)
    spacing: 6

    Commands { id: commands }

    Repeater {
        model: flow.actions
        delegate: Button {
            id: button
            required property string pluginId
            required property string actionId
            required property string label
            required property string glyph
            required property bool active
            required property string error
            required property bool hasError
            objectName: "actionButton:" + button.label
            text: button.label
            // A past run's actions are shown as they were, but run only in a live host.
            enabled: button.active && !button.hasError && !Controller.status.isRunning && Controller.status.hostLive
            implicitHeight: 26
            leftPadding: 8
            rightPadding: 10
            hoverEnabled: true
            font.pixelSize: Theme.fontSize
            Accessible.name: button.label
            contentItem: Row {
                spacing: 6
                Icon {
                    name: button.hasError ? "error" : button.glyph
                    size: 14
                    anchors.verticalCenter: parent.verticalCenter
                    opacity: button.enabled || button.hasError ? 1.0 : 0.45
                }
                Label {
                    text: button.text
                    font: button.font
                    anchors.verticalCenter: parent.verticalCenter
                    color: button.hasError ? Theme.failed : button.enabled ? Theme.text : Theme.faint
                }
            }
            background: Rectangle {
                radius: Theme.radius
                color: !button.enabled ? "transparent" : button.down ? Theme.selected
                       : button.hovered ? Theme.hover : Theme.raised
                border.color: (button.hovered || button.visualFocus) && button.enabled ? Theme.accent : Theme.line
                border.width: button.visualFocus ? 2 : 1
            }
            ToolTip.visible: button.hovered
            ToolTip.delay: 400
            ToolTip.text: button.hasError ? qsTr("This action is broken: %1").arg(button.error)
                          : qsTr("Run “%1” in the host").arg(button.label)
            onClicked: commands.runAction(button.pluginId, button.actionId)
        }
    }
}
