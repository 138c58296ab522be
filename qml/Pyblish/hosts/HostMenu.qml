pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import Pyblish

// The shown host's name (DCC — scene (pid)); click for every host the UI knows, to switch.
// Hosts that have gone are struck through and cannot be chosen.
ToolButton {
    id: button
    objectName: "hostMenuButton"
    property real menuRoom: 400  // the window's width, less a margin (set by Main)
    text: Controller.presence.label
    visible: Controller.host > 0
    hoverEnabled: true
    font.pixelSize: Theme.smallFont
    Accessible.name: qsTr("Host: %1").arg(button.text)
    contentItem: Label {
        text: button.text + (Controller.models.hosts.count > 1 ? "  ▾" : "")
        color: Controller.presence.gone ? Theme.failed : Theme.dim
        font.pixelSize: Theme.smallFont
        font.strikeout: Controller.presence.gone
        elide: Text.ElideRight
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius
        color: button.hovered ? Theme.hover : "transparent"
        border.width: button.visualFocus ? 2 : 0  // a tab stop shows where the keys are
        border.color: Theme.focusRing
    }
    ToolTip.visible: hovered
    ToolTip.delay: 500
    ToolTip.text: Controller.presence.gone ? Controller.presence.goneText
                  : qsTr("%1: the host this window publishes from. Click for every connected host.")
                    .arg(Controller.presence.label)
    onClicked: menu.popup(button, 0, button.height)

    Commands { id: commands }

    Menu {
        id: menu
        objectName: "hostMenu"
        width: Math.min(400, button.menuRoom)
        Instantiator {
            model: Controller.models.hosts
            delegate: MenuItem {
                id: entry
                required property int port
                required property string label
                required property bool alive
                required property bool busy
                objectName: "hostEntry:" + entry.port
                text: entry.label + (entry.alive ? (entry.busy ? qsTr(" — busy") : "") : qsTr(" — gone"))
                enabled: entry.alive
                checkable: true
                checked: entry.port === Controller.host
                font.strikeout: !entry.alive
                onTriggered: commands.showHost(entry.port)
                ToolTip.visible: entry.hovered
                ToolTip.delay: 400
                ToolTip.text: entry.alive ? qsTr("Publish from this host") : qsTr("This host has gone away; it cannot be chosen")
            }
            onObjectAdded: function(index, object) { menu.insertItem(index, object as MenuItem) }
            onObjectRemoved: function(index, object) { menu.removeItem(object as MenuItem) }
        }
    }
}
