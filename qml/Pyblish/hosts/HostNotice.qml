pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Another host connected (or the window switched): said quietly, with a button to switch.
Rectangle {
    id: notice
    visible: Controller.presence.notice.length > 0
    implicitHeight: visible ? row.implicitHeight + 8 : 0
    color: Theme.raised
    Accessible.role: Accessible.StatusBar
    Accessible.name: Controller.presence.notice

    Commands { id: commands }

    RowLayout {
        id: row
        x: 12
        width: parent.width - 16
        anchors.verticalCenter: parent.verticalCenter
        spacing: 8
        Label {
            objectName: "hostNoticeText"
            Layout.fillWidth: true
            text: Controller.presence.notice
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            elide: Text.ElideRight
        }
        Button {
            id: switchButton
            objectName: "hostNoticeSwitch"
            text: Controller.presence.noticeAction
            enabled: Controller.status.canReset || !Controller.status.hostLive
            font.pixelSize: Theme.smallFont
            implicitHeight: 24
            leftPadding: 10
            rightPadding: 10
            hoverEnabled: true
            Layout.maximumWidth: notice.width / 2
            onClicked: commands.switchToNoticedHost()
            contentItem: Label {
                text: switchButton.text
                font: switchButton.font
                color: switchButton.enabled ? Theme.text : Theme.faint
                elide: Text.ElideRight
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                radius: Theme.radius
                color: switchButton.down ? Theme.selected : switchButton.hovered ? Theme.hover : Theme.panel
                border.color: switchButton.enabled ? Theme.accent : Theme.line
            }
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: switchButton.enabled ? qsTr("Show this host instead; the other keeps running")
                                               : qsTr("You can switch when this run ends")
        }
        IconButton {
            objectName: "hostNoticeClose"
            iconName: "close"
            tip: qsTr("Dismiss")
            onClicked: commands.dismissHostNotice()
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }
}
