"""Rows of the smaller keyed tables (sections, stakeholders, needs, sources, teams): read,
edited, deleted with what hangs on them and restored, each on a session the caller opened.

Rows are read, deleted and restored with what hangs on them by key, so that an undo can bring
back a stakeholder with its needs and the items' links to them under new ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, cast

from sqlalchemy import Column, CursorResult, Table, delete, insert, select, update
from sqlmodel import Session

# A delete records every row that points at the one it removes: all tables must be defined.
from roadmap.model import evidence_tables, followup_tables, workshop_tables  # noqa: F401
from roadmap.model import tables as t
from roadmap.store.repo import KeyTakenError, NotFoundError, row_exists, row_id

if TYPE_CHECKING:

    class _Keyed(Protocol):
        """A table model of rows that a plan holds by key, as the functions here use it."""

        __table__: ClassVar[Table]
        __tablename__: ClassVar[Any]
        plan_id: Any
        key: Any

        def __init__(self, **values: Any) -> None: ...

    class _Translated(_Keyed, Protocol):
        i18n: dict[str, dict[str, str]]

# Simple keyed rows: sections, stakeholders, needs, sources, teams -------------------------


def rows_of(*, session: Session, plan_id: int, model: type[t.Timestamped]) -> list[Any]:
    """The plan's ORM rows of ``model`` in stored order (small tables only)."""
    c = model.__table__.c
    order = (c.position, c.id) if "position" in c else (c.id,)
    return list(session.scalars(select(model).where(c.plan_id == plan_id).order_by(*order)))


