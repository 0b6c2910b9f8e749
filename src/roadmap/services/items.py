"""Items for the app: the item table, searching, the editor's read and save, deleting.

Saving goes through :func:`roadmap.store.item_write.update_items`, so it is refused only
when someone else changed one of the same fields since the form read the item.
"""

from __future__ import annotations

from roadmap.model.inputs import ItemIn
from roadmap.store.db import Store
from roadmap.store.item_write import WriteConflict, diff, update_item
from roadmap.store.items import (
    DeletedItem,
    ItemRow,
    create_item,
    delete_item,
    find_items,
    item_rows,
    keyed_names,
    read_item,
)
from roadmap.store.repo import KeyTakenError, NotFoundError

__all__ = [
    "DeletedItem",
    "ItemRow",
    "KeyTakenError",
    "NotFoundError",
    "WriteConflict",
    "item_for_editor",
    "item_list",
    "remove_item",
    "save_item",
    "search_items",
]

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


def item_list(store: Store, plan_id: int, *, lang: str | None = None) -> list[ItemRow]:
    """Every item of the plan as the item table shows it (titles in ``lang`` if translated)."""
    with store.read() as session:
        return item_rows(session=session, plan_id=plan_id, lang=lang)


def search_items(store: Store, plan_id: int, text: str, limit: int) -> list[tuple[str, str]]:
    """``(key, title)`` of up to ``limit`` items whose key or title holds ``text``."""
    with store.read() as session:
        return find_items(session=session, plan_id=plan_id, text=text, limit=limit)


def remove_item(store: Store, plan_id: int, key: str) -> DeletedItem:
    """Delete item ``key``; what it takes to bring it back."""
    return store.run(lambda session: delete_item(session=session, plan_id=plan_id, key=key))


def item_for_editor(
    store: Store, plan_id: int, key: str | None, choices: dict[str, type]
) -> tuple[dict[str, list[tuple[str, str]]], ItemIn | None, list[str]]:
    """In one read: ``(key, name)`` of the plan's rows of each model in ``choices`` (by the
    field that chooses among them), item ``key`` as stored, and for a new item (``key`` None)
    the keys the plan's items have."""
    from roadmap.model import tables as t
    from roadmap.store.rows import key_map

    with store.read() as session:
        found = {
            name: keyed_names(session=session, plan_id=plan_id, model=model)
            for name, model in choices.items()
        }
        if key is None:
            keys = list(key_map(session=session, plan_id=plan_id, model=t.Item).values())
            return found, None, keys
        return found, read_item(session=session, plan_id=plan_id, key=key)[0], []
