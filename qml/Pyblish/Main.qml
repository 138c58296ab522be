pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

ApplicationWindow {
    id: root
    required property string iconBase

    width: 760
    height: 620
    // Below this the footer's buttons clip and the lists collapse (every control fits at 400×420).
    minimumWidth: 400
    minimumHeight: 420
    title: Controller.windowTitle
    color: Theme.window
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.text: Theme.text
    palette.button: Theme.raised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: "#ffffff"
    palette.toolTipBase: Theme.raised
    palette.toolTipText: Theme.text
    palette.mid: Theme.line
    palette.light: Theme.hover
    palette.dark: Theme.line
    font.pixelSize: Theme.fontSize

    Component.onCompleted: Theme.iconBase = root.iconBase
    Binding {
        target: Theme
        property: "dark"
        value: Controller.preferences.theme !== "light"
    }

    function openPerspective(kind: string, itemId: string) {
        while (reportStack.depth > 1)
            reportStack.pop(null, StackView.Immediate)
        Controller.models.detail.kind = kind
        Controller.models.detail.itemId = itemId
        stack.push(perspectiveComponent)
    }

    // The report page opens items on its own stack, so Back returns to the report.
    // There is one Perspective model: a page left open on the other tab would follow this item.
    function openFromReport(kind: string, itemId: string) {
        while (stack.depth > 1)
            stack.pop(null, StackView.Immediate)
        Controller.models.detail.kind = kind
        Controller.models.detail.itemId = itemId
        reportStack.push(reportPerspective)
    }
    Connections {
        target: Controller
        function onReportRequested() {  // a run failed: show what failed
            while (reportStack.depth > 1)
                reportStack.pop()
            tabs.currentIndex = 2
        }
    }

    Commands { id: commands }

    // One Action per command: its button (in the footer) and its shortcut share the enabling rule.
    Action {
        id: resetAction
        text: qsTr("Reset")
        shortcut: "Ctrl+R"
        enabled: Controller.status.canReset
        onTriggered: commands.reset()
    }
    Action {
        id: validateAction
        text: qsTr("Validate")
        shortcut: "Ctrl+Shift+V"
        enabled: Controller.status.canValidate
        onTriggered: commands.validate()
    }
    Action {
        id: publishAction
        text: qsTr("Publish")
        shortcut: "Ctrl+Return"
        enabled: Controller.status.canPublish && Controller.options.commentRule.satisfied  // options/CommentRuleHint
        onTriggered: commands.publish()
    }
    Action {
        id: stopAction
        text: qsTr("Stop")
        enabled: Controller.status.canStop
        onTriggered: commands.stop()
    }

    header: Rectangle {
        id: headerBar
        // Narrow windows (the default 430 px) put the host, File and theme on a second row, so
        // every tab stays visible instead of pushing them off the edge.
        readonly property bool stacked: root.width < 720
        implicitHeight: headerGrid.implicitHeight
        color: Theme.panel
        GridLayout {
            id: headerGrid
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            columns: headerBar.stacked ? 1 : 2
            rowSpacing: 0
            columnSpacing: 0
            TabBar {
                id: tabs
                objectName: "tabs"
                Layout.preferredHeight: 36
                Accessible.name: qsTr("Pages")
                background: Item {}
                Repeater {
                    model: [qsTr("Overview"), qsTr("Terminal"), qsTr("Report"), qsTr("Timeline"), qsTr("History")]
                    delegate: TabButton {
                        id: tab
                        required property string modelData
                        required property int index
                        objectName: "tab:" + modelData
                        readonly property int problems: tab.index === 2 ? Controller.models.report.problemCount : 0
                        text: tab.problems > 0 ? qsTr("%1 (%2)").arg(modelData).arg(tab.problems) : modelData
                        Accessible.name: modelData
                        focusPolicy: Qt.StrongFocus  // the pages are reachable with Tab, then Space
                        width: implicitWidth + 16
                        contentItem: Label {
                            text: tab.text
                            color: tab.problems > 0 ? Theme.failed : tab.checked ? Theme.text : Theme.dim
                            font.pixelSize: Theme.fontSize
                            font.bold: tab.checked
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                        }
                        background: Rectangle {
                            color: "transparent"
                            radius: Theme.radius
                            border.width: tab.visualFocus ? 2 : 0
                            border.color: Theme.focusRing
                            Rectangle {
                                anchors.bottom: parent.bottom
                                width: parent.width
                                height: 2
                                color: tab.checked ? Theme.accent : "transparent"
                            }
                        }
                    }
                }
            }
            RowLayout {
            objectName: "headerTools"
            Layout.fillWidth: true
            Layout.preferredHeight: 36
            spacing: 0
            Item { Layout.fillWidth: true }
            HostMenu {
                menuRoom: root.width - 16
                Layout.maximumWidth: (headerBar.stacked ? root.width : root.width - tabs.width) - themeButton.width
                                     - reportMenu.width - 40
            }
            Rectangle {  // keeps the theme switch apart from the host's name
                Layout.preferredWidth: 1
                Layout.preferredHeight: 18
                Layout.leftMargin: 6
                Layout.rightMargin: 6
                color: Theme.line
            }
            ReportMenu { id: reportMenu }
            ToolButton {
                id: themeButton
                objectName: "themeButton"
                text: Theme.dark ? qsTr("Light") : qsTr("Dark")
                font.pixelSize: Theme.smallFont
                onClicked: commands.setTheme(Theme.dark ? "light" : "dark")
                Accessible.name: themeTip.text
                contentItem: Label {
                    text: themeButton.text
                    color: Theme.dim
                    font: themeButton.font
                }
                background: Rectangle {
                    color: themeButton.hovered ? Theme.hover : "transparent"
                    radius: Theme.radius
                    border.width: themeButton.visualFocus ? 2 : 1  // a button of its own, apart from the host's name
                    border.color: themeButton.visualFocus ? Theme.focusRing : Theme.line
                }
                // Its own tooltip (not the shared attached one), so its text follows the theme at once.
                ToolTip {
                    id: themeTip
                    objectName: "themeTip"
                    visible: themeButton.hovered
                    delay: 500
                    text: qsTr("Switch to the %1 theme").arg(Theme.dark ? qsTr("light") : qsTr("dark"))
                }
            }
            }
        }
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
    PastRunBanner {
        id: pastBanner
        Layout.fillWidth: true
    }
    HostBanner {
        objectName: "hostGoneBanner"
        Layout.fillWidth: true
    }
    HostNotice {
        objectName: "hostNotice"
        Layout.fillWidth: true
    }
    SceneBanner {
        objectName: "sceneBanner"
        Layout.fillWidth: true
    }
    StackLayout {
        objectName: "pages"
        Layout.fillWidth: true
        Layout.fillHeight: true
        opacity: Controller.scene.sceneChanged ? 0.45 : 1.0  // stale results turn grey (SceneBanner.qml)
        currentIndex: tabs.currentIndex

        StackView {
            id: stack
            objectName: "overviewStack"
            initialItem: Overview {
                id: overview
                objectName: "overview"
                onPerspectiveRequested: function(kind, itemId) { root.openPerspective(kind, itemId) }
            }
        }

        Terminal {
            id: terminal
            objectName: "terminal"
            currentItemId: overview.selectedId
        }

        StackView {
            id: reportStack
            objectName: "reportStack"
            initialItem: ReportPage {
                objectName: "reportPage"
                validateAction: validateAction
                onItemRequested: function(kind, itemId) { root.openFromReport(kind, itemId) }
            }
        }

        TimelinePage {
            objectName: "timelinePage"
            onPairOpened: function(pluginId, instanceId) {
                tabs.currentIndex = 0
                stack.pop(null)
                root.openPerspective("plugin", pluginId)
            }
        }

        HistoryPage {
            objectName: "historyPage"
            onOpenReportRequested: reportMenu.openFile()
        }
    }
    }

    // A past run replaces the live host's models: start again from its Overview.
    Connections {
        target: Controller.history
        function onPastChanged() {
            stack.pop(null)
            reportStack.pop(null)  // a Perspective opened from the other run's Report would show nothing true
            if (Controller.history.viewingPast && tabs.currentIndex === 4)
                tabs.currentIndex = 0
        }
    }

    HistoryCommands { id: historyCommands }
    ThumbnailCommands { id: thumbnailCommands }
    DropArea {
        objectName: "reportDrop"
        anchors.fill: parent
        keys: ["text/uri-list"]
        // Images go through to the instance row or page under the pointer (thumbnails/).
        onEntered: function(drag) { drag.accepted = !thumbnailCommands.carriesImages(drag.urls) }
        onDropped: function(drop) { historyCommands.dropUrls(drop.urls) }
    }

    Component {
        id: perspectiveComponent
        Perspective {
            objectName: "perspective"
            onBack: {
                stack.pop()
                overview.focusList()
            }
        }
    }
    Component {
        id: reportPerspective
        Perspective {
            objectName: "perspective"
            onBack: reportStack.pop()
        }
    }

    NoPlugins {  // an empty pipeline says where the host looked, over the empty Overview
        anchors.fill: parent
        visible: Controller.models.report.discovery.empty && tabs.currentIndex === 0 && (Controller.host > 0
                 || Controller.history.viewingPast)
    }
    WaitingPage {
        objectName: "waitingPage"
        anchors.fill: parent
        // History (and a past run or report file opened from it) work with no host at all.
        visible: !Controller.host && !Controller.history.viewingPast && tabs.currentIndex !== 4
    }

    footer: Footer {
        id: footerBar
        resetAction: resetAction
        validateAction: validateAction
        publishAction: publishAction
        stopAction: stopAction
    }

    Shortcut {
        sequence: "Ctrl+Enter"  // the keypad's Enter: the same action as Ctrl+Return
        enabled: publishAction.enabled
        onActivated: publishAction.trigger()
    }
    Shortcut {
        sequence: "Esc"
        enabled: stopAction.enabled || stack.depth > 1 || reportStack.depth > 1  // otherwise Esc is the fields' own
        onActivated: {
            if (stopAction.enabled)
                stopAction.trigger()
            else if (tabs.currentIndex === 2 && reportStack.depth > 1)
                reportStack.pop()
            else if (stack.depth > 1) {
                stack.pop()
                overview.focusList()
            }
        }
    }
    Shortcut {
        sequence: "Ctrl+F"
        onActivated: {
            tabs.currentIndex = 0
            if (stack.depth > 1)
                stack.pop()
            overview.focusSearch()
        }
    }

    // Asked when the window closes during a run; it follows the run and goes once the run ends.
    Dialog {
        id: confirmClose
        objectName: "confirmClose"
        anchors.centerIn: parent
        modal: true
        width: Math.min(root.width - 40, 380)
        title: qsTr("A %1 is running").arg(Controller.status.runName || qsTr("run"))
        onOpened: keepRunning.forceActiveFocus()  // the default: Enter keeps the run going
        Label {
            objectName: "confirmCloseText"
            width: confirmClose.availableWidth
            wrapMode: Text.Wrap
            text: Controller.status.state === RunState.Stopping
                  ? qsTr("Stopping after the item running now. Close the window anyway?")
                  : qsTr("Stop the %1 after the item running now and close the window?")
                        .arg(Controller.status.runName || qsTr("run"))
            color: Theme.text
        }
        footer: DialogButtonBox {
            background: Rectangle { color: Theme.panel }
            Button {
                id: keepRunning
                objectName: "keepRunning"
                text: qsTr("Keep running")
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
                Accessible.name: text
            }
            Button {
                id: stopAndClose
                objectName: "stopAndClose"
                text: qsTr("Stop and close")
                DialogButtonBox.buttonRole: DialogButtonBox.DestructiveRole
                Accessible.name: text
                contentItem: Label {
                    text: stopAndClose.text
                    color: Theme.onFilled
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                background: Rectangle {
                    implicitWidth: 100
                    implicitHeight: 32
                    radius: Theme.radius
                    color: stopAndClose.down ? Qt.darker(Theme.danger, 1.15) : Theme.danger
                    border.width: stopAndClose.visualFocus ? 2 : 0
                    border.color: Theme.focusRing
                }
                onClicked: {
                    confirmClose.close()
                    if (stopAction.enabled)
                        stopAction.trigger()
                    root.allowClose = true
                    root.close()
                }
            }
        }
        Connections {
            target: Controller.status
            function onStateChanged() {
                if (!Controller.status.isRunning)
                    confirmClose.close()  // nothing left to ask about
            }
        }
    }
    property bool allowClose: false
    onClosing: function(close) {
        if (Controller.status.isRunning && !root.allowClose) {
            close.accepted = false
            confirmClose.open()
        }
        root.allowClose = false
    }
}
