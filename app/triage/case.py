"""The case: the record of how a family's item is handled (triage, route, stage, clocks).

What the family gave (their words, contact details, consent) is the item
(app/items/models.py); the case points at it. The table keeps its first name, "concern",
and the class its name, because a concern's case is the only kind there is so far.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, ForeignKey, Index, LargeBinary, String, false, select, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, belongs_to
from app.items.models import FamilyItem

QUEUE_INDEX_COLUMNS = (
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
)


class Concern(Base):
    __tablename__ = "concern"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("family_item.id"), unique=True)
    # Loaded with the case in one more query per batch, never one per row: every page
    # that lists cases shows their references.
    item: Mapped[FamilyItem] = relationship(lazy="selectin")
    # SHA-256 of the reference and the tracking code: the code itself is shown once.
    tracking_code_hash: Mapped[str] = mapped_column(String(64))
    safeguarding: Mapped[bool] = mapped_column(default=False)
    # How the item came in (web, api, demo): a queue filter, so the queue's index carries it.
    source: Mapped[str] = mapped_column(String(10))

    # No index of its own: the queue's partial index carries it, and SQLite would
    # otherwise pick a route index and sort, at five times the cost.
    route: Mapped[str | None] = mapped_column(String(20))
    # Server defaults let the migration add these to concerns that already exist.
    priority: Mapped[str] = mapped_column(String(10), default="normal", server_default="normal")
    state: Mapped[str] = mapped_column(String(20), default="new", server_default="new", index=True)
    stage: Mapped[int] = mapped_column(default=1, server_default="1")
    outcome: Mapped[str | None] = mapped_column(String(30))
    policy_code: Mapped[str | None] = mapped_column(String(20))
    policy_version: Mapped[int | None]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("concern.id"))
    independent_person: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]
    # The nearest running deadline, copied from case_clock so the queue sorts on an index.
    next_due_at: Mapped[datetime | None]
    next_due_soon_at: Mapped[datetime | None]
    clock_paused: Mapped[bool] = mapped_column(default=False, server_default=false())

    acknowledge_due_on: Mapped[date]
    response_due_on: Mapped[date]

    # The files stay with the case: they are downloaded (and audited) as the case's.
    attachments: Mapped[list[ConcernAttachment]] = relationship(
        back_populates="concern", cascade="all, delete-orphan", order_by="ConcernAttachment.id"
    )

    @hybrid_property
    def reference(self) -> str:
        """The case's reference is its item's (pages, audit trail, tracking)."""
        return self.item.reference

    @reference.inplace.expression
    @classmethod
    def _reference_expression(cls) -> ColumnElement[str]:
        # For SELECT lists only: to find a case by reference, join the item (by_reference),
        # so the unique index on family_item.reference is used.
        return select(FamilyItem.reference).where(FamilyItem.id == cls.item_id).scalar_subquery()

    __table_args__ = (
        # The queue over all cases, closed ones too, in deadline order.
        Index("ix_concern_next_due_at", "next_due_at", "id"),
        # The queue: open cases by nearest deadline. Partial, so closed history (most rows
        # in time) costs the queue nothing; both databases use it for "state <> 'closed'".
        # It carries every column the queue filters and counts on, so counting open cases
        # reads the index alone.
        Index(
            "ix_concern_open_queue",
            *QUEUE_INDEX_COLUMNS,
            postgresql_where=text("state <> 'closed'"),
            sqlite_where=text("state <> 'closed'"),
        ),
    )


def by_reference(reference: str) -> ColumnElement[bool]:
    """A WHERE clause finding the case of the item with this reference, through its index."""
    return Concern.item_id.in_(select(FamilyItem.id).where(FamilyItem.reference == reference))


class StoredFile:
    """The columns of a file kept in the database (a case's, a draft's): one definition,
    so a file moves from a draft to its case column for column. The content is loaded
    only when asked for: lists of files need their names, not their bytes."""

    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime]


class ConcernAttachment(StoredFile, Base):
    """A file a family sent with a concern, kept in the database so it commits with the concern."""

    __tablename__ = "concern_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = belongs_to("concern")

    concern: Mapped[Concern] = relationship(back_populates="attachments")
