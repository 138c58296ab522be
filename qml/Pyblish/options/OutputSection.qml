pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// Where the instance goes (the data keys the host's settings name: version, outputPath, task ...)
// and, when the pipeline asks for one, the instance's own comment (else it inherits the Context's).
PerspectiveSection {
    id: section
    readonly property OutputFacts outputs: Controller.options.outputs
    objectName: "outputSection"
    title: qsTr("Publishes as")
    visible: section.outputs.count > 0 || section.outputs.commentAsked

    Commands { id: commands }

    Repeater {
        model: section.outputs
        delegate: RowLayout {
            id: fact
            required property string key
            required property string value
            objectName: "output:" + fact.key
            Layout.fillWidth: true
            spacing: 12
            Label {
                text: fact.key
                color: Theme.dim
                font.pixelSize: Theme.smallFont
                Layout.preferredWidth: 120
                elide: Text.ElideRight
            }
            TextEdit {
                text: fact.value
                readOnly: true
                selectByMouse: true
                color: Theme.text
                font.family: Theme.monospace
                font.pixelSize: Theme.fontSize
                wrapMode: TextEdit.WrapAnywhere
            Layout.fillWidth: true
            }
        }
    }

    RowLayout {
        visible: section.outputs.commentAsked
        Layout.fillWidth: true
        spacing: 12
        Label {
            text: qsTr("comment")
            color: Theme.dim
            font.pixelSize: Theme.smallFont
            Layout.preferredWidth: 120
        }
        TextField {
            id: own
            objectName: "instanceComment"
            Layout.fillWidth: true
            text: section.outputs.comment
            placeholderText: section.outputs.inheritedComment.length > 0
                             ? qsTr("Inherits: %1").arg(section.outputs.inheritedComment)
                             : qsTr("Comment for this instance")
            placeholderTextColor: Theme.faint
            color: Theme.text
            font.pixelSize: Theme.fontSize
            implicitHeight: 26
            enabled: !Controller.status.isRunning
            Accessible.name: qsTr("Comment for this instance")
            background: Rectangle {
                radius: Theme.radius
                color: Theme.panel
                border.color: own.activeFocus ? Theme.accent : Theme.line
            }
            onEditingFinished: commands.setInstanceComment(own.text)
        }
    }
}
