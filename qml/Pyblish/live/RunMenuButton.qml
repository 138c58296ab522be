pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// The footer's "more runs" button: Re-run failed and the sanity check (the ticked validators on
// the current context, never extracting). Partial runs: docs/semantics.md, "Partial runs".
IconButton {
    id: button
    objectName: "runMenuButton"
    iconName: "more"
    tip: runMenu.visible ? "" : qsTr("More runs: re-run failed, sanity check")
    enabled: Controller.status.canRunPartial
    Accessible.name: qsTr("More runs")
    Accessible.role: Accessible.ButtonMenu
    onClicked: runMenu.open()

    Commands { id: runs }

    Menu {
        id: runMenu
        objectName: "runMenu"
        y: -runMenu.height - 4  // above the button, in the footer's corner
        MenuEntry {
            objectName: "rerunFailedItem"
            text: Controller.status.failedPairs > 0 ? qsTr("Re-run failed (%1)").arg(Controller.status.failedPairs)
                                                    : qsTr("Re-run failed")
            iconName: "fa:redo"
            enabled: Controller.status.canRerunFailed
            tip: qsTr("Run again only the plugin/instance pairs that failed in the last run")
            onTriggered: runs.rerunFailed()
        }
        MenuEntry {
            objectName: "sanityCheckItem"
            text: qsTr("Sanity check")
            iconName: "fa:check"
            enabled: Controller.status.canRunPartial
            tip: qsTr("Run the ticked validators on what is collected now; nothing is extracted")
            onTriggered: runs.sanityCheck([])
        }
    }
}
