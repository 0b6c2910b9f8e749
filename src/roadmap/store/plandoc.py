"""Whole plans in and out of the database: a :class:`PlanDoc` stored as a plan, and back.

Plans can hold a hundred thousand items, so these paths use SQLAlchemy core statements
(executemany inserts, plain selects) rather than ORM objects, and :func:`read_plan` builds the
document from already-valid stored rows without validating them again.

Order is kept: rows are inserted in document order and read back by id (sections and criteria
by position), so an exported plan imported into an empty database exports to the same bytes.
Link lists that have no order of their own (an item's scores, needs, sources and affected
organisations; a milestone's items; a stakeholder's sources) come back in the order of the
rows they point to. Period labels (``2027-Q2``) are stored as period indexes of the plan's
calendar and written back as canonical labels.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    String,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    type_coerce,
    update,
)
from sqlmodel import Session

from roadmap.model import tables as t
from roadmap.model.inputs import (
    CapacityChangeIn,
    CriterionIn,
    InfoSourceIn,
    ItemIn,
    MilestoneIn,
    NeedIn,
    OrganisationIn,
    PlanDoc,
    PlanIn,
    Problem,
    SectionIn,
    SourceAccessIn,
    StakeholderIn,
    TeamIn,
    ThemeIn,
)
from roadmap.model.periods import Calendar, PeriodError
from roadmap.store.fetch import fetch
from roadmap.store.repo import create_plan, slugify

_ITEM_LINKS = (
    (t.ItemNeed, "needs", "need", "need_id"),
    (t.ItemSource, "sources", "source", "source_id"),
    (t.ItemOrganisation, "organisations", "organisation", "organisation_id"),
)
"""Item link tables: table, ItemIn field, key map, column of the linked row."""

_KEYED: dict[str, type] = {
    "theme": t.Theme,
    "organisation": t.Organisation,
    "team": t.Team,
    "criterion": t.Criterion,
    "need": t.Need,
    "source": t.InfoSource,
}


def calendar_of(plan: PlanIn | t.Plan) -> Calendar:
    return Calendar(plan.start_date, plan.period_unit)


def period_index(cal: Calendar, value: int | str) -> int:
    """The index of period ``value``; :class:`PeriodError` unless it has a label to write back."""
    index = cal.parse(value)
    try:
        if cal.parse(cal.label(index)) == index:
            return index
    except (ValueError, OverflowError):
        pass
    raise PeriodError(f"{value!r} is outside the plan's calendar")


def storage_problems(doc: PlanDoc) -> list[Problem]:
    """What :func:`~roadmap.model.inputs.check_references` leaves to storage: periods that do
    not resolve, and entries listed twice where the database stores each only once."""
    cal = calendar_of(doc.plan)
    problems: list[Problem] = []

    def period(value: int | str | None, loc: tuple) -> int | None:
        if value is None:
            return None
        try:
            return period_index(cal, value)
        except PeriodError as exc:
            problems.append(Problem(loc, str(exc)))
            return None

    def once(values: Iterable[Any], loc: tuple, what: str) -> None:
        seen = set()
        for j, value in enumerate(values):
            if value is not None and value in seen:
                problems.append(Problem((*loc, j), f"{what} {value!r} is listed twice"))
            seen.add(value)

    for i, team in enumerate(doc.teams):
        loc = ("teams", i, "capacity_changes")
        starts = [
            period(change.from_period, (*loc, j, "from_period"))
            for j, change in enumerate(team.capacity_changes)
        ]
        once(starts, loc, "a capacity change from period")
    for i, sh in enumerate(doc.stakeholders):
        once((access.source for access in sh.sources), ("stakeholders", i, "sources"), "source")
    for i, item in enumerate(doc.items):
        period(item.pinned_period, ("items", i, "pinned_period"))
    for i, ms in enumerate(doc.milestones):
        once(ms.items, ("milestones", i, "items"), "item")
    return problems


def write_plan(*, session: Session, doc: PlanDoc, replace: bool = False) -> t.Plan:
    """Store ``doc`` as a new plan and return it.

    ``doc`` must be free of :func:`~roadmap.model.inputs.check_references` and
    :func:`storage_problems` problems. The slug is ``doc.plan.slug`` (or made from the name),
    made unique in the database; with ``replace``, a plan that has that slug is deleted first,
    in the caller's transaction.
    """
    if replace:
        wanted = doc.plan.slug or slugify(doc.plan.name)
        old = session.execute(select(t.Plan).where(t.Plan.slug == wanted)).scalar_one_or_none()
        if old is not None:
            session.delete(old)
            session.flush()
    plan = create_plan(session=session, plan_in=doc.plan)
    _write_contents(session, plan.id, doc)
    return plan


def _write_contents(session: Session, pid: int, doc: PlanDoc) -> None:
    """Everything of ``doc`` but the plan row, into the plan ``pid``."""
    cal = calendar_of(doc.plan)
    keys: dict[str, dict[str, int]] = {}

    def store(name: str, model: type, columns: tuple, rows: list[tuple]) -> dict[str, int]:
        _insert(session, model, columns, rows)
        keys[name] = _ids(session, model, pid)
        return keys[name]

    def own(row: Any) -> tuple[int, str, str]:
        """The values of :data:`_OWN`."""
        return pid, row.key, _json_text(row.i18n)

    _insert(
        session,
        t.Section,
        (*_OWN, "kind", "position", "title", "body"),
        [(*own(s), s.kind, n, s.title, s.body) for n, s in enumerate(doc.sections)],
    )
    orgs = store(
        "organisation",
        t.Organisation,
        (*_OWN, "name"),
        [(*own(o), o.name) for o in doc.organisations],
    )
    teams = store(
        "team",
        t.Team,
        ("plan_id", "key", "organisation_id", "name", "capacity"),
        [(pid, tm.key, orgs[tm.organisation], tm.name, tm.capacity) for tm in doc.teams],
    )
    _insert(
        session,
        t.TeamCapacity,
        ("team_id", "from_period", "capacity"),
        [
            (teams[tm.key], period_index(cal, c.from_period), c.capacity)
            for tm in doc.teams
            for c in tm.capacity_changes
        ],
    )
    store(
        "theme",
        t.Theme,
        (*_OWN, "name", "description"),
        [(*own(x), x.name, x.description) for x in doc.themes],
    )
    sources = store(
        "source",
        t.InfoSource,
        (*_OWN, "organisation_id", "name", "holds", "access"),
        [(*own(s), orgs.get(s.organisation), s.name, s.holds, s.access) for s in doc.sources],
    )
    holders = store(
        "stakeholder",
        t.Stakeholder,
        (*_OWN, "organisation_id", "name", "description"),
        [(*own(s), orgs.get(s.organisation), s.name, s.description) for s in doc.stakeholders],
    )
    store(
        "need",
        t.Need,
        (*_OWN, "stakeholder_id", "text", "importance"),
        [
            (*own(n), holders[s.key], n.text, n.importance)
            for s in doc.stakeholders
            for n in s.needs
        ],
    )
    _insert(
        session,
        t.StakeholderSource,
        ("stakeholder_id", "source_id", "has_access"),
        [
            (holders[s.key], sources[a.source], a.has_access)
            for s in doc.stakeholders
            for a in s.sources
        ],
    )
    store(
        "criterion",
        t.Criterion,
        (*_OWN, "name", "weight", "direction", "scale", "workshop", "position"),
        [
            (*own(c), c.name, c.weight, c.direction, c.scale, c.workshop, n)
            for n, c in enumerate(doc.criteria)
        ],
    )
    _insert(session, t.Item, _ITEM_COLUMNS, _item_rows(doc.items, pid, keys, cal))
    keys["item"] = item_ids = _ids(session, t.Item, pid)
    _insert_item_links(session, pid, doc.items, keys)
    milestones = store(
        "milestone",
        t.Milestone,
        (*_OWN, "name", "date"),
        [(*own(m), m.name, m.date) for m in doc.milestones],
    )
    _insert(
        session,
        t.MilestoneItem,
        ("milestone_id", "item_id"),
        [(milestones[m.key], item_ids[key]) for m in doc.milestones for key in m.items],
    )


_OWN = ("plan_id", "key", "i18n")
"""The columns every keyed, translatable row of a plan starts with."""


def write_items(*, session: Session, plan_id: int, items: list[ItemIn]) -> tuple[int, int]:
    """Add ``items`` to a stored plan; an item whose key the plan has replaces the stored one.

    The stored item keeps its id (so milestones and other links to it stay), its version is
    raised, and its scores, dependencies on other items, needs, sources and affected
    organisations become those of the new item. The caller checks the plan as it will be
    (references, cycles) beforehand. Returns the numbers of items added and replaced.
    """
    plan = session.get(t.Plan, plan_id)
    cal = calendar_of(plan)
    keys = {name: _ids(session, model, plan_id) for name, model in _KEYED.items()}
    named = {key for item in items for key in (item.key, *item.depends_on, *item.soft_depends_on)}
    stored = _ids(session, t.Item, plan_id, only=named)
    new = [item for item in items if item.key not in stored]
    old = [item for item in items if item.key in stored]
    _insert(session, t.Item, _ITEM_COLUMNS, _item_rows(new, plan_id, keys, cal))
    if old:
        table = t.Item.__table__
        conn = session.connection()
        values, params = _json_params(conn, table, _ITEM_COLUMNS)
        rows = [
            {**dict(zip(params, row, strict=True)), "row_id": stored[item.key]}
            for item, row in zip(old, _item_rows(old, plan_id, keys, cal), strict=True)
        ]
        session.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(version=table.c.version + 1, updated_at=_now(conn), **values),
            rows,
        )
        ids = [{"row_id": stored[item.key]} for item in old]
        for model, column in (
            (t.ItemScore, "item_id"),
            (t.Dependency, "blocked_id"),
            *((model, "item_id") for model, *_ in _ITEM_LINKS),
        ):
            table = model.__table__
            session.execute(delete(table).where(table.c[column] == bindparam("row_id")), ids)
    keys["item"] = _ids(session, t.Item, plan_id, only=named)
    _insert_item_links(session, plan_id, items, keys)
    return len(new), len(old)


def _insert(session: Session, model: type, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert ``rows``, tuples of the values of ``columns``, in document order.

    The statement is compiled once and the rows go to the driver as they are (or as dicts, for
    drivers with named parameters): SQLAlchemy's own per-row parameter handling costs more
    than the inserts themselves. Only the values that the driver cannot take as they come from
    the validated models go through their column type's bind processor. JSON columns take the
    text of :func:`_json_text`. All rows get one creation time.
    """
    if not rows:
        return
    conn = session.connection()
    table = model.__table__
    values, params = _json_params(conn, table, columns)
    values["created_at"] = values["updated_at"] = _now(conn)
    for column in table.c:
        default = column.default
        if column.name not in columns and column.name not in values and default is not None:
            values[column.name] = default.arg if default.is_scalar else default.arg(None)
    statement = insert(table).values(**values).inline()  # no RETURNING of the new ids
    compiled = statement.compile(dialect=conn.dialect, column_keys=params)
    processors = compiled._bind_processors
    for k, name in enumerate(params):
        if name in processors and not _is_plain(conn.dialect.name, table.c.get(name)):
            process = processors[name]
            rows = [
                row if row[k] is None else (*row[:k], process(row[k]), *row[k + 1 :])
                for row in rows
            ]
    fixed = {  # parameters the statement carries itself (defaults), processed once
        name: processors[name](value) if name in processors else value
        for name, value in compiled.params.items()
        if name not in params
    }
    names, extra = (*params, *fixed), tuple(fixed.values())
    if extra:
        rows = [row + extra for row in rows]
    order = compiled.positiontup
    if order is not None and tuple(order) != names:
        pick = itemgetter(*map(names.index, order), len(names))  # never a lone value
        rows = [pick((*row, None))[:-1] for row in rows]
        names = tuple(order)
    _execute_rows(conn, compiled.string, names, rows)


