"""Every change of stored items: imports that update items, the app's edits, undo and redo, and
the workshop's write-back all go through :func:`update_items`.

A write names an item, the fields it changes with their new values, and the values those fields
had when the writer read them. Under a lock on the item's row (``SELECT ... FOR UPDATE`` on
PostgreSQL; on SQLite the write transaction, which ``BEGIN IMMEDIATE`` makes the only one) the
stored values of just those fields are compared with the read ones. A field that someone else
changed meanwhile is a conflict, and nothing is written; fields the write does not touch may
have changed freely, so two writers that change different fields of the same item both land.
Only the changed columns and relations are written, and the item's version goes up once per
write.

Fields are named as in :class:`~roadmap.model.inputs.ItemIn` (references as keys, periods as
labels); ``scores`` is a mapping of just the criteria that change (``None`` clears a score).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, insert, select, update
from sqlmodel import Session

from roadmap.i18n import _
from roadmap.model import tables as t
from roadmap.model.inputs import ItemIn
from roadmap.model.periods import period_index
from roadmap.model.storable import calendar_of
from roadmap.store.bulk import key_ids
from roadmap.store.plan_read import ITEM_LINKS, KEYED
from roadmap.store.repo import KeyTakenError, NotFoundError

COLUMNS = (
    "key",
    "title",
    "description",
    "theme",
    "organisation",
    "team",
    "status",
    "effort",
    "moscow",
    "confidence",
    "reach",
    "impact",
    "cost_of_delay",
    "mandatory",
    "pinned_period",
    "earliest_start",
    "deadline",
    "tags",
    "i18n",
)
"""Fields stored in the item's own row."""
REFERENCES = {"theme": "theme_id", "organisation": "organisation_id", "team": "team_id"}
"""Fields that hold the key of another row, and their columns."""
DEPENDENCIES = {"depends_on": "hard", "soft_depends_on": "soft"}
LINKS = {field: (model, name, column) for model, field, name, column in ITEM_LINKS}
"""Fields that list linked rows (needs, sources, affected organisations); their order is
the linked rows' own, so they compare as sets."""
FIELDS = frozenset((*COLUMNS, "scores", *DEPENDENCIES, *LINKS))
"""Every field a write can change."""
_CHUNK = 500
"""Items read (and locked) per statement."""
_NAMED = 10
"""Items a conflict's message names; the rest are counted."""


@dataclass(frozen=True, slots=True)
class ItemWrite:
    """A change of item ``key``: ``changes`` are the new values, ``read`` the values the writer
    read of the same fields (``None``: write whatever is stored, as the workshop's results do).
    """

    key: str
    changes: Mapping[str, Any]
    read: Mapping[str, Any] | None = field(default=None)


class Conflict(NamedTuple):
    """A field someone else changed after the writer read it."""

    key: str
    field: str


class WriteConflict(RuntimeError):
    """Fields of items were changed by someone else since they were read; nothing was written."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = list(conflicts)
        fields: dict[str, list[str]] = defaultdict(list)
        for conflict in self.conflicts:
            fields[conflict.key].append(conflict.field)
        named = [f"{key} ({', '.join(names)})" for key, names in fields.items()]
        shown = "; ".join(named[:_NAMED])
        if len(named) > _NAMED:
            shown = _("{items} and {n} more", items=shown, n=len(named) - _NAMED)
        super().__init__(
            _(
                "Changed by someone else since it was read, so nothing was saved: {items}",
                items=shown,
            )
        )


def diff(read: ItemIn, new: ItemIn, *, skip: Iterable[str] = ()) -> ItemWrite | None:
    """The write that takes an item from ``read`` (as stored when read) to ``new``, or ``None``
    when they are the same; fields in ``skip`` are left as they are stored."""
    changes: dict[str, Any] = {}
    before: dict[str, Any] = {}
    for name in ItemIn.model_fields:
        if name == "scores" or name in skip:
            continue
        old, value = getattr(read, name), getattr(new, name)
        if _same(name, old, value):
            continue
        changes[name], before[name] = value, old
    if "scores" not in skip:
        both = {**read.scores, **new.scores}
        criteria = [c for c in both if read.scores.get(c) != new.scores.get(c)]
        if criteria:
            changes["scores"] = {c: new.scores.get(c) for c in criteria}
            before["scores"] = {c: read.scores.get(c) for c in criteria}
    return ItemWrite(read.key, changes, before) if changes else None


def _same(name: str, a: Any, b: Any) -> bool:
    if name in LINKS:
        return set(a) == set(b)
    return a == b


def update_item(*, session: Session, plan_id: int, write: ItemWrite) -> int:
    """Make one :class:`ItemWrite`; the item's version afterwards."""
    versions = update_items(session=session, plan_id=plan_id, writes=[write])
    return versions[write.changes.get("key", write.key)]


