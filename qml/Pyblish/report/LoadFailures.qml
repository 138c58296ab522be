pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// The plugin files that failed to import at the last reset (report/discovery.py), at the top of
// the Report: their plugins did not run, so the publish is missing the checks they hold.
Column {
    id: failures
    required property Discovery discovery
    objectName: "loadFailures"
    visible: failures.discovery.failedCount > 0
    spacing: 6

    Row {
        topPadding: 10
        bottomPadding: 2
        spacing: 6
        Icon { name: "error"; size: 12; anchors.verticalCenter: parent.verticalCenter }
        Label {
            objectName: "loadFailuresHeading"
            anchors.verticalCenter: parent.verticalCenter
            text: failures.discovery.failedTitle
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.8
        }
    }
    Label {
        width: failures.width
        text: qsTr("Their plugins did not run: this publish is missing the checks they hold. "
                   + "A pipeline error, not yours — File ▸ Copy report, for your TD.")
        wrapMode: Text.Wrap
        color: Theme.dim
        font.pixelSize: Theme.fontSize
    }
    Label {  // a disabled button shows no tooltip: the reason Publish is off stands here
        objectName: "strictDiscovery"
        visible: text.length > 0 && !Controller.history.viewingPast
        width: failures.width
        text: Controller.status.publishBlocked
        wrapMode: Text.Wrap
        color: Theme.failedText
        font.bold: true
    }
    Repeater {
        model: failures.discovery.failures
        delegate: Rectangle {
            id: failure
            required property string file
            required property string error
            required property string where
            required property string traceback
            objectName: "loadFailure:" + failure.file
            width: failures.width
            implicitHeight: lines.implicitHeight + 16
            radius: Theme.radius
            color: Theme.panel
            border.color: Theme.line
            Rectangle { width: 3; height: parent.height - 2 * Theme.radius; y: Theme.radius; color: Theme.critical }
            ColumnLayout {
                id: lines
                x: 14
                y: 8
                width: parent.width - 26
                spacing: 4
                Label {
                    Layout.fillWidth: true
                    text: failure.where || failure.file
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                Label {
                    objectName: "loadFailureError"
                    Layout.fillWidth: true
                    text: failure.error
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.failedText
                }
                Label {
                    Layout.fillWidth: true
                    text: failure.file
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    color: Theme.dim
                    font.pixelSize: Theme.smallFont
                }
                TextEdit {  // selectable: support copies the traceback as it is
                    objectName: "loadFailureTraceback"
                    Layout.fillWidth: true
                    text: failure.traceback.trim()
                    textFormat: TextEdit.PlainText
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    color: Theme.dim
                    font.family: Theme.monospace
                    font.pixelSize: Theme.smallFont
                }
            }
        }
    }
}
