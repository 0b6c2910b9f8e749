"""Workshop participants hold a private token; steps keep their own timers; applying a round
can be undone.

``workshop_participant.token_hash`` is the SHA-256 of the token handed out at join: rejoining
needs the token, not just the name (participants who joined before keep no token and cannot be
taken over by name). ``workshop_session.timers`` keeps each agenda step's countdown when the
step changes. ``workshop_round.applied_record`` says what applying the round wrote and what it
replaced, so that it can be taken back.

Revision ID: 0009
Revises: 0005
Create Date: 2026-12-07 11:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("token_hash", sa.String(), nullable=True))
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timers", sa.JSON(), nullable=True))
    with op.batch_alter_table("workshop_round", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applied_record", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshop_round", schema=None) as batch_op:
        batch_op.drop_column("applied_record")
    with op.batch_alter_table("workshop_session", schema=None) as batch_op:
        batch_op.drop_column("timers")
    with op.batch_alter_table("workshop_participant", schema=None) as batch_op:
        batch_op.drop_column("token_hash")
