"""Reads and edits the terminal app needs, each on a session the caller opened.

Bulk reads (the item table of a plan of 100,000 items, all scores) use core selects and return
plain tuples; edits change one thing each and are meant to run in their own short
``store.write()`` transaction, so that what the user confirmed is stored at once. Whole-item
writes go through :func:`roadmap.store.plandoc.write_items`, which already knows how to store
an item with its scores, dependencies and links; this module adds the version check, renames,
deletion with what it takes to undo it, scores, narrative sections and the stakeholder, source
and team tables, whose rows are read, deleted and restored with what hangs on them by key.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, NamedTuple

from sqlalchemy import Column, Table, delete, insert, select, update
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.model.inputs import ItemIn
from roadmap.store.fetch import decoded, fetch
from roadmap.store.repo import NotFoundError, StaleEditError, find_item, update_item


class ItemRow(NamedTuple):
    """One line of the item table."""

    id: int
    key: str
    title: str
    theme: str
    owner: str
    team: str
    status: str
    tags: tuple[str, ...]


class KeyTakenError(ValueError):
    """A row (an item, a stakeholder ...) would get a key another row of the plan has."""


def item_rows(*, session: Session, plan_id: int, lang: str | None = None) -> list[ItemRow]:
    """Every item of the plan in stored order, with the names of its theme, owner and team.

    With ``lang``, titles come in that language where a translation exists.
    """
    i, th, org, team = (m.__table__ for m in (t.Item, t.Theme, t.Organisation, t.Team))
    columns = [i.c.id, i.c.key, i.c.title, th.c.name, org.c.name, team.c.name, i.c.status]
    columns += [i.c.tags, i.c.i18n] if lang else [i.c.tags]
    query = (
        select(*columns)
        .select_from(
            i.outerjoin(th, th.c.id == i.c.theme_id)
            .outerjoin(org, org.c.id == i.c.organisation_id)
            .outerjoin(team, team.c.id == i.c.team_id)
        )
        .where(i.c.plan_id == plan_id)
        .order_by(i.c.id)
    )
    rows = []
    for r in fetch(session.connection(), query):  # plain tuples: 100,000 rows are many
        title = r[2]
        if lang:
            title = (decoded(r[8]) or {}).get(lang, {}).get("title") or title
        tags = decoded(r[7])
        rows.append(
            ItemRow(r[0], r[1], title, r[3] or "", r[4] or "", r[5] or "", r[6], tuple(tags or ()))
        )
    return rows


def keyed_names(*, session: Session, plan_id: int, model: type) -> list[tuple[str, str]]:
    """``(key, name)`` of the plan's rows of ``model`` (needs: their text), in stored order."""
    c = model.__table__.c
    name = c.text if model is t.Need else c.name
    order = (c.position, c.id) if "position" in c else (c.id,)
    return [
        tuple(r)
        for r in session.execute(select(c.key, name).where(c.plan_id == plan_id).order_by(*order))
    ]


