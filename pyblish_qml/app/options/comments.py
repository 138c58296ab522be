"""The comment rule, per-instance comments, and where a publish goes, shown before publishing.

:class:`CommentRule` holds the host's policy (settings ``CommentRequired``, ``CommentMinLength``)
and says, in words, why Publish waits ("Comment: 12 more characters needed"); the controller's
``publish`` and the Publish button both ask it. :class:`InstanceComments` keeps the comments the
artist wrote for single instances when the pipeline asks for them (``InstanceComment``): an
instance without its own inherits the Context's comment, and before a run each instance's
comment is written to ``instance.data["comment"]`` when it changed (tk-multi-publish2's item
description). :class:`OutputFacts` lists the instance data keys the settings name
(``InstanceColumns``: ``version``, ``outputPath``, ``task`` ...) for the Perspective page.

Thread: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ..lists.models import ItemModel

QML_IMPORT_NAME = "Pyblish"
QML_IMPORT_MAJOR_VERSION = 1


def rule_reason(comment: str, required: bool, minimum: int) -> str:
    """Why the comment does not do yet, or "" when it does."""
    length = len(comment.strip())
    if minimum > 0 and length < minimum:
        missing = minimum - length
        return "Comment: %d more character%s needed" % (missing, "" if missing == 1 else "s")
    if required and not length:
        return "Comment: required before publishing"
    return ""


@QmlElement
@QmlUncreatable("the controller makes one")
class CommentRule(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._required = False
        self._minimum = 0
        self._comment = ""

    def apply(self, required: bool, minimum: int) -> None:
        self._required, self._minimum = bool(required), max(0, int(minimum))
        self.changed.emit()

    def follow(self, comment: str) -> None:
        if comment != self._comment:
            self._comment = comment
            self.changed.emit()

    @Property(bool, notify=changed, final=True)
    def active(self) -> bool:
        """The host asks for a comment: the comment field is offered even without a "comment" key."""
        return self._required or self._minimum > 0

    @Property(str, notify=changed, final=True)
    def reason(self) -> str:
        return rule_reason(self._comment, self._required, self._minimum)

    @Property(bool, notify=changed, final=True)
    def satisfied(self) -> bool:
        return not self.reason


class InstanceComments:
    """Comments for single instances, kept by instance name (ids change on every Reset)."""

    def __init__(self):
        self.enabled = False
        self._own: dict[str, str] = {}
        self._sent: dict[str, str] = {}

    def own(self, name: str) -> str:
        return self._own.get(name, "")

    def set(self, name: str, text: str) -> None:
        if text.strip():
            self._own[name] = text
        else:
            self._own.pop(name, None)

    def collected(self) -> None:
        self._sent = {}

    def writes(self, instances: list[dict], context_comment: str) -> list[tuple]:
        """(instance id, "comment", text) for each instance whose comment the host has not had."""
        if not self.enabled:
            return []
        out = []
        for item in instances:
            if item.get("isContext"):
                continue
            text = self._own.get(str(item.get("name") or ""), context_comment)
            if self._sent.get(item["id"]) != text:
                self._sent[item["id"]] = text
                out.append((item["id"], "comment", text))
        return out


@QmlElement
@QmlUncreatable("the controller makes one")
class OutputFacts(ItemModel):
    """The data keys the settings name, as (key, value) rows for the Perspective's item."""

    ROLES = ("id", "key", "value")
    commentChanged = Signal()

    def __init__(self, comments: InstanceComments, parent: QObject | None = None):
        super().__init__(parent)
        self.keys: list[str] = []
        self._comments = comments
        self._name = ""
        self._inherited = ""

    def show(self, item: dict | None, context_comment: str) -> None:
        data = (item or {}).get("data") or {}
        rows = [{"id": key, "key": key, "value": _text(data[key])} for key in self.keys if key in data]
        if rows != self.items():
            self.reset_items(rows)
        self._name = "" if not item or item.get("isContext") else str(item.get("name") or "")
        self._inherited = context_comment
        self.commentChanged.emit()

    @Property(bool, notify=commentChanged, final=True)
    def commentAsked(self) -> bool:
        """The pipeline wants a comment per instance, and an instance is shown."""
        return self._comments.enabled and bool(self._name)

    @Property(str, notify=commentChanged, final=True)
    def comment(self) -> str:
        return self._comments.own(self._name)

    @Property(str, notify=commentChanged, final=True)
    def inheritedComment(self) -> str:
        """What the instance gets when the artist writes nothing for it: the Context's comment."""
        return self._inherited

    def set_comment(self, text: str) -> None:
        if self._name:
            self._comments.set(self._name, text)
            self.commentChanged.emit()


def _text(value) -> str:
    return value if isinstance(value, str) else str(value)