def _execute_rows(conn: Any, sql: str, names: tuple[str, ...], rows: list[tuple]) -> None:
    """Run the insert ``sql`` for ``rows``, the values of the parameters ``names``.

    SQLite and PostgreSQL take several hundred rows to a statement: that costs SQLite about
    half as much per row as a statement per row, and PostgreSQL a small part of it.
    """
    head, _, group = sql.rpartition(" VALUES ")
    width, dialect = len(names), conn.dialect.name
    if dialect == "sqlite" and group.count("?") == width:
        driver = conn.connection.driver_connection
        per = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // width

        def statement(n: int) -> str:
            return f"{head} VALUES {', '.join([group] * n)}"

        def values(batch: list[tuple]) -> Any:
            return tuple(chain(*batch))

    elif dialect == "postgresql" and sorted(_NAMED.findall(group)) == sorted(names):
        per = _PG_PARAMETERS // width
        keys = [f"{name}_{n}" for n in range(min(per, _ROWS_PER_STATEMENT)) for name in names]

        def statement(n: int) -> str:
            return f"{head} VALUES " + ", ".join(
                _NAMED.sub(rf"%(\1_{i})s", group) for i in range(n)
            )

        def values(batch: list[tuple]) -> Any:
            return dict(zip(keys, chain(*batch), strict=False))

    else:
        named = conn.dialect.paramstyle in ("named", "pyformat")
        conn.exec_driver_sql(
            sql, [dict(zip(names, row, strict=True)) for row in rows] if named else rows
        )
        return
    per = max(1, min(_ROWS_PER_STATEMENT, per))
    full = len(rows) - len(rows) % per
    if full:
        batches = [values(rows[start : start + per]) for start in range(0, full, per)]
        conn.exec_driver_sql(statement(per), batches)
    if full < len(rows):
        conn.exec_driver_sql(statement(len(rows) - full), values(rows[full:]))


