"""you said, we did: when managers were told an issue raised went unanswered past its deadline

Revision ID: 0018_issue_overdue_alert
Revises: 0017_you_said_we_did
Create Date: 2026-12-03 07:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0018_issue_overdue_alert"
down_revision: str | None = "0017_you_said_we_did"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("issue_raised", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("overdue_alerted_at", app.db.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("issue_raised", schema=None) as batch_op:
        batch_op.drop_column("overdue_alerted_at")
