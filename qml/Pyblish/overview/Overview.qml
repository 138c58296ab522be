pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQml.Models
import Pyblish

// Instances and plugins with a search field above: stacked (narrow), side by side, or side by
// side with a details pane (wide). The divider between the lists moves and is remembered.
Item {
    id: overview
    readonly property string selectedId: Controller.models.overview.selectedId
    readonly property string selectedKind: Controller.models.overview.selectedKind
    readonly property bool narrow: width < 700
    readonly property bool wide: width >= 1100
    signal perspectiveRequested(string kind, string itemId)

    Commands { id: commands }

    function focusSearch() {
        search.forceActiveFocus()
        search.selectAll()
    }

    // Back from a Perspective page: the keys return to the list of the row it was opened from.
    function focusList() {
        (overview.selectedKind === "plugin" ? plugins : instances).forceActiveFocus()
    }

    readonly property int selectionCount: Controller.models.overview.selectionCount

    function lockedReason(isContext: bool, label: string): string {
        if (Controller.host > 0 && !Controller.status.hostLive)
            return Controller.status.blockedReason
        if (Controller.status.isRunning)
            return qsTr("Toggles are locked while a run is in progress.")
        if (isContext)
            return qsTr("The context is always processed.")
        return qsTr("%1 is required by the pipeline and cannot be turned off.").arg(label)
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
            rightPadding: 28
            selectByMouse: true
            Accessible.name: qsTr("Search instances and plugins")
            background: Rectangle {
                radius: Theme.radius
                color: Theme.panel
                border.color: search.activeFocus ? Theme.focusRing : Theme.line
                border.width: search.activeFocus ? 2 : 1
            }
            Icon {
                name: "search"
                size: 14
                opacity: 0.6
                anchors.left: parent.left
                anchors.leftMargin: 8
                anchors.verticalCenter: parent.verticalCenter
            }
            IconButton {
                objectName: "searchClear"
                iconName: "close"
                tip: qsTr("Clear the search (Esc)")
                visible: search.text.length > 0
                focusPolicy: Qt.NoFocus
                implicitWidth: 20
                implicitHeight: 20
                padding: 3
                anchors.right: parent.right
                anchors.rightMargin: 4
                anchors.verticalCenter: parent.verticalCenter
                onClicked: {
                    search.text = ""
                    search.forceActiveFocus()
                }
            }
            onTextChanged: debounce.restart()
            Keys.onEscapePressed: {
                search.text = ""
                instances.forceActiveFocus()
            }
            Keys.onDownPressed: instances.forceActiveFocus()
            Timer {
                id: debounce
                interval: 120
                onTriggered: {
                    Controller.models.instances.filterText = search.text
                    Controller.models.plugins.filterText = search.text
                }
            }
        }

        Label {
            objectName: "noMatches"
            visible: Controller.models.instances.filterText.length > 0 && instances.count === 0 && plugins.count === 0
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.bottomMargin: 8
            text: qsTr("No instance or plugin matches “%1”.").arg(Controller.models.instances.filterText)
            color: Theme.dim
            font.pixelSize: Theme.fontSize
            elide: Text.ElideRight
        }

        SplitView {
            id: split
            objectName: "overviewSplit"
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: overview.narrow ? Qt.Vertical : Qt.Horizontal
            readonly property real listsWidth: split.width - (details.visible ? details.width : 0)

            handle: Rectangle {
                objectName: "splitHandle"
                implicitWidth: 5
                implicitHeight: 5
                color: SplitHandle.pressed ? Theme.accent : SplitHandle.hovered ? Theme.dim : Theme.line
                Accessible.role: Accessible.Separator
                Accessible.name: qsTr("Drag to resize the lists")
            }
            onResizingChanged: {
                if (split.resizing)
                    return
                if (overview.narrow)
                    commands.setSplit("stacked", instancesPane.height / Math.max(1, split.height))
                else
                    commands.setSplit("side", instancesPane.width / Math.max(1, split.listsWidth))
            }

            // Each list shows only whole rows: its height is a multiple of the row height.
            component ListPane: Item {
                id: pane
                default property alias content: holder.data
                Item {
                    id: holder
                    width: pane.width
                    height: Math.max(Theme.rowHeight, Math.floor(pane.height / Theme.rowHeight) * Theme.rowHeight)
                }
            }

            ListPane {
                id: instancesPane
                objectName: "instancesPane"
                SplitView.minimumHeight: Theme.rowHeight * 3
                SplitView.minimumWidth: 160
                SplitView.preferredHeight: split.height * Controller.preferences.stackedSplit
                SplitView.preferredWidth: split.listsWidth * Controller.preferences.sideSplit

                ItemList {
                    id: instances
                    objectName: "instanceList"
                    anchors.fill: parent
                    kind: "instance"
                    rows: Controller.models.instanceRows
                    onPerspectiveRequested: function(itemId) { overview.perspectiveRequested("instance", itemId) }
                    delegate: DelegateChooser {
                        role: "rowKind"
                        DelegateChoice {
                            roleValue: "header"
                            SectionHeader {
                                required property string rowSection
                                required property bool rowCollapsed
                                required property bool isContext
                                width: ListView.view.width
                                objectName: "section:" + rowSection
                                title: rowSection
                                collapsed: rowCollapsed
                                checkState: Controller.models.overview.sectionStates["instance/" + rowSection] ?? ""
                                toggleable: !isContext && checkState.length > 0
                                onCollapseToggled: commands.setSectionCollapsed(rowSection, !rowCollapsed)
                                onMembersToggled: commands.toggleSection("instance", rowSection)
                                onMenuRequested: function(x, y) {
                                    if (isContext)
                                        return
                                    toggleMenu.kind = "instance"
                                    toggleMenu.listHadFocus = instances.activeFocus
                                    toggleMenu.section = rowSection
                                    toggleMenu.popup(this, x, y)
                                }
                            }
                        }
                        DelegateChoice {
                            roleValue: "item"
                            ItemRow {
                                required itemId
                                required label
                                required status
                                required property bool isToggled
                                required property bool optional
                                required property bool isProcessing
                                required property bool isContext
                                required hasComment
                                required property string category
                                required property bool isSelected
                                required property string thumbnail
                                required farmMark
                                required columnsLine
                                required columnsTip
                                width: ListView.view.width
                                objectName: "instance:" + label
                                thumbnailUrl: thumbnail
                                takesImages: !isContext
                                toggled: isToggled
                                interactive: optional && !isContext && Controller.status.canToggle
                                required: !optional || isContext
                                onLockedClicked: lockedReason = overview.lockedReason(isContext, label)
                                processing: isProcessing
                                dimmed: !isToggled
                                emphasised: isContext
                                farmable: !isContext
                                selected: isSelected
                                focusRing: overview.selectedKind === "instance" && overview.selectedId === itemId
                                           && instances.activeFocus
                                onToggleRequested: commands.toggleInstance(itemId)
                                onSelectRequested: function(modifiers) {
                                    commands.clickRow("instance", itemId, modifiers)
                                    instances.forceActiveFocus()
                                }
                                onCurrentRequested: {
                                    commands.makeCurrent("instance", itemId)
                                    instances.forceActiveFocus()
                                }
                                onPerspectiveRequested: overview.perspectiveRequested("instance", itemId)
                                onSectionMenuRequested: function(x, y) {
                                    if (isContext)
                                        return
                                    toggleMenu.kind = "instance"
                                    toggleMenu.listHadFocus = instances.activeFocus
                                    toggleMenu.section = category
                                    toggleMenu.popup(this, x, y)
                                }
                                onMenuRequested: function(x, y) {
                                    if (!Controller.status.canToggle)
                                        return
                                    const many = overview.selectionCount > 1 && isSelected
                                    if (many)
                                        Controller.models.instancePlugins.instanceIds = Controller.models.overview.selectedIds
                                    else
                                        Controller.models.instancePlugins.instanceId = itemId
                                    instanceMenu.instanceId = itemId
                                    instanceMenu.instanceLabel = label
                                    instanceMenu.selectedCount = many ? overview.selectionCount : 1
                                    instanceMenu.popup(this, x, y)
                                }
                            }
                        }
                    }
                }
            }

            ListPane {
                id: pluginsPane
                objectName: "pluginsPane"
                SplitView.minimumHeight: Theme.rowHeight * 3
                SplitView.minimumWidth: 160
                SplitView.fillWidth: true
                SplitView.fillHeight: true

                ItemList {
                    id: plugins
                    objectName: "pluginList"
                    anchors.fill: parent
                    kind: "plugin"
                    rows: Controller.models.pluginRows
                    onPerspectiveRequested: function(itemId) { overview.perspectiveRequested("plugin", itemId) }
                    delegate: DelegateChooser {
                        role: "rowKind"
                        DelegateChoice {
                            roleValue: "header"
                            SectionHeader {
                                id: pluginHeader
                                required property string rowSection
                                required property bool rowCollapsed
                                width: ListView.view.width
                                objectName: "section:" + rowSection
                                title: rowSection
                                collapsed: rowCollapsed
                                checkState: Controller.models.overview.sectionStates["plugin/" + rowSection] ?? ""
                                toggleable: checkState.length > 0
                                onCollapseToggled: commands.setSectionCollapsed(rowSection, !rowCollapsed)
                                onMembersToggled: commands.toggleSection("plugin", rowSection)
                                onMenuRequested: function(x, y) {
                                    toggleMenu.kind = "plugin"
                                    toggleMenu.listHadFocus = plugins.activeFocus
                                    toggleMenu.section = rowSection
                                    toggleMenu.popup(pluginHeader, x, y)
                                }
                            }
                        }
                        DelegateChoice {
                            roleValue: "item"
                            ItemRow {
                                id: pluginRow
                                required itemId
                                required label
                                required status
                                required property bool isToggled
                                required property bool optional
                                required property bool isProcessing
                                required property bool isCompatible
                                required property string neverReason
                                required hasActions
                                required property string verb
                                required property bool isSelected
                                width: ListView.view.width
                                objectName: "plugin:" + label
                                toggled: isToggled
                                interactive: optional && Controller.status.canToggle
                                required: !optional
                                onLockedClicked: lockedReason = overview.lockedReason(false, label)
                                processing: isProcessing
                                dimmed: !isToggled || !isCompatible || neverReason.length > 0
                                note: neverReason  // why it will not run (app/overview/never_runs.py)
                                faded: Controller.models.overview.fadedPlugins.indexOf(itemId) >= 0
                                selected: isSelected
                                focusRing: overview.selectedKind === "plugin" && overview.selectedId === itemId
                                           && plugins.activeFocus
                                onToggleRequested: commands.togglePlugin(itemId)
                                onSelectRequested: function(modifiers) {
                                    commands.clickRow("plugin", itemId, modifiers)
                                    plugins.forceActiveFocus()
                                }
                                onCurrentRequested: {
                                    commands.makeCurrent("plugin", itemId)
                                    plugins.forceActiveFocus()
                                }
                                onPerspectiveRequested: overview.perspectiveRequested("plugin", itemId)
                                onSectionMenuRequested: function(x, y) {
                                    toggleMenu.kind = "plugin"
                                    toggleMenu.listHadFocus = plugins.activeFocus
                                    toggleMenu.section = verb
                                    toggleMenu.popup(pluginRow, x, y)
                                }
                                onMenuRequested: function(x, y) {
                                    if (!Controller.status.canToggle)
                                        return
                                    Controller.models.actions.pluginId = pluginRow.itemId
                                    actionsMenu.pluginId = pluginRow.itemId
                                    actionsMenu.pluginLabel = pluginRow.label
                                    actionsMenu.hasActions = pluginRow.hasActions
                                    actionsMenu.isValidator = pluginRow.verb === "Validate"
                                    actionsMenu.selectedCount = overview.selectionCount > 1 && pluginRow.isSelected
                                                                ? overview.selectionCount : 1
                                    actionsMenu.popup(pluginRow, x, y)
                                }
                            }
                        }
                    }
                }
                FadedNote {  // which instance the faded plugins are faded for, and the way back
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: 6
                    anchors.bottomMargin: overview.selectionCount > 1 ? 42 : 6  // above the selection bar
                }
            }

            // Wide windows: what the Perspective page shows, for the selected row, beside the lists.
            Loader {
                id: details
                objectName: "detailsPane"
                active: overview.wide
                visible: overview.wide
                SplitView.preferredWidth: split.width * 0.36
                SplitView.minimumWidth: 300
                sourceComponent: Perspective {
                    objectName: "detailsPerspective"
                    embedded: true
                }
            }
        }
    }

    // More than one row selected: how many, a button to toggle them, one to let them go.
    Rectangle {
        id: selectionBar
        objectName: "selectionBar"
        visible: overview.selectionCount > 1
        // It floats over the lists' foot: shown, it never pushes the rows down under the pointer.
        z: 2
        anchors.left: overview.left
        anchors.right: overview.right
        anchors.bottom: overview.bottom
        anchors.margins: 8
        implicitHeight: 28
        radius: Theme.radius
        color: Theme.selected
        border.color: Theme.line
        Accessible.role: Accessible.StatusBar
        Accessible.name: selectionText.text

        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 10
            anchors.rightMargin: 2
            spacing: 4
            Label {
                id: selectionText
                objectName: "selectionCount"
                text: overview.selectedKind === "plugin" ? qsTr("%1 plugins selected").arg(overview.selectionCount)
                                                         : qsTr("%1 instances selected").arg(overview.selectionCount)
                color: Theme.text
                font.pixelSize: Theme.fontSize
                font.weight: Font.Medium
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ToolButton {
                id: toggleSelectedButton
                objectName: "toggleSelectedButton"
                text: qsTr("Toggle")
                enabled: Controller.status.canToggle
                focusPolicy: Qt.NoFocus  // the keys stay in the list (Space does the same)
                hoverEnabled: true
                implicitHeight: 24
                leftPadding: 10
                rightPadding: 10
                font.pixelSize: Theme.fontSize
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Toggle the selected")
                ToolTip.visible: toggleSelectedButton.hovered
                ToolTip.delay: 500
                ToolTip.text: qsTr("Tick or untick every selected optional item (Space)")
                contentItem: Label {
                    text: toggleSelectedButton.text
                    font: toggleSelectedButton.font
                    color: toggleSelectedButton.enabled ? Theme.text : Theme.faint
                    horizontalAlignment: Text.AlignHCenter
                    verticalAlignment: Text.AlignVCenter
                }
                background: Rectangle {
                    radius: Theme.radius
                    color: toggleSelectedButton.down ? Theme.raised : toggleSelectedButton.hovered ? Theme.hover
                                                                                                 : "transparent"
                    border.color: Theme.line
                }
                onClicked: (overview.selectedKind === "plugin" ? plugins : instances).toggleSelection()
            }
            IconButton {
                objectName: "clearSelectionButton"
                iconName: "close"
                tip: qsTr("Keep only the current row selected (Esc)")
                focusPolicy: Qt.NoFocus
                onClicked: commands.clearSelection()
            }
        }
    }

    // The row and section menus. Closed, the keys go back to the list they were opened from.
    PluginMenu {  // the selection's entries, the plugin's actions, then "Run this plugin" and its sanity check
        id: actionsMenu
        objectName: "actionsMenu"
        onToggleSelectionRequested: plugins.toggleSelection()
        onClosed: plugins.forceActiveFocus()
    }

    InstanceMenu {  // toggle the selection; run one plugin on this instance (or the selected ones) alone
        id: instanceMenu
        objectName: "instanceMenu"
        onToggleSelectionRequested: instances.toggleSelection()
        onClosed: instances.forceActiveFocus()
    }

    ToggleMenu {
        id: toggleMenu
        objectName: "toggleMenu"
        property bool listHadFocus: false  // opened with the Menu key, say: the keys go back to the list
        onClosed: if (toggleMenu.listHadFocus) (toggleMenu.kind === "plugin" ? plugins : instances).forceActiveFocus()
    }
}
