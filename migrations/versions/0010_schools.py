"""schools

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 22:53:19.515949
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "school",
        sa.Column("urn", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("town", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("urn", name=op.f("pk_school")),
    )


def downgrade() -> None:
    op.drop_table("school")
