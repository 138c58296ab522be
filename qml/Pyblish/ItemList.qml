pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// A virtualised, sectioned list of instances or plugins. It takes keyboard focus (Tab):
// Up/Down move the selection, Enter opens the Perspective page, Space toggles the selected row.
ListView {
    id: list
    property string kind: "instance"
    property string sectionRole: "category"
    property var collapsedSections: []
    readonly property bool hasSelection: Controller.models.overview.selectedKind === list.kind

    signal perspectiveRequested(string itemId)

    Commands { id: commands }

    clip: true
    boundsBehavior: Flickable.StopAtBounds
    cacheBuffer: 400
    snapMode: ListView.SnapToItem  // rows and headers are all Theme.rowHeight tall: no half rows
    activeFocusOnTab: true
    keyNavigationEnabled: false  // the selection is the Python side's; keys move it there
    Accessible.role: Accessible.List
    Accessible.name: list.kind === "instance" ? qsTr("Instances") : qsTr("Plugins")
    ScrollBar.vertical: ScrollBar {
        id: bar
        objectName: "scrollBar"
        // Always drawn when there is more than fits, so rows below are never a surprise.
        policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        implicitWidth: 8
        padding: 1
        contentItem: Rectangle {
            implicitWidth: 6
            radius: 3
            color: bar.pressed ? Theme.dim : Theme.faint
            opacity: bar.pressed || bar.hovered ? 1.0 : 0.7
        }
    }

    section.property: list.sectionRole
    section.criteria: ViewSection.FullString

    onActiveFocusChanged: if (list.activeFocus && !list.hasSelection) commands.moveSelection(list.kind, 0)
    Keys.onUpPressed: commands.moveSelection(list.kind, -1)
    Keys.onDownPressed: commands.moveSelection(list.kind, 1)
    Keys.onReturnPressed: if (list.hasSelection) list.perspectiveRequested(Controller.models.overview.selectedId)
    Keys.onEnterPressed: if (list.hasSelection) list.perspectiveRequested(Controller.models.overview.selectedId)
    Keys.onSpacePressed: {
        if (!list.hasSelection)
            return
        if (list.kind === "instance")
            commands.toggleInstance(Controller.models.overview.selectedId)
        else
            commands.togglePlugin(Controller.models.overview.selectedId)
    }
    Connections {
        target: Controller.models.overview
        function onSelectionChanged() {
            if (list.hasSelection && Controller.models.overview.selectedRow >= 0)
                list.positionViewAtIndex(Controller.models.overview.selectedRow, ListView.Contain)
        }
    }

    // The focus ring: where the keys go.
    Rectangle {
        objectName: "focusRing"
        parent: list
        anchors.fill: parent
        color: "transparent"
        radius: 3
        border.width: 2
        border.color: Theme.focusRing
        visible: list.activeFocus
        z: 10
    }
}
