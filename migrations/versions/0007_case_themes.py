"""Themes on each case: suggested by the rules, confirmed or corrected by staff

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 21:26:04.651346
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_theme",
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("taxonomy_version", sa.Integer(), nullable=False),
        sa.Column("set_by_id", sa.Integer(), nullable=True),
        sa.Column("set_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_case_theme_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["set_by_id"], ["staff_user.id"], name=op.f("fk_case_theme_set_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("concern_id", "code", name=op.f("pk_case_theme")),
    )
    with op.batch_alter_table("case_theme", schema=None) as batch_op:
        batch_op.create_index("ix_case_theme_code", ["code", "concern_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_theme", schema=None) as batch_op:
        batch_op.drop_index("ix_case_theme_code")

    op.drop_table("case_theme")
