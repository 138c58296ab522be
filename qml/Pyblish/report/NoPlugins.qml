import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// An empty pipeline says so: no plugin was found, and where the host looked (report/discovery.py).
Rectangle {
    id: page
    objectName: "noPlugins"
    readonly property Discovery discovery: Controller.models.report.discovery
    color: Theme.window

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 40, 520)
        spacing: 12
        Icon {
            Layout.alignment: Qt.AlignHCenter
            name: "warning"
            size: 32
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("No plugins found")
            color: Theme.text
            font.pixelSize: Theme.titleFont
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Nothing was collected, and nothing would be validated or published. The host looked here:")
            color: Theme.dim
        }
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: searched.implicitHeight + 16
            radius: Theme.radius
            color: Theme.panel
            border.color: Theme.line
            TextEdit {
                id: searched
                objectName: "noPluginsSearched"
                x: 10
                y: 8
                width: parent.width - 20
                text: page.discovery.searched
                textFormat: TextEdit.PlainText
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAnywhere
                color: Theme.text
                font.family: Theme.monospace
                font.pixelSize: Theme.smallFont
            }
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: qsTr("Put the studio's plugin folders on PYBLISHPLUGINPATH, or call "
                       + "pyblish.api.register_plugin_path() in the host's startup, then Reset.")
            color: Theme.dim
            font.pixelSize: Theme.smallFont
        }
    }
}
