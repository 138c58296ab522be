pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// The Perspective page's picture of an instance, large, and the artist's ways to set it:
// paste (Ctrl+V), drop an image file, grab a region of the screen (the DCC's viewport), or ask
// the host to capture its scene. State and work are the panel's (app/thumbnails/).
PerspectiveSection {
    id: section
    readonly property ThumbnailsPanel panel: Controller.options.thumbnailPanel
    readonly property string itemId: Controller.models.detail.itemId
    objectName: "thumbnailSection"
    ThumbnailCommands { id: thumbs }

    title: section.panel.chosenHere ? qsTr("Thumbnail — chosen here") : qsTr("Thumbnail")

    Shortcut {
        sequences: [StandardKey.Paste]
        enabled: section.visible && section.panel.canSet
        onActivated: thumbs.paste(section.itemId)
    }

    Rectangle {
        id: frame
        objectName: "thumbnailFrame"
        Layout.fillWidth: true
        Layout.maximumWidth: 420
        // No picture: a slim drop zone, so pages of pipelines without thumbnails stay compact.
        Layout.preferredHeight: section.panel.url.length > 0 ? Math.round(Math.min(width, 420) * 9 / 16) : 44
        radius: 3
        color: Theme.panel
        border.width: 1
        border.color: Theme.line

        Image {
            id: picture
            objectName: "thumbnailImage"
            anchors.fill: parent
            anchors.margins: 1
            source: section.panel.url
            asynchronous: true
            sourceSize.width: 840
            fillMode: Image.PreserveAspectFit
            smooth: true
        }
        Label {
            anchors.centerIn: parent
            width: parent.width - 24
            visible: section.panel.url.length === 0
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: section.panel.canSet ? qsTr("No thumbnail: paste (Ctrl+V) or drop an image here")
                                       : qsTr("No thumbnail.")
            color: Theme.faint
            font.pixelSize: Theme.smallFont
        }
        BusyIndicator {
            anchors.centerIn: parent
            running: section.panel.busy
            visible: section.panel.busy
        }
        ThumbnailDrop {
            anchors.fill: parent
            itemId: section.itemId
        }
    }

    Flow {
        Layout.fillWidth: true
        spacing: 6
        visible: section.panel.canSet
        component Act: Button {
            id: act
            property string tip
            font.pixelSize: Theme.smallFont
            padding: 4
            leftPadding: 10
            rightPadding: 10
            focusPolicy: Qt.TabFocus
            ToolTip.visible: act.hovered && act.tip.length > 0
            ToolTip.delay: 500
            ToolTip.text: act.tip
            contentItem: Label {
                text: act.text
                color: act.enabled ? Theme.text : Theme.faint
                font: act.font
                horizontalAlignment: Text.AlignHCenter
            }
            background: Rectangle {
                radius: 3
                color: act.down ? Theme.selected : act.hovered ? Theme.hover : Theme.raised
                border.width: act.activeFocus ? 1 : 0
                border.color: Theme.focusRing
            }
        }
        Act {
            objectName: "pasteThumbnail"
            text: qsTr("Paste")
            tip: qsTr("The image on the clipboard (Ctrl+V)")
            enabled: !section.panel.busy
            onClicked: thumbs.paste(section.itemId)
        }
        Act {
            objectName: "grabThumbnail"
            text: qsTr("Grab region…")
            tip: qsTr("Drag a rectangle over any part of the screen, e.g. the viewport (Esc cancels)")
            enabled: !section.panel.busy
            onClicked: thumbs.grabRegion(section.itemId)
        }
        Act {
            objectName: "captureThumbnail"
            text: qsTr("Capture")
            tip: qsTr("Ask the host for a picture of its scene (a viewport render)")
            visible: section.panel.canCapture
            enabled: !section.panel.busy
            onClicked: thumbs.capture(section.itemId)
        }
        Act {
            objectName: "clearThumbnail"
            text: qsTr("Use the collector's")
            tip: qsTr("Forget the picture chosen here")
            visible: section.panel.chosenHere
            enabled: !section.panel.busy
            onClicked: thumbs.clear(section.itemId)
        }
    }

    Label {
        objectName: "thumbnailMessage"
        visible: text.length > 0
        text: section.panel.message
        color: Theme.warningText
        font.pixelSize: Theme.smallFont
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    Loader {  // a window of its own over the whole screen, only while a grab is on
        active: section.panel.grabSource.length > 0 && section.visible
        sourceComponent: RegionGrab {
            source: section.panel.grabSource
            onChosen: function(x, y, width, height) { thumbs.finishGrab(x, y, width, height) }
            onCancelled: thumbs.cancelGrab()
        }
    }
}
