pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Past runs, newest first: filter by text, outcome and host; click one to show it read-only.
Item {
    id: page
    signal openReportRequested()

    HistoryCommands { id: history }

    Component.onCompleted: history.refresh()
    onVisibleChanged: if (visible) history.refresh()

    function outcomeColor(outcome: string): color {
        if (outcome === "passed")
            return Theme.passed
        if (outcome === "failed" || outcome === "error" || outcome === "unreachable")
            return Theme.failed
        if (outcome === "stopped" || outcome === "incomplete")
            return Theme.warning
        return Theme.running
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Flow {
            Layout.fillWidth: true
            Layout.margins: 8
            spacing: 6

            TextField {
                id: filter
                objectName: "historyFilter"
                width: page.width < 620 ? page.width - 16 - openButton.width - 6
                                        : page.width - 16 - outcomeBox.width - hostBox.width - openButton.width - 18
                height: 26
                placeholderText: qsTr("Filter runs: host, file, user, comment")
                placeholderTextColor: Theme.faint
                color: Theme.text
                font.pixelSize: Theme.fontSize
                selectByMouse: true
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.panel
                    border.color: filter.activeFocus ? Theme.accent : Theme.line
                }
                onTextChanged: history.setFilterText(text)
            }
            Button {
                id: openButton
                objectName: "openReportButton"
                height: 26
                text: qsTr("Open file…")
                font.pixelSize: Theme.smallFont
                onClicked: page.openReportRequested()
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Open a report file (.json or .html) — or drop one on the window")
            }
            ComboBox {
                id: outcomeBox
                objectName: "historyOutcome"
                width: page.width < 620 ? (page.width - 22) / 2 : 130
                height: 26
                font.pixelSize: Theme.smallFont
                model: [qsTr("Any outcome"), "passed", "failed", "stopped", "incomplete", "unreachable", "error"]
                onActivated: function(index) { history.setOutcome(index === 0 ? "" : outcomeBox.textAt(index)) }
            }
            ComboBox {
                id: hostBox
                objectName: "historyHost"
                width: outcomeBox.width
                height: 26
                font.pixelSize: Theme.smallFont
                model: [qsTr("Any host")].concat(Controller.history.hosts)
                onActivated: function(index) { history.setHost(index === 0 ? "" : hostBox.textAt(index)) }
            }
        }

        Label {
            objectName: "historyStatus"
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            Layout.bottomMargin: 6
            visible: text.length > 0
            wrapMode: Text.Wrap
            color: Theme.warning
            text: Controller.history.status
        }

        Label {  // with no host, say what this page still does
            objectName: "historyNoHost"
            visible: !Controller.host
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            Layout.bottomMargin: 6
            text: qsTr("No host is connected: past runs and report files open read-only, with their own outcome, "
                       + "counts and times.")
            wrapMode: Text.Wrap
            color: Theme.dim
            font.pixelSize: Theme.smallFont
        }

        ListView {
            id: list
            objectName: "historyList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Controller.history.runs
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: row
                required property int index
                required property string when
                required property string op
                required property string host
                required property string file
                required property string path
                required property string outcome
                required property string counts
                required property string duration
                required property string comment
                required property string who
                required property string thumbnail  // the run's first instance picture, a data: URI ("" none)
                objectName: "historyRow:" + index
                width: ListView.view.width
                height: 44
                hoverEnabled: true
                onClicked: history.openRow(row.index)
                background: Rectangle {
                    color: row.hovered ? Theme.hover : (row.index % 2 ? Theme.window : Theme.panel)
                }
                contentItem: RowLayout {
                    spacing: 8
                    Rectangle {
                        Layout.preferredWidth: 4
                        Layout.fillHeight: true
                        radius: 2
                        color: page.outcomeColor(row.outcome)
                    }
                    Image {  // decoded on Qt's image thread at the size drawn; rows without one keep their layout
                        objectName: "historyThumbnail"
                        visible: row.thumbnail.length > 0
                        source: row.thumbnail
                        asynchronous: true
                        sourceSize.width: 112  // twice the size drawn: sharp on a 2x screen
                        sourceSize.height: 64
                        Layout.preferredWidth: 56
                        Layout.preferredHeight: 32
                        fillMode: Image.PreserveAspectCrop
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("thumbnail")
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        RowLayout {
                            spacing: 6
                            Label {
                                text: row.op
                                color: Theme.text
                                font.bold: true
                            }
                            Label {
                                text: row.outcome
                                color: page.outcomeColor(row.outcome)
                            }
                            Label {
                                Layout.fillWidth: true
                                text: row.file
                                color: Theme.text
                                elide: Text.ElideMiddle
                            }
                            Label {
                                text: row.when
                                color: Theme.dim
                                font.pixelSize: Theme.smallFont
                            }
                        }
                        RowLayout {
                            spacing: 6
                            Label {
                                text: row.who ? row.host + " · " + row.who : row.host  // who ran it, for support
                                color: Theme.dim
                                font.pixelSize: Theme.smallFont
                            }
                            Label {
                                Layout.fillWidth: true
                                text: row.counts + (row.comment ? " · “" + row.comment + "”" : "")
                                color: Theme.dim
                                font.pixelSize: Theme.smallFont
                                elide: Text.ElideRight
                            }
                            Label {
                                text: row.duration
                                color: Theme.dim
                                font.pixelSize: Theme.smallFont
                            }
                        }
                    }
                }
                ToolTip.visible: hovered && row.path.length > 0
                ToolTip.delay: 800
                ToolTip.text: row.path
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                width: parent.width - 40
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.faint
                text: Controller.history.busy ? qsTr("Reading the history…")
                      : Controller.history.total > 0 ? qsTr("No run matches the filter.")
                      : qsTr("No runs recorded yet. Every collect, validate and publish is kept here.")
            }
        }
    }
}
