"""Forum sessions and the people who signed up to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, belongs_to
from app.labels import Labelled, labels


class SessionFormat(Labelled):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"


FORMAT_LABELS = labels(SessionFormat)


class ForumSession(Base):
    __tablename__ = "forum_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    format: Mapped[str] = mapped_column(String(20))
    # In person: where, and how to get in (step-free, hearing loop, parking...).
    place: Mapped[str | None] = mapped_column(Text)
    access_info: Mapped[str | None] = mapped_column(Text)
    # Online: the link goes only to people who signed up, never on a public page.
    online_link: Mapped[str | None] = mapped_column(String(500))
    # One topic a line, as staff typed them.
    topics: Mapped[str] = mapped_column(Text, default="")
    facilitator_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    capacity: Mapped[int]
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]

    signups: Mapped[list[SignUp]] = relationship(
        back_populates="session", order_by="SignUp.id", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_forum_session_starts_at", "starts_at"),)


class SignUp(Base):
    """A place at a session (or on its waiting list). No account: a way to contact."""

    __tablename__ = "forum_signup"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = belongs_to("forum_session")
    name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    access_needs: Mapped[str | None] = mapped_column(Text)
    young_person: Mapped[bool] = mapped_column(default=False)
    waiting_list: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]

    session: Mapped[ForumSession] = relationship(back_populates="signups")
