"""Items from a spreadsheet into a stored plan: read the plan, let the sheet change it, write.

The records the sheet's names made (themes, teams, organisations, stakeholders and their needs)
are added first. New keys add
items; rows with a stored key change that item in just the fields where the sheet differs from
what was read, through :func:`roadmap.store.item_write.update_items`. So an import and anyone
else writing the same items meanwhile both land unless they changed the same field, which
refuses the import (naming the items and fields) with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from roadmap.model import tables as t
from roadmap.model.inputs import PlanDoc, PlanIn
from roadmap.store.db import Store
from roadmap.store.item_write import WriteConflict, diff, update_items
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import add_items
from roadmap.store.repo import NotFoundError, create_plan, find_plan
from roadmap.store.rows import add_row, row_columns

if TYPE_CHECKING:
    from roadmap.io.sheet import Imported

__all__ = ["ItemsImported", "NotFoundError", "WriteConflict", "import_items"]

Reader = Callable[[PlanDoc], tuple["Imported", Any]]
"""Reads the sheet against the plan as stored: the plan as the sheet makes it, and the sheet."""

CREATED = (
    ("organisation", t.Organisation),
    ("theme", t.Theme),
    ("team", t.Team),
    ("stakeholder", t.Stakeholder),
)
"""Records a sheet's names can make, in the order they are written (teams name an owner);
the needs a sheet of needs makes come after them."""


@dataclass(frozen=True, slots=True)
class ItemsImported:
    """What an import of items did, or with ``counts`` None what it would do."""

    slug: str
    imported: Imported
    sheet: Any
    counts: tuple[int, int] | None
    """Items added and updated; None for a dry run."""


def import_items(
    open_store: Callable[[], Store],
    read: Reader,
    *,
    slug: str | None,
    new_plan: PlanIn | None = None,
    dry_run: bool = False,
) -> ItemsImported:
    """Import the sheet ``read`` gives into plan ``slug``, or into ``new_plan``, all or nothing.

    The database is opened (``open_store``) and a new plan made only once the whole sheet is
    known to be good, so that a failed import leaves no database file behind. The write is one
    transaction, tried again from the start (``read`` included) if the database stays busy.
    Raises what ``read`` raises for problems of the sheet, :class:`NotFoundError` for a
    missing plan and :class:`WriteConflict` for fields changed since they were read.
    """
    if new_plan is not None:
        empty = PlanDoc(plan=new_plan)
        imported, sheet = read(empty)
        if dry_run:
            return ItemsImported(new_plan.name, imported, sheet, None)

        def create(session) -> ItemsImported:
            plan = create_plan(session=session, plan_in=new_plan)
            assert plan.id is not None  # stored, flushed
            counts = _write(session, plan.id, empty, imported)
            return ItemsImported(plan.slug, imported, sheet, counts)

        return open_store().run(create)

    def work(session) -> ItemsImported:
        plan = find_plan(session=session, slug=slug)
        assert plan.id is not None  # a stored plan
        doc = read_plan(session=session, plan_id=plan.id)
        imported, sheet = read(doc)
        counts = None if dry_run else _write(session, plan.id, doc, imported)
        return ItemsImported(plan.slug, imported, sheet, counts)

    store = open_store()
    if dry_run:
        with store.read() as session:
            return work(session)
    return store.run(work)


def _write(session, plan_id: int, doc: PlanDoc, imported: Imported) -> tuple[int, int]:
    """The records the import made, then its items; the numbers of items added and updated."""

    def add(model: type, values: dict) -> None:
        values = row_columns(session=session, plan_id=plan_id, values=values)
        add_row(session=session, plan_id=plan_id, model=model, values=values)

    for kind, model in CREATED:
        for row in imported.created[kind]:
            add(model, row.model_dump(exclude={"i18n", "capacity_changes", "needs", "sources"}))
    for need in imported.needs.needs:
        values = need.model_dump(exclude={"i18n"})
        add(t.Need, {**values, "stakeholder": imported.needs.holders[need.key]})
    stored = {item.key: item for item in doc.items}
    writes = [
        w
        for item in imported.changed
        if item.key in stored and (w := diff(stored[item.key], item)) is not None
    ]
    update_items(session=session, plan_id=plan_id, writes=writes)
    new = [item for item in imported.changed if item.key not in stored]
    return add_items(session=session, plan_id=plan_id, items=new), len(writes)
