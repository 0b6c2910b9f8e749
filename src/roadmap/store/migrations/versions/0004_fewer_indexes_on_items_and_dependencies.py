"""Fewer indexes on items and dependencies: those a unique constraint already covers, and
those only a deletion of a theme, organisation or team would use.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 05:32:48.126227
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dependency_blocker_id"))

    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_item_plan_id"))
        batch_op.drop_index(batch_op.f("ix_item_team_id"))
        batch_op.drop_index(batch_op.f("ix_item_theme_id"))


def downgrade() -> None:
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_theme_id"), ["theme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_item_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_item_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_item_organisation_id"), ["organisation_id"], unique=False
        )

    with op.batch_alter_table("dependency", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dependency_blocker_id"), ["blocker_id"], unique=False)
