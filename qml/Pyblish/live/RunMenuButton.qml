pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// The footer's "more runs" button: Re-run failed and the sanity check (the ticked validators on
// the current context, never extracting). Partial runs: docs/semantics.md, "Partial runs".
// Publish on farm (validate here, hand off every instance marked for the farm, publish nothing
// here) and Re-run failed on farm: docs/farm.md.
IconButton {
    id: button
    objectName: "runMenuButton"
    iconName: "more"
    tip: runMenu.visible ? "" : qsTr("More runs: re-run failed, sanity check, publish on farm")
    enabled: Controller.status.canRunPartial
    Accessible.name: qsTr("More runs")
    Accessible.role: Accessible.ButtonMenu
    onClicked: runMenu.open()

    Commands { id: runs }
    FarmCommands { id: farm }

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
        MenuSeparator {}
        MenuEntry {
            objectName: "publishOnFarmItem"
            text: farm.farmCount > 0 ? qsTr("Publish on farm (%1)").arg(farm.farmCount) : qsTr("Publish on farm")
            iconName: "fa:cloud-upload-alt"
            enabled: Controller.status.canPublish && farm.farmCount > 0 && !farm.busy
            tip: farm.farmCount > 0 ? qsTr("Validate here, then hand off the instances marked for the farm; nothing publishes here")
                                    : qsTr("Mark instances for the farm first (the cloud on their rows)")
            onTriggered: farm.publishOnFarm()
        }
        MenuEntry {
            objectName: "rerunFailedOnFarmItem"
            text: farm.redoCount > 0 ? qsTr("Re-run failed on farm (%1)").arg(farm.redoCount) : qsTr("Re-run failed on farm")
            iconName: "fa:redo"
            enabled: farm.redoCount > 0
            tip: qsTr("Submit the failed and lost instances again, as one new attempt")
            onTriggered: farm.rerunFailedOnFarm()
        }
    }
}
