"""Reading many rows at once, as plain tuples from the driver's own cursor.

SQLAlchemy's per-row result processing costs more than the queries themselves on the large
tables of a large plan, so the readers that go through whole tables (the engine's snapshot,
the plan document, the checks) compile a core ``SELECT`` and hand it to the driver. The values
come as the driver gives them: SQLite returns JSON as text, dates as ISO text and booleans as
integers.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection


def fetch(connection: Connection, statement: Any) -> list[tuple]:
    """The rows of ``statement``, inside ``connection``'s transaction.

    The statement's bound values are written into its SQL, so every one must be an integer id
    or a constant of the caller's, never text a user typed.
    """
    sql = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(str(sql))
        return cursor.fetchall()
    finally:
        cursor.close()


def decoded(value: Any) -> Any:
    """A JSON column's value as :func:`fetch` gives it: text on SQLite, decoded here, and
    already decoded on PostgreSQL. Empty lists and mappings, as most rows hold, cost no
    decoding."""
    if type(value) is not str:
        return value
    if value == "[]":
        return []
    if value == "{}":
        return {}
    return json.loads(value)
