pragma Singleton
pragma ComponentBehavior: Bound
import QtQuick

// One place for the look: palette, spacing, type, icons.
QtObject {
    // Set once by Main from the application's icon folder.
    property string iconBase: ""

    // Dark is the default; the user can pick light (remembered in their preferences).
    property bool dark: true

    readonly property color window: dark ? "#1d2025" : "#f3f4f6"
    readonly property color panel: dark ? "#23272e" : "#ffffff"
    readonly property color raised: dark ? "#2b3038" : "#e6e8ec"
    readonly property color hover: dark ? "#30363f" : "#e9edf2"
    readonly property color selected: dark ? "#34404f" : "#d6e4f2"
    readonly property color line: dark ? "#343a44" : "#d5d9e0"
    readonly property color text: dark ? "#d7dae0" : "#1f2329"
    readonly property color dim: dark ? "#8a919c" : "#5b6370"
    readonly property color faint: dark ? "#5c636e" : "#9aa1ab"
    readonly property color accent: "#4fa3d9"

    readonly property color idle: dark ? "#5c636e" : "#a9afb8"
    readonly property color running: "#4fa3d9"
    readonly property color passed: dark ? "#7cc67a" : "#3f9b3c"
    readonly property color warning: dark ? "#e5b454" : "#c58a12"
    readonly property color failed: dark ? "#e06c75" : "#cf3f4a"
    readonly property color unknown: dark ? "#c49ad8" : "#8a4fae"  // a pair whose reply was lost

    readonly property int unit: 8
    readonly property int rowHeight: 26
    readonly property int radius: 4
    readonly property int fontSize: 12
    readonly property int smallFont: 11
    readonly property int titleFont: 16
    readonly property string monospace: "DejaVu Sans Mono"

    // Monochrome icons: drawn grey on dark, in the text colour on light (see app/icons.py).
    readonly property color iconColor: dark ? "#c9ced6" : text

    function icon(name: string): string {
        return iconBase ? iconBase + name + ".svg" : ""
    }

    function tintedIcon(name: string, tint: color): string {
        return "image://pyblish-icons/" + name + "/" + tint.toString().substring(1, 7)
    }

    function statusColor(status: string): color {
        switch (status) {
        case "running": return running
        case "passed": return passed
        case "warning": return warning
        case "failed": return failed
        case "unknown": return unknown
        default: return idle
        }
    }

    // By level name: the terminal model's "level" role (the one mapping from numbers is in Python).
    function levelColor(level: string): color {
        switch (level) {
        case "critical": return "#ff4d6d"
        case "error": return failed
        case "warning": return warning
        case "info": return text
        default: return dim
        }
    }

    function levelIcon(level: string, kind: string): string {
        if (kind === "message" && (level === "debug" || level === "info"))
            return icon("message")
        return icon(level)
    }
}
