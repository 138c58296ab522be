pragma ComponentBehavior: Bound
import QtQuick
import Pyblish

// An instance's thumbnail, row-sized. Loaded off the GUI thread (asynchronous) and decoded at
// the size drawn (sourceSize), so 10,000 rows with pictures scroll like rows without; Qt's
// image cache keeps the small decoded images of rows scrolled past.
Rectangle {
    id: frame
    property string source: ""  // a file URL (the instance model's thumbnail role)
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
        source: frame.source
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
