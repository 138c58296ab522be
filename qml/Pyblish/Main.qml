pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

ApplicationWindow {
    id: root
    required property string iconBase

    width: 760
    height: 620
    minimumWidth: 360
    minimumHeight: 320
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
        Controller.models.detail.kind = kind
        Controller.models.detail.itemId = itemId
        stack.push(perspectiveComponent)
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
        enabled: Controller.status.canPublish
        onTriggered: commands.publish()
    }
    Action {
        id: stopAction
        text: qsTr("Stop")
        enabled: Controller.status.canStop
        onTriggered: commands.stop()
    }

    header: Rectangle {
        implicitHeight: 36
        color: Theme.panel
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            spacing: 0
            TabBar {
                id: tabs
                objectName: "tabs"
                background: Item {}
                Repeater {
                    model: [qsTr("Overview"), qsTr("Terminal")]
                    delegate: TabButton {
                        id: tab
                        required property string modelData
                        required property int index
                        objectName: "tab:" + modelData
                        text: modelData
                        width: implicitWidth + 16
                        contentItem: Label {
                            text: tab.text
                            color: tab.checked ? Theme.text : Theme.dim
                            font.pixelSize: Theme.fontSize
                            font.bold: tab.checked
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                        }
                        background: Rectangle {
                            color: "transparent"
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
            Item { Layout.fillWidth: true }
            HostMenu {
                menuRoom: root.width - 16
                Layout.maximumWidth: root.width - tabs.width - themeButton.width - 40
            }
            Rectangle {  // keeps the theme switch apart from the host's name
                Layout.preferredWidth: 1
                Layout.preferredHeight: 18
                Layout.leftMargin: 6
                Layout.rightMargin: 6
                color: Theme.line
            }
            ToolButton {
                id: themeButton
                objectName: "themeButton"
                text: Theme.dark ? qsTr("Light") : qsTr("Dark")
                font.pixelSize: Theme.smallFont
                onClicked: commands.setTheme(Theme.dark ? "light" : "dark")
                contentItem: Label {
                    text: themeButton.text
                    color: Theme.faint
                    font: themeButton.font
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: themeButton.hovered ? Theme.hover : "transparent"
                    border.color: Theme.line
                }
                ToolTip.visible: hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Switch to the %1 theme").arg(Theme.dark ? qsTr("light") : qsTr("dark"))
            }
        }
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
    HostBanner {
        objectName: "hostGoneBanner"
        Layout.fillWidth: true
    }
    HostNotice {
        objectName: "hostNotice"
        Layout.fillWidth: true
    }
    StackLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
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
    }
    }

    Component {
        id: perspectiveComponent
        Perspective {
            objectName: "perspective"
            onBack: stack.pop()
        }
    }

    WaitingPage {
        objectName: "waitingPage"
        anchors.fill: parent
        visible: !Controller.host
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
        enabled: stopAction.enabled || stack.depth > 1  // otherwise Esc is the fields' own
        onActivated: {
            if (stopAction.enabled)
                stopAction.trigger()
            else if (stack.depth > 1)
                stack.pop()
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
    Shortcut {
        sequence: "Space"
        enabled: tabs.currentIndex === 0 && stack.depth === 1
        onActivated: overview.toggleSelected()
    }

    Dialog {
        id: confirmClose
        objectName: "confirmClose"
        anchors.centerIn: parent
        modal: true
        title: qsTr("A publish is running")
        standardButtons: Dialog.Yes | Dialog.No
        Label {
            text: qsTr("Stop after the item running now and close the window?")
            color: Theme.text
        }
        onAccepted: {
            stopAction.trigger()
            root.allowClose = true
            root.close()
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
