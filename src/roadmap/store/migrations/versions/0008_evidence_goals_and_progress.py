"""Evidence, people responsible, goals and measures, maturity perspectives, item progress,
a plan's settings about people, and criteria derived from needs.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 11:31:43.146721
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "perspective",
        sa.Column("i18n", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("start_level", sa.Integer(), nullable=True),
        sa.Column("start_evidence", sa.String(), nullable=False),
        sa.Column("target_level", sa.Integer(), nullable=True),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("perspective", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_perspective_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("i18n", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_person_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "evidence",
        sa.Column("i18n", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("quote", sa.String(), nullable=False),
        sa.Column("personal", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["stakeholder_id"], ["stakeholder.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evidence_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evidence_recorded_by_id"), ["recorded_by_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_evidence_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "goal",
        sa.Column("i18n", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["owner_id"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_goal_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_settings",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("personal_names", sa.Boolean(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["responsible_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("plan_id"),
    )
    with op.batch_alter_table("plan_settings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_plan_settings_responsible_id"), ["responsible_id"], unique=False
        )

    op.create_table(
        "evidence_need",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["need_id"], ["need.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("evidence_id", "need_id"),
    )
    with op.batch_alter_table("evidence_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_need_need_id"), ["need_id"], unique=False)

    op.create_table(
        "goal_item",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("goal_id", "item_id"),
    )
    with op.batch_alter_table("goal_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_item_item_id"), ["item_id"], unique=False)

    op.create_table(
        "goal_theme",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("goal_id", "theme_id"),
    )
    with op.batch_alter_table("goal_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_theme_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "item_progress",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("responsible_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["responsible_id"], ["person.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("item_id"),
    )
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_item_progress_responsible_id"), ["responsible_id"], unique=False
        )

    op.create_table(
        "measure",
        sa.Column("i18n", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("baseline_date", sa.Date(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["goal_id"], ["goal.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_id"], ["info_source.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "key"),
    )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_goal_id"), ["goal_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_measure_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_measure_source_id"), ["source_id"], unique=False)

    op.create_table(
        "perspective_item",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("perspective_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["perspective_id"], ["perspective.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("perspective_id", "item_id"),
    )
    with op.batch_alter_table("perspective_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_perspective_item_item_id"), ["item_id"], unique=False)

    op.create_table(
        "measure_value",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["measure_id"], ["measure.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_measure_value_measure_id"), ["measure_id"], unique=False
        )

    op.create_table(
        "progress_update",
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("done", sa.Float(), nullable=False),
        sa.Column("health", sa.String(length=20), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["item_progress.item_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("progress_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_progress_update_item_id"), ["item_id"], unique=False)

    with op.batch_alter_table("criterion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("derived", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        batch_op.drop_column("derived")

    with op.batch_alter_table("progress_update", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progress_update_item_id"))

    op.drop_table("progress_update")
    with op.batch_alter_table("measure_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_value_measure_id"))

    op.drop_table("measure_value")
    with op.batch_alter_table("perspective_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perspective_item_item_id"))

    op.drop_table("perspective_item")
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_source_id"))
        batch_op.drop_index(batch_op.f("ix_measure_plan_id"))
        batch_op.drop_index(batch_op.f("ix_measure_goal_id"))

    op.drop_table("measure")
    with op.batch_alter_table("item_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_progress_responsible_id"))

    op.drop_table("item_progress")
    with op.batch_alter_table("goal_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_theme_theme_id"))

    op.drop_table("goal_theme")
    with op.batch_alter_table("goal_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_item_item_id"))

    op.drop_table("goal_item")
    with op.batch_alter_table("evidence_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_need_need_id"))

    op.drop_table("evidence_need")
    with op.batch_alter_table("plan_settings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_settings_responsible_id"))

    op.drop_table("plan_settings")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_plan_id"))
        batch_op.drop_index(batch_op.f("ix_goal_owner_id"))

    op.drop_table("goal")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_recorded_by_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_plan_id"))
        batch_op.drop_index(batch_op.f("ix_evidence_person_id"))

    op.drop_table("evidence")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_plan_id"))
        batch_op.drop_index(batch_op.f("ix_person_organisation_id"))

    op.drop_table("person")
    with op.batch_alter_table("perspective", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_perspective_plan_id"))

    op.drop_table("perspective")
