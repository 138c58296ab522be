pragma ComponentBehavior: Bound
import QtQuick
import Pyblish

// An instance's thumbnail, row-sized. Loaded off the GUI thread (asynchronous) and decoded at
// the size drawn (sourceSize); Qt's image cache keeps the small decoded images of rows scrolled
// past. While the list is flung, a row handed a new picture waits to load it until the list is
// still, so a flick does not decode the pictures of rows it only passes (ItemList.flung).
Rectangle {
    id: frame
    property string source: ""  // a file URL (the instance model's thumbnail role)
    property bool flung: false  // the list moves fast: do not start loading a new picture yet
    property string loaded: ""  // what the image loads: the source, or "" while flung past it
    onSourceChanged: frame.follow()
    onFlungChanged: frame.follow()
    function follow() {
        frame.loaded = frame.flung && frame.loaded !== frame.source ? "" : frame.source
    }
    objectName: "rowThumbnail"
    implicitWidth: 34
    implicitHeight: Theme.rowHeight - 6
    radius: 2
    color: Theme.raised
    border.width: 1
    border.color: Theme.line
    Accessible.role: Accessible.Graphic
    Accessible.name: qsTr("thumbnail")

    Image {
        objectName: "rowThumbnailImage"
        anchors.fill: parent
        anchors.margins: 1
        source: frame.loaded
        asynchronous: true
        cache: true
        // Decoded at exactly the size drawn (in device pixels), so each frame copies it as it is:
        // the software renderer scaled a 68x40 picture down with smoothing on every frame of a
        // scroll (docs/performance.md).
        sourceSize.width: Math.ceil(width * Screen.devicePixelRatio)
        sourceSize.height: Math.ceil(height * Screen.devicePixelRatio)
        fillMode: Image.PreserveAspectCrop
        smooth: false
    }
}
