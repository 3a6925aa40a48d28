"""Concerns, their attachments, drafts, idempotency records and throttle counters

Revision ID: 0001
Revises:
Create Date: 2026-11-23 19:38:31.103914
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "concern",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("tracking_code_hash", sa.String(length=64), nullable=False),
        sa.Column("safeguarding", sa.Boolean(), nullable=False),
        sa.Column("risk_signals", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("on_behalf_of_child", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("happened_on", sa.String(length=200), nullable=True),
        sa.Column("service_area", sa.String(length=200), nullable=True),
        sa.Column("desired_outcome", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=True),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("contact_phone", sa.String(length=40), nullable=True),
        sa.Column("contact_address", sa.Text(), nullable=True),
        sa.Column("preferred_contact", sa.String(length=10), nullable=False),
        sa.Column("consent_to_share", sa.Boolean(), nullable=False),
        sa.Column("received_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("acknowledge_due_on", sa.Date(), nullable=False),
        sa.Column("response_due_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
        sa.UniqueConstraint("reference", name=op.f("uq_concern_reference")),
    )
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.create_index("ix_concern_received_at", ["received_at"], unique=False)

    op.create_table(
        "concern_draft",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("submit_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_draft")),
    )
    with op.batch_alter_table("concern_draft", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concern_draft_expires_at"), ["expires_at"], unique=False
        )

    op.create_table(
        "reference_counter",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_reference_counter")),
    )
    op.create_table(
        "throttle_counter",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("window_started_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("blocked_until", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_throttle_counter")),
    )
    op.create_table(
        "concern_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_concern_attachment_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern_attachment")),
    )
    with op.batch_alter_table("concern_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_concern_attachment_concern_id"), ["concern_id"], unique=False
        )

    op.create_table(
        "draft_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["concern_draft.id"],
            name=op.f("fk_draft_attachment_draft_id_concern_draft"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_attachment")),
    )
    with op.batch_alter_table("draft_attachment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_draft_attachment_draft_id"), ["draft_id"], unique=False
        )

    op.create_table(
        "idempotency_record",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["concern_id"],
            ["concern.id"],
            name=op.f("fk_idempotency_record_concern_id_concern"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_idempotency_record")),
    )
    with op.batch_alter_table("idempotency_record", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_idempotency_record_concern_id"), ["concern_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_idempotency_record_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("idempotency_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_record_expires_at"))
        batch_op.drop_index(batch_op.f("ix_idempotency_record_concern_id"))

    op.drop_table("idempotency_record")
    with op.batch_alter_table("draft_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_attachment_draft_id"))

    op.drop_table("draft_attachment")
    with op.batch_alter_table("concern_attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_attachment_concern_id"))

    op.drop_table("concern_attachment")
    op.drop_table("throttle_counter")
    op.drop_table("reference_counter")
    with op.batch_alter_table("concern_draft", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_concern_draft_expires_at"))

    op.drop_table("concern_draft")
    with op.batch_alter_table("concern", schema=None) as batch_op:
        batch_op.drop_index("ix_concern_received_at")

    op.drop_table("concern")
