import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Over the plugin list while plugins are faded for the current instance: which instance that is,
// and the way to show every plugin again (the instance's row may be scrolled or collapsed away).
Rectangle {
    id: note
    objectName: "fadedNote"
    visible: Controller.models.overview.fadedFor.length > 0
    implicitWidth: Math.min(row.implicitWidth + 16, parent ? parent.width - 16 : 300)
    implicitHeight: 26
    radius: Theme.radius
    color: Theme.raised
    border.color: Theme.line

    Commands { id: commands }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 2
        spacing: 4
        Label {
            objectName: "fadedNoteText"
            Layout.fillWidth: true
            text: qsTr("Faded: not run on %1").arg(Controller.models.overview.fadedFor)
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            elide: Text.ElideRight
        }
        IconButton {
            objectName: "fadedNoteClear"
            iconName: "close"
            tip: qsTr("Show every plugin at full strength (clear the selection)")
            onClicked: commands.select("", "")
        }
    }
}
