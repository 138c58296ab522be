import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Export the run on screen: the full path in one field, suggested in the scene's folder and named
// after the scene, the run and its time; typed or pasted as it is (a bare name goes in that
// folder). The File button confirms where it was saved (Controller.history.notice).
Dialog {
    id: dialog
    objectName: "exportDialog"
    property string format: "json"
    modal: true
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 32 : 520, 560)
    title: dialog.format === "json" ? qsTr("Export the report as JSON") : qsTr("Export the report as an HTML page")
    standardButtons: Dialog.Save | Dialog.Cancel

    HistoryCommands { id: history }

    function start(format: string) {
        dialog.format = format
        path.text = history.suggestedExport(format)
        dialog.open()
    }
    onOpened: {
        path.forceActiveFocus()
        path.select(path.text.lastIndexOf("/") + 1, path.text.length)  // the name, ready to retype
    }
    onAccepted: history.exportTo(path.text, dialog.format)

    ColumnLayout {
        width: dialog.availableWidth
        spacing: 6
        Label {
            Layout.fillWidth: true
            text: qsTr("Save to (a full path; a name alone goes in the folder shown):")
            wrapMode: Text.Wrap
            color: Theme.dim
        }
        TextField {
            id: path
            objectName: "exportPath"
            Layout.fillWidth: true
            selectByMouse: true
            color: Theme.text
            Accessible.name: qsTr("Export to")
            onAccepted: dialog.accept()
            background: Rectangle {
                radius: Theme.radius
                color: Theme.panel
                border.color: path.activeFocus ? Theme.focusRing : Theme.line
                border.width: path.activeFocus ? 2 : 1
            }
        }
    }
}
