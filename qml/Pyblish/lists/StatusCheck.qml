pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// The row's checkbox: its colour is the item's status, its fill whether it is toggled on.
// Required (non-optional) items draw a heavier, square box at full strength; clicking one says
// why it cannot be turned off instead of doing nothing.
Item {
    id: check
    property string status: "idle"
    property bool checked: true
    property bool interactive: true
    property bool required: false
    property bool processing: false
    property string lockedReason: ""  // why a click cannot toggle it (shown on click)
    signal lockedClicked()  // a click that cannot toggle: set lockedReason now
    property string name: ""
    property real pulse: 1.0
    property int lockedClicks: 0  // clicks that could not toggle: each shows why
    readonly property real boxBorder: box.border.width
    signal toggled()

    implicitWidth: 16
    implicitHeight: 16
    Accessible.role: Accessible.CheckBox
    Accessible.name: check.name
    Accessible.checkable: true
    Accessible.checked: check.checked
    Accessible.description: check.required ? qsTr("required") : qsTr("optional")

    Rectangle {
        id: box
        objectName: "statusBox"
        anchors.centerIn: parent
        width: 14
        height: 14
        radius: check.required ? 1 : 3
        color: check.checked ? Theme.statusColor(check.status) : "transparent"
        border.width: check.required ? 2.5 : 2
        border.color: Theme.statusColor(check.status)
        // The pulse is a separate value, so a finished item is at full strength at once.
        opacity: check.processing ? check.pulse : 1.0
    }
    SequentialAnimation {
        running: check.processing
        loops: Animation.Infinite
        onRunningChanged: if (!running) check.pulse = 1.0
        NumberAnimation { target: check; property: "pulse"; from: 1.0; to: 0.35; duration: 420; easing.type: Easing.InOutQuad }
        NumberAnimation { target: check; property: "pulse"; from: 0.35; to: 1.0; duration: 420; easing.type: Easing.InOutQuad }
    }
    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && check.status === "unknown"
    ToolTip.delay: 300
    ToolTip.text: qsTr("Unknown: the reply was lost; it may have run in the host; not re-run")
    MouseArea {
        anchors.fill: parent
        anchors.margins: -4
        cursorShape: check.interactive ? Qt.PointingHandCursor : Qt.ForbiddenCursor
        onClicked: {
            if (check.interactive) {
                check.toggled()
            } else {
                check.lockedClicked()  // the row says why now (lockedReason), not on every row it is handed
                check.lockedClicks += 1
            }
        }
    }
    // Made on the first click that needs it, not with every row (a list makes its rows at once).
    Loader {
        anchors.fill: parent  // the tip sits over the box, as if declared here
        active: check.lockedClicks > 0
        sourceComponent: ToolTip {
            id: lockedTip
            objectName: "lockedTip"
            Component.onCompleted: lockedTip.show(check.lockedReason, 3500)
            Connections {
                target: check
                function onLockedClicksChanged() { lockedTip.show(check.lockedReason, 3500) }
            }
        }
    }
}
