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
    readonly property color selected: dark ? "#2e3a48" : "#d6e4f2"
    readonly property color line: dark ? "#343a44" : "#d5d9e0"
    readonly property color text: dark ? "#d7dae0" : "#1f2329"
    readonly property color dim: dark ? "#9ca2ab" : "#5b6370"
    // Faint is for placeholders, disabled text and decoration only (WCAG exempts disabled text;
    // it still keeps 3:1): readable secondary text is dim. tests/test_contrast.py checks every pair.
    readonly property color faint: dark ? "#7b8491" : "#79828f"
    readonly property color accent: dark ? "#5caadc" : "#216a99"
    // Filled buttons: the next sensible action (primary) and the destructive one, white text.
    readonly property color primary: dark ? "#2f5d80" : "#216a99"
    readonly property color danger: dark ? "#7a3a42" : "#b0303b"
    readonly property color onFilled: "#ffffff"
    readonly property color focusRing: dark ? "#5caadc" : "#216a99"

    readonly property color idle: dark ? "#7b8491" : "#788290"
    readonly property color running: dark ? "#4fa3d9" : "#2a87c3"
    readonly property color passed: dark ? "#7cc67a" : "#3b9238"
    readonly property color warning: dark ? "#e5b454" : "#a9760f"
    readonly property color failed: dark ? "#e6878f" : "#cf3f4a"
    // The same as text (terminal and Perspective messages): 4.5:1 on every background.
    readonly property color warningText: dark ? warning : "#845c0c"
    readonly property color failedText: dark ? failed : "#bb2f3a"
    readonly property color critical: dark ? "#ff768e" : "#cc0025"
    readonly property color unknown: dark ? "#c49ad8" : "#8a4fae"  // a pair whose reply was lost

    readonly property int unit: 8
    readonly property int rowHeight: 26
    readonly property int radius: 4
    readonly property int fontSize: 12
    readonly property int menuMaxWidth: 420  // menus grow past the Basic style's 200 px for long labels, up to this
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

    // The progress bar: how the current or last run goes (RunStatus.outcome).
    function outcomeColor(outcome: string): color {
        switch (outcome) {
        case "running": return running
        case "passed": return passed
        case "warning": return warning
        case "failed": return failed
        default: return idle
        }
    }

    // By level name: the terminal model's "level" role (the one mapping from numbers is in Python).
    function levelColor(level: string): color {
        switch (level) {
        case "critical": return critical
        case "error": return failedText
        case "warning": return warningText
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