def update_items(*, session: Session, plan_id: int, writes: Sequence[ItemWrite]) -> dict[str, int]:
    """Make ``writes`` in the caller's transaction, all or none; the version of each item
    written (by its key afterwards).

    Raises :class:`WriteConflict` naming every item and field someone else changed since it
    was read, :class:`NotFoundError` for an item that is gone, and :class:`KeyTakenError`
    when a new key is another item's.
    """
    unknown = {name for w in writes for name in w.changes} - FIELDS
    if unknown:
        raise ValueError(f"cannot change {', '.join(sorted(unknown))} of an item")
    if not writes:
        return {}
    plan = session.get_one(t.Plan, plan_id)
    keys = {name: key_ids(session, model, plan_id) for name, model in KEYED.items()}
    rows = _locked(session, plan_id, [w.key for w in writes])
    missing = [w.key for w in writes if w.key not in rows]
    if missing:
        raise NotFoundError(f"no item {', '.join(missing)!s} in this plan")
    cal = calendar_of(plan)

    def column_value(name: str, value: Any) -> Any:
        """``value`` of field ``name`` as its column stores it."""
        if name in REFERENCES:
            return None if value is None else keys[name].get(value, -1)
        if name == "pinned_period":
            return None if value is None else period_index(cal, value)
        return list(value) if isinstance(value, tuple) else value  # tags: a JSON list

    ids = [rows[w.key].id for w in writes]
    related = {name for w in writes for name in w.changes} - set(COLUMNS)
    stored = _relations(session, ids, related)
    conflicts: list[Conflict] = []
    plans: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for w in writes:
        row = rows[w.key]
        now = stored[row.id]
        columns: dict[str, Any] = {}
        relations: dict[str, Any] = {}
        for name, value in w.changes.items():
            if name in COLUMNS:
                have = getattr(row, REFERENCES.get(name, name))
                want = column_value(name, value)
                then = None if w.read is None else column_value(name, w.read.get(name))
                if w.read is not None and have != then:
                    conflicts.append(Conflict(w.key, name))
                elif have != want:
                    columns[REFERENCES.get(name, name)] = want
            elif name == "scores":
                have_scores = now["scores"]
                read_scores = {} if w.read is None else w.read.get("scores") or {}
                changed = {}
                for criterion, score in value.items():
                    have_score = have_scores.get(criterion)
                    if w.read is not None and have_score != read_scores.get(criterion):
                        conflicts.append(Conflict(w.key, f"scores.{criterion}"))
                    elif have_score != score:
                        changed[criterion] = score
                if changed:
                    relations["scores"] = changed
            else:
                have = now[name]
                if w.read is not None and not _same(name, have, w.read.get(name) or []):
                    conflicts.append(Conflict(w.key, name))
                elif not _same(name, have, value):
                    relations[name] = list(value)
        if columns or relations:
            plans.append((row.id, columns, relations))
    if conflicts:
        raise WriteConflict(conflicts)
    _check_keys(session, plan_id, writes, rows)
    _write_columns(session, [(row_id, columns) for row_id, columns, _ in plans])
    _write_relations(session, plan_id, keys, [(row_id, rel) for row_id, _, rel in plans if rel])
    c = t.Item.__table__.c
    versions: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        versions.update(session.execute(select(c.key, c.version).where(c.id.in_(chunk))).all())
    return versions


def stored_fields(*, session: Session, plan_id: int, key: str, fields: set[str]) -> dict[str, Any]:
    """The stored relations ``fields`` (scores, dependencies, links) of item ``key``, read
    under the row's lock: values a write can name as read."""
    row = _locked(session, plan_id, [key]).get(key)
    if row is None:
        raise NotFoundError(f"no item {key!r} in this plan")
    return _relations(session, [row.id], fields)[row.id]


def _locked(session: Session, plan_id: int, keys: list[str]) -> dict[str, Any]:
    """The stored rows of items ``keys``, locked until the transaction ends.

    Rows are locked in key order, so that two writers of many of the same items wait for each
    other instead of each holding what the other needs (SQLite ignores ``FOR UPDATE``: its
    write transaction holds the whole database).
    """
    table = t.Item.__table__
    c = table.c
    rows: dict[str, Any] = {}
    ordered = sorted(set(keys))
    for start in range(0, len(ordered), _CHUNK):
        query = (
            select(table)
            .where(c.plan_id == plan_id, c.key.in_(ordered[start : start + _CHUNK]))
            .order_by(c.key)
            .with_for_update()
        )
        rows.update((row.key, row) for row in session.execute(query))
    return rows


