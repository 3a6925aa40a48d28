"""Concerns raised by families, their attachments, drafts in progress and idempotency records."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base


class Role(StrEnum):
    PARENT_CARER = "parent-carer"
    YOUNG_PERSON = "young-person"
    RELATIVE = "relative"
    FOSTER_CARER = "foster-carer"
    PROFESSIONAL = "professional"
    OTHER = "other"


class ContactMethod(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    POST = "post"
    NONE = "none"


class Source(StrEnum):
    WEB = "web"
    API = "api"
    DEMO = "demo"


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
    # The public handle: FV-YYYY-NNNNNN. Internal ids never appear in a URL.
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    # SHA-256 of the reference and the tracking code: the code itself is shown once.
    tracking_code_hash: Mapped[str] = mapped_column(String(64))
    safeguarding: Mapped[bool] = mapped_column(default=False)
    risk_signals: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(10))

    role: Mapped[str] = mapped_column(String(20))
    on_behalf_of_child: Mapped[bool]
    description: Mapped[str] = mapped_column(Text)
    happened_on: Mapped[str | None] = mapped_column(String(200))
    service_area: Mapped[str | None] = mapped_column(String(200))
    desired_outcome: Mapped[str | None] = mapped_column(Text)

    anonymous: Mapped[bool] = mapped_column(default=False)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    contact_address: Mapped[str | None] = mapped_column(Text)
    preferred_contact: Mapped[str] = mapped_column(String(10))
    consent_to_share: Mapped[bool] = mapped_column(default=False)

    # The case, as triage and the workflow (app/triage) shape it.
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

    received_at: Mapped[datetime]
    acknowledge_due_on: Mapped[date]
    response_due_on: Mapped[date]

    attachments: Mapped[list[ConcernAttachment]] = relationship(
        back_populates="concern", cascade="all, delete-orphan", order_by="ConcernAttachment.id"
    )

    __table_args__ = (
        Index("ix_concern_received_at", "received_at"),
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


class ConcernAttachment(Base):
    """A file a family sent with a concern, kept in the database so it commits with the concern."""

    __tablename__ = "concern_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime]

    concern: Mapped[Concern] = relationship(back_populates="attachments")


class ReferenceCounter(Base):
    """The last reference number issued in a year; bumped inside the submitting transaction."""

    __tablename__ = "reference_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(default=0)


class IdempotencyRecord(Base):
    """The first answer to a request key, returned again when the same request is repeated.

    It holds the tracking code so that a retried submission gets the same answer as the
    first; records expire after a day and are purged.
    """

    __tablename__ = "idempotency_record"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concern.id", ondelete="CASCADE"), index=True
    )
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ConcernDraft(Base):
    """Answers given so far in the web journey, before the family submits.

    Kept server-side (not in a cookie) so that answers and uploaded files survive
    between pages without JavaScript; drafts expire and are purged.
    """

    __tablename__ = "concern_draft"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The hidden form token that makes a double-clicked submit create one concern.
    submit_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)

    attachments: Mapped[list[DraftAttachment]] = relationship(
        back_populates="draft", cascade="all, delete-orphan", order_by="DraftAttachment.id"
    )


class DraftAttachment(Base):
    __tablename__ = "draft_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[str] = mapped_column(
        ForeignKey("concern_draft.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime]

    draft: Mapped[ConcernDraft] = relationship(back_populates="attachments")
