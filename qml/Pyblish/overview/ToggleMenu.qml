pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// Bulk toggles for a section header (right-click, or Ctrl+Menu / Ctrl+Shift+F10 in a list): all / none / only failed, for the section
// and for the whole list. Only optional items change (app/toggles.py).
Menu {
    id: menu
    property string kind: "instance"   // instance or plugin
    property string section: ""
    readonly property string listName: menu.kind === "instance" ? qsTr("instances") : qsTr("plugins")

    Commands { id: toggles }

    component BulkItem: MenuEntry {
        id: item
        property string scope: ""
        property string mode: "all"
        enabled: Controller.status.canToggle
        iconName: item.mode === "all" ? "fa:check-square" : item.mode === "none" ? "fa:square-o" : "fa:times-circle"
        onTriggered: toggles.bulkToggle(menu.kind, item.scope, item.mode)
    }

    MenuEntry { heading: true; text: menu.section }
    BulkItem { objectName: "sectionAll"; scope: menu.section; mode: "all"; text: qsTr("Tick all") }
    BulkItem { objectName: "sectionNone"; scope: menu.section; mode: "none"; text: qsTr("Untick all") }
    BulkItem {
        objectName: "sectionFailed"; scope: menu.section; mode: "failed"; text: qsTr("Tick only the failed")
        tip: qsTr("Tick the ones that failed in the last run, untick the rest")
    }
    MenuSeparator { height: 9; contentItem: Rectangle { implicitHeight: 1; color: Theme.line } }
    MenuEntry { heading: true; text: qsTr("All %1").arg(menu.listName) }
    BulkItem { objectName: "listAll"; mode: "all"; text: qsTr("Tick every one") }
    BulkItem { objectName: "listNone"; mode: "none"; text: qsTr("Untick every one") }
    BulkItem {
        objectName: "listFailed"; mode: "failed"; text: qsTr("Tick only the failed")
        tip: qsTr("Tick the ones that failed in the last run, untick the rest")
    }
}
