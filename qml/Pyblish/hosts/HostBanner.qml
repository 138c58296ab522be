pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// "Host gone": the shown host has gone away; what it collected and ran stays, read-only.
Rectangle {
    id: banner
    visible: Controller.presence.gone
    implicitHeight: visible ? row.implicitHeight + 12 : 0
    color: Qt.tint(Theme.panel, Qt.alpha(Theme.failed, 0.16))
    Accessible.role: Accessible.AlertMessage
    Accessible.name: Controller.presence.goneText

    Rectangle { width: 3; height: parent.height; color: Theme.failed }
    RowLayout {
        id: row
        x: 12
        width: parent.width - 20
        anchors.verticalCenter: parent.verticalCenter
        spacing: 8
        Icon {
            name: "error"
            size: 16
        }
        Label {
            objectName: "hostGoneText"
            Layout.fillWidth: true
            text: Controller.presence.goneText
            color: Theme.text
            font.pixelSize: Theme.fontSize
            wrapMode: Text.Wrap
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }
}
