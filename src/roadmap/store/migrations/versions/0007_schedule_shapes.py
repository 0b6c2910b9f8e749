"""Schedules with durations, caps, lags and milestones that items wait for.

``item.duration`` (periods the effort is spread over) and ``item.max_share`` (the largest
share of its team an item may use per period); ``dependency.lag`` (periods between the
blocker's end and the blocked item's start); ``milestone.deadline`` (its date is a deadline
for the items that lead to it) and ``milestone_item.waits`` (the item waits for the
milestone rather than leading to it).

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-07 11:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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
    with op.batch_alter_table("milestone_item", schema=None) as batch_op:
        batch_op.drop_column("waits")
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_column("deadline")
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.drop_column("lag")
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_column("max_share")
        batch_op.drop_column("duration")
