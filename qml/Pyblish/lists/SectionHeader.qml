pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// A group's header: click to collapse/expand, its box toggles every optional member.
Rectangle {
    id: header
    property string title: ""
    property bool collapsed: false
    property bool toggleable: true
    property string checkState: ""  // on, off or partial: its optional members
    signal collapseToggled()
    signal membersToggled()
    signal menuRequested(real x, real y)  // right-click: bulk toggles (ToggleMenu)

    implicitHeight: Theme.rowHeight  // a row tall: the lists scroll and snap by whole rows
    color: Theme.window
    Accessible.role: Accessible.Heading
    Accessible.name: header.title + (header.collapsed ? ", " + qsTr("collapsed") : "")

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 4
        anchors.rightMargin: 8
        spacing: 6
        Icon {
            name: header.collapsed ? "chevron-right" : "chevron-down"
            size: 14
            opacity: 0.7
        }
        Label {
            text: header.title
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.8
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
        Rectangle {
            id: box
            objectName: "sectionToggle"
            visible: header.toggleable
            implicitWidth: 12
            implicitHeight: 12
            radius: 2
            color: header.checkState === "on" ? Theme.dim : "transparent"
            border.color: Theme.dim
            border.width: 1.5
            Accessible.role: Accessible.CheckBox
            Accessible.name: qsTr("Every optional item in %1").arg(header.title)
            Accessible.checkable: true
            Accessible.checked: header.checkState === "on"
            Accessible.description: header.checkState
            Rectangle {  // partial: some members on, some off
                objectName: "partialMark"
                visible: header.checkState === "partial"
                anchors.centerIn: parent
                width: 6
                height: 2
                color: Theme.dim
            }
            ToolTip.visible: toggleArea.containsMouse
            ToolTip.delay: 500
            ToolTip.text: header.checkState === "on" ? qsTr("Turn off every optional item in %1").arg(header.title)
                                                     : qsTr("Turn on every optional item in %1").arg(header.title)
            MouseArea {
                id: toggleArea
                anchors.fill: parent
                anchors.margins: -4
                hoverEnabled: true
                cursorShape: Qt.PointingHandCursor
                onClicked: header.membersToggled()
            }
        }
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: 1
        color: Theme.line
    }
    MouseArea {
        anchors.fill: parent
        anchors.rightMargin: 28
        cursorShape: Qt.PointingHandCursor
        acceptedButtons: Qt.LeftButton | Qt.RightButton
        onClicked: function(mouse) {
            if (mouse.button === Qt.RightButton)
                header.menuRequested(mouse.x, mouse.y)
            else
                header.collapseToggled()
        }
    }
}
