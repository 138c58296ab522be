"""A plugin's applicable actions as buttons (the Perspective page, the report page).

The menu (:class:`~.views.ActionsModel`) lists categories and separators; buttons show the
actions alone, each with a glyph. pyblish names an action's ``icon`` after a Font Awesome icon;
the few names pipelines use most are drawn for this project (``icons/``), every other name
falls back to the generic action glyph.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtQml import QmlElement, QmlUncreatable

from .models import ItemModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1

# Font Awesome names (4 and 5 spellings) -> the project icon drawn for them.
GLYPHS = {
    "wrench": "wrench", "tools": "wrench", "hammer": "wrench", "magic": "wrench", "wand-magic": "wrench",
    "hand-pointer": "select", "hand-o-up": "select", "hand-pointer-o": "select", "mouse-pointer": "select",
    "arrow-pointer": "select", "crosshairs": "select", "object-group": "select",
    "book": "book", "question-circle": "book", "info-circle": "book", "file-text": "book",
    "refresh": "refresh", "sync": "refresh", "redo": "refresh", "rotate": "refresh", "undo": "refresh",
    "search": "search", "magnifying-glass": "search", "copy": "copy", "clipboard": "copy",
}


def glyph(icon: str) -> str:
    """The project icon for an action's Font Awesome ``icon`` name ("action" when none is drawn)."""
    name = (icon or "").strip().lower()
    for prefix in ("fa-", "fa "):
        name = name[len(prefix):] if name.startswith(prefix) else name
    return GLYPHS.get(name, "action")


def action_rows(plugin: dict) -> list[dict]:
    """The buttons of a plugin row: its visible actions (pyblish's ``on`` already applied), in order."""
    return [{"id": str(n), "pluginId": plugin.get("id") or "", "actionId": a.get("id") or "",
             "label": a.get("label") or a.get("id") or "", "icon": a.get("icon") or "",
             "glyph": glyph(a.get("icon") or ""), "active": bool(a.get("active", True)),
             "error": str(a.get("error") or ""), "hasError": bool(a.get("error"))}
            for n, a in enumerate(plugin.get("visibleActions") or ()) if a.get("type", "action") == "action"]


@QmlElement
@QmlUncreatable("made by the item detail and the report")
class ActionButtonsModel(ItemModel):
    """One plugin's action buttons; :meth:`follow` keeps them as the plugin's row changes."""

    ROLES = ("id", "pluginId", "actionId", "label", "icon", "glyph", "active", "error", "hasError")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._shown: list[dict] = []

    def follow(self, plugin: dict | None) -> None:
        """Show the actions of ``plugin`` (a plugin row, or None for none); a no-op when unchanged,
        so a row that changes status on every pair does not rebuild the buttons each time."""
        rows = action_rows(plugin or {})
        if rows != self._shown:
            self._shown = rows
            self.reset_items([dict(row) for row in rows])