def read_item(*, session: Session, plan_id: int, key: str) -> tuple[ItemIn, int]:
    """Item ``key`` as an input model (with its scores, dependencies and links) and its version."""
    from roadmap.store.plandoc import calendar_of

    item = find_item(session=session, plan_id=plan_id, key=key)
    plan = session.get(t.Plan, plan_id)

    def key_of(model: type, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        return session.execute(
            select(model.__table__.c.key).where(model.__table__.c.id == row_id)
        ).scalar()

    def linked(link: type, target: type, column: str) -> list[str]:
        lc, tc = link.__table__.c, target.__table__.c
        query = select(tc.key).join(link, lc[column] == tc.id).where(lc.item_id == item.id)
        return list(session.execute(query.order_by(tc.id)).scalars())

    crit, score = t.Criterion.__table__.c, t.ItemScore.__table__.c
    scores = dict(
        session.execute(
            select(crit.key, score.value)
            .join(t.ItemScore, score.criterion_id == crit.id)
            .where(score.item_id == item.id)
            .order_by(crit.position, crit.id)
        ).all()
    )
    dep, other = t.Dependency.__table__.c, t.Item.__table__.c
    blockers = session.execute(
        select(other.key, dep.kind)
        .join(t.Dependency, dep.blocker_id == other.id)
        .where(dep.blocked_id == item.id)
        .order_by(dep.id)
    ).all()
    pinned = item.pinned_period
    item_in = ItemIn.model_construct(
        key=item.key,
        title=item.title,
        description=item.description,
        theme=key_of(t.Theme, item.theme_id),
        organisation=key_of(t.Organisation, item.organisation_id),
        team=key_of(t.Team, item.team_id),
        status=item.status,
        effort=item.effort,
        moscow=item.moscow,
        confidence=item.confidence,
        reach=item.reach,
        impact=item.impact,
        cost_of_delay=item.cost_of_delay,
        mandatory=item.mandatory,
        pinned_period=None if pinned is None else calendar_of(plan).label(pinned),
        earliest_start=item.earliest_start,
        deadline=item.deadline,
        tags=list(item.tags),
        scores=scores,
        needs=linked(t.ItemNeed, t.Need, "need_id"),
        sources=linked(t.ItemSource, t.InfoSource, "source_id"),
        organisations=linked(t.ItemOrganisation, t.Organisation, "organisation_id"),
        depends_on=[k for k, kind in blockers if kind == "hard"],
        soft_depends_on=[k for k, kind in blockers if kind == "soft"],
        i18n=dict(item.i18n),
    )
    return item_in, item.version


def item_version(*, session: Session, plan_id: int, key: str) -> int:
    c = t.Item.__table__.c
    version = session.execute(select(c.version).where(c.plan_id == plan_id, c.key == key)).scalar()
    if version is None:
        raise NotFoundError(f"no item {key!r} in this plan")
    return version


def save_item(
    *,
    session: Session,
    plan_id: int,
    item: ItemIn,
    original_key: str | None = None,
    expected_version: int | None = None,
    keep_relations: bool = True,
) -> int:
    """Store ``item`` as a new item (``original_key`` None) or over ``original_key``.

    An existing item is written only if it is still at ``expected_version``
    (:class:`StaleEditError` otherwise). With ``keep_relations`` its stored scores and
    dependencies stay as they are, whatever ``item`` says about them (the item form does not
    edit them). Returns the item's new version.
    """
    from roadmap.store.plandoc import write_items

    taken = item.key != original_key and _exists(session, t.Item, plan_id, item.key)
    if taken:
        raise KeyTakenError(f"another item already has the key {item.key!r}")
    if original_key is not None:
        if expected_version is None:
            raise ValueError("an edit of a stored item needs the version it was based on")
        if item.key != original_key:
            # Checks the version and renames in one statement, so racing editors cannot both win.
            update_item(
                session=session,
                plan_id=plan_id,
                key=original_key,
                expected_version=expected_version,
                changes={"key": item.key},
            )
        else:
            # The row stays locked (and SQLite writers serialised) until the write is done.
            stored = find_item(session=session, plan_id=plan_id, key=original_key, lock=True)
            if stored.version != expected_version:
                raise StaleEditError(original_key, expected_version, stored.version)
        if keep_relations:
            stored, _ = read_item(session=session, plan_id=plan_id, key=item.key)
            relations = ("scores", "depends_on", "soft_depends_on")
            item = item.model_copy(update={name: getattr(stored, name) for name in relations})
    write_items(session=session, plan_id=plan_id, items=[item])
    return item_version(session=session, plan_id=plan_id, key=item.key)


def _exists(session: Session, model: type | Table, plan_id: int, key: str) -> bool:
    c = getattr(model, "__table__", model).c
    return (
        session.execute(select(c.id).where(c.plan_id == plan_id, c.key == key)).first() is not None
    )


class DeletedItem(NamedTuple):
    """What :func:`restore_item` needs to bring a deleted item back."""

    item: ItemIn
    dependants: tuple[tuple[str, str], ...]
    """``(blocked key, kind)`` of the items that waited for it."""
    milestones: tuple[str, ...]


def delete_item(
    *, session: Session, plan_id: int, key: str, expected_version: int | None = None
) -> DeletedItem:
    """Delete item ``key`` (refused as stale if it moved past ``expected_version``)."""
    item_in, version = read_item(session=session, plan_id=plan_id, key=key)
    if expected_version is not None and version != expected_version:
        raise StaleEditError(key, expected_version, version)
    row = find_item(session=session, plan_id=plan_id, key=key, lock=True)
    dep, other = t.Dependency.__table__.c, t.Item.__table__.c
    dependants = session.execute(
        select(other.key, dep.kind)
        .join(t.Dependency, dep.blocked_id == other.id)
        .where(dep.blocker_id == row.id)
        .order_by(dep.id)
    ).all()
    ms, link = t.Milestone.__table__.c, t.MilestoneItem.__table__.c
    milestones = session.execute(
        select(ms.key)
        .join(t.MilestoneItem, link.milestone_id == ms.id)
        .where(link.item_id == row.id)
    ).scalars()
    deleted = DeletedItem(item_in, tuple(tuple(d) for d in dependants), tuple(milestones))
    session.delete(row)
    session.flush()
    return deleted


def restore_item(*, session: Session, plan_id: int, deleted: DeletedItem) -> int:
    """Bring back an item :func:`delete_item` removed, with the links it had; its new version."""
    from roadmap.store.plandoc import write_items

    if _exists(session, t.Item, plan_id, deleted.item.key):
        raise KeyTakenError(f"another item already has the key {deleted.item.key!r}")
    write_items(session=session, plan_id=plan_id, items=[deleted.item])
    ids = _ids(session, t.Item, plan_id)
    new_id = ids[deleted.item.key]
    rows = [
        {"plan_id": plan_id, "blocker_id": new_id, "blocked_id": ids[k], "kind": kind}
        for k, kind in deleted.dependants
        if k in ids
    ]
    if rows:
        session.execute(insert(t.Dependency.__table__), rows)
    milestones = _ids(session, t.Milestone, plan_id)
    links = [
        {"milestone_id": milestones[k], "item_id": new_id}
        for k in deleted.milestones
        if k in milestones
    ]
    if links:
        session.execute(insert(t.MilestoneItem.__table__), links)
    return item_version(session=session, plan_id=plan_id, key=deleted.item.key)


def _ids(session: Session, model: type, plan_id: int) -> dict[str, int]:
    c = model.__table__.c
    return dict(session.execute(select(c.key, c.id).where(c.plan_id == plan_id)).all())


# Scores -------------------------------------------------------------------------------------

FIBONACCI = (1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0)
SCALE_RANGES = {"1-5": (1.0, 5.0), "0-10": (0.0, 10.0), "fibonacci": (1.0, 21.0)}


def step_value(scale: str, value: float | None, delta: int) -> float:
    """The next value up (``delta`` 1) or down (-1) a criterion's scale, kept inside it.

    >>> step_value("1-5", 3, 1), step_value("1-5", 5, 1), step_value("fibonacci", 5, -1)
    (4.0, 5.0, 3.0)
    >>> step_value("0-10", None, 1)
    6.0
    """
    low, high = SCALE_RANGES[scale]
    if value is None:
        value = (low + high) / 2 if scale != "fibonacci" else 5.0
        value = float(int(value))
    if scale == "fibonacci":
        below = [v for v in FIBONACCI if v < value]
        above = [v for v in FIBONACCI if v > value]
        if delta > 0:
            return above[0] if above else FIBONACCI[-1]
        return below[-1] if below else FIBONACCI[0]
    return float(min(high, max(low, round(value) + delta)))


def check_score(scale: str, value: float) -> str | None:
    """Why ``value`` is not a value of ``scale``, or ``None`` when it is."""
    low, high = SCALE_RANGES[scale]
    if scale == "fibonacci" and value not in FIBONACCI:
        return "use one of 1, 2, 3, 5, 8, 13, 21"
    if not low <= value <= high:
        return f"use a value from {low:g} to {high:g}"
    return None


def all_scores(*, session: Session, plan_id: int) -> dict[str, dict[str, float]]:
    """``item key -> criterion key -> value`` for every scored item of the plan."""
    item, crit, score = (m.__table__.c for m in (t.Item, t.Criterion, t.ItemScore))
    out: dict[str, dict[str, float]] = defaultdict(dict)
    query = (
        select(item.key, crit.key, score.value)
        .join(t.Item, item.id == score.item_id)
        .join(t.Criterion, crit.id == score.criterion_id)
        .where(item.plan_id == plan_id)
    )
    for item_key, crit_key, value in session.execute(query):
        out[item_key][crit_key] = value
    return dict(out)


def set_score(
    *,
    session: Session,
    plan_id: int,
    item_key: str,
    criterion_key: str,
    value: float | None,
    expected_version: int | None = None,
) -> float | None:
    """Set (or, with ``None``, clear) one score; returns the value it had.

    The item's version goes up, like on any edit of the item; with ``expected_version`` the
    score is set only if the item is still at that version (:class:`StaleEditError` otherwise).
    """
    item_id = _ids_one(session, t.Item, plan_id, item_key)
    crit_id = _ids_one(session, t.Criterion, plan_id, criterion_key)
    items = t.Item.__table__
    bump = update(items).where(items.c.id == item_id)
    if expected_version is not None:
        bump = bump.where(items.c.version == expected_version)
    bumped = session.execute(bump.values(version=items.c.version + 1, updated_at=t.utcnow()))
    if bumped.rowcount == 0:
        stored = item_version(session=session, plan_id=plan_id, key=item_key)
        raise StaleEditError(item_key, expected_version, stored)
    c = t.ItemScore.__table__.c
    where = (c.item_id == item_id, c.criterion_id == crit_id)
    before = session.execute(select(c.value).where(*where)).scalar()
    session.execute(delete(t.ItemScore.__table__).where(*where))
    if value is not None:
        now = t.utcnow()
        session.execute(
            insert(t.ItemScore.__table__).values(
                item_id=item_id, criterion_id=crit_id, value=value, created_at=now, updated_at=now
            )
        )
    return before


def _ids_one(session: Session, model: type, plan_id: int, key: str) -> int:
    c = model.__table__.c
    found = session.execute(select(c.id).where(c.plan_id == plan_id, c.key == key)).scalar()
    if found is None:
        raise NotFoundError(f"no {model.__tablename__} {key!r} in this plan")
    return found


# Simple keyed rows: sections, stakeholders, needs, sources, teams -------------------------


def rows_of(*, session: Session, plan_id: int, model: type) -> list[Any]:
    """The plan's ORM rows of ``model`` in stored order (small tables only)."""
    c = model.__table__.c
    order = (c.position, c.id) if "position" in c else (c.id,)
    return list(session.scalars(select(model).where(c.plan_id == plan_id).order_by(*order)))


def update_row(
    *, session: Session, plan_id: int, model: type, key: str, changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply ``changes`` to row ``key`` of ``model``; returns the values they replaced."""
    row = session.scalars(select(model).where(model.plan_id == plan_id, model.key == key)).first()
    if row is None:
        raise NotFoundError(f"no {model.__tablename__} {key!r} in this plan")
    before = {name: getattr(row, name) for name in changes}
    for name, value in changes.items():
        setattr(row, name, value)
    session.flush()
    return before


def key_map(*, session: Session, plan_id: int, model: type) -> dict[int, str]:
    """``id -> key`` of the plan's rows of ``model`` (small tables only)."""
    c = model.__table__.c
    return dict(session.execute(select(c.id, c.key).where(c.plan_id == plan_id)).all())


def row_columns(*, session: Session, plan_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Form values as column values: ``organisation`` and ``stakeholder`` keys become ids."""
    out = dict(values)
    for name, model in (("organisation", t.Organisation), ("stakeholder", t.Stakeholder)):
        if name in out:
            key = out.pop(name)
            out[f"{name}_id"] = None if key is None else _ids_one(session, model, plan_id, key)
    return out


def add_row(*, session: Session, plan_id: int, model: type, values: dict[str, Any]) -> None:
    """Store a new row of ``model`` (:class:`KeyTakenError` if its key is taken)."""
    if _exists(session, model, plan_id, values["key"]):
        raise KeyTakenError(f"another {model.__tablename__} already has the key {values['key']!r}")
    session.add(model(plan_id=plan_id, **values))
    session.flush()


def edit_row(
    *, session: Session, plan_id: int, model: type, key: str, values: dict[str, Any]
) -> dict[str, Any]:
    """Like :func:`update_row`, refusing a new key another row already has."""
    if values.get("key", key) != key and _exists(session, model, plan_id, values["key"]):
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


def row_state(*, session: Session, plan_id: int, model: type, key: str) -> dict[str, Any]:
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
    model: type,
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
    model: type,
    key: str,
    expected: dict[str, Any] | None = None,
) -> DeletedRow:
    """Delete row ``key`` of ``model`` with what belongs to it (a stakeholder's needs).

    With ``expected`` (a :func:`row_state`), refused if the row changed since. Returns what
    :func:`restore_row` needs to bring it all back.
    """
    table = model.__table__
    row_id = _ids_one(session, model, plan_id, key)
    deleted = _snapshot(session, table, row_id)
    if expected is not None and deleted.state != expected:
        raise RowChangedError(table, key)
    session.execute(delete(table).where(table.c.id == row_id))
    return deleted


def restore_row(*, session: Session, plan_id: int, deleted: DeletedRow) -> None:
    """Bring back a row :func:`delete_row` removed, with its links, under the same keys.

    Links to rows deleted meanwhile are left out; a key taken meanwhile refuses it all.
    """
    table, key = deleted.table, deleted.state["key"]
    if _exists(session, table, plan_id, key):
        raise KeyTakenError(f"another {table.name} already has the key {key!r}")
    values = _stored_one(session, plan_id, table, deleted.state, key)
    inserted = session.execute(insert(table).values(plan_id=plan_id, **values))
    row_id = inserted.inserted_primary_key[0]
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


def capacity_changes(*, session: Session, plan_id: int) -> dict[str, list[tuple[int, float]]]:
    """``team key -> [(from period, capacity)]`` in period order."""
    team, cap = t.Team.__table__.c, t.TeamCapacity.__table__.c
    query = (
        select(team.key, cap.from_period, cap.capacity)
        .join(t.Team, team.id == cap.team_id)
        .where(team.plan_id == plan_id)
        .order_by(team.key, cap.from_period)
    )
    out: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for key, period, capacity in session.execute(query):
        out[key].append((period, capacity))
    return dict(out)


def set_capacity_changes(
    *,
    session: Session,
    plan_id: int,
    team: str,
    changes: list[tuple[int, float]],
    expected: list[tuple[int, float]] | None = None,
) -> list[tuple[int, float]]:
    """Replace team ``team``'s capacity changes by ``changes`` (``(from period, capacity)``).

    Returns those replaced; with ``expected``, refused unless those are the ones stored.
    """
    team_id = _ids_one(session, t.Team, plan_id, team)
    cap = t.TeamCapacity.__table__
    stored = session.execute(
        select(cap.c.from_period, cap.c.capacity)
        .where(cap.c.team_id == team_id)
        .order_by(cap.c.from_period)
    ).all()
    before = [(period, capacity) for period, capacity in stored]
    if expected is not None and before != list(expected):
        raise RowChangedError(t.Team.__table__, team)
    session.execute(delete(cap).where(cap.c.team_id == team_id))
    if changes:
        now = t.utcnow()
        session.execute(
            insert(cap),
            [
                {
                    "team_id": team_id,
                    "from_period": period,
                    "capacity": capacity,
                    "created_at": now,
                    "updated_at": now,
                }
                for period, capacity in changes
            ],
        )
    return before


def set_translation(
    *, session: Session, plan_id: int, model: type, key: str, lang: str, field: str, text: str
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


def silo_matrix(*, session: Session, plan_id: int) -> dict[tuple[str, str], bool]:
    """``(stakeholder key, source key) -> has access`` for every need of a source."""
    sh, src, link = (m.__table__.c for m in (t.Stakeholder, t.InfoSource, t.StakeholderSource))
    query = (
        select(sh.key, src.key, link.has_access)
        .join(t.Stakeholder, sh.id == link.stakeholder_id)
        .join(t.InfoSource, src.id == link.source_id)
        .where(sh.plan_id == plan_id)
    )
    return {(a, b): bool(access) for a, b, access in session.execute(query)}


def set_silo_cell(
    *, session: Session, plan_id: int, stakeholder: str, source: str, state: bool | None
) -> bool | None:
    """Set whether a stakeholder needs a source (``None``: does not) and can reach it."""
    sh_id = _ids_one(session, t.Stakeholder, plan_id, stakeholder)
    src_id = _ids_one(session, t.InfoSource, plan_id, source)
    c = t.StakeholderSource.__table__.c
    where = (c.stakeholder_id == sh_id, c.source_id == src_id)
    before = session.execute(select(c.has_access).where(*where)).scalar()
    session.execute(delete(t.StakeholderSource.__table__).where(*where))
    if state is not None:
        now = t.utcnow()
        session.execute(
            insert(t.StakeholderSource.__table__).values(
                stakeholder_id=sh_id,
                source_id=src_id,
                has_access=state,
                created_at=now,
                updated_at=now,
            )
        )
    return None if before is None else bool(before)


# Dependencies -------------------------------------------------------------------------------


def dependency_edges(*, session: Session, plan_id: int) -> list[tuple[str, str, str]]:
    """``(blocker key, blocked key, kind)`` of every dependency of the plan."""
    dep, a, b = t.Dependency.__table__, t.Item.__table__.alias("a"), t.Item.__table__.alias("b")
    query = (
        select(a.c.key, b.c.key, dep.c.kind)
        .select_from(dep.join(a, a.c.id == dep.c.blocker_id).join(b, b.c.id == dep.c.blocked_id))
        .where(dep.c.plan_id == plan_id)
        .order_by(dep.c.id)
    )
    return [tuple(r) for r in session.execute(query)]


def find_items(*, session: Session, plan_id: int, text: str, limit: int) -> list[tuple[str, str]]:
    """``(key, title)`` of up to ``limit`` items whose key or title holds ``text``."""
    c = t.Item.__table__.c
    pattern = f"%{text.replace('%', '').replace('_', '')}%"
    query = (
        select(c.key, c.title)
        .where(c.plan_id == plan_id, c.key.ilike(pattern) | c.title.ilike(pattern))
        .order_by(c.key)
        .limit(limit)
    )
    return [tuple(r) for r in session.execute(query)]
