pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// A menu entry in the look of the actions menu: compact, theme colours, optional icon, a
// tooltip when it says more than its text. Its accessible name is its text.
MenuItem {
    id: entry
    property string iconName: ""
    property string tip: ""
    property bool heading: false  // a bold, disabled caption over a group of entries
    property bool capitals: entry.heading  // headings in capitals, as the section headers (not names)
    enabled: !entry.heading
    implicitHeight: 26  // the Basic style's 40 px is a touch size; rows match the actions menu
    height: entry.visible ? implicitHeight : 0
    font.pixelSize: entry.heading ? Theme.smallFont : Theme.fontSize
    font.bold: entry.heading
    font.capitalization: entry.capitals ? Font.AllUppercase : Font.MixedCase
    font.letterSpacing: entry.heading ? 0.8 : 0
    Accessible.name: entry.text
    Accessible.role: entry.heading ? Accessible.StaticText : Accessible.MenuItem
    ToolTip.visible: entry.hovered && entry.tip.length > 0
    ToolTip.delay: 500
    ToolTip.text: entry.tip
    contentItem: Item {
        implicitHeight: 22
        implicitWidth: label.implicitWidth + 28
        Icon {
            visible: entry.iconName.length > 0
            name: entry.iconName
            size: 12
            anchors.verticalCenter: parent.verticalCenter
            opacity: entry.enabled ? 0.9 : 0.4
        }
        Label {
            id: label
            x: entry.heading ? 0 : 20
            width: Math.max(0, parent.width - label.x)
            elide: Text.ElideRight
            anchors.verticalCenter: parent.verticalCenter
            text: entry.text
            font: entry.font
            color: entry.heading ? Theme.dim : entry.enabled ? Theme.text : Theme.faint
        }
    }
}