_ROWS_PER_STATEMENT = 500
"""Most rows one insert statement carries (fewer when they would need more parameters than
the database takes)."""
_PG_PARAMETERS = 65_535
"""Most parameters PostgreSQL takes in one statement."""
_NAMED = re.compile(r"%\((\w+)\)s")
"""A named parameter of the psycopg driver."""


def _is_plain(dialect: str, column: Any) -> bool:
    """Whether SQLite takes this column's values as they come from the validated models:
    floats (or None) and booleans need no conversion, which saves a call per value."""
    return dialect == "sqlite" and isinstance(getattr(column, "type", None), Float | Boolean)


def _json_params(conn: Any, table: Any, columns: tuple[str, ...]) -> tuple[dict, list[str]]:
    """The values clause that binds the JSON columns among ``columns`` as their text, and the
    parameter name of each column: the JSON type's own encoding costs a large insert more than
    all its other columns."""
    values, params = {}, []
    sqlite = conn.dialect.name == "sqlite"
    for name in columns:
        if isinstance(table.c[name].type, JSON):
            param = bindparam(f"{name}_text", type_=String)
            # SQLite keeps the text as it is; a CAST there would turn it into a number.
            values[name] = param if sqlite else cast(param, JSON)
            name = param.key
        params.append(name)
    return values, params


