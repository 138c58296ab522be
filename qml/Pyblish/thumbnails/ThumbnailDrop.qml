pragma ComponentBehavior: Bound
import QtQuick
import Pyblish

// Where an image file may be dropped to become an instance's thumbnail (its row, its page).
// Whether a drag carries an image and what a drop does are the panel's (app/thumbnails/).
DropArea {
    id: area
    property string itemId: ""
    objectName: "thumbnailDrop"
    keys: ["text/uri-list"]

    ThumbnailCommands { id: thumbs }

    onEntered: function(drag) {
        drag.accepted = thumbs.acceptsDrop(area.itemId, drag.urls)
    }
    onDropped: function(drop) {
        drop.accepted = thumbs.drop(area.itemId, drop.urls)
    }

    Rectangle {  // the drop will land here
        anchors.fill: parent
        visible: area.containsDrag
        color: "transparent"
        radius: 3
        border.width: 2
        border.color: Theme.accent
    }
}
