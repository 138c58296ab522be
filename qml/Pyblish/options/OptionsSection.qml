pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Pyblish

// The Perspective page's options: those of every plugin that processes the item shown (or every
// selected instance at once), grouped by plugin. Values, "changed" and "mixed" come from
// Controller.options.options (app/options/options_model.py); edits go through Commands.
PerspectiveSection {
    id: section
    readonly property OptionsModel options: Controller.options.options
    objectName: "optionsSection"
    title: section.options.itemCount > 1 ? qsTr("Options — %1 instances").arg(section.options.itemCount)
                                         : qsTr("Options")
    visible: section.options.count > 0

    Repeater {
        model: section.options
        delegate: OptionRow {
            Layout.fillWidth: true
        }
    }
}