def _json_text(value: Any) -> str:
    """``value`` as JSON text for :func:`_insert`; the empty values most rows hold, directly."""
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


def _now(conn: Any) -> Any:
    """The creation and update time of the rows one statement writes. SQLite would work out
    ``CURRENT_TIMESTAMP`` again for every row, so there it is read once and written into the
    statement; PostgreSQL's ``now()`` is the transaction's time already."""
    if conn.dialect.name != "sqlite":
        return func.now()
    stamp = conn.exec_driver_sql("SELECT CURRENT_TIMESTAMP").scalar()
    return literal_column(f"'{stamp}'")


def _ids(
    session: Session, model: type, plan_id: int, *, only: set[str] | None = None
) -> dict[str, int]:
    """``key -> id`` of the plan's rows of ``model``; with a few keys ``only``, just those."""
    table = model.__table__
    query = select(table.c.key, table.c.id).where(table.c.plan_id == plan_id)
    if only is not None and len(only) <= _FEW:
        return dict(session.execute(query.where(table.c.key.in_(sorted(only)))).all())
    return dict(fetch(session.connection(), query))


_FEW = 500
"""Up to this many keys are looked up by name; more read the whole table."""

_ITEM_COLUMNS = (
    "i18n",
    "plan_id",
    "key",
    "title",
    "description",
    "theme_id",
    "organisation_id",
    "team_id",
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
)
"""The columns of :func:`_item_rows`, in the table's order (which the statement follows)."""


