pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Every record, error and message of the run; filter by level, text and item; select and copy.
Item {
    id: terminal
    property string currentItemId: ""

    Commands { id: commands }

    readonly property int shownCount: list.count

    function copySelection(): string {
        const text = commands.copyTerminal(true)
        copied.show(text.length > 0 ? qsTr("Copied the selected messages") : qsTr("Nothing selected to copy"), 2000)
        return text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // The toolbar: one row when there is room, else the levels above the filter (it wraps,
        // so at the default 430 px nothing is cut off).
        GridLayout {
            id: toolbar
            objectName: "terminalToolbar"
            readonly property bool oneRow: terminal.width >= 760
            Layout.fillWidth: true
            Layout.margins: 8
            columns: toolbar.oneRow ? 2 : 1
            rowSpacing: 6
            columnSpacing: 8

            RowLayout {
                spacing: 4

                Repeater {
                    model: Controller.models.terminal.levelNames
                    delegate: Button {
                        id: levelButton
                        required property string modelData
                        objectName: "level:" + modelData
                        text: modelData
                        checkable: true
                        checked: Controller.models.terminal.levels[modelData]
                        onToggled: commands.setLevelEnabled(modelData, checked)
                        implicitHeight: 26
                        padding: 4
                        leftPadding: 6
                        rightPadding: 8
                        hoverEnabled: true
                        contentItem: RowLayout {
                            spacing: 4
                            Icon {
                                name: levelButton.modelData
                                size: 14
                                opacity: levelButton.checked ? 1 : 0.35
                            }
                            Label {
                                text: levelButton.modelData
                                color: levelButton.checked ? Theme.text : Theme.faint
                                font.pixelSize: Theme.smallFont
                            }
                        }
                        background: Rectangle {
                            radius: Theme.radius
                            color: levelButton.checked ? Theme.raised : "transparent"
                            border.color: levelButton.hovered ? Theme.line : "transparent"
                        }
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: qsTr("Show %1 messages").arg(modelData)
                        Accessible.name: qsTr("Show %1 messages").arg(modelData)
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: 6

                TextField {
                    id: filter
                    objectName: "terminalFilter"
                    Layout.fillWidth: true
                    placeholderText: qsTr("Filter messages")
                    Accessible.name: qsTr("Filter messages")
                    Layout.minimumWidth: 120
                    placeholderTextColor: Theme.faint
                    color: Theme.text
                    font.pixelSize: Theme.fontSize
                    selectByMouse: true
                    rightPadding: 28
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.panel
                        border.color: filter.activeFocus ? Theme.focusRing : Theme.line
                        border.width: filter.activeFocus ? 2 : 1
                    }
                    // As the Overview's search: a clear button, and Esc clears (the text, then the field's focus).
                    IconButton {
                        objectName: "terminalFilterClear"
                        iconName: "close"
                        tip: qsTr("Clear the filter (Esc)")
                        visible: filter.text.length > 0
                        focusPolicy: Qt.NoFocus
                        implicitWidth: 20
                        implicitHeight: 20
                        padding: 3
                        anchors.right: parent.right
                        anchors.rightMargin: 4
                        anchors.verticalCenter: parent.verticalCenter
                        onClicked: {
                            filter.text = ""
                            filter.forceActiveFocus()
                        }
                    }
                    Keys.onEscapePressed: function(event) {
                        event.accepted = filter.text.length > 0
                        filter.text = ""
                    }
                    onTextChanged: filterDelay.restart()
                    Timer {
                        id: filterDelay
                        interval: 150
                        onTriggered: Controller.models.terminal.filterText = filter.text
                    }
                }

                ThemedCheckBox {
                    id: onlyCurrent
                    objectName: "onlyCurrentItem"
                    text: qsTr("Selected item only")
                    Accessible.name: text
                    enabled: terminal.currentItemId.length > 0
                    font.pixelSize: Theme.smallFont
                    onCheckedChanged: Controller.models.terminal.itemFilter = checked ? terminal.currentItemId : ""
                    textColor: Theme.dim
                }

                IconButton {
                    objectName: "copyAll"
                    iconName: "copy"
                    tip: qsTr("Copy all shown messages")
                    onClicked: {
                        const text = commands.copyTerminal(false)
                        copied.show(text.length > 0 ? qsTr("Copied %n message(s)", "", terminal.shownCount)
                                                    : qsTr("Nothing to copy"), 2000)
                    }
                    ToolTip {
                        id: copied
                        objectName: "copiedTip"
                    }
                }
            }
        }

        Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.line }

        ListView {
            id: list
            objectName: "terminalList"
            Accessible.role: Accessible.List
            Accessible.name: qsTr("Messages")
            property bool follow: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            focus: true
            model: Controller.models.terminal
            boundsBehavior: Flickable.StopAtBounds
            cacheBuffer: 600
            ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }
            onMovementEnded: list.follow = list.atYEnd
            onCountChanged: if (list.follow) Qt.callLater(list.positionViewAtEnd)
            Shortcut {
                sequences: [StandardKey.Copy]
                enabled: list.activeFocus
                onActivated: terminal.copySelection()
            }
            Shortcut {
                sequences: [StandardKey.SelectAll]
                enabled: list.activeFocus
                onActivated: commands.selectAllTerminalRows()
            }

            delegate: TerminalRow {
                id: entry
                objectName: "terminalRow"
                required property int index
                required property string itemId
                required message
                required level
                required kind
                required levelname
                required logger
                required excText
                required property string pluginLabel
                required property string instanceLabel
                required property string filename
                required property int lineno
                required property string funcName
                required property string threadName
                required property real created
                required selected
                required expanded
                width: ListView.view.width
                pluginName: pluginLabel
                instanceName: instanceLabel
                details: qsTr("level %1  logger %2\nfile %3:%4  function %5\nthread %6  time %7")
                         .arg(levelname).arg(logger || "-").arg(filename || "-").arg(lineno)
                         .arg(funcName || "-").arg(threadName || "-")
                         .arg(new Date(created * 1000).toLocaleTimeString(Qt.locale(), "hh:mm:ss.zzz"))
                onClicked: function(modifiers) {
                    commands.clickTerminalRow(entry.index, modifiers)
                    list.forceActiveFocus()
                }
                onExpandToggled: commands.toggleTerminalDetails(entry.itemId)
            }
        }

        Label {
            visible: !list.follow
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Auto-scroll paused — scroll to the bottom to resume")
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            padding: 4
            MouseArea {
                anchors.fill: parent
                onClicked: {
                    list.follow = true
                    list.positionViewAtEnd()
                }
            }
        }
    }
}
