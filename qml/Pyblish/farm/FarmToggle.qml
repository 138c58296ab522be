pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// An instance's "publish on the farm" toggle and its farm state (docs/farm.md): the artist's
// choice, defaulting to the pipeline's instance.data["farm"]; the state as the farm reports it.
RowLayout {
    id: toggle
    required property string instanceId
    readonly property int revision: farmCommands.revision  // re-ask the calls below when anything changes
    spacing: 8
    FarmCommands { id: farmCommands }
    ThemedCheckBox {
        objectName: "farmToggle"
        text: qsTr("Publish on the farm")
        checked: toggle.revision >= 0 && farmCommands.isOnFarm(toggle.instanceId)
        onToggled: farmCommands.setOnFarm(toggle.instanceId, checked)
    }
    Label {
        objectName: "farmState"
        readonly property string farmState: toggle.revision >= 0 ? farmCommands.farmState(toggle.instanceId) : ""
        visible: farmState !== ""
        text: toggle.revision >= 0 ? farmCommands.farmDetail(toggle.instanceId) : ""
        color: Theme.statusColor(toggle.revision >= 0 ? farmCommands.farmTone(toggle.instanceId) : "")
        font.pixelSize: Theme.smallFont
        elide: Text.ElideRight
        Layout.fillWidth: true
    }
}
