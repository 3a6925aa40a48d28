"""You said, we did: what was heard (issues raised), what the council will do about it
(commitments, with milestones), and what it has published, dated and never changed."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, belongs_to
from app.labels import Labelled, labels


class CommitmentStatus(Labelled):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in-progress", "In progress"
    DONE = "done", "Done"
    NOT_POSSIBLE = "not-possible", "Not possible"


COMMITMENT_STATUS_LABELS = labels(CommitmentStatus)


class IssueRaised(Base):
    """Something families told us, grouped by staff from forum feedback and concerns."""

    __tablename__ = "issue_raised"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    # Staff-written: the only words of it ever published (never a family's raw words).
    summary: Mapped[str] = mapped_column(Text)
    summary_for_children: Mapped[str | None] = mapped_column(Text)
    theme_code: Mapped[str | None] = mapped_column(ForeignKey("theme.code"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("forum_session.id"), index=True)
    # When it was first heard (the session, or the first item): the clock starts here.
    heard_at: Mapped[datetime]
    # The deadline for a published answer, in working days from heard_at (a setting).
    respond_by: Mapped[date]
    first_published_at: Mapped[datetime | None]
    # When the sweep told managers it went unanswered past respond_by (once only).
    overdue_alerted_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime]

    items: Mapped[list[IssueItem]] = relationship(
        back_populates="issue", cascade="all, delete-orphan", order_by="IssueItem.item_id"
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="issue", cascade="all, delete-orphan", order_by="Commitment.id"
    )

    __table_args__ = (Index("ix_issue_raised_respond_by", "respond_by"),)


class IssueItem(Base):
    """A family's item (forum feedback or a concern) grouped into an issue raised."""

    __tablename__ = "issue_raised_item"

    issue_id: Mapped[int] = mapped_column(
        ForeignKey("issue_raised.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("family_item.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    added_at: Mapped[datetime]

    issue: Mapped[IssueRaised] = relationship(back_populates="items")


class Commitment(Base):
    """What the service will do about an issue raised: an owner, a date and a status."""

    __tablename__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = belongs_to("issue_raised")
    what: Mapped[str] = mapped_column(Text)
    what_for_children: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))  # a role or team, as published
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default=CommitmentStatus.PLANNED.value)
    # Why it is not possible (required then), or a note on the latest move.
    status_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    issue: Mapped[IssueRaised] = relationship(back_populates="commitments")
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan", order_by="Milestone.id"
    )


class Milestone(Base):
    __tablename__ = "commitment_milestone"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = belongs_to("commitment")
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]
    note: Mapped[str | None] = mapped_column(Text)

    commitment: Mapped[Commitment] = relationship(back_populates="milestones")


class CommitmentLearning(Base):
    """A learning action from complaints that a commitment answers with."""

    __tablename__ = "commitment_learning"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), primary_key=True
    )
    learning_action_id: Mapped[int] = mapped_column(
        ForeignKey("learning_action.id", ondelete="CASCADE"), primary_key=True
    )


class PublicUpdate(Base):
    """One published update of an issue raised: written once, never changed. A correction
    is a new update that names the one it corrects."""

    __tablename__ = "public_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = belongs_to("issue_raised")
    published_at: Mapped[datetime]
    published_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    summary_for_children: Mapped[str | None] = mapped_column(Text)
    theme_code: Mapped[str | None] = mapped_column(String(40))
    # The commitments as published: what, owner, due, status, reason, milestones.
    commitments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Approved quotes only (app/quotes: consent, redaction, four eyes), as published.
    quotes: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("public_update.id"))
    note: Mapped[str | None] = mapped_column(Text)  # what changed, in plain words

    __table_args__ = (Index("ix_public_update_published_at", "published_at"),)


@event.listens_for(PublicUpdate, "before_update")
def _published_is_never_changed(mapper: Any, connection: Any, target: PublicUpdate) -> None:
    raise PublishedUpdateChanged(
        "A published update is never changed: publish a new one that corrects it"
    )


class PublishedUpdateChanged(RuntimeError):
    """Code tried to change a published update (a bug: corrections are new updates)."""


class Follower(Base):
    """Someone to tell when an issue raised moves: a person behind its feedback, someone
    who attended its session, or a member of the public who asked (confirmed by a link)."""

    __tablename__ = "issue_follower"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = belongs_to("issue_raised")
    email: Mapped[str] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(20))  # feedback, attended, public
    # Its confirm and unsubscribe links are signed (app/forum/links.py): nothing to store.
    confirmed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    __table_args__ = (UniqueConstraint("issue_id", "email", name="uq_issue_follower_once"),)
