pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// The row's checkbox: its colour is the item's status, its fill whether it is toggled on.
Item {
    id: check
    property string status: "idle"
    property bool checked: true
    property bool interactive: true
    property bool processing: false
    signal toggled()

    implicitWidth: 16
    implicitHeight: 16

    Rectangle {
        id: box
        anchors.centerIn: parent
        width: 14
        height: 14
        radius: 3
        color: check.checked ? Theme.statusColor(check.status) : "transparent"
        border.width: 2
        border.color: Theme.statusColor(check.status)
        opacity: check.interactive ? 1.0 : 0.55

        SequentialAnimation on opacity {
            running: check.processing
            loops: Animation.Infinite
            alwaysRunToEnd: true
            NumberAnimation { from: 1.0; to: 0.35; duration: 420; easing.type: Easing.InOutQuad }
            NumberAnimation { from: 0.35; to: 1.0; duration: 420; easing.type: Easing.InOutQuad }
        }
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && check.status === "unknown"
    ToolTip.delay: 300
    ToolTip.text: qsTr("Unknown: the reply was lost; it may have run in the host; not re-run")
    MouseArea {
        anchors.fill: parent
        anchors.margins: -4
        enabled: check.interactive
        cursorShape: check.interactive ? Qt.PointingHandCursor : Qt.ArrowCursor
        onClicked: check.toggled()
    }
}
