"""Intake: drafts in progress, idempotency records, the reference counter, and the words
of the form. The case a submission opens is app/triage/case.py; what the family gave is
app/items/models.py."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, belongs_to
from app.triage.case import StoredFile


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
    FORUM = "forum"


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
    concern_id: Mapped[int] = belongs_to("concern")
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


class DraftAttachment(StoredFile, Base):
    __tablename__ = "draft_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[str] = belongs_to("concern_draft")

    draft: Mapped[ConcernDraft] = relationship(back_populates="attachments")
