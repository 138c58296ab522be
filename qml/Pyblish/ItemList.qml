pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// A virtualised, sectioned list of instances or plugins.
ListView {
    id: list
    property string kind: "instance"
    property string sectionRole: "category"
    property var collapsedSections: []
    property string selectedId: ""

    signal selected(string itemId)
    signal perspectiveRequested(string itemId)

    clip: true
    boundsBehavior: Flickable.StopAtBounds
    cacheBuffer: 400
    ScrollBar.vertical: ScrollBar { policy: ScrollBar.AsNeeded }

    section.property: list.sectionRole
    section.criteria: ViewSection.FullString
}
