import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: root
    required property var controller

    width: 430
    height: 600
    title: root.controller.windowTitle
    color: "#2b2b2b"

    RowLayout {
        anchors.fill: parent
        anchors.bottomMargin: footer.height
        ListView {
            objectName: "instanceList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.controller.instances
            delegate: Label {
                required property string label
                required property string status
                text: label + " — " + status
                color: "#ddd"
            }
        }
        ListView {
            objectName: "pluginList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.controller.plugins
            delegate: Label {
                required property string label
                required property string status
                text: label + " — " + status
                color: "#ddd"
            }
        }
    }
    footer: RowLayout {
        Label { text: root.controller.message; color: "#ddd"; Layout.fillWidth: true }
        Button { text: "Reset"; enabled: root.controller.canReset; onClicked: root.controller.reset() }
        Button { text: "Validate"; enabled: root.controller.canValidate; onClicked: root.controller.validate() }
        Button { text: "Publish"; enabled: root.controller.canPublish; onClicked: root.controller.publish() }
        Button { text: "Stop"; enabled: root.controller.canStop; onClicked: root.controller.stop() }
    }
}
