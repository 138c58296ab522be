pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

ToolButton {
    id: button
    property string iconName: ""
    property string tip: ""
    implicitWidth: 24
    implicitHeight: 24
    padding: 4
    hoverEnabled: true
    Accessible.name: button.tip
    Accessible.role: Accessible.Button
    contentItem: Icon {
        name: button.iconName
        size: 16
        opacity: button.enabled ? (button.hovered ? 1.0 : 0.8) : 0.35
    }
    background: Rectangle {
        radius: Theme.radius
        color: button.down ? Theme.selected : button.hovered ? Theme.hover : "transparent"
    }
    ToolTip.visible: button.hovered && button.tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: button.tip
}
