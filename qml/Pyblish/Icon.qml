pragma ComponentBehavior: Bound
import QtQuick

Image {
    id: icon
    property string name: ""
    property int size: 16
    source: icon.name ? Theme.icon(icon.name) : ""
    sourceSize.width: icon.size
    sourceSize.height: icon.size
    width: icon.size
    height: icon.size
    fillMode: Image.PreserveAspectFit
    smooth: true
}
