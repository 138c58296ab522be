"""Where each instance row sits: host order, grouped by category, kept so as the host changes things.

The instance model keeps the Context first, then one block per category (in order of first
appearance in the host's order) and host order within a block, so views need no sorting proxy.
This module owns that order and folds the host's ``changes`` (added, removed, re-sorted,
changed data) into the model; the controller only says when.

Thread: GUI thread only.
"""

from __future__ import annotations

from typing import Any, Protocol

from ...engine.proxies import merge_change
from ..lists.models import InstanceModel
from ..live.rows import context_row, instance_fields, instance_row


class RowUpdates(Protocol):
    """The part of a drain's batch this module writes to (see :class:`.batch.Batch`)."""

    instances: dict[str, dict]

    def instance(self, item_id: str) -> dict[str, Any]: ...

    def flush(self) -> None: ...


class InstanceLayout:
    def __init__(self, model: InstanceModel):
        self.model = model
        self.context_id = ""
        self._host_order: list[str] = []

    def host_order(self) -> list[str]:
        """Instance ids in the host's order (the model groups them by category)."""
        return list(self._host_order)

    def reset(self, context: dict, label: str) -> None:
        """A fresh collection: every row rebuilt from the host's context."""
        self.context_id = context["id"]
        rows = {row["id"]: row for row in map(instance_row, context["children"])}
        self._host_order = [child["id"] for child in context["children"]]
        row = context_row(context, label)
        rows[row["id"]] = row
        self.model.reset_items([rows[i] for i in self._grouped(rows)])

    def clear(self) -> None:
        self.context_id = ""
        self._host_order = []
        self.model.reset_items([])

    def apply_structure(self, changes: dict) -> None:
        """Instances added, removed or re-sorted by the host.

        Appending is the common case; anything that would break the grouping rebuilds the rows
        in one model reset.
        """
        removed = set(changes.get("removed") or ())
        if removed:
            self.model.remove_ids(removed)
            self._host_order = [i for i in self._host_order if i not in removed]
        added = [instance_row(entry) for entry in changes.get("added") or ()]
        self._host_order += [row["id"] for row in added]
        if changes.get("order"):
            self._host_order = list(changes["order"])
        self._place(added)

    def regroup(self) -> None:
        """Put rows whose category changed into their new block (no-op when nothing moved)."""
        self._place([])

    def apply_data_changes(self, changes: dict, batch: RowUpdates) -> tuple[bool, bool]:
        """Fold changed instance/context data into the batch.

        Returns ``(regroup, context_comment)``: whether a category changed (call :meth:`regroup`
        after flushing the batch) and whether the context now has a comment key.
        """
        regroup = False
        for entry in changes.get("changed") or ():
            current = self.model.item(entry["id"])
            if current is None:
                continue
            data = self._merged(batch.instances.get(entry["id"], {}).get("data") or current["data"], entry)
            update = batch.instance(entry["id"])
            category = update.get("category", current["category"])
            update["data"] = data
            update.update(instance_fields(entry.get("name") or current["name"], data))
            regroup = regroup or update["category"] != category
        context_comment = False
        change = changes.get("context")
        if change and self.context_id:
            data = self._merged(self.model.item(self.context_id)["data"], change)
            batch.instance(self.context_id)["data"] = data
            context_comment = "comment" in data
        return regroup, context_comment

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _merged(data: dict, change: dict) -> dict:
        """A new dict (the model compares old and new) with the change merged in."""
        data = dict(data)
        merge_change(data, change)
        return data

    def _place(self, added: list[dict]) -> None:
        rows = {row["id"]: row for row in self.model.items()}
        rows.update({row["id"]: row for row in added})
        desired = self._grouped(rows)
        current = [row["id"] for row in self.model.items()] + [row["id"] for row in added]
        if desired == current:  # existing ranks cannot have changed: categories keep their first rows
            self.model.append_items(added)
        else:
            self.model.reset_items([rows[i] for i in desired])

    def _ranks(self, rows: dict[str, dict]) -> dict[str, int]:
        categories: dict[str, int] = {}
        return {i: categories.setdefault(rows[i]["category"], len(categories)) for i in self._host_order}

    def _grouped(self, rows: dict[str, dict]) -> list[str]:
        ranks = self._ranks(rows)
        for instance_id, rank in ranks.items():
            rows[instance_id]["sectionRank"] = rank
        grouped = sorted(self._host_order, key=ranks.__getitem__)  # stable: host order kept in a block
        return [self.context_id, *grouped]
