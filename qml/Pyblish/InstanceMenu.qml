pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// An instance row's context menu: run one plugin on this instance alone (pyblish-qml #8), from
// the plugins that would process it (Controller.models.instancePlugins; set its instanceId first).
Menu {
    id: menu
    property string instanceId: ""
    property string instanceLabel: ""

    Commands { id: runs }

    MenuEntry {
        heading: true
        capitals: false  // an instance's name keeps its case
        text: qsTr("Run on %1").arg(menu.instanceLabel)
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
            objectName: "runOn:" + entry.label
            text: entry.label
            iconName: "fa:play"
            enabled: Controller.status.canRunPartial
            tip: qsTr("%1: run only this plugin, on %2 only").arg(entry.verb).arg(menu.instanceLabel)
            onTriggered: runs.runPlugin(entry.pluginId, [menu.instanceId])
        }
        onObjectAdded: function(index, object) { menu.insertItem(index + 2, object as MenuItem) }
        onObjectRemoved: function(index, object) { menu.removeItem(object as MenuItem) }
    }
}
