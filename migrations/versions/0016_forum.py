"""forum: sessions, sign-ups, and what makes a family item forum feedback

Revision ID: 0016_forum
Revises: 0015_family_items
Create Date: 2026-12-03 00:38:20.896111
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0016_forum"
down_revision: str | None = "0015_family_items"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "forum_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("starts_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.Column("access_info", sa.Text(), nullable=True),
        sa.Column("online_link", sa.String(length=500), nullable=True),
        sa.Column("topics", sa.Text(), nullable=False),
        sa.Column("facilitator_id", sa.Integer(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["facilitator_id"],
            ["staff_user.id"],
            name=op.f("fk_forum_session_facilitator_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum_session")),
    )
    with op.batch_alter_table("forum_session", schema=None) as batch_op:
        batch_op.create_index("ix_forum_session_starts_at", ["starts_at"], unique=False)

    op.create_table(
        "forum_feedback",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("concern_item_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_item_id"],
            ["family_item.id"],
            name=op.f("fk_forum_feedback_concern_item_id_family_item"),
        ),
        sa.ForeignKeyConstraint(
            ["entered_by_id"],
            ["staff_user.id"],
            name=op.f("fk_forum_feedback_entered_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["family_item.id"],
            name=op.f("fk_forum_feedback_item_id_family_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["forum_session.id"],
            name=op.f("fk_forum_feedback_session_id_forum_session"),
        ),
        sa.PrimaryKeyConstraint("item_id", name=op.f("pk_forum_feedback")),
        sa.UniqueConstraint("concern_item_id", name=op.f("uq_forum_feedback_concern_item_id")),
    )
    with op.batch_alter_table("forum_feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forum_feedback_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "forum_signup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("access_needs", sa.Text(), nullable=True),
        sa.Column("young_person", sa.Boolean(), nullable=False),
        sa.Column("waiting_list", sa.Boolean(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reminder_sent_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["forum_session.id"],
            name=op.f("fk_forum_signup_session_id_forum_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum_signup")),
    )
    with op.batch_alter_table("forum_signup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forum_signup_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("forum_signup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_signup_session_id"))

    op.drop_table("forum_signup")
    with op.batch_alter_table("forum_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forum_feedback_session_id"))

    op.drop_table("forum_feedback")
    with op.batch_alter_table("forum_session", schema=None) as batch_op:
        batch_op.drop_index("ix_forum_session_starts_at")

    op.drop_table("forum_session")
