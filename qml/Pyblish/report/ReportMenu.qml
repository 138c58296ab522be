import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Dialogs
import Pyblish

// The "Report" menu of the header: export the run on screen, copy its summary, open a file.
ToolButton {
    id: button
    objectName: "reportMenuButton"
    text: qsTr("File")  // not "Report": that is the validation report's tab
    font.pixelSize: Theme.smallFont
    Accessible.name: qsTr("Report file menu")
    Accessible.role: Accessible.ButtonMenu
    hoverEnabled: true
    ToolTip.visible: button.hovered && !menu.visible
    ToolTip.delay: 500
    ToolTip.text: qsTr("Export this run as JSON or HTML, copy its report, or open a report file")
    contentItem: Label {
        text: button.text + " ▾"
        color: Theme.dim
        font: button.font
    }
    background: Item {}
    onClicked: menu.open()

    function openFile() {
        openDialog.open()
    }

    HistoryCommands { id: history }

    Menu {
        id: menu
        objectName: "reportMenu"
        y: button.height
        MenuItem {
            objectName: "exportJson"
            text: qsTr("Export as JSON…")
            onTriggered: {
                saveDialog.format = "json"
                saveDialog.open()
            }
        }
        MenuItem {
            objectName: "exportHtml"
            text: qsTr("Export as HTML…")
            onTriggered: {
                saveDialog.format = "html"
                saveDialog.open()
            }
        }
        MenuItem {
            objectName: "copyReport"
            text: qsTr("Copy report")
            onTriggered: history.copyReport()
        }
        MenuSeparator {}
        MenuItem {
            objectName: "openReport"
            text: qsTr("Open report file…")
            onTriggered: openDialog.open()
        }
        // The window's own behaviour towards a publish the artist walks away from (issue 24).
        MenuSeparator {}
        MenuItem {
            objectName: "notifyWhenDoneItem"
            text: qsTr("Notify when a long run ends")
            checkable: true
            checked: Controller.preferences.notifyWhenDone
            onTriggered: choices.setSwitch("notifyWhenDone", checked)
        }
        MenuItem {
            objectName: "revalidateOnPublishItem"
            text: qsTr("Validate a changed scene again without asking")
            checkable: true
            checked: Controller.preferences.revalidateOnPublish
            onTriggered: choices.setSwitch("revalidateOnPublish", checked)
        }
        MenuItem {
            objectName: "keepAboveHostItem"
            text: qsTr("Keep above the DCC")
            checkable: true
            checked: Controller.preferences.keepAboveHost
            onTriggered: choices.setSwitch("keepAboveHost", checked)
        }
    }
    Commands { id: choices }

    FileDialog {
        id: saveDialog
        property string format: "json"
        fileMode: FileDialog.SaveFile
        title: qsTr("Export the report")
        defaultSuffix: format
        nameFilters: format === "json" ? [qsTr("JSON report (*.json)")] : [qsTr("HTML page (*.html)")]
        onAccepted: history.exportReport(selectedFile.toString(), format)
    }
    FileDialog {
        id: openDialog
        fileMode: FileDialog.OpenFile
        title: qsTr("Open a report")
        nameFilters: [qsTr("Reports (*.json *.html)")]
        onAccepted: history.openReport(selectedFile.toString())
    }

    readonly property bool noticeShown: notice.visible
    ToolTip {
        id: notice
        parent: button
        visible: Controller.history.notice.length > 0
        text: Controller.history.notice
        y: button.height + 4
        x: button.width - width
    }
}
