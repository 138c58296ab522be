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
        sourceSize.width: 68  // twice the frame: sharp on a 2x screen, still a few KB
        sourceSize.height: 40
        fillMode: Image.PreserveAspectCrop
        smooth: true
    }
}
