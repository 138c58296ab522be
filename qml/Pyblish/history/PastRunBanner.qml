import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Shown while a past run or a report file is on screen: what it is (its outcome, host and file),
// who ran it and when, and the way back. Everything comes from the run's own record.
Rectangle {
    id: banner
    objectName: "pastRunBanner"
    readonly property PastRun past: Controller.history.past
    visible: Controller.history.viewingPast
    implicitHeight: visible ? lines.implicitHeight + 10 : 0
    color: Theme.dark ? "#3a3322" : "#fbefd0"

    HistoryCommands { id: history }

    Rectangle {  // the run's outcome, as the footer's bar colours it
        width: 4
        height: parent.height
        color: Theme.outcomeColor(banner.past.outcome)
    }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 6
        spacing: 8
        ColumnLayout {
            id: lines
            Layout.fillWidth: true
            spacing: 1
            Label {
                objectName: "pastRunText"
                Layout.fillWidth: true
                text: banner.past.heading
                color: Theme.text
                wrapMode: Text.Wrap  // a narrow window wraps it: the scene's name is what support reads first
                maximumLineCount: 2
                elide: Text.ElideRight
                font.pixelSize: Theme.smallFont
                font.bold: true
            }
            Label {
                objectName: "pastRunDetail"
                Layout.fillWidth: true
                text: banner.past.detail
                color: Theme.dim
                elide: Text.ElideRight
                font.pixelSize: Theme.smallFont
            }
        }
        Button {
            objectName: "backToLive"
            text: Controller.host ? qsTr("Back to live") : qsTr("Close")
            font.pixelSize: Theme.smallFont
            implicitHeight: 24
            onClicked: history.backToLive()
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: Controller.host ? qsTr("Show the connected host again (this run is read-only)")
                                          : qsTr("Close this run (read-only); no host is connected")
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.warning; opacity: 0.5 }
}
