pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// One record, error or message; click to select (Ctrl/Shift to extend), double-click for details.
Rectangle {
    id: row
    property string message: ""
    property string level: "info"
    property string kind: "record"
    property string levelname: ""
    property string logger: ""
    property string where: ""
    property string details: ""
    property string excText: ""
    property bool expanded: false
    property bool selected: false
    signal clicked(int modifiers)
    signal expandToggled()

    implicitHeight: body.implicitHeight + 8
    color: row.selected ? Theme.selected : area.containsMouse ? Theme.hover : "transparent"

    MouseArea {
        id: area
        anchors.fill: parent
        hoverEnabled: true
        onClicked: function(mouse) { row.clicked(mouse.modifiers) }
        onDoubleClicked: row.expandToggled()
    }

    ColumnLayout {
        id: body
        x: 8
        y: 4
        width: parent.width - 16
        spacing: 3

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            IconButton {
                iconName: row.expanded ? "chevron-down" : "chevron-right"
                implicitWidth: 18
                implicitHeight: 18
                padding: 1
                tip: row.expanded ? qsTr("Less") : qsTr("Details")
                onClicked: row.expandToggled()
            }
            Icon {
                source: Theme.levelIcon(row.level, row.kind)
                size: 14
            }
            Label {
                Layout.fillWidth: true
                text: row.message
                color: Theme.levelColor(row.level)
                font.pixelSize: Theme.fontSize
                font.family: Theme.monospace
                elide: row.expanded ? Text.ElideNone : Text.ElideRight
                wrapMode: row.expanded ? Text.WrapAnywhere : Text.NoWrap
                maximumLineCount: row.expanded ? 1000 : 1
                textFormat: Text.PlainText
            }
            Label {
                text: row.where
                color: Theme.faint
                font.pixelSize: Theme.smallFont
                elide: Text.ElideLeft
                Layout.maximumWidth: 220
            }
        }
        TextEdit {
            visible: row.expanded
            Layout.fillWidth: true
            Layout.leftMargin: 48
            text: row.details + (row.excText ? "\n\n" + row.excText : "")
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.WrapAnywhere
            color: Theme.dim
            font.family: Theme.monospace
            font.pixelSize: Theme.smallFont
        }
    }
}
