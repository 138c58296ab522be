pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Everything about one instance or plugin: status, docs, path, data, errors, records.
Rectangle {
    id: page
    readonly property string kind: Controller.models.detail.kind
    property real now: Date.now() / 1000
    Timer {
        interval: 1000
        running: page.visible
        repeat: true
        onTriggered: page.now = Date.now() / 1000
    }

    function ago(then: real, now: real): string {
        if (then <= 0)
            return qsTr("not yet")
        const seconds = Math.max(0, Math.round(now - then))
        if (seconds < 5)
            return qsTr("just now")
        if (seconds < 60)
            return qsTr("%1 s ago").arg(seconds)
        if (seconds < 3600)
            return qsTr("%1 min ago").arg(Math.floor(seconds / 60))
        return qsTr("%1 h ago").arg(Math.floor(seconds / 3600))
    }

    signal back()
    property bool embedded: false  // the details pane of a wide Overview: no way back, a hint when empty

    readonly property ItemDetail current: Controller.models.detail  // set by whoever opens the page

    color: Theme.window

    Rectangle {
        id: strip
        width: parent.width
        height: 4
        color: Theme.statusColor(page.current.status)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: strip.height
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 8
            IconButton {
                visible: !page.embedded
                objectName: "backButton"
                iconName: "back"
                tip: qsTr("Back to the overview (Esc)")
                onClicked: page.back()
            }
            ColumnLayout {
                spacing: 2
                Layout.fillWidth: true
                Label {
                    objectName: "perspectiveTitle"
                    text: page.current.label
                    color: Theme.text
                    font.pixelSize: Theme.titleFont
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                Label {
                    text: page.current.subtitle
                    color: Theme.dim
                    font.pixelSize: Theme.smallFont
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
            }
        }

        Flow {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            spacing: 16
            component Fact: Column {
                id: fact
                property string label
                property string value
                Label { text: fact.label; color: Theme.faint; font.pixelSize: Theme.smallFont }
                Label { text: fact.value; color: Theme.text; font.pixelSize: Theme.fontSize }
            }
            Fact { label: qsTr("Status"); value: page.current.status }
            Fact { label: qsTr("Passed"); value: String(page.current.passedCount) }
            Fact { label: qsTr("Failed"); value: String(page.current.failedCount) }
            Fact { label: qsTr("Duration"); value: page.current.duration.toFixed(1) + " ms" }
            Fact { label: qsTr("Last run"); value: page.ago(page.current.lastRun, page.now) }
        }

        FarmToggle {
            visible: page.kind === "instance"
            instanceId: page.current.itemId
            Layout.leftMargin: 12
        }

        // Records are the part that grows (thousands on a chatty plugin), so the page is one
        // virtualised ListView over them, with the fixed sections riding along as its header.
        ListView {
            id: records
            objectName: "perspectiveRecords"
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Errors and records")
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: 8
            clip: true
            reuseItems: true
            boundsBehavior: Flickable.StopAtBounds
            model: Controller.models.itemLog
            spacing: 4
            leftMargin: 12
            rightMargin: 12
            ScrollBar.vertical: ScrollBar {}

            header: ColumnLayout {
                width: records.width - 24
                spacing: 16

                PerspectiveSection {
                    title: qsTr("Actions")
                    visible: page.kind === "plugin" && page.current.actionCount > 0
                    ActionButtons {
                        objectName: "perspectiveActions"
                        actions: page.current.actions
                        Layout.fillWidth: true
                    }
                    Label {
                        objectName: "perspectiveActionOutcome"
                        visible: text.length > 0
                        Layout.fillWidth: true
                        text: Controller.models.report.lastActionPlugin === page.current.itemId
                              ? Controller.models.report.lastAction : ""
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        color: Theme.text
                        font.pixelSize: Theme.fontSize
                    }
                }

                PerspectiveSection {
                    title: qsTr("Documentation")
                    visible: page.kind === "plugin"
                    Label {
                        id: documentation
                        objectName: "documentation"
                        Layout.fillWidth: true
                        text: page.current.docHtml || qsTr("<i>No documentation.</i>")
                        textFormat: Text.RichText
                        wrapMode: Text.Wrap
                        color: Theme.text
                        linkColor: Theme.accent
                        font.pixelSize: Theme.fontSize
                        onLinkActivated: function(link) { Qt.openUrlExternally(link) }
                        HoverHandler { cursorShape: documentation.hoveredLink ? Qt.PointingHandCursor : Qt.ArrowCursor }
                    }
                }

                PerspectiveSection {
                    title: qsTr("Path")
                    visible: page.kind === "plugin" && page.current.path.length > 0
                    TextEdit {
                        Layout.fillWidth: true
                        text: page.current.path
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.WrapAnywhere
                        color: Theme.dim
                        font.family: Theme.monospace
                        font.pixelSize: Theme.smallFont
                    }
                }

                ThumbnailSection {  // the instance's picture and the ways to set it (thumbnails/)
                    visible: page.kind === "instance" && !Controller.history.viewingPast
                }

                OutputSection {  // where it goes and its own comment, when the host's settings ask (options/)
                    visible: page.kind === "instance" && !Controller.history.viewingPast
                             && (Controller.options.outputs.count > 0 || Controller.options.outputs.commentAsked)
                }

                OptionsSection {  // the plugins' options for this instance or the selection (options/)
                    visible: page.kind === "instance" && !Controller.history.viewingPast && Controller.options.options.count > 0
                }

                PerspectiveSection {
                    title: qsTr("Data")
                    visible: page.kind === "instance"
                    Repeater {
                        model: page.current.dataRows
                        delegate: RowLayout {
                            id: pair
                            required property string key
                            required property string value
                            Layout.fillWidth: true
                            spacing: 12
                            Label {
                                text: pair.key
                                color: Theme.dim
                                font.pixelSize: Theme.smallFont
                                Layout.preferredWidth: 120
                                elide: Text.ElideRight
                            }
                            TextEdit {
                                text: pair.value
                                readOnly: true
                                selectByMouse: true
                                color: Theme.text
                                font.family: Theme.monospace
                                font.pixelSize: Theme.smallFont
                                wrapMode: TextEdit.WrapAnywhere
                                Layout.fillWidth: true
                            }
                        }
                    }
                }

                PerspectiveSection {
                    title: records.count > 0 ? qsTr("Errors and records (%1)").arg(records.count)
                                             : qsTr("Errors and records")
                    Layout.bottomMargin: 2
                    Label {
                        visible: records.count === 0
                        text: qsTr("Nothing logged yet.")
                        color: Theme.faint
                        font.pixelSize: Theme.smallFont
                    }
                }
            }

            footer: Item { implicitHeight: 12 }

            delegate: ColumnLayout {
                id: entry
                required property string message
                required property string level
                required property string kind
                required property string excText
                required property string instanceLabel
                required property string pluginLabel
                width: records.width - 24
                spacing: 2
                RowLayout {
                    spacing: 6
                    Layout.fillWidth: true
                    Icon {
                        source: Theme.levelIcon(entry.level, entry.kind)
                        size: 14
                        Layout.alignment: Qt.AlignTop
                        Layout.topMargin: 2
                    }
                    TextEdit {
                        objectName: entry.kind === "error" ? "perspectiveError" : "perspectiveRecord"
                        text: entry.message
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.Wrap
                        color: Theme.levelColor(entry.level)
                        font.pixelSize: Theme.fontSize
                        Layout.fillWidth: true
                    }
                    Label {
                        // The other side of the pair; long names give way to the message.
                        text: page.kind === "plugin" ? entry.instanceLabel : entry.pluginLabel
                        color: Theme.faint
                        font.pixelSize: Theme.smallFont
                        elide: Text.ElideMiddle
                        Layout.alignment: Qt.AlignTop
                        Layout.maximumWidth: records.width * 0.25
                    }
                }
                TextEdit {
                    visible: entry.excText.length > 0
                    text: entry.excText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    color: Theme.dim
                    font.family: Theme.monospace
                    font.pixelSize: Theme.smallFont
                    Layout.fillWidth: true
                    Layout.leftMargin: 20
                }
            }
        }
    }
}
