pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// What failed and what warned in the run, grouped by plugin (Controller.models.report): for each,
// its documentation, its actions as buttons and the instances it failed on (click one to open it).
Rectangle {
    id: page
    required property Action validateAction
    readonly property ValidationReport report: Controller.models.report
    signal itemRequested(string kind, string itemId)
    readonly property real column: Math.min(page.width - 28, 900)  // long lines stay readable when wide

    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: headline.implicitHeight + 20
            color: Theme.panel
            Rectangle {
                width: 4
                height: parent.height
                color: page.report.verdict === "failed" ? Theme.failed : page.report.verdict === "warned" ? Theme.warning
                       : page.report.verdict === "passed" ? Theme.passed : page.report.verdict === "running"
                       ? Theme.running : Theme.idle
            }
            RowLayout {
                id: headline
                x: Math.max(16, (page.width - page.column) / 2)
                y: 10
                width: Math.min(page.column, page.width - 28)
                spacing: 10
                Label {
                    objectName: "reportSummary"
                    Layout.fillWidth: true
                    text: page.report.summary
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.text
                    font.pixelSize: Theme.fontSize + 1
                    font.bold: page.report.verdict === "failed"
                }
                Button {
                    id: again
                    objectName: "reportValidate"
                    action: page.validateAction
                    text: qsTr("Validate again")
                    visible: page.report.hereCount > 0 && !Controller.history.viewingPast  // a past run validates nothing; the farm re-runs from its line
                    implicitHeight: 28
                    leftPadding: 12
                    rightPadding: 12
                    hoverEnabled: true
                    font.pixelSize: Theme.fontSize
                    contentItem: Label {
                        text: again.text
                        font: again.font
                        color: again.enabled ? Theme.text : Theme.faint
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: !again.enabled ? "transparent" : again.down ? Theme.selected
                               : again.hovered ? Theme.hover : Theme.raised
                        border.color: again.enabled ? Theme.accent : Theme.line
                        border.width: again.visualFocus ? 2 : 1
                    }
                    ToolTip.visible: hovered
                    ToolTip.delay: 500
                    ToolTip.text: qsTr("Run the checks again, e.g. after a repair (Ctrl+Shift+V)")
                }
            }
            Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Flickable {
                id: groups
                objectName: "reportList"
                anchors.fill: parent
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                contentWidth: width
                contentHeight: listing.implicitHeight + 16
                ScrollBar.vertical: ScrollBar {}

                Column {
                    id: listing
                    x: (groups.width - page.column) / 2
                    y: 4
                    width: page.column
                    spacing: 10
                    LoadFailures {
                        width: page.column
                        discovery: page.report.discovery
                    }
                    Repeater {
                        model: page.report.groups
                        delegate: ReportGroup {
                            width: page.column
                            report: page.report
                            onItemRequested: function(kind: string, itemId: string) { page.itemRequested(kind, itemId) }
                        }
                    }
                }
            }

            Label {
                objectName: "reportEmpty"
                visible: page.report.groupCount === 0 && page.report.discovery.failedCount === 0
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 360)
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: Controller.status.isRunning ? qsTr("Errors and warnings appear here as they happen.")
                      : page.report.emptyNote
                color: Theme.dim
                font.pixelSize: Theme.fontSize
            }
        }
    }
}