def _item_rows(
    items: list[ItemIn], plan_id: int, keys: dict[str, dict[str, int]], cal: Calendar
) -> list[tuple]:
    """The values of :data:`_ITEM_COLUMNS` for ``items``, references turned into ids."""
    theme, org, team = keys["theme"].get, keys["organisation"].get, keys["team"].get
    dumps = _json_text
    return [
        (
            "{}" if not item.i18n else dumps(item.i18n),
            plan_id,
            item.key,
            item.title,
            item.description,
            theme(item.theme),
            org(item.organisation),
            team(item.team),
            item.status,
            item.effort,
            item.moscow,
            item.confidence,
            item.reach,
            item.impact,
            item.cost_of_delay,
            item.mandatory,
            None if item.pinned_period is None else period_index(cal, item.pinned_period),
            item.earliest_start,
            item.deadline,
            "[]" if not item.tags else dumps(item.tags),
        )
        for item in items
    ]


def _insert_item_links(
    session: Session, plan_id: int, items: list[ItemIn], keys: dict[str, dict[str, int]]
) -> None:
    """Scores, dependencies and links of ``items``, whose rows are already stored."""
    ids, crit = keys["item"], keys["criterion"]
    _insert(
        session,
        t.ItemScore,
        ("item_id", "criterion_id", "value"),
        [
            (item_id, crit[name], value)
            for item in items
            if item.scores
            for item_id in (ids[item.key],)
            for name, value in item.scores.items()
        ],
    )
    _insert(
        session,
        t.Dependency,
        ("plan_id", "blocker_id", "blocked_id", "kind"),
        [
            (plan_id, ids[blocker], item_id, kind)
            for item in items
            if item.depends_on or item.soft_depends_on
            for item_id in (ids[item.key],)
            for kind, blockers in (("hard", item.depends_on), ("soft", item.soft_depends_on))
            for blocker in blockers
        ],
    )
    for model, field, name, column in _ITEM_LINKS:
        target = keys[name]
        _insert(
            session,
            model,
            ("item_id", column),
            [
                (ids[item.key], target[key])
                for item in items
                if (linked := getattr(item, field))
                for key in linked
            ],
        )


def read_plan(*, session: Session, plan_id: int, scores: bool = True) -> PlanDoc:
    """The stored plan ``plan_id`` as a plan document (the inverse of :func:`write_plan`).

    ``scores=False`` leaves the items' scores out (empty), for readers that have no use for
    them, such as the checks: they are the largest table of a large plan.
    """
    plan = session.get(t.Plan, plan_id)
    if plan is None:
        raise LookupError(f"no plan with id {plan_id}")
    return _read(session, plan, scores)


