"""risk feedback: staff marks of the risk detector's false alarms and misses

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-02 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0014"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "risk_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("reason_code", sa.String(length=40), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detector_version", sa.String(length=40), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_risk_feedback_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_risk_feedback_created_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["staff_user.id"],
            name=op.f("fk_risk_feedback_reviewed_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_risk_feedback")),
        sa.UniqueConstraint(
            "concern_id", "kind", "created_by_id", name=op.f("uq_risk_feedback_once")
        ),
    )
    op.create_index(op.f("ix_risk_feedback_concern_id"), "risk_feedback", ["concern_id"])
    op.create_index(op.f("ix_risk_feedback_status"), "risk_feedback", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_risk_feedback_status"), table_name="risk_feedback")
    op.drop_index(op.f("ix_risk_feedback_concern_id"), table_name="risk_feedback")
    op.drop_table("risk_feedback")
