"""Schedules with durations, caps, lags and milestones that items wait for; scenarios.

``item.duration`` (periods the effort is spread over) and ``item.max_share`` (the largest
share of its team an item may use per period); ``dependency.lag`` (periods between the
blocker's end and the blocked item's start); ``milestone.deadline`` (its date is a deadline
for the items that lead to it) and ``milestone_item.waits`` (the item waits for the
milestone rather than leading to it). ``scenario`` holds named what-ifs: changes to
capacities, efforts, priorities and pins.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scenario",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scenario_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duration", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_share", sa.Float(), nullable=True))
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lag", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("deadline", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("milestone_item", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("waits", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("scenario", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scenario_plan_id"))
    op.drop_table("scenario")
    with op.batch_alter_table("milestone_item", schema=None) as batch_op:
        batch_op.drop_column("waits")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_column("deadline")
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.drop_column("lag")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("max_share")
        batch_op.drop_column("duration")
