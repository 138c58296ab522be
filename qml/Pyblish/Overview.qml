pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Instances and plugins side by side (stacked when narrow), with a search field above.
Item {
    id: overview
    property string selectedId: ""
    property string selectedKind: ""
    readonly property bool narrow: width < 700
    signal perspectiveRequested(string kind, string itemId)

    Commands { id: commands }

    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }

    function toggleSelected() {
        if (overview.selectedKind === "instance")
            commands.toggleInstance(overview.selectedId)
        else if (overview.selectedKind === "plugin")
            commands.togglePlugin(overview.selectedId)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.margins: 8
            placeholderText: qsTr("Search instances and plugins (Ctrl+F)")
            placeholderTextColor: Theme.faint
            color: Theme.text
            font.pixelSize: Theme.fontSize
            leftPadding: 28
            selectByMouse: true
            background: Rectangle {
                radius: Theme.radius
                color: Theme.panel
                border.color: search.activeFocus ? Theme.accent : Theme.line
            }
            Icon {
                name: "search"
                size: 14
                opacity: 0.6
                anchors.left: parent.left
                anchors.leftMargin: 8
                anchors.verticalCenter: parent.verticalCenter
            }
            onTextChanged: debounce.restart()
            Keys.onEscapePressed: {
                search.text = ""
                overview.forceActiveFocus()
            }
            Timer {
                id: debounce
                interval: 120
                onTriggered: {
                    Controller.models.instances.filterText = search.text
                    Controller.models.plugins.filterText = search.text
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: overview.narrow ? 1 : 2
            rowSpacing: 0
            columnSpacing: 1

            ItemList {
                id: instances
                objectName: "instanceList"
                kind: "instance"
                sectionRole: "category"
                collapsedSections: Controller.preferences.collapsedSections
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                model: Controller.models.instances
                delegate: ItemRow {
                    required itemId
                    required label
                    required status
                    required property bool isToggled
                    required property bool optional
                    required property bool isProcessing
                    required property bool isContext
                    required hasComment
                    required property string category
                    width: ListView.view.width
                    objectName: "instance:" + label
                    toggled: isToggled
                    interactive: optional && !isContext && Controller.status.canToggle
                    processing: isProcessing
                    dimmed: !isToggled
                    emphasised: isContext
                    collapsed: instances.collapsedSections.indexOf(category) >= 0 && !isContext
                    sectionTitle: category
                    showSection: ListView.section !== ListView.previousSection
                    sectionToggleable: !isContext
                    onSectionCollapseToggled: commands.setSectionCollapsed(category, !collapsed)
                    onSectionMembersToggled: commands.toggleSection("instance", category)
                    selected: overview.selectedId === itemId
                    onToggleRequested: commands.toggleInstance(itemId)
                    onSelectRequested: {
                        overview.selectedId = itemId
                        overview.selectedKind = "instance"
                        overview.forceActiveFocus()
                    }
                    onPerspectiveRequested: overview.perspectiveRequested("instance", itemId)
                }
            }

            ItemList {
                id: plugins
                objectName: "pluginList"
                kind: "plugin"
                sectionRole: "verb"
                collapsedSections: Controller.preferences.collapsedSections
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                model: Controller.models.plugins
                delegate: ItemRow {
                    id: pluginRow
                    required itemId
                    required label
                    required status
                    required property bool isToggled
                    required property bool optional
                    required property bool isProcessing
                    required property bool isCompatible
                    required hasActions
                    required property string verb
                    width: ListView.view.width
                    objectName: "plugin:" + label
                    toggled: isToggled
                    interactive: optional && Controller.status.canToggle
                    processing: isProcessing
                    dimmed: !isToggled || !isCompatible
                    collapsed: plugins.collapsedSections.indexOf(verb) >= 0
                    sectionTitle: verb
                    showSection: ListView.section !== ListView.previousSection
                    onSectionCollapseToggled: commands.setSectionCollapsed(verb, !collapsed)
                    onSectionMembersToggled: commands.toggleSection("plugin", verb)
                    selected: overview.selectedId === itemId
                    onToggleRequested: commands.togglePlugin(itemId)
                    onSelectRequested: {
                        overview.selectedId = itemId
                        overview.selectedKind = "plugin"
                        overview.forceActiveFocus()
                    }
                    onPerspectiveRequested: overview.perspectiveRequested("plugin", itemId)
                    onMenuRequested: function(x, y) {
                        if (!pluginRow.hasActions || !Controller.status.canToggle)
                            return
                        Controller.models.actions.pluginId = pluginRow.itemId
                        actionsMenu.popup(pluginRow, x, y)
                    }
                }
            }
        }
    }

    ActionsMenu {
        id: actionsMenu
        objectName: "actionsMenu"
    }
}
