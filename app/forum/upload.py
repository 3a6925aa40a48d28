"""Feedback heard at a meeting, uploaded as a spreadsheet saved as CSV: every good row
becomes forum feedback (screened for risk like any item), every bad row is listed with its
row number and reason and skipped, and the same file twice is refused.

Reading the file is a pure function (`read_rows`); storing is `upload_meeting`.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit.models import AuditEvent
from app.audit.service import Actor, record
from app.concerns.models import Role
from app.forum.feedback import record_feedback
from app.forum.feedback_models import Channel
from app.forum.models import ForumSession
from app.forum.schemas import FeedbackCreate
from app.staff.models import StaffUser

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
# What a facilitator may write in the "who" column, beside the codes themselves.
_WHO = {
    "": Role.OTHER,
    "parent": Role.PARENT_CARER,
    "carer": Role.PARENT_CARER,
    "parent or carer": Role.PARENT_CARER,
    "young person": Role.YOUNG_PERSON,
    "child": Role.YOUNG_PERSON,
    "yp": Role.YOUNG_PERSON,
    "grandparent": Role.RELATIVE,
    "foster carer": Role.FOSTER_CARER,
    "advocate": Role.PROFESSIONAL,
    **{role.value: role for role in Role},
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


class UploadRefused(Exception):
    """The file as a whole cannot be read: nothing is stored."""


@dataclass
class Rows:
    good: list[tuple[int, FeedbackCreate]] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Uploaded:
    added: int
    skipped: list[tuple[int, str]]
    safeguarding: list[str]  # references of the items whose words suggested risk


def read_rows(data: bytes, *, session_id: int) -> Rows:
    """The rows of a meeting's CSV: a `feedback` column (required), and optional `who`
    (parent, young person, ...) and `consent` (yes or no). Row numbers are the
    spreadsheet's, the header being row 1."""
    if len(data) > MAX_BYTES:
        raise UploadRefused(f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(
            "The file must be saved as CSV UTF-8: in your spreadsheet choose Save as, "
            "then CSV UTF-8 (comma delimited)"
        ) from None
    # csv.reader, not DictReader: DictReader drops blank lines, and then every row number
    # after one would not be the spreadsheet's.
    records = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = [h.strip().lower() for h in next(records, [])]
        if "feedback" not in headers:
            raise UploadRefused("The first row must name the columns, with one called feedback")
        rows = Rows()
        for number, cells in enumerate(records, start=2):
            if number - 1 > MAX_ROWS:
                raise UploadRefused(f"The file must have {MAX_ROWS:,} rows or fewer")
            if not any(cell.strip() for cell in cells):
                continue  # a blank line in the spreadsheet
            if len(cells) > len(headers):
                rows.skipped.append((number, "It has more cells than the first row has names"))
                continue
            reason, feedback = _row(dict(zip(headers, cells, strict=False)), session_id)
            if feedback is None:
                rows.skipped.append((number, reason))
            else:
                rows.good.append((number, feedback))
    except csv.Error:
        raise UploadRefused("The file is not a CSV file that can be read") from None
    if not rows.good and not rows.skipped:
        raise UploadRefused("The file has no feedback in it")
    return rows


def _row(row: dict[str, str], session_id: int) -> tuple[str, FeedbackCreate | None]:
    who = _WHO.get(" ".join((row.get("who") or "").lower().replace("-", " ").split()))
    if who is None:
        return (
            "The who column must be parent, young person, relative, foster carer, advocate or other",
            None,
        )
    consent_text = (row.get("consent") or "").strip().lower()
    if consent_text not in _YES | _NO:
        return "The consent column must be yes or no", None
    try:
        feedback = FeedbackCreate(
            role=who,
            feedback=row.get("feedback") or "",
            session_id=session_id,
            anonymous=True,  # heard in a room: nobody to reply to
            consent_to_share=consent_text in _YES,
        )
    except ValidationError as error:
        return str(error.errors()[0]["msg"]).removeprefix("Value error, "), None
    return "", feedback


def upload_meeting(
    session: Session,
    actor: Actor[StaffUser],
    forum_session: ForumSession,
    data: bytes,
    *,
    now: datetime,
) -> Uploaded:
    """Store every good row of the file, in the caller's transaction; the same file twice
    for the same session is refused, so a double click adds nothing."""
    if forum_session.starts_at > now:
        # What was said at a meeting is uploaded after it has begun; feedback about a
        # session that has not happened is refused alike on every way in.
        raise UploadRefused("You can upload what was said once the session has begun")
    digest = hashlib.sha256(data).hexdigest()
    earlier = session.scalars(
        select(AuditEvent.details).where(
            AuditEvent.action == actions.FORUM_FEEDBACK_UPLOADED,
            AuditEvent.target_id == str(forum_session.id),
        )
    ).all()
    if any((details or {}).get("sha256") == digest for details in earlier):
        raise UploadRefused("This file has already been uploaded for this session")
    rows = read_rows(data, session_id=forum_session.id)
    safeguarding: list[str] = []
    for _, feedback in rows.good:
        case, _ = record_feedback(
            session, feedback, channel=Channel.UPLOAD, now=now, entered_by_id=actor.id
        )
        if case.safeguarding:
            safeguarding.append(case.reference)
    record(
        session,
        actor,
        action=actions.FORUM_FEEDBACK_UPLOADED,
        now=now,
        target_type="forum_session",
        target_id=str(forum_session.id),
        details={"sha256": digest, "added": len(rows.good), "skipped": len(rows.skipped)},
    )
    return Uploaded(len(rows.good), rows.skipped, safeguarding)
