"""you said, we did: issues raised, commitments, milestones, published updates, followers

Revision ID: 0017_you_said_we_did
Revises: 0016_forum
Create Date: 2026-12-03 00:41:45.844430
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0017_you_said_we_did"
down_revision: str | None = "0016_forum"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "issue_raised",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("summary_for_children", sa.Text(), nullable=True),
        sa.Column("theme_code", sa.String(length=40), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("heard_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("first_published_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["staff_user.id"],
            name=op.f("fk_issue_raised_created_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["forum_session.id"],
            name=op.f("fk_issue_raised_session_id_forum_session"),
        ),
        sa.ForeignKeyConstraint(
            ["theme_code"], ["theme.code"], name=op.f("fk_issue_raised_theme_code_theme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_raised")),
    )
    with op.batch_alter_table("issue_raised", schema=None) as batch_op:
        batch_op.create_index("ix_issue_raised_respond_by", ["respond_by"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_issue_raised_session_id"), ["session_id"], unique=False
        )

    op.create_table(
        "commitment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("what_for_children", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["issue_raised.id"],
            name=op.f("fk_commitment_issue_id_issue_raised"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment")),
    )
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commitment_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "issue_follower",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("confirmed_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", app.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["issue_raised.id"],
            name=op.f("fk_issue_follower_issue_id_issue_raised"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issue_follower")),
        sa.UniqueConstraint("issue_id", "email", name="uq_issue_follower_once"),
    )
    with op.batch_alter_table("issue_follower", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issue_follower_issue_id"), ["issue_id"], unique=False)

    op.create_table(
        "issue_raised_item",
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.Column("added_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["staff_user.id"],
            name=op.f("fk_issue_raised_item_added_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["issue_raised.id"],
            name=op.f("fk_issue_raised_item_issue_id_issue_raised"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["family_item.id"],
            name=op.f("fk_issue_raised_item_item_id_family_item"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("issue_id", "item_id", name=op.f("pk_issue_raised_item")),
    )
    with op.batch_alter_table("issue_raised_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_issue_raised_item_item_id"), ["item_id"], unique=False)

    op.create_table(
        "public_update",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("published_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("summary_for_children", sa.Text(), nullable=True),
        sa.Column("theme_code", sa.String(length=40), nullable=True),
        sa.Column("commitments", sa.JSON(), nullable=False),
        sa.Column("quotes", sa.JSON(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["public_update.id"],
            name=op.f("fk_public_update_corrects_id_public_update"),
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["issue_raised.id"],
            name=op.f("fk_public_update_issue_id_issue_raised"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["staff_user.id"],
            name=op.f("fk_public_update_published_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_update")),
    )
    with op.batch_alter_table("public_update", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_update_issue_id"), ["issue_id"], unique=False)
        batch_op.create_index("ix_public_update_published_at", ["published_at"], unique=False)

    op.create_table(
        "commitment_learning",
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("learning_action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_learning_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["learning_action_id"],
            ["learning_action.id"],
            name=op.f("fk_commitment_learning_learning_action_id_learning_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "commitment_id", "learning_action_id", name=op.f("pk_commitment_learning")
        ),
    )
    op.create_table(
        "commitment_milestone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitment.id"],
            name=op.f("fk_commitment_milestone_commitment_id_commitment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitment_milestone")),
    )
    with op.batch_alter_table("commitment_milestone", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_commitment_milestone_commitment_id"), ["commitment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("commitment_milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_milestone_commitment_id"))

    op.drop_table("commitment_milestone")
    op.drop_table("commitment_learning")
    with op.batch_alter_table("public_update", schema=None) as batch_op:
        batch_op.drop_index("ix_public_update_published_at")
        batch_op.drop_index(batch_op.f("ix_public_update_issue_id"))

    op.drop_table("public_update")
    with op.batch_alter_table("issue_raised_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_raised_item_item_id"))

    op.drop_table("issue_raised_item")
    with op.batch_alter_table("issue_follower", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_follower_issue_id"))

    op.drop_table("issue_follower")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commitment_issue_id"))

    op.drop_table("commitment")
    with op.batch_alter_table("issue_raised", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issue_raised_session_id"))
        batch_op.drop_index("ix_issue_raised_respond_by")

    op.drop_table("issue_raised")
