"""What makes a family item forum feedback: the session it was about and how it came in.

The words, consent and contact are the item's (app/items/models.py), and the handling is
the case's (app/triage/case.py), exactly as for a concern."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base
from app.forum.models import ForumSession
from app.items.models import FamilyItem
from app.labels import Labelled, labels


class Channel(Labelled):
    ONLINE = "online", "Online form"
    API = "api", "The council's API"
    MEETING = "meeting", "Entered from a meeting"
    UPLOAD = "upload", "Uploaded from a meeting (CSV)"


CHANNEL_LABELS = labels(Channel)


class ForumFeedback(Base):
    __tablename__ = "forum_feedback"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("family_item.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[FamilyItem] = relationship(foreign_keys=[item_id])
    # About a session, or about the forum (and the service) in general.
    session_id: Mapped[int | None] = mapped_column(ForeignKey("forum_session.id"), index=True)
    session: Mapped[ForumSession | None] = relationship()
    channel: Mapped[str] = mapped_column(String(20))
    # Who typed it in from a meeting (None when the family wrote it themselves).
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # When triage turned it into a concern: the concern's item, linked both ways.
    concern_item_id: Mapped[int | None] = mapped_column(ForeignKey("family_item.id"), unique=True)
    created_at: Mapped[datetime]
