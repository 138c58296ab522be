pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// An instance row's context menu: run one plugin on this instance alone (pyblish-qml #8), from
// the plugins that would process it (Controller.models.instancePlugins; set its instanceId first).
// On a row of a multi-selection: toggle the selection, and run one plugin on the selected
// instances it processes (set instancePlugins.instanceIds to the selection).
Menu {
    id: menu
    property string instanceId: ""
    property string instanceLabel: ""
    property int selectedCount: 1  // the selection it was opened on (1: just this row)
    readonly property bool many: menu.selectedCount > 1
    signal toggleSelectionRequested()  // the list toggles its selection (and says why some stay)
    // wide enough for the instance's name and the longest plugin label (elided past menuMaxWidth)
    width: Math.min(Theme.menuMaxWidth, Math.max(200, pluginMetrics.advanceWidth + 56, headingMetrics.advanceWidth + 32))

    TextMetrics {
        id: pluginMetrics
        font.pixelSize: Theme.fontSize
        text: Controller.models.instancePlugins.longestLabel + " (000)"
    }
    TextMetrics {
        id: headingMetrics
        font.pixelSize: Theme.smallFont
        font.bold: true
        text: qsTr("Run on %1").arg(menu.instanceLabel)
    }

    Commands { id: runs }

    MenuEntry {
        objectName: "toggleSelectedItem"
        visible: menu.many
        enabled: menu.many && Controller.status.canToggle
        text: qsTr("Toggle selected (%1)").arg(menu.selectedCount)
        iconName: "fa:check-square"
        tip: qsTr("Tick every selected optional instance, or untick them when all are ticked (Space)")
        onTriggered: menu.toggleSelectionRequested()
    }
    MenuSeparator {
        visible: menu.many
        height: menu.many ? 9 : 0
        contentItem: Rectangle { implicitHeight: 1; color: Theme.line }
    }
    MenuEntry {
        heading: true
        capitals: menu.many  // an instance's name keeps its case
        text: menu.many ? qsTr("Run on the %1 selected").arg(menu.selectedCount) : qsTr("Run on %1").arg(menu.instanceLabel)
    }
    MenuEntry {
        objectName: "noPluginToRun"
        visible: Controller.models.instancePlugins.count === 0
        enabled: false
        text: qsTr("No plugin processes it")
    }
    Instantiator {
        model: Controller.models.instancePlugins
        delegate: MenuEntry {
            id: entry
            required property string pluginId
            required property string label
            required property string verb
            required property int matches
            objectName: "runOn:" + entry.label
            text: menu.many ? qsTr("%1 (%2)").arg(entry.label).arg(entry.matches) : entry.label
            iconName: "fa:play"
            enabled: Controller.status.canRunPartial
            tip: menu.many ? qsTr("%1: run only this plugin, on the %2 selected instances it processes")
                             .arg(entry.verb).arg(entry.matches)
                           : qsTr("%1: run only this plugin, on %2 only").arg(entry.verb).arg(menu.instanceLabel)
            onTriggered: runs.runPlugin(entry.pluginId, menu.many ? Controller.models.instancePlugins.instanceIds
                                                                  : [menu.instanceId])
        }
        onObjectAdded: function(index, object) { menu.insertItem(index + 4, object as MenuItem) }
        onObjectRemoved: function(index, object) { menu.removeItem(object as MenuItem) }
    }
}
