import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Shown while a past run or a report file is on screen: what it is, and the way back.
Rectangle {
    id: banner
    objectName: "pastRunBanner"
    visible: Controller.history.viewingPast
    implicitHeight: visible ? 32 : 0
    color: Theme.dark ? "#3a3322" : "#fbefd0"

    HistoryCommands { id: history }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 6
        spacing: 8
        Label {
            objectName: "pastRunText"
            Layout.fillWidth: true
            text: Controller.history.banner
            color: Theme.text
            elide: Text.ElideRight
            font.pixelSize: Theme.smallFont
        }
        Button {
            objectName: "backToLive"
            text: qsTr("Back to live")
            font.pixelSize: Theme.smallFont
            implicitHeight: 24
            onClicked: history.backToLive()
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("Show the connected host again (this run is read-only)")
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.warning; opacity: 0.5 }
}