def update_row(
    *, session: Session, plan_id: int, model: type[_Keyed], key: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply ``changes`` to row ``key`` of ``model``; returns the values they replaced."""
    row = session.scalars(select(model).where(model.plan_id == plan_id, model.key == key)).first()
    if row is None:
        raise NotFoundError(f"no {model.__tablename__} {key!r} in this plan")
    if model is t.Team and "capacity" in changes:
        changes = {"capacity_assumed": False, **changes}  # someone set it (an undo restores)
    before = {name: getattr(row, name) for name in changes}
    for name, value in changes.items():
        setattr(row, name, value)
    session.flush()
    return before


def key_map(*, session: Session, plan_id: int, model: type[t.Timestamped]) -> dict[int, str]:
    """``id -> key`` of the plan's rows of ``model`` (small tables only)."""
    c = model.__table__.c
    return dict(session.execute(select(c.id, c.key).where(c.plan_id == plan_id)).all())


def row_columns(*, session: Session, plan_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Form values as column values: ``organisation`` and ``stakeholder`` keys become ids."""
    out = dict(values)
    for name, model in (("organisation", t.Organisation), ("stakeholder", t.Stakeholder)):
        if name in out:
            key = out.pop(name)
            out[f"{name}_id"] = None if key is None else row_id(session, model, plan_id, key)
    return out


def add_row(*, session: Session, plan_id: int, model: type[_Keyed], values: dict[str, Any]) -> None:
    """Store a new row of ``model`` (:class:`KeyTakenError` if its key is taken)."""
    if row_exists(session, model.__table__, plan_id, values["key"]):
        raise KeyTakenError(f"another {model.__tablename__} already has the key {values['key']!r}")
    session.add(model(plan_id=plan_id, **values))
    session.flush()


def edit_row(
    *, session: Session, plan_id: int, model: type[_Keyed], key: str, values: dict[str, Any]
) -> dict[str, Any]:
    """Like :func:`update_row`, refusing a new key another row already has."""
    if values.get("key", key) != key and row_exists(
        session, model.__table__, plan_id, values["key"]
    ):
        raise KeyTakenError(f"another {model.__tablename__} already has the key {values['key']!r}")
    return update_row(session=session, plan_id=plan_id, model=model, key=key, changes=values)


class RowChangedError(ValueError):
    """A row is no longer as a change left it (someone else edited it meanwhile)."""

    def __init__(self, table: Table, key: str) -> None:
        what = table.name.replace("_", " ")
        super().__init__(f"{what} {key} was changed by someone else meanwhile")


class DeletedRow(NamedTuple):
    """What :func:`restore_row` needs to bring a deleted row back with what hung on it.

    Rows are held as :func:`row_state` holds them: by key, so that they can be stored again
    under new ids. What hangs on a row is found from the foreign keys that point at its table.
    """

    table: Table
    state: dict[str, Any]
    links: tuple[tuple[Table, dict[str, Any]], ...]
    """Rows without a key of their own that went with it (silo cells, items' links)."""
    children: tuple[DeletedRow, ...]
    """Keyed rows that went with it (a stakeholder's needs), each with what hung on them."""
    users: tuple[tuple[Column, tuple[str, ...]], ...]
    """Keys of the rows whose optional reference to it was cleared (items of a team)."""


_UNSTORED = ("id", "plan_id", "updated_at")
"""Columns a row state leaves out: given anew when the row is stored again."""
CHUNK = 500
"""Keys per query (SQLite limits the parameters of one statement)."""


def row_state(*, session: Session, plan_id: int, model: type[_Keyed], key: str) -> dict[str, Any]:
    """Row ``key`` of ``model`` as its columns, with the rows it refers to named by key."""
    table = model.__table__
    rows = _read(session, table, (table.c.plan_id == plan_id) & (table.c.key == key))
    if not rows:
        raise NotFoundError(f"no {table.name} {key!r} in this plan")
    return rows[0]


def set_row(
    *,
    session: Session,
    plan_id: int,
    model: type[_Keyed],
    key: str,
    state: dict[str, Any],
    expected: dict[str, Any],
) -> None:
    """Give row ``key`` the values of ``state`` (a :func:`row_state`) if it is still ``expected``.

    The check is what keeps an undo from overwriting an edit made elsewhere meanwhile.
    """
    stored = row_state(session=session, plan_id=plan_id, model=model, key=key)
    if stored != expected:
        raise RowChangedError(model.__table__, key)
    changes = {name: value for name, value in state.items() if stored[name] != value}
    values = _stored_one(session, plan_id, model.__table__, changes, key)
    edit_row(session=session, plan_id=plan_id, model=model, key=key, values=values)


def delete_row(
    *,
    session: Session,
    plan_id: int,
    model: type[t.Timestamped],
    key: str,
    expected: dict[str, Any] | None = None,
) -> DeletedRow:
    """Delete row ``key`` of ``model`` with what belongs to it (a stakeholder's needs).

    With ``expected`` (a :func:`row_state`), refused if the row changed since. Returns what
    :func:`restore_row` needs to bring it all back.
    """
    table = model.__table__
    found = row_id(session, model, plan_id, key)
    deleted = _snapshot(session, table, found)
    if expected is not None and deleted.state != expected:
        raise RowChangedError(table, key)
    session.execute(delete(table).where(table.c.id == found))
    return deleted


def restore_row(*, session: Session, plan_id: int, deleted: DeletedRow) -> None:
    """Bring back a row :func:`delete_row` removed, with its links, under the same keys.

    Links to rows deleted meanwhile are left out; a key taken meanwhile refuses it all.
    """
    table, key = deleted.table, deleted.state["key"]
    if row_exists(session, table, plan_id, key):
        raise KeyTakenError(f"another {table.name} already has the key {key!r}")
    values = _stored_one(session, plan_id, table, deleted.state, key)
    inserted = cast(CursorResult, session.execute(insert(table).values(plan_id=plan_id, **values)))
    row_id = inserted.inserted_primary_key[0]  # type: ignore[index]  # set after an INSERT
    for child in deleted.children:
        restore_row(session=session, plan_id=plan_id, deleted=child)
    for other in dict.fromkeys(other for other, _ in deleted.links):
        rows = _stored(session, plan_id, other, [row for o, row in deleted.links if o is other])
        if rows:
            session.execute(insert(other), rows)
    for column, keys in deleted.users:
        ids = _mapping(session, column.table.c.key, column.table.c.id, keys, plan_id)
        for chunk in _chunks(list(ids.values())):
            session.execute(
                update(column.table)
                .where(column.table.c.id.in_(chunk), column.is_(None))
                .values({column.name: row_id})
            )


def _snapshot(session: Session, table: Table, row_id: int) -> DeletedRow:
    (state,) = _read(session, table, table.c.id == row_id)
    links: list[tuple[Table, dict[str, Any]]] = []
    children: list[DeletedRow] = []
    users: list[tuple[Column, tuple[str, ...]]] = []
    for column in _pointing_at(table):
        other, refers = column.table, column == row_id
        if column.nullable:
            keys = session.execute(select(other.c.key).where(refers)).scalars()
            users.append((column, tuple(keys)))
        elif "key" in other.c:
            ids = session.execute(select(other.c.id).where(refers).order_by(other.c.id)).scalars()
            children += [_snapshot(session, other, child) for child in ids]
        else:
            links += [(other, row) for row in _read(session, other, refers)]
    return DeletedRow(table, state, tuple(links), tuple(children), tuple(users))


def _pointing_at(table: Table) -> list[Column]:
    """The columns of other tables that refer to rows of ``table``."""
    return [
        fk.parent
        for other in table.metadata.sorted_tables
        for fk in other.foreign_keys
        if fk.column.table is table
    ]


def _references(table: Table) -> list[tuple[str, Table]]:
    """``(column, table)`` of the columns of ``table`` that refer to keyed rows."""
    return [
        (fk.parent.name, fk.column.table) for fk in table.foreign_keys if "key" in fk.column.table.c
    ]


def _read(session: Session, table: Table, where: Any) -> list[dict[str, Any]]:
    """Rows of ``table`` as they can be stored again: no ids, the rows they refer to by key."""
    columns = [c for c in table.c if c.name not in _UNSTORED]
    rows = [dict(r._mapping) for r in session.execute(select(*columns).where(where))]
    for name, target in _references(table):
        keys = _mapping(session, target.c.id, target.c.key, {r[name] for r in rows})
        for row in rows:
            row[name] = keys.get(row[name])
    return rows


def _stored(
    session: Session, plan_id: int, table: Table, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``rows`` of :func:`_read` with ids again; rows that refer to a row gone are left out."""
    rows = [dict(row) for row in rows]
    for name, target in _references(table):
        ids = _mapping(session, target.c.key, target.c.id, {row.get(name) for row in rows}, plan_id)
        rows = [row for row in rows if row.get(name) is None or row[name] in ids]
        for row in rows:
            if row.get(name) is not None:
                row[name] = ids[row[name]]
    return rows


def _stored_one(
    session: Session, plan_id: int, table: Table, row: dict[str, Any], key: str
) -> dict[str, Any]:
    found = _stored(session, plan_id, table, [row])
    if not found:
        raise NotFoundError(f"a row that {table.name} {key} refers to is gone")
    return found[0]


def _mapping(
    session: Session, source: Column, target: Column, values: Any, plan_id: int | None = None
) -> dict[Any, Any]:
    """``source value -> target value`` of the rows with ``values`` (of the plan, if given)."""
    where = [] if plan_id is None else [source.table.c.plan_id == plan_id]
    out: dict[Any, Any] = {}
    for chunk in _chunks([v for v in values if v is not None]):
        out.update(session.execute(select(source, target).where(source.in_(chunk), *where)).all())
    return out


def _chunks(values: list[Any]) -> list[list[Any]]:
    return [values[start : start + CHUNK] for start in range(0, len(values), CHUNK)]


def set_translation(
    *,
    session: Session,
    plan_id: int,
    model: type[_Translated],
    key: str,
    lang: str,
    field: str,
    text: str,
) -> str:
    """Set the ``lang`` version of ``field`` (empty text removes it); returns the old text."""
    row = session.scalars(select(model).where(model.plan_id == plan_id, model.key == key)).first()
    if row is None:
        raise NotFoundError(f"no {model.__tablename__} {key!r} in this plan")
    i18n = {k: dict(v) for k, v in row.i18n.items()}
    before = i18n.get(lang, {}).get(field, "")
    if text:
        i18n.setdefault(lang, {})[field] = text
    else:
        i18n.get(lang, {}).pop(field, None)
        if not i18n.get(lang, True):
            del i18n[lang]
    row.i18n = i18n
    session.flush()
    return before
