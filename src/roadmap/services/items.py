"""Saving an item from a form: a new item, or the fields the form changed of a stored one.

The write goes through :func:`roadmap.store.item_write.update_items`, so it is refused only
when someone else changed one of the same fields since the form read the item.
"""

from __future__ import annotations

from roadmap.model.inputs import ItemIn
from roadmap.store.db import Store
from roadmap.store.item_write import diff, update_item
from roadmap.store.items import create_item, read_item

NOT_IN_FORM = ("scores", "depends_on", "soft_depends_on")
"""Fields the item form does not edit: kept as stored, whatever the form's item holds."""


def save_item(store: Store, plan_id: int, *, read: ItemIn | None, item: ItemIn) -> ItemIn:
    """Store ``item``: new when ``read`` is ``None``, else the fields where it differs from
    ``read`` (the item as the form read it); returns the item as stored afterwards."""

    def work(session) -> ItemIn:
        if read is None:
            create_item(session=session, plan_id=plan_id, item=item)
        else:
            write = diff(read, item, skip=NOT_IN_FORM)
            if write is not None:
                update_item(session=session, plan_id=plan_id, write=write)
        stored, _ = read_item(session=session, plan_id=plan_id, key=item.key)
        return stored

    return store.run(work)
