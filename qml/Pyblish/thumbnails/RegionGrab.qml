pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window

// The region grab: the screen as it was frozen a moment ago, full-screen, dimmed; the artist
// drags a rectangle over what the thumbnail should show (the DCC's viewport), Esc cancels.
// What is kept is cropped from the frozen grab (app/thumbnails/screen_grab.py), so it is exactly
// what was on screen, and no compositor is needed.
Window {
    id: overlay
    property string source: ""
    signal chosen(real x, real y, real width, real height)
    signal cancelled()

    objectName: "regionGrab"
    flags: Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint | Qt.BypassWindowManagerHint
    x: overlay.screen ? overlay.screen.virtualX : 0
    y: overlay.screen ? overlay.screen.virtualY : 0
    width: overlay.screen ? overlay.screen.width : 800
    height: overlay.screen ? overlay.screen.height : 600
    visible: true
    color: "black"
    title: qsTr("Grab a region")
    Component.onCompleted: overlay.requestActivate()

    property point from: Qt.point(0, 0)
    property point to: Qt.point(0, 0)
    property bool dragging: false
    readonly property rect region: Qt.rect(Math.min(overlay.from.x, overlay.to.x), Math.min(overlay.from.y, overlay.to.y),
                                           Math.abs(overlay.to.x - overlay.from.x), Math.abs(overlay.to.y - overlay.from.y))

    Image {
        anchors.fill: parent
        source: overlay.source
        cache: false
        fillMode: Image.Stretch
    }
    Rectangle {  // dim all but the region
        anchors.fill: parent
        color: "#000000"
        opacity: 0.35
        visible: !overlay.dragging
    }
    Rectangle {
        objectName: "grabRegion"
        x: overlay.region.x
        y: overlay.region.y
        width: overlay.region.width
        height: overlay.region.height
        visible: overlay.dragging
        color: "transparent"
        border.width: 2
        border.color: "#5caadc"
    }
    Rectangle {
        anchors.horizontalCenter: parent.horizontalCenter
        y: 24
        width: hint.implicitWidth + 24
        height: hint.implicitHeight + 12
        radius: 4
        color: "#d0202428"
        visible: !overlay.dragging
        Text {
            id: hint
            anchors.centerIn: parent
            text: qsTr("Drag over what the thumbnail should show — Esc cancels")
            color: "#ffffff"
            font.pixelSize: 14
        }
    }
    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.CrossCursor
        onPressed: function(mouse) {
            overlay.from = Qt.point(mouse.x, mouse.y)
            overlay.to = overlay.from
            overlay.dragging = true
        }
        onPositionChanged: function(mouse) { overlay.to = Qt.point(mouse.x, mouse.y) }
        onReleased: function(mouse) {
            overlay.to = Qt.point(mouse.x, mouse.y)
            overlay.dragging = false
            overlay.chosen(overlay.region.x, overlay.region.y, overlay.region.width, overlay.region.height)
        }
    }
    Shortcut {
        sequence: "Esc"
        onActivated: overlay.cancelled()
    }
}
