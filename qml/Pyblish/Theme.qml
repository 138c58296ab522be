pragma Singleton
pragma ComponentBehavior: Bound
import QtQuick

// One place for the look: palette, spacing, type, icons.
QtObject {
    // Set once by Main from the application's icon folder.
    property string iconBase: ""

    readonly property color window: "#1d2025"
    readonly property color panel: "#23272e"
    readonly property color raised: "#2b3038"
    readonly property color hover: "#30363f"
    readonly property color selected: "#34404f"
    readonly property color line: "#343a44"
    readonly property color text: "#d7dae0"
    readonly property color dim: "#8a919c"
    readonly property color faint: "#5c636e"
    readonly property color accent: "#4fa3d9"

    readonly property color idle: "#5c636e"
    readonly property color running: "#4fa3d9"
    readonly property color passed: "#7cc67a"
    readonly property color warning: "#e5b454"
    readonly property color failed: "#e06c75"

    readonly property int unit: 8
    readonly property int rowHeight: 26
    readonly property int radius: 4
    readonly property int fontSize: 12
    readonly property int smallFont: 11
    readonly property int titleFont: 16
    readonly property string monospace: "DejaVu Sans Mono"

    function icon(name: string): string {
        return iconBase ? iconBase + name + ".svg" : ""
    }

    function statusColor(status: string): color {
        switch (status) {
        case "running": return running
        case "passed": return passed
        case "warning": return warning
        case "failed": return failed
        default: return idle
        }
    }

    function levelColor(levelno: int): color {
        if (levelno >= 50) return "#ff4d6d"
        if (levelno >= 40) return failed
        if (levelno >= 30) return warning
        if (levelno >= 20) return text
        return dim
    }

    function levelIcon(levelno: int, kind: string): string {
        if (kind === "message" && levelno < 30) return icon("message")
        if (levelno >= 50) return icon("critical")
        if (levelno >= 40) return icon("error")
        if (levelno >= 30) return icon("warning")
        if (levelno >= 20) return icon("info")
        return icon("debug")
    }
}
