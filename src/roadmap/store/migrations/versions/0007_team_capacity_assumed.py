"""Teams remember whether their capacity is a default an import gave them.

``team.capacity_assumed`` is true for a team a spreadsheet import created, until someone sets
its capacity; ``roadmap check`` warns about such teams.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.add_column(
            sa.Column("capacity_assumed", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("team") as batch:
        batch.drop_column("capacity_assumed")
