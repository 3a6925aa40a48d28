"""Staff feedback on the risk detector: false alarms and misses, reviewed by managers.

Policy:
- Whoever may work a case (triage, a caseworker or manager who can see it) may mark it.
  A case the detector flags ("possible risk") may be marked a false alarm, with a reason;
  a case it does not flag may be marked a miss, with a note and the kind of harm.
- A mark never changes the case: not its route, not its "possible risk" flag. The officer
  still routes the case as today. It is a row for managers to review, nothing more.
- One mark of each kind per person per case: a second submission (two tabs) finds the
  first. Every mark is audited and shows on the case timeline.
- A manager other than the person who made it accepts or rejects each mark, with a note.
  The review list shows the case's words only redacted.
- Accepted marks are exported, redacted again at export, as labelled risk examples for a
  person to check and add to data/ by hand; nothing retrains by itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.errors import NotFound
from app.items import text as item_text
from app.staff.models import Role, StaffUser, Team
from app.text import redact, risk
from app.triage import service, visibility
from app.triage.case import Concern
from app.triage.models import RiskFeedback

FALSE_ALARM = "false-alarm"
MISSED = "missed"
KIND_LABELS = {FALSE_ALARM: "False alarm", MISSED: "Missed risk"}
FALSE_ALARM_REASONS = {
    "past-dealt-with": "Harm in the past and dealt with",
    "figure-of-speech": "A joke or figure of speech",
    "about-an-adult": "About an adult, not a child",
    "record-or-process": "Words from a record or process",
    "other": "Other",
}
HARM_LABELS = {
    "violence": "Violence",
    "sexual-abuse": "Sexual abuse",
    "self-harm-suicide": "Self-harm or suicide",
    "neglect": "Neglect",
    "exploitation": "Exploitation",
    "missing": "Missing",
    "threat": "Threat",
    "immediate-danger": "Immediate danger",
}
TO_REVIEW, ACCEPTED, REJECTED = "to-review", "accepted", "rejected"
STATUS_LABELS = {TO_REVIEW: "To review", ACCEPTED: "Accepted for training", REJECTED: "Rejected"}
REASON_MAX = 2000
NOTE_MAX = 1000
MARK_NOT_FOUND = "No such mark"
# What the case page's feedback form shows.
PAGE_LABELS: dict[str, Any] = {
    "reasons": FALSE_ALARM_REASONS,
    "harms": HARM_LABELS,
    "statuses": STATUS_LABELS,
    "max": REASON_MAX,
}


class FeedbackRefused(service.ActionRefused):
    """A mark or a review that cannot be made, with the field to show it against."""

    status_code = 400

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@cache
def detector_version() -> str:
    """The risk detector's own fingerprint: which rules, signs and code a mark was made
    against (every file of the app.text.risk package, the warning signs included)."""
    folder = Path(risk.__file__).parent
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def flagged(concern: Concern, assessment: risk.RiskAssessment) -> bool:
    """Does the case page show "possible risk"? The same test as its warning."""
    return bool(concern.item.risk_signals) or bool(assessment.signals)


@dataclass(frozen=True)
class MarkInput:
    """What the officer typed, as typed."""

    kind: str
    reason: str = ""
    reason_code: str = ""
    signal: str = ""


def mark(
    session: Session, actor: Actor[StaffUser], reference: str, data: MarkInput, *, now: datetime
) -> RiskFeedback:
    """Mark a case's risk flag a false alarm, or its absence a miss: audited, on the timeline."""
    concern, user = service.case_for(session, actor, reference)
    if not user.roles & {Role.TRIAGE, Role.CASEWORKER, Role.MANAGER}:
        raise NotFound(service.CASE_NOT_FOUND)
    assessment = service.case_risk(session, concern)
    is_flagged = flagged(concern, assessment)
    reason = data.reason
    if data.kind == FALSE_ALARM:
        if not is_flagged:
            raise FeedbackRefused("kind", "This case is not flagged: there is no alarm to mark")
        if data.reason_code not in FALSE_ALARM_REASONS:
            raise FeedbackRefused("reason_code", "Choose why it is a false alarm")
        signals = sorted({*(concern.item.risk_signals or []), *assessment.signals})
    elif data.kind == MISSED:
        if is_flagged:
            raise FeedbackRefused("kind", "This case is already flagged: nothing was missed")
        if data.signal not in HARM_LABELS:
            raise FeedbackRefused("signal", "Choose the kind of harm the detector missed")
        signals = [data.signal]
    else:
        raise FeedbackRefused("kind", "Choose a false alarm or a missed risk")
    if not reason.strip():
        raise FeedbackRefused("reason", "Say why, in your own words")
    if len(reason) > REASON_MAX:
        raise FeedbackRefused("reason", f"Keep it to {REASON_MAX} characters or fewer")
    existing = _existing(session, concern.id, data.kind, user.id)
    if existing is not None:
        return existing  # a second tab, or a double click: the first mark stands
    row = RiskFeedback(
        concern_id=concern.id,
        kind=data.kind,
        signals=signals,
        reason_code=data.reason_code if data.kind == FALSE_ALARM else None,
        reason=reason,
        detector_version=detector_version(),
        evidence=[{"signal": e.signal, "text": e.text} for e in assessment.evidence],
        created_by_id=user.id,
        created_at=now,
        status=TO_REVIEW,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:
        # Another request made the same mark between our check and our insert.
        found = _existing(session, concern.id, data.kind, user.id)
        if found is None:
            raise
        return found
    # On the timeline and the trail as every other change to a case is (triage.service).
    service.record_event(
        session,
        concern,
        f"risk-{data.kind}",
        now=now,
        actor_id=user.id,
        reason=reason,
        data={"signals": signals, "reason_code": row.reason_code},
    )
    session.flush()
    service.audit_case(
        session,
        actor,
        concern,
        actions.CASE_CHANGED,
        now,
        details={"action": f"risk-{data.kind}", "mark": row.id},
    )
    return row


def _existing(session: Session, concern_id: int, kind: str, user_id: int) -> RiskFeedback | None:
    return session.scalars(
        select(RiskFeedback).where(
            RiskFeedback.concern_id == concern_id,
            RiskFeedback.kind == kind,
            RiskFeedback.created_by_id == user_id,
        )
    ).one_or_none()


def for_case(session: Session, concern: Concern) -> Sequence[RiskFeedback]:
    """The marks made on a case, oldest first."""
    return session.scalars(
        select(RiskFeedback).where(RiskFeedback.concern_id == concern.id).order_by(RiskFeedback.id)
    ).all()


@dataclass(frozen=True)
class ReviewItem:
    mark: RiskFeedback
    reference: str
    visible: bool  # may this manager open the case itself?
    redacted_text: str
    marked_by: str


def _case_words(session: Session, concern: Concern) -> str:
    """The case's text as the detector read it, redacted with the names the concern gives."""
    names = [*item_text.known_names(concern.item), *filter(None, [concern.independent_person])]
    return redact.redact(service.case_text(session, concern), names).redacted


def review_list(
    session: Session, user: StaffUser, *, kind: str = "", status: str = "", limit: int = 200
) -> list[ReviewItem]:
    """Marks newest first, with each case's words redacted; filterable by kind and status."""
    query = select(RiskFeedback, Concern).join(Concern, Concern.id == RiskFeedback.concern_id)
    if kind in KIND_LABELS:
        query = query.where(RiskFeedback.kind == kind)
    if status in STATUS_LABELS:
        query = query.where(RiskFeedback.status == status)
    rows = session.execute(query.order_by(RiskFeedback.id.desc()).limit(limit)).all()
    people = {u.id: u.display_name for u in session.scalars(select(StaffUser))}
    teams = {t.id: t for t in session.scalars(select(Team))}
    return [
        ReviewItem(
            mark=row,
            reference=concern.reference,
            visible=visibility.can_view_case(
                user, concern, teams.get(concern.team_id) if concern.team_id else None
            ),
            redacted_text=_case_words(session, concern),
            marked_by=people.get(row.created_by_id, "Unknown"),
        )
        for row, concern in rows
    ]


def review(
    session: Session,
    actor: Actor[StaffUser],
    mark_id: int,
    *,
    accept: bool,
    note: str,
    now: datetime,
) -> RiskFeedback:
    """A manager accepts a mark for training or rejects it; never their own."""
    row = session.get(RiskFeedback, mark_id)
    if row is None or actor.user is None:
        raise NotFound(MARK_NOT_FOUND)
    if row.created_by_id == actor.user.id:
        raise FeedbackRefused("note", "Someone else must review your own mark")
    if row.status != TO_REVIEW:
        raise FeedbackRefused("note", "This mark has already been reviewed")
    if not note.strip():
        raise FeedbackRefused("note", "Add a note saying why")
    if len(note) > NOTE_MAX:
        raise FeedbackRefused("note", f"Keep the note to {NOTE_MAX} characters or fewer")
    row.status = ACCEPTED if accept else REJECTED
    row.reviewed_by_id = actor.user.id
    row.reviewed_at = now
    row.review_note = note
    session.flush()
    concern = session.get(Concern, row.concern_id)
    audit.record(
        session,
        actor,
        action=actions.CASE_CHANGED,
        now=now,
        target_type="case",
        target_id=concern.reference if concern else None,
        details={"action": f"risk-mark-{row.status}", "mark": row.id},
    )
    return row


def training_rows(session: Session) -> Iterator[dict[str, Any]]:
    """Accepted marks as labelled risk examples, the text redacted now, oldest first.

    A false alarm is a hard negative (harm words that are not a risk); a miss is an
    urgent text the detector could not see, so hard too.
    """
    query = (
        select(RiskFeedback, Concern)
        .join(Concern, Concern.id == RiskFeedback.concern_id)
        .where(RiskFeedback.status == ACCEPTED)
        .order_by(RiskFeedback.id)
    )
    for row, concern in session.execute(query):
        missed = row.kind == MISSED
        yield {
            "text": _case_words(session, concern),
            "urgent": missed,
            "signals": list(row.signals) if missed else [],
            "hard": True,
            "source": "staff-review",
        }
