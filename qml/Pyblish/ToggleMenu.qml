pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// Bulk toggles for a section header (right-click): all / none / only failed, for the section
// and for the whole list. Only optional items change (app/toggles.py).
Menu {
    id: menu
    property string kind: "instance"   // instance or plugin
    property string section: ""
    readonly property string listName: menu.kind === "instance" ? qsTr("instances") : qsTr("plugins")

    Commands { id: toggles }

    component BulkItem: MenuItem {
        id: item
        property string scope: ""
        property string mode: "all"
        enabled: !Controller.status.isRunning
        Accessible.name: item.text
        onTriggered: toggles.bulkToggle(menu.kind, item.scope, item.mode)
    }

    MenuItem {
        text: menu.section
        enabled: false
        font.bold: true
        font.pixelSize: Theme.smallFont
    }
    BulkItem { objectName: "sectionAll"; scope: menu.section; mode: "all"; text: qsTr("Tick all") }
    BulkItem { objectName: "sectionNone"; scope: menu.section; mode: "none"; text: qsTr("Untick all") }
    BulkItem { objectName: "sectionFailed"; scope: menu.section; mode: "failed"; text: qsTr("Tick only the failed") }
    MenuSeparator {}
    MenuItem {
        text: qsTr("All %1").arg(menu.listName)
        enabled: false
        font.bold: true
        font.pixelSize: Theme.smallFont
    }
    BulkItem { objectName: "listAll"; mode: "all"; text: qsTr("Tick every one") }
    BulkItem { objectName: "listNone"; mode: "none"; text: qsTr("Untick every one") }
    BulkItem { objectName: "listFailed"; mode: "failed"; text: qsTr("Tick only the failed ones") }
}
