"""The case workflow: timeline events, clocks derived from them, learning actions; route and state on each concern

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 20:28:23.224955
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_clock",
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("policy_code", sa.String(length=20), nullable=False),
        sa.Column("policy_version", sa.Integer(), nullable=False),
        sa.Column("started_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("paused_days", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("due_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("due_soon_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("stopped_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("alerted_state", sa.String(length=20), nullable=True),
        sa.Column("alerted_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_case_clock_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("concern_id", "name", name=op.f("pk_case_clock")),
    )
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_clock_due_at"), ["due_at"], unique=False)

    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=True),
        sa.Column("occurred_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["staff_user.id"], name=op.f("fk_case_event_actor_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_case_event_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_event")),
    )
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_event_concern_occurred", ["concern_id", "occurred_at"], unique=False
        )

    op.create_table(
        "learning_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_learning_action_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff_user.id"], name=op.f("fk_learning_action_owner_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_action")),
    )
    with op.batch_alter_table("learning_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_action_concern_id"), ["concern_id"], unique=False
        )

    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.add_column(sa.Column("route", sa.String(length=20), nullable=True))
        batch_op.add_column(
            sa.Column("priority", sa.String(length=10), nullable=False, server_default="normal")
        )
        batch_op.add_column(
            sa.Column("state", sa.String(length=20), nullable=False, server_default="new")
        )
        batch_op.add_column(sa.Column("stage", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("outcome", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("policy_code", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("policy_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("independent_person", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("closed_at", app.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("next_due_at", app.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("next_due_soon_at", app.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("clock_paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index("ix_concern_next_due_at", ["next_due_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_concern_state"), ["state"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_concern_duplicate_of_id_concern"), "concern", ["duplicate_of_id"], ["id"]
        )
    # Outside the batch: the queue's partial index, open cases by nearest deadline.
    op.create_index(
        "ix_concern_open_queue",
        "concern",
        [
            "next_due_at",
            "id",
            "next_due_soon_at",
            "clock_paused",
            "route",
            "state",
            "priority",
            "team_id",
            "assignee_id",
            "source",
        ],
        unique=False,
        postgresql_where=sa.text("state <> 'closed'"),
        sqlite_where=sa.text("state <> 'closed'"),
    )


def downgrade() -> None:
    op.drop_index("ix_concern_open_queue", table_name="concern")
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_concern_duplicate_of_id_concern"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_concern_state"))
        batch_op.drop_index("ix_concern_next_due_at")
        batch_op.drop_column("clock_paused")
        batch_op.drop_column("next_due_soon_at")
        batch_op.drop_column("next_due_at")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("independent_person")
        batch_op.drop_column("duplicate_of_id")
        batch_op.drop_column("policy_version")
        batch_op.drop_column("policy_code")
        batch_op.drop_column("outcome")
        batch_op.drop_column("stage")
        batch_op.drop_column("state")
        batch_op.drop_column("priority")
        batch_op.drop_column("route")

    with op.batch_alter_table("learning_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_action_concern_id"))

    op.drop_table("learning_action")
    with op.batch_alter_table("case_event", schema=None) as batch_op:
        batch_op.drop_index("ix_case_event_concern_occurred")

    op.drop_table("case_event")
    with op.batch_alter_table("case_clock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_clock_due_at"))

    op.drop_table("case_clock")
