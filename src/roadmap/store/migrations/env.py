"""Alembic environment: runs on the connection that :mod:`roadmap.store.migrate` hands over."""

from typing import Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

import roadmap.model.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from roadmap.model import evidence_tables, followup_tables, workshop_tables  # noqa: F401


def _render_item(type_: str, obj: object, _autogen_context: AutogenContext) -> str | Literal[False]:
    """Write plain SQLAlchemy types into migrations, so they never depend on SQLModel's."""
    if type_ == "type" and isinstance(obj, AutoString):
        return "sa.String()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    render_item=_render_item,
)
context.run_migrations()
