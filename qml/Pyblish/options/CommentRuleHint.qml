pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// Why Publish waits, in words, where the artist looks (a disabled button shows no tooltip):
// "Comment: 12 more characters needed". A click opens the comment field.
Label {
    id: hint
    signal openRequested()
    readonly property CommentRule rule: Controller.options.commentRule
    objectName: "commentRuleHint"
    visible: !hint.rule.satisfied && Controller.status.hostLive && !Controller.status.isRunning
    text: hint.rule.reason
    color: Theme.warningText
    font.pixelSize: Theme.smallFont
    elide: Text.ElideRight
    TapHandler { onTapped: hint.openRequested() }
    HoverHandler { cursorShape: Qt.PointingHandCursor }
}
