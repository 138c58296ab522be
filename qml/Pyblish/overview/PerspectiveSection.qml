pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// A titled block on the Perspective page.
ColumnLayout {
    id: block
    property string title: ""
    default property alias content: body.data
    spacing: 6
    Layout.fillWidth: true

    Label {
        text: block.title
        color: Theme.dim
        font.pixelSize: Theme.smallFont
        font.bold: true
        font.capitalization: Font.AllUppercase
        font.letterSpacing: 0.8
    }
    ColumnLayout {
        id: body
        Layout.fillWidth: true
        spacing: 4
    }
}
