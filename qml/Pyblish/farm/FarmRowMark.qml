pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// An instance row's farm mark (docs/farm.md): once handed off, the instance's farm state in its
// status colour; and a small cloud toggle, "publish this on the farm" — the pipeline's
// instance.data["farm"] until the artist clicks it. Off, the cloud shows only on a hovered or
// selected row, so rows of a studio without a farm stay as they were. What it shows is one role
// of the row (``farmMark``, app/farm/farm_marks.py), read once when a scrolled list hands the row
// another instance; the state's sentence is asked only while its tooltip shows.
RowLayout {
    id: mark
    required property string instanceId
    property FarmMark value: null  // on the farm, state, tone (the row's farmMark role)
    property bool reveal: false  // the row is hovered or selected
    property bool interactive: true  // nothing toggles during a run
    readonly property bool onFarm: mark.value?.onFarm ?? false
    readonly property string farmState: mark.value?.state ?? ""
    spacing: 2
    FarmCommands { id: farm }

    Label {
        objectName: "farmRowState"
        visible: mark.farmState !== ""
        text: mark.farmState
        color: Theme.statusColor(mark.value?.tone ?? "")
        font.pixelSize: Theme.smallFont
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("On the farm: %1").arg(mark.farmState)
        HoverHandler { id: stateHover }
        ToolTip {
            id: stateTip
            visible: stateHover.hovered
            delay: 400
            text: stateHover.hovered && mark.value ? farm.farmDetail(mark.instanceId) : ""  // a new value: asked again
        }
    }
    ToolButton {
        id: toggle
        objectName: "farmRowToggle"
        implicitWidth: 22
        implicitHeight: 22
        padding: 3
        checkable: true
        checked: mark.onFarm
        enabled: mark.interactive
        focusPolicy: Qt.NoFocus  // the Perspective page's checkbox is the keyboard's way
        hoverEnabled: true
        opacity: mark.onFarm ? 1.0 : (mark.reveal || toggle.hovered) ? 0.5 : 0.0
        // what it does, for the tooltip and for the accessibility name (icon-only buttons carry a tip)
        property string tip: mark.onFarm ? qsTr("Publishes on the farm (click: publish here)")
                                         : qsTr("Publishes here (click: publish on the farm)")
        Accessible.name: toggle.tip
        Accessible.checkable: true
        Accessible.checked: mark.onFarm
        contentItem: Image {
            source: Theme.tintedIcon("fa:cloud-upload-alt", mark.onFarm ? Theme.accent : Theme.iconColor)
            sourceSize.width: 15
            sourceSize.height: 15
            fillMode: Image.PreserveAspectFit
        }
        background: Rectangle {
            radius: Theme.radius
            color: toggle.down ? Theme.selected : toggle.hovered ? Theme.hover : "transparent"
        }
        onClicked: farm.setOnFarm(mark.instanceId, !mark.onFarm)
        ToolTip.visible: toggle.hovered
        ToolTip.delay: 500
        ToolTip.text: toggle.tip
    }
}
