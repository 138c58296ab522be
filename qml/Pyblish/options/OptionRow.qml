pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// One option: its plugin's name above the first of its group, the label (its tooltip on hover),
// the editor its kind needs, a mark when it differs from the default and a reset button.
ColumnLayout {
    id: option
    required property string pluginName
    required property string pluginLabel
    required property bool firstOfPlugin
    required property string name
    required property string kind
    required property string label
    required property string tooltip
    required property bool checked
    required property string text
    required property list<string> choices
    required property int choiceIndex
    required property real minimum
    required property real maximum
    required property int decimals
    required property bool changed
    required property bool mixed
    required property string defaultText
    objectName: "option:" + option.pluginName + "/" + option.name
    spacing: 2

    Commands { id: commands }
    DoubleValidator {
        id: numberCheck
        bottom: option.minimum
        top: option.maximum
        decimals: option.decimals
        notation: DoubleValidator.StandardNotation
        locale: "C"
    }

    Label {
        visible: option.firstOfPlugin
        text: option.pluginLabel
        color: Theme.faint
        font.pixelSize: Theme.smallFont
        Layout.topMargin: 4
        elide: Text.ElideRight
        Layout.fillWidth: true
    }

    RowLayout {
        spacing: 8
        Layout.fillWidth: true
        Layout.minimumHeight: 28

        Rectangle {  // changed from the default: an accent bar, like an edited field in a form
            objectName: "changedMark"
            implicitWidth: 3
            Layout.fillHeight: true
            radius: 1
            color: option.changed ? Theme.accent : "transparent"
        }
        Label {
            id: caption
            text: option.label
            color: option.changed ? Theme.text : Theme.dim
            font.pixelSize: Theme.fontSize
            font.bold: option.changed
            elide: Text.ElideRight
            Layout.preferredWidth: 130
            Layout.minimumWidth: 60
            HoverHandler { id: captionHover }
            ToolTip.visible: captionHover.hovered && option.tooltip.length > 0
            ToolTip.delay: 400
            ToolTip.text: option.tooltip
        }
        ThemedCheckBox {
            id: box
            objectName: "optionEditor"
            visible: option.kind === "bool"
            tristate: false
            checkState: option.mixed ? Qt.PartiallyChecked : option.checked ? Qt.Checked : Qt.Unchecked
            enabled: !Controller.status.isRunning
            Layout.fillWidth: true  // the box sits where the other editors start
            padding: 0
            Accessible.name: option.label
            onClicked: commands.flipOption(option.pluginName, option.name)
        }
        ComboBox {
            objectName: "optionEditor"
            visible: option.kind === "enum"
            model: option.choices
            currentIndex: option.choiceIndex
            displayText: option.mixed ? qsTr("(mixed)") : currentText
            enabled: !Controller.status.isRunning
            font.pixelSize: Theme.fontSize
            implicitHeight: 26
            Layout.fillWidth: true
            Accessible.name: option.label
            onActivated: function(index) { commands.setOption(option.pluginName, option.name, index) }
        }
        TextField {
            id: field
            objectName: "optionEditor"
            visible: option.kind === "number" || option.kind === "text" || option.kind === "path"
            text: option.text
            placeholderText: option.mixed ? qsTr("(mixed)") : ""
            enabled: !Controller.status.isRunning
            selectByMouse: true
            font.pixelSize: Theme.fontSize
            implicitHeight: 26
            color: Theme.text
            placeholderTextColor: Theme.faint
            Layout.fillWidth: true
            Accessible.name: option.label
            validator: option.kind === "number" ? numberCheck : null
            background: Rectangle {
                radius: Theme.radius
                color: Theme.panel
                border.color: field.activeFocus ? Theme.accent : Theme.line
            }
            onEditingFinished: commands.setOption(option.pluginName, option.name, field.text)
        }
        Label {
            visible: option.kind === "number"
            text: qsTr("%1–%2").arg(option.minimum).arg(option.maximum)
            color: Theme.faint
            font.pixelSize: Theme.smallFont
        }
        IconButton {
            objectName: "resetOption"
            iconName: "refresh"
            tip: qsTr("Back to the default (%1)").arg(option.defaultText || qsTr("empty"))
            opacity: option.changed ? 1 : 0
            enabled: option.changed && !Controller.status.isRunning
            onClicked: commands.resetOption(option.pluginName, option.name)
        }
    }
}
