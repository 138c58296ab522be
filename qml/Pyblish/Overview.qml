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
                    interactive: optional && !isContext && !Controller.status.isRunning
                    processing: isProcessing
                    dimmed: !isToggled
                    emphasised: isContext
                    collapsed: instances.collapsedSections.indexOf(category) >= 0 && !isContext
                    sectionTitle: category
                    showSection: ListView.section !== ListView.previousSection
                    sectionToggleable: !isContext
                    onSectionCollapseToggled: commands.setSectionCollapsed(category, !collapsed)
                    onSectionMembersToggled: commands.toggleSection("instance", category)
                    onSectionMenuRequested: function(x, y) {
                        if (isContext)
                            return
                        toggleMenu.kind = "instance"
                        toggleMenu.section = category
                        toggleMenu.popup(this, x, y)
                    }
                    selected: overview.selectedId === itemId
                    onToggleRequested: commands.toggleInstance(itemId)
                    onSelectRequested: {
                        overview.selectedId = itemId
                        overview.selectedKind = "instance"
                        overview.forceActiveFocus()
                    }
                    onPerspectiveRequested: overview.perspectiveRequested("instance", itemId)
                    onMenuRequested: function(x, y) {
                        if (Controller.status.isRunning)
                            return
                        Controller.models.instancePlugins.instanceId = itemId
                        instanceMenu.instanceId = itemId
                        instanceMenu.instanceLabel = label
                        instanceMenu.popup(this, x, y)
                    }
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
                    interactive: optional && !Controller.status.isRunning
                    processing: isProcessing
                    dimmed: !isToggled || !isCompatible
                    collapsed: plugins.collapsedSections.indexOf(verb) >= 0
                    sectionTitle: verb
                    showSection: ListView.section !== ListView.previousSection
                    onSectionCollapseToggled: commands.setSectionCollapsed(verb, !collapsed)
                    onSectionMembersToggled: commands.toggleSection("plugin", verb)
                    onSectionMenuRequested: function(x, y) {
                        toggleMenu.kind = "plugin"
                        toggleMenu.section = verb
                        toggleMenu.popup(pluginRow, x, y)
                    }
                    selected: overview.selectedId === itemId
                    onToggleRequested: commands.togglePlugin(itemId)
                    onSelectRequested: {
                        overview.selectedId = itemId
                        overview.selectedKind = "plugin"
                        overview.forceActiveFocus()
                    }
                    onPerspectiveRequested: overview.perspectiveRequested("plugin", itemId)
                    onMenuRequested: function(x, y) {
                        if (Controller.status.isRunning)
                            return
                        Controller.models.actions.pluginId = pluginRow.itemId
                        actionsMenu.pluginId = pluginRow.itemId
                        actionsMenu.pluginLabel = pluginRow.label
                        actionsMenu.hasActions = pluginRow.hasActions
                        actionsMenu.isValidator = pluginRow.verb === "Validate"
                        actionsMenu.popup(pluginRow, x, y)
                    }
                }
            }
        }
    }

    PluginMenu {  // the plugin's actions, then "Run this plugin" and its sanity check
        id: actionsMenu
        objectName: "actionsMenu"
    }

    InstanceMenu {  // run one plugin on this instance alone
        id: instanceMenu
        objectName: "instanceMenu"
    }

    ToggleMenu {
        id: toggleMenu
        objectName: "toggleMenu"
    }
}
