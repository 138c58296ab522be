pragma ComponentBehavior: Bound
import QtQuick
import Pyblish

// A project icon. Monochrome ones come from the icon provider in the theme's icon colour, so
// they read on the light theme too, with any renderer; coloured ones (levels, logo) are files.
Image {
    id: icon
    property string name: ""
    property int size: 16
    readonly property bool monochrome: ["debug", "info", "warning", "error", "critical", "message", "logo"]
                                       .indexOf(icon.name) < 0 && icon.name.length > 0
    source: !icon.name ? "" : icon.monochrome ? Theme.tintedIcon(icon.name, Theme.iconColor) : Theme.icon(icon.name)
    sourceSize.width: icon.size
    sourceSize.height: icon.size
    width: icon.size
    height: icon.size
    fillMode: Image.PreserveAspectFit
    smooth: true
}
