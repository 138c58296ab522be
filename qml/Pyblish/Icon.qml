pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Effects

// A project icon. Monochrome ones are drawn light grey and tinted to the theme's text colour,
// so they read on the light theme too; coloured ones (levels, logo) keep their colours.
Image {
    id: icon
    property string name: ""
    property int size: 16
    readonly property bool monochrome: ["debug", "info", "warning", "error", "critical", "message", "logo"]
                                       .indexOf(icon.name) < 0 && icon.name.length > 0
    source: icon.name ? Theme.icon(icon.name) : ""
    sourceSize.width: icon.size
    sourceSize.height: icon.size
    width: icon.size
    height: icon.size
    fillMode: Image.PreserveAspectFit
    smooth: true
    layer.enabled: icon.monochrome && !Theme.dark
    layer.effect: MultiEffect {
        colorization: 1.0
        colorizationColor: Theme.text
    }
}
