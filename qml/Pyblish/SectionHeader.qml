pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A group's header: click to collapse/expand, its box toggles every optional member.
Rectangle {
    id: header
    property string title: ""
    property bool collapsed: false
    property bool toggleable: true
    signal collapseToggled()
    signal membersToggled()
    signal menuRequested(real x, real y)  // right-click: bulk toggles (ToggleMenu)

    implicitHeight: 26
    color: Theme.window

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
            objectName: "sectionToggle"
            visible: header.toggleable
            implicitWidth: 12
            implicitHeight: 12
            radius: 2
            color: "transparent"
            border.color: Theme.faint
            border.width: 1.5
            ToolTip.visible: toggleArea.containsMouse
            ToolTip.delay: 500
            ToolTip.text: qsTr("Toggle every optional item in %1").arg(header.title)
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