def _relations(session: Session, ids: list[int], fields: set[str]) -> dict[int, dict[str, Any]]:
    """The stored ``fields`` (scores, dependencies, links) of items ``ids``, by item id."""
    found: dict[int, dict[str, Any]] = {
        row_id: {"scores": {}, **{name: [] for name in (*DEPENDENCIES, *LINKS)}} for row_id in ids
    }
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        if "scores" in fields:
            s, cr = t.ItemScore.__table__.c, t.Criterion.__table__.c
            query = (
                select(s.item_id, cr.key, s.value)
                .join(t.Criterion, cr.id == s.criterion_id)
                .where(s.item_id.in_(chunk))
            )
            for item_id, criterion, value in session.execute(query):
                found[item_id]["scores"][criterion] = value
        if fields & set(DEPENDENCIES):
            d, other = t.Dependency.__table__.c, t.Item.__table__.c
            query = (
                select(d.blocked_id, other.key, d.kind)
                .join(t.Item, other.id == d.blocker_id)
                .where(d.blocked_id.in_(chunk))
                .order_by(d.id)
            )
            for item_id, blocker, kind in session.execute(query):
                name = "depends_on" if kind == "hard" else "soft_depends_on"
                found[item_id][name].append(blocker)
        for name in fields & set(LINKS):
            model, target, column = LINKS[name]
            lc, tc = model.__table__.c, KEYED[target].__table__.c
            query = (
                select(lc.item_id, tc.key)
                .join(KEYED[target], tc.id == lc[column])
                .where(lc.item_id.in_(chunk))
                .order_by(tc.id)
            )
            for item_id, key in session.execute(query):
                found[item_id][name].append(key)
    return found


def _check_keys(
    session: Session, plan_id: int, writes: Sequence[ItemWrite], rows: dict[str, Any]
) -> None:
    """Refuse a new key that another item has (or gets in the same writes)."""
    renames = {w.key: w.changes["key"] for w in writes if w.changes.get("key", w.key) != w.key}
    if not renames:
        return
    wanted = set(renames.values())
    taken = wanted & set(key_ids(session, t.Item, plan_id, only=wanted)) - set(renames)
    if taken or len(wanted) < len(renames):
        raise KeyTakenError(
            _("Another item already has the key {key}", key=", ".join(sorted(taken or wanted)))
        )


def _write_columns(session: Session, changes: list[tuple[int, dict[str, Any]]]) -> None:
    """One ``UPDATE`` per item: its changed columns and its version raised by one.

    Items that change the same columns go to the driver together (executemany).
    """
    table = t.Item.__table__
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row_id, columns in changes:
        names = tuple(sorted(columns))
        groups[names].append({"row_id": row_id, **{f"new_{n}": columns[n] for n in names}})
    for names, params in groups.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(
                version=table.c.version + 1,
                updated_at=t.utcnow(),
                **{n: bindparam(f"new_{n}", type_=table.c[n].type) for n in names},
            )
        )
        session.execute(statement, params)


def _write_relations(
    session: Session,
    plan_id: int,
    keys: dict[str, dict[str | None, int]],
    changes: list[tuple[int, dict[str, Any]]],
) -> None:
    """Scores, dependencies and links of items: the changed ones replaced."""
    criteria = keys["criterion"]
    now = t.utcnow()
    blockers = {key for _, rel in changes for name in DEPENDENCIES for key in rel.get(name, ())}
    item_ids = key_ids(session, t.Item, plan_id, only=blockers) if blockers else {}
    score = t.ItemScore.__table__
    dependency = t.Dependency.__table__
    cleared: list[dict[str, Any]] = []
    scores: list[dict[str, Any]] = []
    for row_id, rel in changes:
        for criterion, value in rel.get("scores", {}).items():
            cleared.append({"row_id": row_id, "criterion": criteria[criterion]})
            if value is not None:
                scores.append(
                    {
                        "item_id": row_id,
                        "criterion_id": criteria[criterion],
                        "value": value,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
    if cleared:
        session.execute(
            delete(score).where(
                score.c.item_id == bindparam("row_id"),
                score.c.criterion_id == bindparam("criterion"),
            ),
            cleared,
        )
    if scores:
        session.execute(insert(score), scores)
    for name, kind in DEPENDENCIES.items():
        ids = [{"row_id": row_id} for row_id, rel in changes if name in rel]
        if not ids:
            continue
        session.execute(
            delete(dependency).where(
                dependency.c.blocked_id == bindparam("row_id"), dependency.c.kind == kind
            ),
            ids,
        )
        rows = [
            {
                "plan_id": plan_id,
                "blocker_id": item_ids[blocker],
                "blocked_id": row_id,
                "kind": kind,
                "created_at": now,
                "updated_at": now,
            }
            for row_id, rel in changes
            for blocker in rel.get(name, ())
        ]
        if rows:
            session.execute(insert(dependency), rows)
    for name, (model, target, column) in LINKS.items():
        ids = [{"row_id": row_id} for row_id, rel in changes if name in rel]
        if not ids:
            continue
        table = model.__table__
        session.execute(delete(table).where(table.c.item_id == bindparam("row_id")), ids)
        rows = [
            {"item_id": row_id, column: keys[target][key], "created_at": now, "updated_at": now}
            for row_id, rel in changes
            for key in rel.get(name, ())
        ]
        if rows:
            session.execute(insert(table), rows)
