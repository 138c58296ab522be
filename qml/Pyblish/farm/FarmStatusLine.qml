pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// The footer's farm line (docs/farm.md): what the hand-off said or the instances' farm states
// counted, the bundle's folder with buttons to copy its path and open it, and "Re-run failed on
// farm" when some failed or were lost. Shown once something was handed off (or refused).
RowLayout {
    id: line
    objectName: "farmStatusLine"
    visible: farm.summary.length > 0 || farm.bundle.length > 0
    spacing: 6
    FarmCommands { id: farm }

    Image {
        source: Theme.tintedIcon("fa:cloud-upload-alt", Theme.accent)
        sourceSize.width: 14
        sourceSize.height: 14
        Accessible.ignored: true
    }
    Label {
        objectName: "farmSummary"
        text: farm.summary
        color: Theme.text
        font.pixelSize: Theme.smallFont
        elide: Text.ElideRight
        Layout.fillWidth: farm.bundle.length === 0
        Layout.maximumWidth: implicitWidth
        HoverHandler { id: summaryHover }
        ToolTip.visible: summaryHover.hovered && truncated
        ToolTip.text: text
    }
    Label {
        objectName: "farmBundlePath"
        visible: farm.bundle.length > 0
        text: farm.bundle
        color: Theme.dim
        font.pixelSize: Theme.smallFont
        elide: Text.ElideLeft  // the folder's own name is the end of the path: keep it
        Layout.fillWidth: true
        Accessible.name: qsTr("Farm bundle: %1").arg(farm.bundle)
        HoverHandler { id: pathHover }
        ToolTip.visible: pathHover.hovered
        ToolTip.delay: 500
        ToolTip.text: farm.bundle
    }
    IconButton {
        objectName: "farmCopyPath"
        visible: farm.bundle.length > 0
        iconName: "copy"
        implicitWidth: 20
        implicitHeight: 20
        padding: 2
        tip: qsTr("Copy the bundle's path")
        onClicked: farm.copyBundlePath()
    }
    IconButton {
        objectName: "farmOpenBundle"
        visible: farm.bundle.length > 0
        iconName: "fa:folder-open"
        implicitWidth: 20
        implicitHeight: 20
        padding: 2
        tip: qsTr("Open the bundle's folder")
        onClicked: farm.openBundle()
    }
    IconButton {
        objectName: "farmRerunFailed"
        visible: farm.redoCount > 0
        iconName: "fa:redo"
        implicitWidth: 20
        implicitHeight: 20
        padding: 2
        tip: qsTr("Re-run failed on farm (%1): one new attempt for the failed and lost instances").arg(farm.redoCount)
        onClicked: farm.rerunFailedOnFarm()
    }
}
