"""The theme taxonomy as data, with its history; version 1 is THEMES.md, seeded here

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:49:48.304780
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import app.db

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Version 1, exactly as ../shared/domain/THEMES.md gives it: (code, theme, covers).
# Written out here, not imported, so this migration seeds the same rows for ever
# whatever the application's code later says.
VERSION_1 = (
    (
        "worker-changes",
        "Changes of worker",
        "many different social workers, agency and temporary staff, handovers, "
        "no consistent named worker",
    ),
    (
        "not-listened-to",
        "Not listened to",
        "views of the family or the child ignored or not recorded, "
        "not involved in decisions or meetings",
    ),
    (
        "communication",
        "Communication",
        "calls and emails not returned, not kept informed, unclear or missing information, "
        "no interpreter or adjustments",
    ),
    ("delays", "Delays", "slow responses, long waits, drift in plans, assessments or services"),
    (
        "face-to-face",
        "Face-to-face contact",
        "too few visits, only phone or video, workers far away",
    ),
    (
        "records-accuracy",
        "Accuracy of records",
        "errors, untrue or one-sided statements in assessments, reports and files",
    ),
    (
        "support-services",
        "Help and services",
        "lack of early help, family support, respite, therapy, SEND or financial support; "
        "being passed between services",
    ),
    (
        "attitude-respect",
        "Attitude and respect",
        "feeling judged, blamed, threatened, disbelieved; rudeness; lack of empathy",
    ),
    (
        "family-time",
        "Family time and contact",
        "contact with children in care: cancelled, reduced, far away, unsupervised or "
        "supervised arrangements",
    ),
    (
        "placements-care",
        "Care and placements",
        "placement moves and quality, foster carers, children's homes, care leavers",
    ),
    (
        "safeguarding-practice",
        "Handling of risk",
        "how risks to children were assessed and acted on: too slow or too heavy-handed",
    ),
    (
        "complaints-handling",
        "Complaints handling",
        "how earlier complaints or concerns were dealt with",
    ),
    (
        "information-rights",
        "Information and privacy",
        "access to records, data shared wrongly, confidentiality, consent",
    ),
    ("praise", "Praise", "positive feedback about staff or services"),
)


def upgrade() -> None:
    op.create_table(
        "theme",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("added_in_version", sa.Integer(), nullable=False),
        sa.Column("retired_in_version", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_theme")),
    )
    op.create_table(
        "taxonomy_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("changed_at", app.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["staff_user.id"],
            name=op.f("fk_taxonomy_version_changed_by_id_staff_user"),
        ),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_taxonomy_version")),
    )
    op.create_table(
        "theme_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["code"], ["theme.code"], name=op.f("fk_theme_change_code_theme")),
        sa.ForeignKeyConstraint(
            ["version"],
            ["taxonomy_version.version"],
            name=op.f("fk_theme_change_version_taxonomy_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_change")),
    )
    with op.batch_alter_table("theme_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_change_version"), ["version"], unique=False)

    _seed_version_1()


def _seed_version_1() -> None:
    # Lightweight tables: the models may change later; this data must not.
    theme = sa.table(
        "theme",
        sa.column("code", sa.String),
        sa.column("label", sa.String),
        sa.column("description", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("position", sa.Integer),
        sa.column("added_in_version", sa.Integer),
    )
    version = sa.table(
        "taxonomy_version",
        sa.column("version", sa.Integer),
        sa.column("changed_at", app.db.UTCDateTime(timezone=True)),
        sa.column("reason", sa.Text),
    )
    change = sa.table(
        "theme_change",
        sa.column("version", sa.Integer),
        sa.column("code", sa.String),
        sa.column("kind", sa.String),
        sa.column("after", sa.JSON),
    )
    op.bulk_insert(
        version,
        [
            {
                "version": 1,
                "changed_at": datetime.now(UTC),
                "reason": "The first taxonomy, from THEMES.md",
            }
        ],
    )
    op.bulk_insert(
        theme,
        [
            {
                "code": code,
                "label": label,
                "description": covers,
                "active": True,
                "position": position,
                "added_in_version": 1,
            }
            for position, (code, label, covers) in enumerate(VERSION_1, start=1)
        ],
    )
    op.bulk_insert(
        change,
        [
            {
                "version": 1,
                "code": code,
                "kind": "added",
                "after": {"label": label, "description": covers},
            }
            for code, label, covers in VERSION_1
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("theme_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_change_version"))

    op.drop_table("theme_change")
    op.drop_table("taxonomy_version")
    op.drop_table("theme")
