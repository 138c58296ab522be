pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// A virtualised, sectioned list of instances or plugins: its model (SectionRows, app/lists/
// section_rows.py) gives a header row before each section and leaves a collapsed section's
// members out, so every row is one row tall and a far jump makes only the rows it shows. It takes keyboard focus (Tab):
// Up/Down move the current row, Shift+Up/Down extend the selection, Ctrl+A selects every row,
// Enter opens the Perspective page, Space toggles the selected rows, Esc keeps only the current
// row; the Menu key or Shift+F10 opens the current row's menu, with Ctrl its section's menu.
// The selection is the Python side's (app/overview_selection.py): keys only say what was pressed.
ListView {
    id: list
    property string kind: "instance"
    property SectionRows rows: null
    readonly property bool hasSelection: Controller.models.overview.selectedKind === list.kind
    readonly property int selectedCount: list.hasSelection ? Controller.models.overview.selectionCount : 0

    // Flung: the list moved more than a third of its height within a frame or two (a fast flick, a
    // drag of the scroll bar, a jump), and until it has been still for 150 ms. Rows handed a new
    // instance meanwhile do not start loading their pictures (RowThumbnail): a flick through
    // thousands of rows would decode a picture for every row it passes, on the two cores the GUI
    // thread shares (docs/performance.md). Rows already showing keep theirs.
    final property bool flung: false
    property real lastY: 0
    property double lastMoved: 0
    onContentYChanged: {
        list.moved = true
        const now = Date.now()
        if (Math.abs(list.contentY - list.lastY) > list.height / 3 && now - list.lastMoved < 50) {
            list.flung = true
            still.restart()
        }
        list.lastY = list.contentY
        list.lastMoved = now
    }
    Timer {
        id: still
        interval: 150
        onTriggered: list.flung = false
    }

    signal perspectiveRequested(string itemId)
    signal menuKeyPressed(bool section)  // Menu / Shift+F10 (with Ctrl: the section's): the current row opens it

    Commands { id: commands }

    model: list.rows

    clip: true
    boundsBehavior: Flickable.StopAtBounds
    // Rows alive: a screen plus the buffer below at the top, plus the buffer above too once
    // scrolled; the first scroll made those ~20 rows in one frame (40-90 ms once, with an empty
    // reuse pool; docs/performance.md). So the buffer below is twice as deep while the list is new
    // and shown: its rows are made between frames (a buffer incubates asynchronously); 600 ms
    // later, or at the first move, the usual buffer again, and the extra rows wait in the pool for
    // the first scroll.
    property bool moved: false  // moved, or settled with its deep buffer made
    cacheBuffer: list.moved ? 400 : 800
    Timer {
        interval: 600
        running: !list.moved && list.visible && list.count > 0
        onTriggered: list.moved = true
    }
    snapMode: ListView.SnapToItem  // rows and headers are all Theme.rowHeight tall: no half rows
    reuseItems: true  // rows scrolled out are pooled and given the next rows' roles, not destroyed and made again
    activeFocusOnTab: true
    keyNavigationEnabled: false  // the selection is the Python side's; keys move it there
    Accessible.role: Accessible.List
    Accessible.name: list.kind === "instance" ? qsTr("Instances") : qsTr("Plugins")
    Accessible.description: list.selectedCount > 1 ? qsTr("%1 selected").arg(list.selectedCount) : ""
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

    // The current row's delegate (in view: a selection change scrolls to it), or null.
    function currentRow(): Item {
        return list.hasSelection ? list.itemAtIndex(commands.currentListRow(list.kind)) : null
    }

    // Space and the selection bar: toggle the selection; say why rows that cannot change did not.
    function toggleSelection() {
        const reason = commands.toggleSelection(list.kind)
        const row = list.currentRow()
        if (reason.length === 0)
            return
        reasonTip.y = row ? row.y - list.contentY + row.height : 0
        reasonTip.show(reason, 4000)
    }

    onActiveFocusChanged: if (list.activeFocus && !list.hasSelection) commands.moveSelection(list.kind, 0)
    Keys.onUpPressed: function(event) {
        if (event.modifiers & Qt.ShiftModifier)
            commands.extendSelection(list.kind, -1)
        else
            commands.moveSelection(list.kind, -1)
    }
    Keys.onDownPressed: function(event) {
        if (event.modifiers & Qt.ShiftModifier)
            commands.extendSelection(list.kind, 1)
        else
            commands.moveSelection(list.kind, 1)
    }
    Keys.onReturnPressed: if (list.hasSelection) list.perspectiveRequested(Controller.models.overview.selectedId)
    Keys.onEnterPressed: if (list.hasSelection) list.perspectiveRequested(Controller.models.overview.selectedId)
    Keys.onSpacePressed: list.toggleSelection()
    Keys.onEscapePressed: function(event) {
        event.accepted = list.selectedCount > 1  // otherwise Esc is not the list's
        if (event.accepted)
            commands.clearSelection()
    }
    Keys.onPressed: function(event) {
        const menuKey = event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))
        if (menuKey) {
            list.menuKeyPressed((event.modifiers & Qt.ControlModifier) !== 0)
            event.accepted = true
        } else if (event.key === Qt.Key_A && event.modifiers === Qt.ControlModifier) {  // select all
            commands.selectAllRows(list.kind)
            event.accepted = true
        }
    }
    Connections {
        target: Controller.models.overview
        function onSelectionChanged() {
            const row = list.hasSelection ? commands.currentListRow(list.kind) : -1
            if (row >= 0)
                list.positionViewAtIndex(row, ListView.Contain)
        }
    }

    ToolTip {  // why a toggle of the selection left some rows as they were
        id: reasonTip
        objectName: list.kind + "SelectionTip"
        parent: list
        x: 28
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
