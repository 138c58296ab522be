pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Pyblish

// "Scene changed since validation" (issue 24, point 4): the host's scene changed after the results
// on screen were validated. The results are greyed (Main.qml); Publish asks to validate again.
Rectangle {
    id: banner
    visible: Controller.scene.sceneChanged
    implicitHeight: visible ? row.implicitHeight + 12 : 0
    color: Qt.tint(Theme.panel, Qt.alpha(Theme.warning, 0.16))
    Accessible.role: Accessible.AlertMessage
    Accessible.name: sceneText.text

    Commands { id: commands }

    Rectangle { width: 3; height: parent.height; color: Theme.warning }
    RowLayout {
        id: row
        x: 12
        width: parent.width - 20
        anchors.verticalCenter: parent.verticalCenter
        spacing: 8
        Icon {
            name: "warning"
            size: 16
        }
        Label {
            id: sceneText
            objectName: "sceneChangedText"
            Layout.fillWidth: true
            text: qsTr("Scene changed since validation: these results may no longer describe it.")
            color: Theme.text
            font.pixelSize: Theme.fontSize
            wrapMode: Text.Wrap
        }
        Button {
            objectName: "sceneValidateAgain"
            text: qsTr("Validate again")
            enabled: Controller.status.canValidate
            font.pixelSize: Theme.smallFont
            Accessible.name: text
            onClicked: commands.validate()
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.line }

    // Publish on a changed scene asks first; validating again is the default.
    Connections {
        target: Controller.scene
        function onPublishAsked() { ask.open() }
    }
    Dialog {
        id: ask
        objectName: "sceneChangedDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        width: Math.min((parent ? parent.width : 400) - 40, 500)
        title: qsTr("The scene changed since validation")
        onOpened: validateFirst.forceActiveFocus()
        contentItem: Label {
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("What was validated may no longer be what gets published. Validate again first?")
        }
        // Three answers in the order they are read: the default first, Cancel last. Side by side
        // where "Validate and publish" fits whole, one above the other in a narrow window.
        footer: Rectangle {
            color: Theme.panel
            implicitHeight: answers.implicitHeight + 24
            GridLayout {
                id: answers
                anchors.fill: parent
                anchors.margins: 12
                columns: ask.width < 440 ? 1 : 3
                columnSpacing: 6
                rowSpacing: 6
                Button {
                    id: validateFirst
                    objectName: "sceneValidateOnly"
                    Layout.fillWidth: true
                    text: qsTr("Validate again")
                    Accessible.name: text
                    onClicked: { ask.close(); commands.validate() }
                }
                Button {
                    objectName: "sceneValidateAndPublish"
                    Layout.fillWidth: true
                    text: qsTr("Validate and publish")
                    Accessible.name: text
                    onClicked: { ask.close(); commands.validateAndPublish() }
                }
                Button {
                    objectName: "sceneCancel"
                    Layout.fillWidth: true
                    text: qsTr("Cancel")
                    Accessible.name: text
                    onClicked: ask.close()
                }
            }
        }
    }
}
