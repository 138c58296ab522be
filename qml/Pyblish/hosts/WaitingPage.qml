pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Shown while no host is connected: where hosts should call, who is there, a Python host to start.
Rectangle {
    id: page
    color: Theme.window

    Commands { id: commands }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 14

        Image {
            Layout.alignment: Qt.AlignHCenter
            source: Theme.icon("logo")
            sourceSize.width: 72
            sourceSize.height: 72
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: Controller.status.state === RunState.Dead ? Controller.status.message
                  : qsTr("Waiting for a host on port %1…").arg(Controller.controlPort)
            color: Controller.status.state === RunState.Dead ? Theme.warningText : Theme.text
            font.pixelSize: Theme.titleFont
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Choose File ▸ Publish in Maya, Nuke, Houdini or Blender, or publish files with a Python host.")
            color: Theme.dim
            font.pixelSize: Theme.fontSize
        }
        Repeater {
            model: Controller.models.hosts
            delegate: Button {
                id: hostButton
                required property int port
                required property string label
                required property bool alive
                objectName: "waitingHost:" + hostButton.port
                Layout.fillWidth: true
                enabled: hostButton.alive
                hoverEnabled: true
                text: hostButton.alive ? hostButton.label : qsTr("%1 — gone").arg(hostButton.label)
                font.strikeout: !hostButton.alive
                opacity: hostButton.alive ? 1.0 : 0.6
                onClicked: commands.showHost(hostButton.port)
                ToolTip.visible: hovered
                ToolTip.delay: 400
                ToolTip.text: hostButton.alive ? qsTr("Publish from this host")
                                               : qsTr("This host has gone away; it cannot be chosen")
            }
        }
        Button {
            objectName: "startPythonHost"
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Start a Python host")
            onClicked: commands.startPythonHost()
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: qsTr("Publishes with the plugins on PYBLISHPLUGINPATH")
        }
    }
}
