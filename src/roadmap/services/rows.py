"""The plan's smaller tables for the app: a row as its form shows it, saving and deleting it,
and the narrative sections' texts.

Each call is one short transaction; a write returns the :class:`~roadmap.services.history.Change`
it made, for the undo history, so the app's views never hold a database session.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from roadmap.model import tables as t
from roadmap.model.enums import SectionKind
from roadmap.services.history import CapacityChange, Change, Changes, RowChange
from roadmap.store.db import Store
from roadmap.store.items import keyed_names
from roadmap.store.rows import (
    add_row,
    delete_row,
    edit_row,
    key_map,
    row_columns,
    row_state,
    rows_of,
    set_translation,
    update_row,
)
from roadmap.store.teams import set_capacity_changes

REFERENCES: dict[str, type] = {"organisation": t.Organisation, "stakeholder": t.Stakeholder}
"""Fields of a form that name another row by key (stored as ``<name>_id``), and its table."""


class StoredRow(NamedTuple):
    """What a row's form starts from."""

    row: Any
    """The stored row (None for a new one)."""
    references: dict[str, str | None]
    """The key of each row it names (``organisation`` ...), by field."""
    choices: dict[str, list[tuple[str, str]]]
    """``(key, name)`` of the rows each select of the form offers, by field."""


def row_for_form(
    store: Store, plan_id: int, model: type, key: str | None, selects: list[str]
) -> StoredRow:
    """In one read: row ``key`` of ``model`` (None: a new row) with the keys of the rows it
    names, and the choices of the form's ``selects`` (fields of :data:`REFERENCES`)."""
    with store.read() as session:
        row = None
        references: dict[str, str | None] = {}
        if key is not None:
            row = next(
                r for r in rows_of(session=session, plan_id=plan_id, model=model) if r.key == key
            )
            for name, referenced in REFERENCES.items():
                if hasattr(row, f"{name}_id"):
                    keys = key_map(session=session, plan_id=plan_id, model=referenced)
                    references[name] = keys.get(getattr(row, f"{name}_id"))
        choices = {
            name: keyed_names(session=session, plan_id=plan_id, model=REFERENCES[name])
            for name in selects
            if name in REFERENCES
        }
    return StoredRow(row, references, choices)


def save_row(
    store: Store,
    plan_id: int,
    model: type,
    what: str,
    key: str | None,
    values: dict[str, Any],
    *,
    capacity: list[tuple[int, float]] | None = None,
) -> Change | None:
    """Store ``values`` (by field, keys for :data:`REFERENCES`) as a new row of ``model`` (a
    ``what``) or over row ``key``, in one transaction; with ``capacity``, a team's capacity
    changes ``(from period, capacity)`` too. The change made (undone as one step), or None
    when nothing changed."""
    new_key = values["key"]
    with store.write() as session:
        before = (
            None
            if key is None
            else row_state(session=session, plan_id=plan_id, model=model, key=key)
        )
        columns = row_columns(session=session, plan_id=plan_id, values=values)
        if key is None:
            add_row(session=session, plan_id=plan_id, model=model, values=columns)
        else:
            edit_row(session=session, plan_id=plan_id, model=model, key=key, values=columns)
        more: list[Change] = []
        if capacity is not None:
            old = set_capacity_changes(
                session=session, plan_id=plan_id, team=new_key, changes=capacity
            )
            if old != capacity:
                more.append(CapacityChange(new_key, old, capacity))
        after = row_state(session=session, plan_id=plan_id, model=model, key=new_key)
    if before == after and not more:
        return None
    change = RowChange(model, what, before, after)
    return Changes(change, *more) if more else change


def remove_row(store: Store, plan_id: int, model: type, what: str, key: str) -> RowChange:
    """Delete row ``key`` of ``model`` (a ``what``) with what hangs on it; the change made."""
    with store.write() as session:
        deleted = delete_row(session=session, plan_id=plan_id, model=model, key=key)
    return RowChange(model, what, deleted.state, None, deleted)


def section_rows(store: Store, plan_id: int) -> list[t.Section]:
    """The plan's narrative sections, in their order."""
    with store.read() as session:
        return rows_of(session=session, plan_id=plan_id, model=t.Section)


def save_section_texts(
    store: Store, plan_id: int, key: str, lang: str | None, texts: dict[str, str]
) -> RowChange:
    """Store ``texts`` (``title``, ``body``) of section ``key``: its own columns when ``lang``
    is None, else its translation into ``lang``. The change made."""
    with store.write() as session:
        before = row_state(session=session, plan_id=plan_id, model=t.Section, key=key)
        if lang is None:
            update_row(session=session, plan_id=plan_id, model=t.Section, key=key, changes=texts)
        else:
            for name, text in texts.items():
                set_translation(
                    session=session,
                    plan_id=plan_id,
                    model=t.Section,
                    key=key,
                    lang=lang,
                    field=name,
                    text=text,
                )
        after = row_state(session=session, plan_id=plan_id, model=t.Section, key=key)
    return RowChange(t.Section, "section", before, after)


def add_section(store: Store, plan_id: int, values: dict[str, Any]) -> RowChange:
    """A section of the plan's own (``key``, ``title``, ``i18n``), after the others."""
    with store.write() as session:
        rows = rows_of(session=session, plan_id=plan_id, model=t.Section)
        position = max((s.position for s in rows), default=-1) + 1
        row = {**values, "position": position, "kind": SectionKind.CUSTOM.value}
        add_row(session=session, plan_id=plan_id, model=t.Section, values=row)
        after = row_state(session=session, plan_id=plan_id, model=t.Section, key=values["key"])
    return RowChange(t.Section, "section", None, after)
