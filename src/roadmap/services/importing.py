"""Items from a spreadsheet into a stored plan: read the plan, merge the sheet's rows, write.

New keys add items; rows with a stored key change that item in just the fields where the sheet
differs from what was read, through :func:`roadmap.store.item_write.update_items`. So an import
and anyone else writing the same items meanwhile both land unless they changed the same field,
which refuses the import (naming the items and fields) with nothing written.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap.io.csv_items import merge_items, read_items_csv
from roadmap.model.inputs import PlanIn
from roadmap.store.db import Store
from roadmap.store.item_write import WriteConflict, diff, update_items
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import add_items
from roadmap.store.repo import NotFoundError, create_plan, find_plan

__all__ = ["ItemsImported", "NotFoundError", "WriteConflict", "import_items_csv"]


@dataclass(frozen=True, slots=True)
class ItemsImported:
    """What an import of items did."""

    slug: str
    added: int
    updated: int
    warnings: tuple[str, ...]


def import_items_csv(
    store: Store,
    data: bytes,
    *,
    name: str,
    slug: str | None,
    mapping: dict[str, str],
    new_plan: PlanIn | None = None,
) -> ItemsImported:
    """Import the CSV ``data`` (from file ``name``) into plan ``slug``, or into ``new_plan``.

    All or nothing, in one transaction (tried again if the database stays busy). Raises
    :class:`~roadmap.io.planfile.PlanFileError` for problems of the sheet,
    :class:`~roadmap.store.repo.NotFoundError` for a missing plan and
    :class:`~roadmap.store.item_write.WriteConflict` for fields changed since they were read.
    """

    def work(session) -> ItemsImported:
        if new_plan is not None:
            plan = create_plan(session=session, plan_in=new_plan)
        else:
            plan = find_plan(session=session, slug=slug)
        doc = read_plan(session=session, plan_id=plan.id)
        sheet = read_items_csv(
            data, name=name, criteria=[c.key for c in doc.criteria], mapping=mapping
        )
        _, changed = merge_items(doc, sheet)
        read = {item.key: item for item in doc.items}
        writes = [w for i in changed if i.key in read and (w := diff(read[i.key], i)) is not None]
        update_items(session=session, plan_id=plan.id, writes=writes)
        new = [i for i in changed if i.key not in read]
        added = add_items(session=session, plan_id=plan.id, items=new)
        return ItemsImported(plan.slug, added, len(writes), tuple(sheet.warnings))

    return store.run(work)
