pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

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

    // A run button; "filled" draws it as the next sensible step (primary) or the destructive one.
    component RunButton: Button {
        id: button
        property string tip: ""
        property color fill: Theme.primary
        property bool filled: false
        readonly property bool drawnFilled: button.filled && button.enabled
        implicitHeight: 28
        leftPadding: 10
        rightPadding: 10
        hoverEnabled: true
        font.pixelSize: Theme.fontSize
        font.bold: button.drawnFilled
        Accessible.name: button.text
        Accessible.description: button.tip
        contentItem: Label {
            text: button.text
            font: button.font
            color: !button.enabled ? Theme.faint : button.drawnFilled ? Theme.onFilled : Theme.text
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            readonly property color base: button.drawnFilled ? button.fill : Theme.raised
            radius: Theme.radius
            color: !button.enabled ? Theme.panel : button.down ? Qt.darker(base, 1.15)
                   : button.hovered ? Qt.lighter(base, button.drawnFilled ? 1.08 : 1.1) : base
            border.width: button.visualFocus ? 2 : 1
            border.color: button.visualFocus ? Theme.focusRing : button.enabled ? Qt.lighter(base, 1.2) : Theme.line
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
            Accessible.name: qsTr("Comment")
            visible: footer.commentOpen && (Controller.hasComment || Controller.options.commentRule.active)
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
            // Opened, it takes the keys at once: a first space typed is the comment's, not the button's.
            onVisibleChanged: if (visible) comment.forceActiveFocus()
            Timer {
                id: commentDelay
                interval: 400
                onTriggered: commands.setComment(comment.text)
            }
        }

        CommentRuleHint {  // why Publish waits for the comment (options/)
            Layout.fillWidth: true
            onOpenRequested: footer.commentOpen = true
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Label {
                id: status
                objectName: "statusMessage"
                Layout.fillWidth: true
                // A long pair's seconds tick in their own label, so the message itself changes (and fades in) rarely.
                // A past run says its own outcome, never the live host's (app/history/past_run.py).
                text: Controller.history.viewingPast ? Controller.history.past.sentence : Controller.status.headline
                Accessible.name: Controller.history.viewingPast ? Controller.history.past.sentence
                                                                : Controller.status.message
                color: Controller.status.state === RunState.Dead ? Theme.failedText : Theme.text
                font.pixelSize: Theme.fontSize
                elide: Text.ElideRight
                wrapMode: Controller.history.viewingPast ? Text.Wrap : Text.NoWrap  // a past run's whole sentence
                maximumLineCount: Controller.history.viewingPast ? 3 : 1
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
                objectName: "pairElapsed"
                visible: text.length > 0
                text: Controller.status.elapsed
                color: Theme.dim
                font.pixelSize: Theme.smallFont
                font.features: { "tnum": 1 }  // the digits keep their width as they tick
            }
            Label {
                objectName: "footerCounts"
                visible: text.length > 0
                text: Controller.history.viewingPast ? Controller.history.past.counts : Controller.status.total > 0
                      ? Controller.status.progress + " / " + Controller.status.total : ""
                color: Theme.dim
                font.pixelSize: Theme.smallFont
            }
        }

        FarmStatusLine { Layout.fillWidth: true }

        ProgressBar {
            id: progress
            objectName: "progressBar"
            Layout.fillWidth: true
            implicitHeight: 3
            from: 0
            to: Math.max(1, Controller.status.total)
            // Empty while there is no host to run on; coloured by how the run is going or went.
            value: Controller.history.viewingPast ? to : Controller.host > 0 ? Controller.status.progress : 0
            Accessible.name: qsTr("Progress")
            background: Rectangle { color: Theme.window; radius: 2 }
            contentItem: Rectangle {
                width: progress.visualPosition * progress.width
                height: progress.height
                radius: 2
                color: Theme.outcomeColor(Controller.history.viewingPast ? Controller.history.past.outcome
                                                                         : Controller.status.outcome)
                Behavior on width { NumberAnimation { duration: 120 } }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            RunButton {
                objectName: "commentButton"
                // A mark when a comment is written; nothing to comment on without a host.
                text: Controller.comment.length > 0 ? qsTr("Comment ●") : qsTr("Comment")
                visible: Controller.hasComment || Controller.options.commentRule.active  // a rule asks for one
                enabled: Controller.status.hostLive
                checkable: true
                checked: footer.commentOpen
                onClicked: footer.commentOpen = !footer.commentOpen
                tip: Controller.status.blockedReason ? Controller.status.blockedReason
                     : Controller.comment.length > 0 ? qsTr("A comment is set; it travels with this publish")
                                                   : qsTr("Write a comment that travels with this publish")
            }
            RunMenuButton {}
            Item { Layout.fillWidth: true }
            RunButton {
                objectName: "resetButton"
                action: footer.resetAction
                filled: Controller.status.primaryAction === "reset"
                tip: Controller.status.hostLive ? qsTr("Collect again from the host (Ctrl+R)")
                                                : Controller.status.blockedReason
            }
            RunButton {
                objectName: "validateButton"
                action: footer.validateAction
                filled: Controller.status.primaryAction === "validate"
                tip: Controller.status.blockedReason || qsTr("Run the checks only (Ctrl+Shift+V)")
            }
            RunButton {
                objectName: "publishButton"
                action: footer.publishAction
                filled: Controller.status.primaryAction === "publish"
                tip: Controller.status.blockedReason || Controller.status.publishBlocked
                     || qsTr("Validate, extract and integrate (Ctrl+Enter)")
            }
            RunButton {
                objectName: "stopButton"
                action: footer.stopAction
                filled: true
                fill: Theme.danger
                tip: Controller.status.blockedReason || qsTr("Stop after the item running now (Esc)")
            }
        }
    }
}
