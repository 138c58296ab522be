pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Status, progress, comment and the run buttons (the window's Actions, enabled by the state).
Rectangle {
    id: footer
    required property Action resetAction
    required property Action validateAction
    required property Action publishAction
    required property Action stopAction
    property bool commentOpen: false

    Commands { id: commands }

    implicitHeight: column.implicitHeight + 16
    color: Theme.panel

    Rectangle { width: parent.width; height: 1; color: Theme.line }

    component RunButton: Button {
        id: button
        property string tip: ""
        property color tint: Theme.raised
        implicitHeight: 28
        leftPadding: 12
        rightPadding: 12
        hoverEnabled: true
        font.pixelSize: Theme.fontSize
        contentItem: Label {
            text: button.text
            font: button.font
            color: button.enabled ? Theme.text : Theme.faint
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            radius: Theme.radius
            color: !button.enabled ? Theme.panel : button.down ? Qt.darker(button.tint, 1.2)
                   : button.hovered ? Qt.lighter(button.tint, 1.15) : button.tint
            border.color: button.enabled ? Qt.lighter(button.tint, 1.3) : Theme.line
        }
        ToolTip.visible: hovered && tip.length > 0
        ToolTip.delay: 500
        ToolTip.text: tip
    }

    ColumnLayout {
        id: column
        x: 8
        y: 8
        width: parent.width - 16
        spacing: 8

        TextArea {
            id: comment
            objectName: "commentBox"
            visible: footer.commentOpen && Controller.hasComment
            Layout.fillWidth: true
            Layout.preferredHeight: 64
            placeholderText: qsTr("What changed in this publish?")
            placeholderTextColor: Theme.faint
            color: Theme.text
            wrapMode: TextEdit.Wrap
            font.pixelSize: Theme.fontSize
            text: Controller.comment
            background: Rectangle {
                radius: Theme.radius
                color: Theme.window
                border.color: comment.activeFocus ? Theme.accent : Theme.line
            }
            onTextChanged: commentDelay.restart()
            Timer {
                id: commentDelay
                interval: 400
                onTriggered: commands.setComment(comment.text)
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                id: status
                objectName: "statusMessage"
                Layout.fillWidth: true
                text: Controller.status.message
                color: Controller.status.state === RunState.Dead ? Theme.failed : Theme.text
                font.pixelSize: Theme.fontSize
                elide: Text.ElideRight
                // A soft fade-in on every new message; the text itself is never delayed.
                onTextChanged: fadeIn.restart()
                NumberAnimation {
                    id: fadeIn
                    target: status
                    property: "opacity"
                    from: 0.25
                    to: 1.0
                    duration: 220
                    easing.type: Easing.OutQuad
                }
            }
            Label {
                visible: Controller.status.total > 0
                text: Controller.status.progress + " / " + Controller.status.total
                color: Theme.dim
                font.pixelSize: Theme.smallFont
            }
        }

        ProgressBar {
            id: progress
            objectName: "progressBar"
            Layout.fillWidth: true
            implicitHeight: 3
            from: 0
            to: Math.max(1, Controller.status.total)
            value: Controller.status.progress
            background: Rectangle { color: Theme.window; radius: 2 }
            contentItem: Rectangle {
                width: progress.visualPosition * progress.width
                height: progress.height
                radius: 2
                color: Controller.status.isRunning ? Theme.running : Theme.passed
                Behavior on width { NumberAnimation { duration: 120 } }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            RunButton {
                objectName: "commentButton"
                text: qsTr("Comment")
                visible: Controller.hasComment
                enabled: Controller.status.hostLive
                checkable: true
                checked: footer.commentOpen
                onClicked: footer.commentOpen = !footer.commentOpen
                tip: Controller.status.blockedReason || qsTr("Write a comment that travels with this publish")
            }
            Item { Layout.fillWidth: true }
            RunButton {
                objectName: "resetButton"
                action: footer.resetAction
                tip: Controller.status.hostLive ? qsTr("Collect again from the host (Ctrl+R)")
                                                : Controller.status.blockedReason
            }
            RunButton {
                objectName: "validateButton"
                action: footer.validateAction
                tip: Controller.status.blockedReason || qsTr("Run the checks only (Ctrl+Shift+V)")
            }
            RunButton {
                objectName: "publishButton"
                action: footer.publishAction
                tint: "#2f5d80"
                tip: Controller.status.blockedReason || qsTr("Validate, extract and integrate (Ctrl+Enter)")
            }
            RunButton {
                objectName: "stopButton"
                action: footer.stopAction
                tint: "#6a3a40"
                tip: Controller.status.blockedReason || qsTr("Stop after the item running now (Esc)")
            }
        }
    }
}
