pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// A run on a time axis: a lane per plugin, a bar per pair; zoom, pan, hover; the slowest below.
Item {
    id: page
    signal pairOpened(string pluginId, string instanceId)
    property alias view: timelineView

    HistoryCommands { id: history }

    onVisibleChanged: if (visible) history.showLiveTimeline()

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6
            spacing: 4
            Label {
                objectName: "timelineCount"
                text: Controller.history.timeline.count === 1
                      ? qsTr("1 pair · %1").arg(Controller.history.timeline.spanText)
                      : Controller.history.timeline.count > 0
                      ? qsTr("%1 pairs · %2").arg(Controller.history.timeline.count).arg(Controller.history.timeline.spanText)
                      : qsTr("No pairs")
                color: Theme.dim
                font.pixelSize: Theme.smallFont
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "zoomOut"
                text: "−"
                implicitWidth: 28
                implicitHeight: 24
                onClicked: timelineView.zoomOut()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Zoom out (Ctrl+wheel)")
            }
            Button {
                objectName: "zoomIn"
                text: "+"
                implicitWidth: 28
                implicitHeight: 24
                onClicked: timelineView.zoomIn()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Zoom in (Ctrl+wheel); drag to pan")
            }
            Button {
                objectName: "zoomFit"
                text: qsTr("Fit")
                implicitHeight: 24
                font.pixelSize: Theme.smallFont
                onClicked: timelineView.fit()
            }
        }

        TimelineView {
            id: timelineView
            objectName: "timelineView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 120
            timeline: Controller.history.timeline
            dark: Theme.dark
            onPairClicked: function(pluginId, instanceId) { page.pairOpened(pluginId, instanceId) }
            Image {
                anchors.fill: parent
                source: timelineView.frameSource
                cache: false
                asynchronous: false
                smooth: false
            }
        }

        Label {
            objectName: "timelineHover"
            Layout.fillWidth: true
            Layout.leftMargin: 8
            Layout.rightMargin: 8
            Layout.preferredHeight: 20
            text: timelineView.hoverText || qsTr("Hover a bar for its figures; click it to open the plugin.")
            color: timelineView.hoverText ? Theme.text : Theme.faint
            font.pixelSize: Theme.smallFont
            elide: Text.ElideRight
            verticalAlignment: Text.AlignVCenter
        }

        Rectangle { Layout.fillWidth: true; Layout.preferredHeight: 1; color: Theme.line }
        Label {
            Layout.leftMargin: 8
            Layout.topMargin: 4
            text: qsTr("Slowest")
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            font.bold: true
        }
        ListView {
            id: slowest
            objectName: "slowestList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, page.height * 0.35)
            clip: true
            interactive: contentHeight > height
            model: Controller.history.timeline.slowest
            delegate: Rectangle {
                id: slow
                required property string kind
                required property string pluginId
                required property string label
                required property string detail
                required property string seconds
                required property real share
                width: ListView.view.width
                height: 22
                color: slowMouse.containsMouse ? Theme.hover : "transparent"
                Rectangle {
                    x: 8
                    anchors.bottom: parent.bottom
                    height: 2
                    width: (parent.width - 16) * slow.share
                    color: slow.kind === "plugin" ? Theme.accent : Theme.warning
                    opacity: 0.55
                }
                MouseArea {
                    id: slowMouse
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: page.pairOpened(slow.pluginId, "")
                }
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: 8
                    anchors.rightMargin: 8
                    spacing: 6
                    Label {
                        text: slow.kind === "plugin" ? qsTr("plugin") : qsTr("pair")
                        color: Theme.faint
                        font.pixelSize: Theme.smallFont
                        Layout.preferredWidth: 34
                    }
                    Label {
                        Layout.fillWidth: true
                        text: slow.label + "  " + slow.detail
                        color: Theme.text
                        elide: Text.ElideRight
                        font.pixelSize: Theme.smallFont
                    }
                    Label {
                        text: slow.seconds
                        color: Theme.dim
                        font.pixelSize: Theme.smallFont
                    }
                }
            }
        }
    }
}
