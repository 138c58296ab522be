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
    background: Rectangle {
        radius: Theme.radius
        color: button.hovered ? Theme.hover : "transparent"
        border.width: button.visualFocus ? 2 : 0  // a tab stop shows where the keys are
        border.color: Theme.focusRing
    }
    onClicked: menu.open()

    function openFile() {
        openDialog.open()
    }

    HistoryCommands { id: history }

    Menu {
        id: menu
        objectName: "reportMenu"
        y: button.height
        onAboutToShow: history.refreshExport()  // a run may have ended since: ask again
        MenuItem {  // why Export and Copy are off, right where they are
            objectName: "exportBlockedReason"
            visible: Controller.history.exportBlocked.length > 0
            height: visible ? implicitHeight : 0
            enabled: false
            contentItem: Label {
                text: Controller.history.exportBlocked
                wrapMode: Text.Wrap
                color: Theme.dim
                font.pixelSize: Theme.smallFont
            }
        }
        MenuItem {
            objectName: "exportJson"
            enabled: Controller.history.exportBlocked.length === 0
            text: qsTr("Export as JSON…")
            onTriggered: exportDialog.start("json")
        }
        MenuItem {
            objectName: "exportHtml"
            enabled: Controller.history.exportBlocked.length === 0
            text: qsTr("Export as HTML…")
            onTriggered: exportDialog.start("html")
        }
        MenuItem {
            objectName: "copyReport"
            enabled: Controller.history.exportBlocked.length === 0
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

    ExportDialog {  // a full path in a field of its own: suggested, typed or pasted as it is
        id: exportDialog
        parent: Overlay.overlay
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
