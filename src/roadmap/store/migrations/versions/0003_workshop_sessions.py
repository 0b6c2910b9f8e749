"""Workshop sessions: participants, voting rounds, votes and captured notes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 05:08:49.818222
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workshop_session",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("agenda", sa.JSON(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("timer_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("timer_remaining", sa.Float(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("plan_id", "name"),
    )
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_workshop_session_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "workshop_note",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["workshop_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("workshop_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_note_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "workshop_participant",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["workshop_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "name"),
    )
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_participant_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "workshop_round",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("per_item", sa.Integer(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("applied", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["workshop_session.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "number"),
    )
    with op.batch_alter_table("workshop_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_round_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "workshop_vote",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(), nullable=False),
        sa.Column("criterion", sa.String(), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["workshop_participant.id"], ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["round_id"], ["workshop_round.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "participant_id", "item_key", "criterion"),
    )
    with op.batch_alter_table("workshop_vote", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshop_vote_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_workshop_vote_round_id"), ["round_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workshop_vote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_vote_round_id"))
        batch_op.drop_index(batch_op.f("ix_workshop_vote_participant_id"))

    op.drop_table("workshop_vote")
    with op.batch_alter_table("workshop_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_round_session_id"))

    op.drop_table("workshop_round")
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_participant_session_id"))

    op.drop_table("workshop_participant")
    with op.batch_alter_table("workshop_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_note_session_id"))

    op.drop_table("workshop_note")
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshop_session_plan_id"))

    op.drop_table("workshop_session")
