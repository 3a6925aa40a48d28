"""The web journey's answers between pages, kept server-side until the family submits.

A draft holds each page's answers and any uploaded files. Submitting turns the
draft into a concern in the same transaction that deletes the draft, so the family
either has a concern with every file or still has the draft to try again.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.concerns import service
from app.concerns.files import CheckedFile, FileRejected
from app.concerns.models import ConcernDraft, DraftAttachment, Source
from app.concerns.schemas import (
    AboutAnswers,
    AnonymityAnswers,
    ConcernCreate,
    ConsentAnswers,
    ContactAnswers,
    WhoAnswers,
)
from app.config import get_settings
from app.errors import NotFound

# The question pages in order, with the model that validates each one.
PAGES: tuple[tuple[str, type[Any]], ...] = (
    ("who", WhoAnswers),
    ("about", AboutAnswers),
    ("contact", AnonymityAnswers),
    ("contact-details", ContactAnswers),
    ("consent", ConsentAnswers),
)


class DraftIncomplete(Exception):
    """The draft misses answers; first_page is where the family should go next."""

    def __init__(self, first_page: str) -> None:
        super().__init__(first_page)
        self.first_page = first_page


def get_draft(session: Session, draft_id: str | None, *, now: datetime) -> ConcernDraft | None:
    """The live draft with this id, or None."""
    if not draft_id:
        return None
    draft = session.get(ConcernDraft, draft_id)
    if draft is None:
        return None
    if draft.expires_at <= now:
        # Gone now, not at the next purge: an old draft must not wait on the server.
        session.delete(draft)
        session.flush()
        return None
    return draft


def end_draft(session: Session, draft_id: str | None) -> None:
    """Delete the draft with this id (the caller's own, from its signed cookie), if any."""
    if draft_id:
        session.execute(delete(ConcernDraft).where(ConcernDraft.id == draft_id))


def start_draft(session: Session, *, now: datetime) -> ConcernDraft:
    """A new, empty draft with its own submit token."""
    lifetime = timedelta(hours=get_settings().draft_lifetime_hours)
    draft = ConcernDraft(
        id=secrets.token_urlsafe(32),
        answers={},
        submit_token=secrets.token_urlsafe(24),
        created_at=now,
        updated_at=now,
        expires_at=now + lifetime,
    )
    session.add(draft)
    session.flush()
    return draft


def save_answers(draft: ConcernDraft, answers: dict[str, Any], *, now: datetime) -> None:
    """Merge one page's validated answers into the draft, and keep it alive."""
    draft.answers = {**draft.answers, **answers}
    draft.updated_at = now
    draft.expires_at = now + timedelta(hours=get_settings().draft_lifetime_hours)


def page_answers(draft: ConcernDraft | None, page: str) -> dict[str, Any]:
    """The answers already given for one page, to fill its form again."""
    if draft is None:
        return {}
    model = dict(PAGES)[page]
    return {k: v for k, v in draft.answers.items() if k in model.model_fields}


def page_applies(draft: ConcernDraft, page: str) -> bool:
    """Contact details are asked only of those who want a reply."""
    return not (page == "contact-details" and draft.answers.get("anonymous") is True)


def first_unanswered_page(draft: ConcernDraft) -> str | None:
    """The first page whose answers are missing or no longer valid."""
    for page, model in PAGES:
        if not page_applies(draft, page):
            continue
        try:
            model.model_validate(page_answers(draft, page))
        except ValidationError:
            return page
    return None


def add_attachment(
    session: Session, draft: ConcernDraft, file: CheckedFile, *, now: datetime
) -> None:
    """Keep an accepted file with the draft, up to the allowed number."""
    limit = get_settings().max_attachments
    count = session.scalar(
        select(func.count())
        .select_from(DraftAttachment)
        .where(DraftAttachment.draft_id == draft.id)
    )
    if (count or 0) >= limit:
        raise FileRejected(f"You can send up to {limit} files. Remove a file to add another")
    session.add(DraftAttachment(draft_id=draft.id, **file.stored(now=now)))
    draft.updated_at = now
    draft.expires_at = now + timedelta(hours=get_settings().draft_lifetime_hours)
    session.flush()


def remove_attachment(session: Session, draft: ConcernDraft, attachment_id: int) -> None:
    """Remove one of the draft's own files (never another draft's)."""
    result = session.execute(
        delete(DraftAttachment).where(
            DraftAttachment.id == attachment_id, DraftAttachment.draft_id == draft.id
        )
    )
    if not getattr(result, "rowcount", 0):
        raise NotFound("That file has already been removed")
    session.expire(draft, ["attachments"])


def submit_draft(session: Session, draft: ConcernDraft, *, now: datetime) -> service.Submission:
    """Turn a complete draft into a concern, and delete the draft in the same transaction."""
    missing = first_unanswered_page(draft)
    if missing is not None:
        raise DraftIncomplete(missing)
    data = ConcernCreate.model_validate(draft.answers)
    files = [CheckedFile(a.filename, a.media_type, a.content) for a in draft.attachments]
    submission = service.submit_concern(
        session,
        data=data,
        source=Source.WEB,
        now=now,
        attachments=files,
        idempotency_key=f"web:{draft.submit_token}",
    )
    session.delete(draft)
    session.flush()
    return submission


def purge_expired(session: Session, *, now: datetime) -> int:
    """Delete drafts (and their files) past their lifetime."""
    result = session.execute(delete(ConcernDraft).where(ConcernDraft.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
