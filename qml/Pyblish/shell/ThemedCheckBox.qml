import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// The window's one check box: a 16 px box in the theme's colours (a tick when checked, a bar when
// mixed) and its text in the theme's text colour, so the Perspective's farm toggle, an option and
// the Terminal's filter look alike in both themes.
CheckBox {
    id: box
    property color textColor: Theme.text
    padding: 0
    spacing: 6
    font.pixelSize: Theme.fontSize
    indicator: Rectangle {
        x: box.leftPadding + 2
        anchors.verticalCenter: parent.verticalCenter
        implicitWidth: 16
        implicitHeight: 16
        radius: 3
        color: box.checkState === Qt.Unchecked ? Theme.panel : Theme.accent
        border.color: !box.enabled ? Theme.faint
                      : box.checkState === Qt.Unchecked ? (box.hovered ? Theme.accent : Theme.dim) : Theme.accent
        opacity: box.enabled ? 1.0 : 0.6
        Rectangle {  // mixed: a bar
            visible: box.checkState === Qt.PartiallyChecked
            anchors.centerIn: parent
            width: 8
            height: 2
            color: Theme.onFilled
        }
        Label {
            visible: box.checkState === Qt.Checked
            anchors.centerIn: parent
            text: "\u2713"
            color: Theme.onFilled
            font.pixelSize: 12
            font.bold: true
        }
    }
    contentItem: Label {
        leftPadding: box.text.length > 0 ? box.indicator.width + box.spacing + 2 : 0
        text: box.text
        color: box.enabled ? box.textColor : Theme.faint
        font: box.font
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
    }
}
