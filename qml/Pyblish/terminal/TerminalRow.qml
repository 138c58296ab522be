pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// One record, error or message; click to select (Ctrl/Shift to extend), double-click for details.
Rectangle {
    id: row
    property string message: ""
    property string level: "info"
    property string kind: "record"
    property string levelname: ""
    property string logger: ""
    property string pluginName: ""
    property string instanceName: ""
    property string details: ""
    property string excText: ""
    property bool expanded: false
    property bool selected: false
    signal clicked(int modifiers)
    signal expandToggled()

    implicitHeight: body.implicitHeight + 8
    color: row.selected ? Theme.selected : area.containsMouse ? Theme.hover : "transparent"
    Accessible.role: Accessible.ListItem
    Accessible.name: row.levelname + ": " + row.message
    Accessible.selected: row.selected

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
                focusPolicy: Qt.NoFocus
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
            // The source: the plugin always shows; a long instance name gives way (elided in the middle).
            RowLayout {
                objectName: "source"
                spacing: 0
                Layout.maximumWidth: Math.max(120, row.width * 0.4)
                Label {
                    objectName: "sourcePlugin"
                    text: row.pluginName
                    color: Theme.dim
                    font.pixelSize: Theme.smallFont
                    elide: Text.ElideRight
                    Layout.maximumWidth: Math.max(80, row.width * 0.3)
                }
                Label {
                    objectName: "sourceInstance"
                    visible: row.instanceName.length > 0
                    text: (row.pluginName ? " · " : "") + row.instanceName
                    color: Theme.dim
                    font.pixelSize: Theme.smallFont
                    elide: Text.ElideMiddle
                    Layout.fillWidth: true
                    Layout.minimumWidth: Math.min(implicitWidth, 40)
                }
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