def _read(session: Session, plan: t.Plan, scores: bool) -> PlanDoc:
    q = _Reader(session, plan.id, calendar_of(plan))
    return PlanDoc.model_construct(
        plan=PlanIn.model_construct(
            name=plan.name,
            slug=plan.slug,
            default_language=plan.default_language,
            languages=list(plan.languages),
            start_date=plan.start_date,
            period_unit=plan.period_unit,
            horizon=plan.horizon,
            scoring_method=plan.scoring_method,
            i18n=plan.i18n,
        ),
        sections=[
            SectionIn.model_construct(
                key=r.key, kind=r.kind, title=r.title, body=r.body, i18n=r.i18n
            )
            for r in q.table(t.Section)
        ],
        organisations=[
            OrganisationIn.model_construct(key=r.key, name=r.name, i18n=r.i18n)
            for r in q.table(t.Organisation)
        ],
        teams=q.teams(),
        themes=[
            ThemeIn.model_construct(key=r.key, name=r.name, description=r.description, i18n=r.i18n)
            for r in q.table(t.Theme)
        ],
        sources=[
            InfoSourceIn.model_construct(
                key=r.key,
                name=r.name,
                organisation=q.key("organisation", r.organisation_id),
                holds=r.holds,
                access=r.access,
                i18n=r.i18n,
            )
            for r in q.table(t.InfoSource)
        ],
        stakeholders=q.stakeholders(),
        criteria=[
            CriterionIn.model_construct(
                key=r.key,
                name=r.name,
                weight=r.weight,
                direction=r.direction,
                scale=r.scale,
                workshop=r.workshop,
                i18n=r.i18n,
            )
            for r in q.table(t.Criterion)
        ],
        items=q.items(scores),
        milestones=q.milestones(),
    )


