"""Council closure days, counted as non-working days by every clock

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 20:49:05.370593
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "closure_day",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_closure_day_created_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_closure_day")),
    )


def downgrade() -> None:
    op.drop_table("closure_day")
