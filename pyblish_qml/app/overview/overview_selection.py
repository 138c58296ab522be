"""Which Overview rows are selected, and which one is current: the interaction rules, no Qt.

One list holds the selection at a time (instances or plugins: what acts on several instances
does not act on plugins). Within it, as in every desktop list:

- a click selects that row alone; Ctrl+click adds or removes it; Shift+click selects the range
  from the anchor (the last row clicked without Shift) to it;
- Up/Down move the current row and select it alone; Shift+Up/Down extend the range from the
  anchor; Ctrl+A selects every row one can see;
- the *current* row is the last one clicked or moved to: what the Perspective page opens and
  what fades the plugins that will not process an instance. It need not be selected (Ctrl+click
  can take it out), just as in Qt's item views.

Ranges and "all" run over the rows one can land on (``order``: shown by the search, not in a
collapsed section), given by the caller. :class:`~.overview_state.OverviewState` owns one of
these and turns its changes into signals.

Thread: GUI thread only (plain Python; the tests use it directly).
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

KINDS = ("instance", "plugin")

SHIFT = 0x02000000  # Qt.KeyboardModifier.ShiftModifier
CONTROL = 0x04000000  # Qt.KeyboardModifier.ControlModifier (Cmd on macOS)


class Selection:
    def __init__(self) -> None:
        self.kind = ""  # the list the selection and the current row are in ("" none)
        self.current = ""  # the last row clicked or moved to
        self.anchor = ""  # where Shift extends from
        self._ids: dict[str, None] = {}  # the selected ids, in the order they were selected

    # reading
    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def __contains__(self, item_id: str) -> bool:
        return item_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def state(self) -> tuple:
        """Everything that makes the selection what it is (compared before and after a change)."""
        return self.kind, self.current, self.anchor, tuple(self._ids)

    def targets(self) -> list[str]:
        """What a command on "the selection" acts on: the selected rows, else the current one."""
        if self._ids:
            return list(self._ids)
        return [self.current] if self.current else []

    # changing
    def _set(self, kind: str, ids: Iterable[str], current: str, anchor: str | None = None) -> None:
        if kind not in ("", *KINDS):
            raise ValueError("unknown kind of row %r" % (kind,))
        self.kind = kind
        self._ids = dict.fromkeys(ids)
        self.current = current
        if anchor is not None:
            self.anchor = anchor

    def clear(self) -> None:
        self._set("", (), "", "")

    def only(self, kind: str, item_id: str) -> None:
        """A plain click (or Up/Down): this row alone, current and anchor."""
        if not item_id:
            self.clear()
            return
        self._set(kind, (item_id,), item_id, item_id)

    def click(self, kind: str, item_id: str, order: Sequence[str], modifiers: int) -> None:
        """A click with the keyboard's modifiers (Qt's flags, as QML's ``mouse.modifiers``)."""
        if modifiers & SHIFT:
            self.extend_to(kind, item_id, order, keep=bool(modifiers & CONTROL))
        elif modifiers & CONTROL:
            self.toggle(kind, item_id)
        else:
            self.only(kind, item_id)

    def toggle(self, kind: str, item_id: str) -> None:
        """Ctrl+click: add the row, or take it out; it becomes current and the anchor either way.
        A row of the other list starts a selection there."""
        if kind != self.kind:
            self.only(kind, item_id)
            return
        ids = dict(self._ids)
        if item_id in ids:
            del ids[item_id]
        else:
            ids[item_id] = None
        self._set(kind, ids, item_id, item_id)

    def extend_to(self, kind: str, item_id: str, order: Sequence[str], keep: bool = False) -> None:
        """Shift: select from the anchor to this row in ``order`` (Ctrl+Shift also keeps what was
        selected); without an anchor in ``order`` it is a plain click."""
        if kind != self.kind or self.anchor not in order or item_id not in order:
            self.only(kind, item_id)
            return
        first, last = sorted((order.index(self.anchor), order.index(item_id)))
        span = order[first:last + 1]
        self._set(kind, (*self._ids, *span) if keep else span, item_id)

    def step(self, kind: str, order: Sequence[str], delta: int, extend: bool = False) -> None:
        """Up/Down (``delta`` rows, clamped; 0 enters the list): move the current row and select it
        alone, or with ``extend`` (Shift) select the range from the anchor to it. Entering a list
        anew lands on its first row (its last going up)."""
        if not order:
            return
        if kind != self.kind or self.current not in order:
            self.only(kind, order[0] if delta >= 0 else order[-1])
            return
        target = order[max(0, min(len(order) - 1, order.index(self.current) + delta))]
        if extend:
            self.extend_to(kind, target, order)
        else:
            self.only(kind, target)

    def make_current(self, kind: str, item_id: str) -> None:
        """A right-click or a click on the row's checkbox: a selected row becomes current and the
        selection stays (the menu acts on it); any other row is selected alone."""
        if kind == self.kind and item_id in self._ids:
            self.current = item_id
        else:
            self.only(kind, item_id)

    def select_all(self, kind: str, order: Sequence[str]) -> None:
        """Ctrl+A: every row in ``order``; the current row stays when it is one of them."""
        if not order:
            return
        current = self.current if kind == self.kind and self.current in order else order[0]
        anchor = self.anchor if kind == self.kind and self.anchor in order else current
        self._set(kind, order, current, anchor)

    def retain(self, kind: str, present: Callable[[str], bool]) -> None:
        """Rows of ``kind`` that went away drop out. A current row that went leaves the selection's
        first row current (none when nothing is left)."""
        if kind != self.kind:
            return
        ids = [i for i in self._ids if present(i)]
        current = self.current if self.current and present(self.current) else (ids[0] if ids else "")
        if not ids and not current:
            self.clear()
            return
        self._set(kind, ids, current, self.anchor if self.anchor and present(self.anchor) else current)

    def restore(self, kind: str, ids: Sequence[str], current: str = "", anchor: str = "") -> None:
        """Rows found again after a reset (by name: the host gives every row a new id) rejoin the
        selection, unless it has moved to the other list meanwhile."""
        if self.kind not in ("", kind) or not (ids or current):
            return
        merged = [*self._ids, *(i for i in ids if i not in self._ids)]
        current = current or self.current or (merged[0] if merged else "")
        self._set(kind, merged, current, anchor or self.anchor or current)

    def keep_only(self, shown: Callable[[str], bool]) -> None:
        """Selected rows not ``shown`` (hidden by the search, in a collapsed section) drop out; the
        current row stays (it is what the Perspective page shows)."""
        if not all(map(shown, self._ids)):
            self._set(self.kind, [i for i in self._ids if shown(i)], self.current)
