"""Workshop sessions keep their language; participants' names match regardless of case.

``workshop_participant.name_key`` is the name as compared (spaces collapsed, Unicode
normalised, case folded); it replaces the name in the unique constraint, so that "Anna" and
" anna " are one participant. Existing participants whose keys would clash keep apart with
their id added to the key.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 05:52:52.447416
"""

import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PG_OLD_UNIQUE = "workshop_participant_session_id_name_key"
PG_NEW_UNIQUE = "workshop_participant_session_id_name_key_key"
"""The names PostgreSQL gave (and would give) the unnamed unique constraints."""


def _key(name: str) -> str:
    """As :func:`roadmap.workshop.rules.name_key` at this revision."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _participant_table(unique: tuple[str, str], with_key: bool) -> sa.Table:
    """``workshop_participant`` as SQLite should have it, for a batch copy."""
    columns: list[sa.Column[Any]] = [
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
    ]
    if with_key:
        columns.append(sa.Column("name_key", sa.String(), nullable=True))
    return sa.Table(
        "workshop_participant",
        sa.MetaData(),
        *columns,
        sa.ForeignKeyConstraint(["session_id"], ["workshop_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(*unique),
        sa.Index("ix_workshop_participant_session_id", "session_id"),
    )


def upgrade() -> None:
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lang", sa.String(length=20), nullable=True))

    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_key", sa.String(), nullable=True))

    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT id, session_id, name FROM workshop_participant ORDER BY id")
    ).all()
    taken: set[tuple[int, str]] = set()
    for row_id, session_id, name in rows:
        key = _key(name)
        if (session_id, key) in taken:
            key = f"{key} #{row_id}"
        taken.add((session_id, key))
        bind.execute(
            sa.text("UPDATE workshop_participant SET name_key = :key WHERE id = :id"),
            {"key": key, "id": row_id},
        )

    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(
            "workshop_participant",
            copy_from=_participant_table(("session_id", "name_key"), with_key=True),
            recreate="always",
        ) as batch_op:
            batch_op.alter_column("name_key", existing_type=sa.String(), nullable=False)
    else:
        op.drop_constraint(PG_OLD_UNIQUE, "workshop_participant", type_="unique")
        op.alter_column("workshop_participant", "name_key", nullable=False)
        op.create_unique_constraint(
            PG_NEW_UNIQUE, "workshop_participant", ["session_id", "name_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.drop_column("lang")

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table(
            "workshop_participant",
            copy_from=_participant_table(("session_id", "name"), with_key=True),
            recreate="always",
        ) as batch_op:
            batch_op.drop_column("name_key")
    else:
        op.drop_constraint(PG_NEW_UNIQUE, "workshop_participant", type_="unique")
        op.drop_column("workshop_participant", "name_key")
        op.create_unique_constraint(PG_OLD_UNIQUE, "workshop_participant", ["session_id", "name"])
