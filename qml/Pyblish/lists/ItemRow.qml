pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// One instance or plugin: status checkbox, label, action/comment marks, arrow to Perspective.
// One row tall always: section headers are rows of their own (SectionRows), so the list's
// estimate of its length is exact.
Item {
    id: row
    property string itemId: ""
    property string label: ""
    property string status: "idle"
    property bool toggled: true
    property bool interactive: true
    property bool required: false
    property string lockedReason: ""  // set on lockedClicked: asked when a click needs it, not per row handed
    signal lockedClicked()
    property bool faded: false  // will not process the selected instance
    property bool focusRing: false  // the selected row of the list that has the keys
    property bool processing: false
    property bool dimmed: false
    property string note: ""  // why the row is greyed, in a few words ("farm only"): never a bare grey
    property bool hasComment: false
    property bool hasActions: false
    property bool selected: false
    property bool emphasised: false
    property string thumbnailUrl: ""  // a file URL: the instance's picture, small (thumbnails/)
    property bool takesImages: false  // an image file dropped on the row becomes its thumbnail
    property bool farmable: false  // an instance: its farm toggle and state (farm/FarmRowMark.qml)
    property FarmMark farmMark: null  // on the farm, state, tone: one role (app/farm/farm_marks.py)
    property string columnsLine: ""  // the InstanceColumns values, "" when the setting is empty (app/lists/row_columns.py)
    property string columnsTip: ""  // the same as "key: value" lines, whole

    signal toggleRequested()
    signal selectRequested(int modifiers)  // a left click, with Ctrl/Shift as held
    signal currentRequested()  // a right-click or the checkbox: keep a selection this row is in
    signal perspectiveRequested()
    signal menuRequested(real x, real y)
    signal sectionMenuRequested(real x, real y)  // Ctrl+Menu: the row's section's menu

    // From the keyboard (Menu, Shift+F10; with Ctrl the section's): the current row's menus open
    // under its label.
    Connections {
        target: row.ListView.view as ItemList
        enabled: row.focusRing
        function onMenuKeyPressed(section: bool) {
            if (section)
                row.sectionMenuRequested(28, body.y + body.height)
            else
                row.menuRequested(28, body.y + body.height)
        }
    }

    implicitHeight: Theme.rowHeight
    height: implicitHeight

    Rectangle {
        id: body
        objectName: "rowBody"
        width: parent.width
        height: Theme.rowHeight
        color: row.selected ? Theme.selected : hoverArea.containsMouse ? Theme.hover : "transparent"
        radius: 3
        border.width: row.focusRing ? 1 : 0
        border.color: Theme.focusRing
        Accessible.role: Accessible.ListItem
        Accessible.name: row.label + ", " + row.status + (row.required ? ", " + qsTr("required") : "")
        Accessible.selectable: true
        Accessible.selected: row.selected

        // The pair running now: the row breathes (an accent wash and a bar at its edge) until it ends.
        Rectangle {
            id: runningWash
            objectName: "runningWash"
            anchors.fill: parent
            radius: 3
            visible: row.processing
            color: Theme.accent
            opacity: 0.0
            Rectangle { width: 3; height: parent.height; radius: 1.5; color: Theme.accent }
            SequentialAnimation on opacity {
                running: row.processing
                loops: Animation.Infinite
                NumberAnimation { from: 0.10; to: 0.32; duration: 600; easing.type: Easing.InOutSine }
                NumberAnimation { from: 0.32; to: 0.10; duration: 600; easing.type: Easing.InOutSine }
            }
        }

        MouseArea {
            id: hoverArea
            anchors.fill: parent
            hoverEnabled: true
            acceptedButtons: Qt.LeftButton | Qt.RightButton
            onClicked: function(mouse) {
                if (mouse.button === Qt.RightButton) {
                    row.currentRequested()
                    row.menuRequested(mouse.x, mouse.y + body.y)
                } else {
                    row.selectRequested(mouse.modifiers)
                }
            }
            onDoubleClicked: row.perspectiveRequested()
        }

        ThumbnailDrop {
            anchors.fill: parent
            enabled: row.takesImages
            itemId: row.itemId
        }

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 2
            spacing: 8
            opacity: row.dimmed ? 0.4 : row.faded ? 0.3 : 1.0

            StatusCheck {
                objectName: "statusCheck"
                status: row.status
                checked: row.toggled
                interactive: row.interactive
                required: row.required
                lockedReason: row.lockedReason
                onLockedClicked: row.lockedClicked()
                name: row.label
                processing: row.processing
                onToggled: {
                    row.currentRequested()
                    row.toggleRequested()
                }
            }
            RowThumbnail {
                visible: row.thumbnailUrl.length > 0
                source: row.thumbnailUrl
                flung: (row.ListView.view as ItemList)?.flung ?? false
            }
            Label {
                id: text
                objectName: "rowLabel"
                text: row.label
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.weight: row.emphasised ? Font.Bold : row.required ? Font.Medium : Font.Normal
                elide: Text.ElideRight
                Layout.fillWidth: true
                // beside the data columns: the name keeps its width (up to 90 px) before they do
                Layout.minimumWidth: columns.visible ? Math.min(text.implicitWidth, 90) : 0
                ToolTip.visible: hoverArea.containsMouse && text.truncated
                ToolTip.delay: 600
                ToolTip.text: row.label
            }
            Label {
                // Where the publish goes (InstanceColumns): right of the name, elided in the middle
                // (the first and last values stay); the tooltip has every key and whole value.
                id: columns
                objectName: "rowColumns"
                visible: row.columnsLine.length > 0
                text: row.columnsLine
                color: Theme.dim
                font.pixelSize: Theme.smallFont
                elide: Text.ElideMiddle
                horizontalAlignment: Text.AlignRight
                // what the name leaves: both give up width between their own and their minimum
                // (rounded up: a layout rounds widths down, and 0.1 px short elides the text)
                Layout.fillWidth: true
                Layout.preferredWidth: Math.ceil(columns.implicitWidth)
                Layout.maximumWidth: Math.ceil(columns.implicitWidth)
                Layout.minimumWidth: Math.min(columns.implicitWidth, 40)
                HoverHandler { id: columnsHover }
                ToolTip.visible: columnsHover.hovered
                ToolTip.delay: 500
                ToolTip.text: row.columnsTip
                Accessible.role: Accessible.StaticText
                Accessible.name: row.columnsTip
            }
            Label {
                objectName: "rowNote"
                visible: row.note.length > 0
                text: row.note
                color: Theme.text  // the row is drawn faint as a whole: the reason stays readable in it
                font.pixelSize: Theme.smallFont
                font.italic: true
                elide: Text.ElideRight
                Layout.maximumWidth: row.width * 0.45
            }
            Loader {
                active: row.farmable
                visible: active
                sourceComponent: FarmRowMark {
                    instanceId: row.itemId
                    value: row.farmMark
                    reveal: hoverArea.containsMouse || row.selected
                    interactive: row.interactive
                }
            }
            Icon {
                name: "action"
                size: 14
                visible: row.hasActions
                opacity: 0.8
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("has actions")
            }
            Icon {
                name: "comment"
                size: 14
                visible: row.hasComment
                opacity: 0.8
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("has a comment")
            }
            IconButton {
                objectName: "perspectiveButton"
                iconName: "arrow"
                focusPolicy: Qt.NoFocus  // Enter opens the page from the keyboard; Tab goes list to list
                tip: qsTr("Details (Enter)")
                opacity: hoverArea.containsMouse || row.selected ? 1.0 : 0.45
                onClicked: row.perspectiveRequested()
            }
        }
    }
}
