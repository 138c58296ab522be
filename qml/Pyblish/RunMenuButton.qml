pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// The footer's "more runs" button: Re-run failed and the sanity check (the ticked validators on
// the current context, never extracting). Partial runs: docs/semantics.md, "Partial runs".
IconButton {
    id: button
    objectName: "runMenuButton"
    iconName: "more"
    tip: qsTr("More runs: re-run failed, sanity check")
    enabled: Controller.status.canRunPartial
    Accessible.name: qsTr("More runs")
    Accessible.role: Accessible.ButtonMenu
    onClicked: runMenu.popup(button, 0, -runMenu.implicitHeight)

    Commands { id: runs }

    Menu {
        id: runMenu
        objectName: "runMenu"
        Action {
            id: rerunAction
            text: Controller.status.failedPairs > 0 ? qsTr("Re-run failed (%1)").arg(Controller.status.failedPairs)
                                                    : qsTr("Re-run failed")
            enabled: Controller.status.canRerunFailed
            onTriggered: runs.rerunFailed()
        }
        Action {
            id: sanityAction
            text: qsTr("Sanity check (ticked validators)")
            enabled: Controller.status.canRunPartial
            onTriggered: runs.sanityCheck([])
        }
        MenuItem {
            objectName: "rerunFailedItem"
            action: rerunAction
            Accessible.name: rerunAction.text
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("Run again only the plugin/instance pairs that failed in the last run")
        }
        MenuItem {
            objectName: "sanityCheckItem"
            action: sanityAction
            Accessible.name: sanityAction.text
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("Run the ticked validators on what is collected now; nothing is extracted")
        }
    }
}
