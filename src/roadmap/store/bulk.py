"""Many rows in one go: inserts of a plan's rows, and key -> id maps of its tables.

Importing a plan of 100,000 items is a few hundred thousand rows; the insert path here keeps
SQLAlchemy's per-row work out of the way.
"""

from __future__ import annotations

import json
import re
import sqlite3
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnDefault,
    Float,
    String,
    bindparam,
    cast,
    func,
    insert,
    literal_column,
    select,
)
from sqlmodel import Session

from roadmap.store.fetch import fetch

if TYPE_CHECKING:
    from roadmap.model.tables import Timestamped


def insert_rows(
    session: Session, model: type[Timestamped], columns: tuple[str, ...], rows: list[tuple]
) -> None:
    """Insert ``rows``, tuples of the values of ``columns``, in document order.

    The statement is compiled once (``Compiled.string``, ``.binds``, ``.positiontup``) and the
    rows go to the driver's ``executemany`` through ``Connection.exec_driver_sql``, several
    hundred to a statement: SQLAlchemy's own executemany path, which builds the parameters of
    every row anew, takes twice as long on SQLite and half as long again on PostgreSQL
    (``bench/bench_bulk_insert.py``). Only the values the driver cannot take as they come from
    the validated models go through their column type's public ``bind_processor``. JSON
    columns take the text of :func:`json_text`. All rows get one creation time.
    """
    if not rows:
        return
    conn = session.connection()
    table = model.__table__
    values, params = json_params(conn, table, columns)
    values["created_at"] = values["updated_at"] = now_value(conn)
    for column in table.c:
        default = column.default
        if (
            column.name not in columns
            and column.name not in values
            and isinstance(default, ColumnDefault)
        ):
            values[column.name] = default.arg if default.is_scalar else default.arg(None)
    statement = insert(table).values(**values).inline()  # no RETURNING of the new ids
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect, column_keys=params)
    processors = {
        name: process
        for name, bind in compiled.binds.items()
        if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    for k, name in enumerate(params):
        if name in processors and not _is_plain(dialect.name, table.c.get(name)):
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
    order = compiled.positiontup
    if order is not None and tuple(order) != names:  # the defaults added in the same pass
        pick = itemgetter(*map(names.index, order), len(names))  # never a lone value
        rows = [pick((*row, *extra, None))[:-1] for row in rows]
        names = tuple(order)
    elif extra:
        rows = [row + extra for row in rows]
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


def json_params(conn: Any, table: Any, columns: tuple[str, ...]) -> tuple[dict, list[str]]:
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


def json_text(value: Any) -> str:
    """``value`` as JSON text for :func:`_insert`; the empty values most rows hold, directly."""
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    return json.dumps(value, ensure_ascii=False)


def now_value(conn: Any) -> Any:
    """The creation and update time of the rows one statement writes. SQLite would work out
    ``CURRENT_TIMESTAMP`` again for every row, so there it is read once and written into the
    statement; PostgreSQL's ``now()`` is the transaction's time already."""
    if conn.dialect.name != "sqlite":
        return func.now()
    stamp = conn.exec_driver_sql("SELECT CURRENT_TIMESTAMP").scalar()
    return literal_column(f"'{stamp}'")


def key_ids(
    session: Session, model: type[Timestamped], plan_id: int, *, only: set[str] | None = None
) -> dict[str | None, int]:
    """``key -> id`` of the plan's rows of ``model``; with a few keys ``only``, just those.
    The keys of optional references are looked up as they are: None finds nothing."""
    table = model.__table__
    query = select(table.c.key, table.c.id).where(table.c.plan_id == plan_id)
    if only is not None and len(only) <= _FEW:
        return dict(session.execute(query.where(table.c.key.in_(sorted(only)))).all())
    return dict(fetch(session.connection(), query))


_FEW = 500
"""Up to this many keys are looked up by name; more read the whole table."""