class _Reader:
    """Core selects over one stored plan, and the id -> key maps that turn ids into keys.

    The large tables (items and their scores, dependencies and links) are fetched with the
    driver's own cursor, inside the session's transaction: plain tuples, without SQLAlchemy's
    per-row result processing, which costs more than the queries themselves. Their values are
    converted here where the drivers differ: SQLite gives JSON as text, dates as ISO text and
    booleans as integers.
    """

    def __init__(self, session: Session, plan_id: int, cal: Calendar) -> None:
        self.session, self.plan_id, self.cal = session, plan_id, cal
        self.connection = session.connection()
        self.sqlite = self.connection.dialect.name == "sqlite"
        self.keys = {
            name: dict(self.fetch(select(m.__table__.c.id, m.__table__.c.key).where(self._mine(m))))
            for name, m in _KEYED.items()
        }

    def key(self, name: str, row_id: int | None) -> str | None:
        return None if row_id is None else self.keys[name][row_id]

    def rows(self, query: Any) -> list[Any]:
        return self.session.execute(query).all()

    def fetch(self, query: Any) -> list[tuple]:
        """The rows of ``query`` as the driver gives them (every bound value is an id or a
        constant of this module)."""
        return fetch(self.connection, query)

    def _mine(self, model: type) -> Any:
        return model.__table__.c.plan_id == self.plan_id

    def table(self, model: type) -> list[Any]:
        """The plan's rows of ``model`` without their timestamps, in stored order."""
        c = model.__table__.c
        columns = [x for x in c if x.name not in ("created_at", "updated_at")]
        order = (c.position, c.id) if "position" in c else (c.id,)
        return self.rows(select(*columns).where(self._mine(model)).order_by(*order))

    def links(self, model: type, column: str, target: type) -> list[tuple[int, int]]:
        """``(item_id, column)`` of an item link table, ordered by item, then column; the
        linked rows (of ``target``) are the plan's, so they pick the links with fewer rows to
        read than the items would."""
        c, linked = model.__table__.c, target.__table__
        return self.fetch(
            select(c.item_id, c[column])
            .join(linked, linked.c.id == c[column])
            .where(linked.c.plan_id == self.plan_id)
            .order_by(c.item_id, c[column])
        )

    def _json_column(self, column: Any, empty: str) -> Any:
        """``column`` for :meth:`fetch`; on SQLite its text, NULL when it holds ``empty``
        (as most rows do), so that those rows cost neither a string nor the decoder."""
        if self.sqlite:
            return func.nullif(type_coerce(column, String), empty)
        return column

    def teams(self) -> list[TeamIn]:
        changes = defaultdict(list)
        c, teams = t.TeamCapacity.__table__.c, t.Team.__table__
        for team_id, start, capacity in self.rows(
            select(c.team_id, c.from_period, c.capacity)
            .join(teams, teams.c.id == c.team_id)
            .where(self._mine(t.Team))
            .order_by(c.id)
        ):
            changes[team_id].append(
                CapacityChangeIn.model_construct(
                    from_period=self.cal.label(start), capacity=capacity
                )
            )
        return [
            TeamIn.model_construct(
                key=r.key,
                organisation=self.key("organisation", r.organisation_id),
                name=r.name,
                capacity=r.capacity,
                capacity_changes=changes[r.id],
            )
            for r in self.table(t.Team)
        ]

    def stakeholders(self) -> list[StakeholderIn]:
        needs = defaultdict(list)
        for r in self.table(t.Need):
            needs[r.stakeholder_id].append(
                NeedIn.model_construct(key=r.key, text=r.text, importance=r.importance, i18n=r.i18n)
            )
        access = defaultdict(list)
        c, holders = t.StakeholderSource.__table__.c, t.Stakeholder.__table__
        for holder, source, has_access in self.rows(
            select(c.stakeholder_id, c.source_id, c.has_access)
            .join(holders, holders.c.id == c.stakeholder_id)
            .where(self._mine(t.Stakeholder))
            .order_by(c.stakeholder_id, c.source_id)
        ):
            access[holder].append(
                SourceAccessIn.model_construct(
                    source=self.key("source", source), has_access=has_access
                )
            )
        return [
            StakeholderIn.model_construct(
                key=r.key,
                name=r.name,
                organisation=self.key("organisation", r.organisation_id),
                description=r.description,
                needs=needs[r.id],
                sources=access[r.id],
                i18n=r.i18n,
            )
            for r in self.table(t.Stakeholder)
        ]

    def milestones(self) -> list[MilestoneIn]:
        """The plan's milestones; after :meth:`items`, which maps the item ids."""
        members = defaultdict(list)
        item_key = self.keys["item"]
        for item, milestone in self.links(t.MilestoneItem, "milestone_id", t.Milestone):
            members[milestone].append(item_key[item])
        return [
            MilestoneIn.model_construct(
                key=r.key, name=r.name, date=r.date, items=members[r.id], i18n=r.i18n
            )
            for r in self.table(t.Milestone)
        ]

    def items(self, scores: bool) -> list[ItemIn]:
        """The plan's items in stored order (with their scores, if ``scores``); also maps their
        ids to keys for the milestones."""
        keys, label, loads, to_date = self.keys, self.cal.label, json.loads, date.fromisoformat
        theme, org, team = keys["theme"].get, keys["organisation"].get, keys["team"].get
        c = t.Item.__table__.c
        rows = self.fetch(
            select(
                c.id,
                c.key,
                c.title,
                c.description,
                c.theme_id,
                c.organisation_id,
                c.team_id,
                c.status,
                c.effort,
                c.moscow,
                c.confidence,
                c.reach,
                c.impact,
                c.cost_of_delay,
                c.mandatory,
                c.pinned_period,
                c.earliest_start,
                c.deadline,
                self._json_column(c.tags, "[]"),
                self._json_column(c.i18n, "{}"),
            )
            .where(self._mine(t.Item))
            .order_by(c.id)
        )
        new, setattr_, fields, row_values = (
            ItemIn.__new__,
            object.__setattr__,
            _ITEM_FIELDS,
            _Values,
        )
        item_key: dict[int, str] = {}
        values: dict[int, dict[str, Any]] = {}
        built: list[ItemIn] = []
        append = built.append
        # What ``model_construct`` does, without its per-field work; the values are set in
        # the order of ItemIn's fields, which serialising follows (checked below).
        for (
            row_id, key, title, description, theme_id, org_id, team_id, status, effort, moscow,
            confidence, reach, impact, cost_of_delay, mandatory, pinned, early, due, tags, i18n,
        ) in rows:  # fmt: skip
            item_key[row_id] = key
            v = row_values()
            v.i18n = {} if i18n is None else loads(i18n) if type(i18n) is str else i18n
            v.key = key
            v.title = title
            v.description = description
            v.theme = theme(theme_id)
            v.organisation = org(org_id)
            v.team = team(team_id)
            v.status = status
            v.effort = effort
            v.moscow = moscow
            v.confidence = confidence
            v.reach = reach
            v.impact = impact
            v.cost_of_delay = cost_of_delay
            v.mandatory = bool(mandatory)
            v.pinned_period = None if pinned is None else label(pinned)
            v.earliest_start = to_date(early) if type(early) is str else early
            v.deadline = to_date(due) if type(due) is str else due
            v.tags = [] if tags is None else loads(tags) if type(tags) is str else tags
            v.scores = {}
            v.needs = []
            v.sources = []
            v.organisations = []
            v.depends_on = []
            v.soft_depends_on = []
            values[row_id] = item = v.__dict__
            obj = new(ItemIn)
            setattr_(obj, "__dict__", item)
            setattr_(obj, "__pydantic_fields_set__", set(fields))
            setattr_(obj, "__pydantic_extra__", None)
            setattr_(obj, "__pydantic_private__", None)
            append(obj)
        if built and list(built[0].__dict__) != list(ItemIn.model_fields):
            raise RuntimeError("the item reader is out of step with the fields of ItemIn")
        keys["item"] = item_key
        if scores:
            self._scores(values)
        d = t.Dependency.__table__.c
        for blocker, blocked, hard in self.fetch(
            select(d.blocker_id, d.blocked_id, d.kind == "hard")
            .where(self._mine(t.Dependency))
            .order_by(d.id)
        ):
            values[blocked]["depends_on" if hard else "soft_depends_on"].append(item_key[blocker])
        for model, field, name, column in _ITEM_LINKS:
            target = keys[name]
            for item_id, target_id in self.links(model, column, _KEYED[name]):
                values[item_id][field].append(target[target_id])
        return built

    def _scores(self, items: dict[int, dict[str, Any]]) -> None:
        """Fill in the scores of the plan's items (their values by id), in criterion order."""
        cr = t.Criterion.__table__.c
        criteria = self.fetch(
            select(cr.id, cr.key).where(self._mine(t.Criterion)).order_by(cr.position, cr.id)
        )
        if not criteria:
            return
        name = dict(criteria)
        s = t.ItemScore.__table__.c
        # Criteria belong to one plan, so their ids pick the plan's scores without a join;
        # the primary key (item, criterion) gives the order without a sort.
        for item_id, criterion_id, value in self.fetch(
            select(s.item_id, s.criterion_id, s.value)
            .where(s.criterion_id.in_(list(name)))
            .order_by(s.item_id, s.criterion_id)
        ):
            items[item_id]["scores"][name[criterion_id]] = value
        order = list(name.values())
        if [key for _, key in sorted(criteria)] != order:  # positions not in id order
            for item in items.values():
                values = item["scores"]
                if len(values) > 1:
                    ordered = {key: values[key] for key in order if key in values}
                    values.clear()
                    values.update(ordered)


_ITEM_FIELDS = frozenset(ItemIn.model_fields)
"""Every field of a read item: its fields set, as ``model_construct`` gives it."""


class _Values:
    """The values of a read item, set as attributes: the instance's ``__dict__`` then shares
    its keys with every other item's (a key-sharing dict), which is quicker to fill and about a
    third of the size of a dict of its own. The dict is the item's ``__dict__``; the instance
    is dropped."""


def _json(value: Any) -> Any:
    """A JSON column read as text (SQLite) or as decoded by the driver (PostgreSQL); empty
    values, which most rows hold, skip the decoder."""
    if not isinstance(value, str):
        return value
    if value == "{}":
        return {}
    if value == "[]":
        return []
    return json.loads(value)
