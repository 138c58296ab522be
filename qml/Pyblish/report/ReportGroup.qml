pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// One plugin on the report page (a row of Controller.models.report.groups): its label and
// documentation, its actions as buttons, what the last action did, and the items it failed or
// warned on. The first group of each severity carries the section's heading.
Column {
    id: group
    required property string severity
    required property string pluginId
    required property string pluginLabel
    required property string docHtml
    required property string outcome
    required property bool outcomeFailed
    required property int entryCount
    required property ReportEntries entries
    required property ActionButtonsModel actions
    required property int actionCount
    required property bool firstOfSeverity
    required property int hiddenCount
    required property string errorType
    required property ValidationReport report
    readonly property bool crash: group.severity === "crash"
    readonly property color tint: group.severity === "error" ? Theme.failed : group.crash ? Theme.critical : Theme.warning
    signal itemRequested(string kind, string itemId)

    objectName: "reportGroup:" + group.severity + ":" + group.pluginLabel
    spacing: 0

    HistoryCommands { id: history }

    // The colour is in the icon; the words stay in a text colour that reads in both themes.
    Row {
        visible: group.firstOfSeverity
        topPadding: 10
        bottomPadding: 8
        spacing: 6
        Icon {
            name: group.crash ? "error" : group.severity
            size: 12
            anchors.verticalCenter: parent.verticalCenter
        }
        Label {
            objectName: "reportHeading:" + group.severity
            anchors.verticalCenter: parent.verticalCenter
            text: group.severity === "error"
                  ? qsTr("Errors · %1").arg(group.report.errorCount === 1 ? qsTr("1 plugin")
                                            : qsTr("%1 plugins").arg(group.report.errorCount))
                  : group.crash
                  ? qsTr("Crashed · %1").arg(group.report.crashCount === 1 ? qsTr("1 plugin")
                                             : qsTr("%1 plugins").arg(group.report.crashCount))
                  : qsTr("Warnings · %1").arg(group.report.warningCount === 1 ? qsTr("1 message")
                                              : qsTr("%1 messages").arg(group.report.warningCount))
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.8
        }
    }

    Rectangle {
        width: group.width
        implicitHeight: body.implicitHeight + 20
        radius: Theme.radius
        color: Theme.panel
        border.color: Theme.line

        Rectangle {
            width: 3
            height: parent.height - 2 * Theme.radius
            y: Theme.radius
            color: group.tint
        }

        ColumnLayout {
            id: body
            x: 14
            y: 10
            width: parent.width - 26
            spacing: 8

            RowLayout {
                Layout.fillWidth: true
                spacing: 8
                Label {
                    objectName: "reportPlugin"
                    Layout.fillWidth: true
                    text: group.pluginLabel
                    textFormat: Text.PlainText
                    elide: Text.ElideRight
                    color: titleHover.hovered ? Theme.accent : Theme.text
                    font.pixelSize: Theme.fontSize + 1
                    font.bold: true
                    HoverHandler { id: titleHover; cursorShape: Qt.PointingHandCursor }
                    TapHandler { onTapped: group.itemRequested("plugin", group.pluginId) }
                    ToolTip.visible: titleHover.hovered
                    ToolTip.delay: 600
                    ToolTip.text: qsTr("Open %1").arg(group.pluginLabel)
                }
                Label {
                    objectName: "reportCount"
                    text: group.crash ? qsTr("crashed — a pipeline error, not yours")
                          : group.severity === "error"
                          ? (group.entryCount === 1 ? qsTr("failed on 1 item") : qsTr("failed on %1 items").arg(group.entryCount))
                          : (group.entryCount === 1 ? qsTr("warned on 1 item") : qsTr("warned on %1 items").arg(group.entryCount))
                    color: Theme.dim
                    font.pixelSize: Theme.smallFont
                }
            }

            Label {
                id: doc
                objectName: "reportDoc"
                visible: group.docHtml.length > 0
                Layout.fillWidth: true
                text: group.docHtml
                textFormat: Text.RichText
                wrapMode: Text.Wrap
                color: Theme.dim
                linkColor: Theme.accent
                font.pixelSize: Theme.fontSize
                onLinkActivated: function(link) { Qt.openUrlExternally(link) }
                HoverHandler { cursorShape: doc.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
            }

            RowLayout {
                visible: group.crash
                Layout.fillWidth: true
                spacing: 8
                Label {
                    objectName: "reportCrashNote"
                    Layout.fillWidth: true
                    text: qsTr("%1 in the plugin's own code: the pipeline needs fixing, not your scene. "
                               + "Send the report to your TD.").arg(group.errorType || qsTr("An error"))
                    wrapMode: Text.Wrap
                    color: Theme.dim
                    font.pixelSize: Theme.fontSize
                }
                Button {
                    id: copyForTd
                    objectName: "reportCopyForTd"
                    text: qsTr("Copy report for your TD")
                    implicitHeight: 28
                    hoverEnabled: true
                    font.pixelSize: Theme.fontSize
                    Accessible.name: copyForTd.text
                    onClicked: history.copyReport()
                    contentItem: Label {
                        text: copyForTd.text
                        font: copyForTd.font
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: copyForTd.down ? Theme.selected : copyForTd.hovered ? Theme.hover : Theme.raised
                        border.color: copyForTd.visualFocus ? Theme.focusRing : Theme.line
                        border.width: copyForTd.visualFocus ? 2 : 1
                    }
                }
            }

            ActionButtons {
                objectName: "reportActions"
                visible: group.actionCount > 0
                actions: group.actions
                Layout.fillWidth: true
            }
            Label {  // a disabled button shows no tooltip: say why right under them
                objectName: "reportActionsPast"
                visible: group.actionCount > 0 && Controller.history.viewingPast
                Layout.fillWidth: true
                text: qsTr("Past run: its actions run only in a live host.")
                wrapMode: Text.Wrap
                color: Theme.faint
                font.pixelSize: Theme.smallFont
                font.italic: true
            }

            RowLayout {
                visible: group.outcome.length > 0
                Layout.fillWidth: true
                spacing: 6
                Icon {
                    name: group.outcomeFailed ? "error" : "info"
                    size: 14
                    Layout.alignment: Qt.AlignTop
                    Layout.topMargin: 1
                }
                Label {
                    objectName: "reportOutcome"
                    Layout.fillWidth: true
                    text: group.outcome
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                }
            }

            Repeater {
                model: group.entries
                delegate: Rectangle {
                    id: entry
                    required property string instanceId
                    required property string instanceLabel
                    required property string message
                    required property string ranOn
                    required property int attempt
                    required property string detail
                    readonly property bool onFarm: entry.ranOn === "farm"
                    objectName: "reportEntry:" + entry.instanceLabel
                    Layout.fillWidth: true
                    implicitHeight: line.implicitHeight + 10
                    radius: Theme.radius
                    color: entryHover.hovered ? Theme.hover : Theme.window
                    border.color: entry.activeFocus ? Theme.accent : "transparent"  // the focus ring
                    activeFocusOnTab: true
                    Keys.onReturnPressed: group.itemRequested("instance", entry.instanceId)
                    Keys.onEnterPressed: group.itemRequested("instance", entry.instanceId)
                    Accessible.role: Accessible.Button
                    Accessible.name: entry.onFarm
                                     ? qsTr("%1, on the farm, attempt %2: %3").arg(entry.instanceLabel).arg(entry.attempt).arg(entry.message)
                                     : qsTr("%1: %2").arg(entry.instanceLabel).arg(entry.message)
                    HoverHandler { id: entryHover; cursorShape: Qt.PointingHandCursor }
                    TapHandler { onTapped: group.itemRequested("instance", entry.instanceId) }
                    ToolTip.visible: entryHover.hovered
                    ToolTip.delay: 800
                    ToolTip.text: qsTr("Open %1").arg(entry.instanceLabel)
                    RowLayout {
                        id: line
                        x: 8
                        y: 5
                        width: parent.width - 12
                        spacing: 10
                        Icon {
                            name: group.severity === "warning" ? "warning" : "error"
                            size: 14
                            Layout.alignment: Qt.AlignTop
                            Layout.topMargin: 1
                        }
                        Label {
                            text: entry.instanceLabel
                            textFormat: Text.PlainText
                            color: Theme.text
                            font.pixelSize: Theme.fontSize
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.alignment: Qt.AlignTop
                            Layout.maximumWidth: Math.max(80, line.width * 0.3)
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            Layout.alignment: Qt.AlignTop
                            spacing: 3
                            Rectangle {  // where it ran: the farm's mark, as on the Timeline's farm lanes
                                objectName: "reportEntryFarm"
                                visible: entry.onFarm
                                implicitWidth: farmWords.implicitWidth + 10
                                implicitHeight: farmWords.implicitHeight + 2
                                radius: 3
                                color: Theme.accent
                                Label {
                                    id: farmWords
                                    objectName: "reportEntryFarmText"
                                    anchors.centerIn: parent
                                    text: qsTr("farm · attempt %1").arg(entry.attempt)
                                    color: Theme.dark ? Theme.window : Theme.onFilled  // farm_lanes.FARM_PALETTE["onFarm"]
                                    font.pixelSize: Theme.smallFont
                                    font.bold: true
                                }
                            }
                            Label {
                                objectName: "reportEntryMessage"
                                text: entry.message
                                textFormat: Text.PlainText
                                wrapMode: Text.Wrap
                                color: Theme.text
                                font.pixelSize: Theme.fontSize
                                maximumLineCount: 8
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Label {  // what the worker sent: the artist sees no worker's terminal
                                objectName: "reportEntryDetail"
                                visible: entry.detail.length > 0
                                text: entry.detail
                                textFormat: Text.PlainText
                                wrapMode: Text.WrapAnywhere
                                color: Theme.dim
                                font.family: Theme.monospace
                                font.pixelSize: Theme.smallFont
                                maximumLineCount: 6
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                        }
                        Icon {
                            name: "arrow"
                            size: 14
                            opacity: entryHover.hovered ? 1.0 : 0.5
                            Layout.alignment: Qt.AlignTop
                            Layout.topMargin: 1
                        }
                    }
                }
            }

            Label {
                objectName: "reportHidden"
                visible: group.hiddenCount > 0
                text: qsTr("… and %1 more items (every one is in the Terminal)").arg(group.hiddenCount)
                color: Theme.dim
                font.pixelSize: Theme.smallFont
            }
        }
    }
}
