pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// One instance or plugin: status checkbox, label, action/comment marks, arrow to Perspective.
// The first row of a section also draws the section's header (ListView keeps stale headers
// when it reuses section delegates, so headers live in the rows).
Item {
    id: row
    property string itemId: ""
    property string label: ""
    property string status: "idle"
    property bool toggled: true
    property bool interactive: true
    property bool processing: false
    property bool dimmed: false
    property bool hasComment: false
    property bool hasActions: false
    property bool collapsed: false
    property bool selected: false
    property bool emphasised: false
    property string sectionTitle: ""
    property bool showSection: false
    property bool sectionToggleable: true

    signal toggleRequested()
    signal selectRequested()
    signal perspectiveRequested()
    signal menuRequested(real x, real y)
    signal sectionCollapseToggled()
    signal sectionMembersToggled()
    signal sectionMenuRequested(real x, real y)

    implicitHeight: (row.showSection ? header.implicitHeight : 0) + (row.collapsed ? 0 : Theme.rowHeight)
    height: implicitHeight

    SectionHeader {
        id: header
        objectName: "section:" + row.sectionTitle
        visible: row.showSection
        width: parent.width
        title: row.sectionTitle
        collapsed: row.collapsed
        toggleable: row.sectionToggleable
        onCollapseToggled: row.sectionCollapseToggled()
        onMembersToggled: row.sectionMembersToggled()
        onMenuRequested: function(x, y) { row.sectionMenuRequested(x, y) }
    }

    Rectangle {
        id: body
        y: row.showSection ? header.implicitHeight : 0
        width: parent.width
        height: Theme.rowHeight
        visible: !row.collapsed
        color: row.selected ? Theme.selected : hoverArea.containsMouse ? Theme.hover : "transparent"
        radius: 3

        MouseArea {
            id: hoverArea
            anchors.fill: parent
            hoverEnabled: true
            acceptedButtons: Qt.LeftButton | Qt.RightButton
            onClicked: function(mouse) {
                row.selectRequested()
                if (mouse.button === Qt.RightButton)
                    row.menuRequested(mouse.x, mouse.y)
            }
            onDoubleClicked: row.perspectiveRequested()
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 2
            spacing: 8
            opacity: row.dimmed ? 0.4 : 1.0

            StatusCheck {
                objectName: "statusCheck"
                status: row.status
                checked: row.toggled
                interactive: row.interactive
                processing: row.processing
                onToggled: {
                    row.selectRequested()
                    row.toggleRequested()
                }
            }
            Label {
                id: text
                text: row.label
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.bold: row.emphasised
                elide: Text.ElideRight
                Layout.fillWidth: true
                ToolTip.visible: hoverArea.containsMouse && text.truncated
                ToolTip.delay: 600
                ToolTip.text: row.label
            }
            Icon {
                name: "action"
                size: 14
                visible: row.hasActions
                opacity: 0.8
            }
            Icon {
                name: "comment"
                size: 14
                visible: row.hasComment
                opacity: 0.8
            }
            IconButton {
                objectName: "perspectiveButton"
                iconName: "arrow"
                tip: qsTr("Details")
                opacity: hoverArea.containsMouse || row.selected ? 1.0 : 0.45
                onClicked: row.perspectiveRequested()
            }
        }
    }
}
