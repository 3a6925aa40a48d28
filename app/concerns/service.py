"""Submitting and tracking concerns. Services flush, never commit: the route commits."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import throttle
from app.concerns import idempotency
from app.concerns.files import CheckedFile
from app.concerns.models import ReferenceCounter, Source
from app.concerns.schemas import ConcernCreate, ConcernReceipt, ConcernStatusPublic
from app.config import get_settings
from app.errors import NotFound, TooManyAttempts
from app.items import text as item_text
from app.items.models import FamilyItem, ItemKind
from app.sla import calendar
from app.text.risk import RiskAssessment, assess_risk
from app.triage import clocks as triage_clocks
from app.triage import service as triage
from app.triage.case import Concern, ConcernAttachment, by_reference

# Letters and digits that cannot be mistaken for each other when read aloud or
# copied by hand (no I, L, O, U, 0 or 1): 30 symbols, 12 of them ≈ 59 bits.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
TRACKING_LENGTH = 12

# What a family is told of each workflow state (app/triage/workflow.py): a code for the
# API, a label, and a sentence. Internal detail (routes, notes, who) is never shown.
FAMILY_STATUS: dict[str, tuple[str, str, str]] = {
    "new": ("received", "Received", "We have received your concern and will look at it."),
    "triaged": ("received", "Received", "We have received your concern and will look at it."),
    "acknowledged": ("in-progress", "Being looked into", "We are looking into your concern."),
    "in-progress": ("in-progress", "Being looked into", "We are looking into your concern."),
    "awaiting-family": (
        "waiting-for-you",
        "Waiting for information from you",
        "We have asked you for some information. We will carry on when we have it.",
    ),
    "paused": (
        "on-hold",
        "On hold",
        "Your concern is on hold for a while. We have written to you to say why.",
    ),
    "responded": (
        "responded",
        "Response sent",
        "We have sent you our response. If you are not happy with it, "
        "you can ask us to look at it again at the next stage.",
    ),
    "escalated": (
        "next-stage",
        "Moved to the next stage",
        "Your concern has moved to the next stage.",
    ),
    "closed": ("closed", "Closed", "Your concern is closed."),
}
# A closed concern's outcome (app/triage/workflow.py Outcome) in words for the family.
FAMILY_OUTCOME: dict[str, str] = {
    "upheld": "We agreed with your concern.",
    "partly-upheld": "We agreed with part of your concern.",
    "not-upheld": "We did not agree with your concern. Our response explains why.",
    "resolved-informally": "Your concern was sorted out with you.",
    "withdrawn": "Your concern was withdrawn.",
    "referred-to-mash": "Your concern was passed to our children's safeguarding team.",
    "no-reply-owed": "Your concern was looked into. We could not reply to you.",
    "duplicate": "You told us about this in another concern, and we dealt with it there.",
}
SAFEGUARDING_DESCRIPTION = (
    "What you told us has been passed to our children's safeguarding team to look at first."
)


@dataclass(frozen=True)
class Submission:
    receipt: ConcernReceipt
    replayed: bool  # True when an earlier identical request's answer was returned


def risk_text(description: str | None, desired_outcome: str | None) -> str:
    """The words of a concern that the risk detector reads (as text_of will join them)."""
    return item_text.join_words(description, desired_outcome)


def concern_risk(description: str | None, desired_outcome: str | None) -> RiskAssessment:
    """What submission will decide about risk, asked as soon as the family has written."""
    return assess_risk(risk_text(description, desired_outcome))


def new_tracking_code() -> str:
    """A random code shown once, grouped in fours for reading aloud."""
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_LENGTH, 4))


def normalise_tracking_code(code: str) -> str:
    """Accept the code however it is typed: any case, with or without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def normalise_reference(reference: str) -> str:
    """FV-2026-000123, however spaced or cased."""
    cleaned = "".join(ch for ch in reference.upper() if ch.isalnum())
    if cleaned.startswith("FV") and len(cleaned) == 12 and cleaned[2:].isdigit():
        return f"FV-{cleaned[2:6]}-{cleaned[6:]}"
    return reference.strip().upper()


def hash_tracking_code(reference: str, code: str) -> str:
    return hashlib.sha256(f"{reference}:{normalise_tracking_code(code)}".encode()).hexdigest()


def _next_reference(session: Session, year: int) -> str:
    """The next reference of the year, taken inside the caller's transaction.

    The counter row is locked by the update until the transaction ends, so two
    submissions never share a number, and a rolled-back submission gives its number back.
    """
    bumped = session.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.year == year)
        .values(last_value=ReferenceCounter.last_value + 1)
        .returning(ReferenceCounter.last_value)
    ).scalar_one_or_none()
    if bumped is None:
        try:
            with session.begin_nested():
                session.add(ReferenceCounter(year=year, last_value=1))
            bumped = 1
        except IntegrityError:  # another submission made the year's row first
            return _next_reference(session, year)
    return f"FV-{year}-{bumped:06d}"


def _request_body(data: ConcernCreate, attachments: Sequence[CheckedFile]) -> dict[str, Any]:
    body = data.model_dump(mode="json")
    body["attachments"] = [hashlib.sha256(f.content).hexdigest() for f in attachments]
    return body


SCOPE = "concerns"
CONFLICT = (
    "This Idempotency-Key was already used for a different concern. "
    "Use a new key for a new concern."
)


def find_receipt(session: Session, idempotency_key: str, *, now: datetime) -> ConcernReceipt | None:
    """The answer first given for this idempotency key, while it is kept."""
    response = idempotency.find(session, SCOPE, idempotency_key, now=now)
    return None if response is None else ConcernReceipt.model_validate(response)


def take_in(
    session: Session,
    item: FamilyItem,
    *,
    source: str,
    now: datetime,
    route: str | None = None,
    attachments: Sequence[CheckedFile] = (),
) -> tuple[Concern, str]:
    """Give a new item (a concern, forum feedback) its reference and open the case that
    handles it: risk read from its words, clocks started, themes suggested. Returns the
    case and its tracking code, which exists only here: only its hash is kept.

    The one way in for every kind of item, so each is screened for risk alike. route
    presets where the case starts (forum feedback starts as feedback); risk seen in the
    words sends it to safeguarding whatever was asked.
    """
    settings = get_settings()
    item.reference = _next_reference(session, calendar.london_date(now).year)
    item.received_at = now
    item.risk_signals = []
    risk = item_text.risk_of(item)
    tracking_code = new_tracking_code()
    concern = Concern(
        item=item,
        tracking_code_hash=hash_tracking_code(item.reference, tracking_code),
        safeguarding=risk.urgent,
        source=source,
        route=route,
        acknowledge_due_on=calendar.due_date(now, settings.acknowledge_working_days),
        response_due_on=calendar.due_date(now, settings.respond_working_days),
        attachments=[ConcernAttachment(**f.stored(now=now)) for f in attachments],
    )
    triage.flag_risk(concern, risk)  # the same rule as a staff note's risk
    session.add(concern)
    session.flush()
    triage.open_case(session, concern, now=now)
    return concern, tracking_code


def submit_concern(
    session: Session,
    *,
    data: ConcernCreate,
    source: Source,
    now: datetime,
    attachments: Sequence[CheckedFile] = (),
    idempotency_key: str | None = None,
) -> Submission:
    """Store a concern whole, with its attachments and reference, and return its receipt.

    Everything happens in one savepoint: if any part fails, nothing of it is kept.
    A repeated idempotency key returns the first receipt instead of a second concern.
    """

    def make() -> tuple[int, dict[str, Any]]:
        # What the family gave, and the case that will handle it.
        item = FamilyItem(
            kind=ItemKind.CONCERN,
            role=data.role,
            on_behalf_of_child=data.on_behalf_of_child,
            description=data.description,
            happened_on=data.happened_on,
            service_area=data.service_area,
            desired_outcome=data.desired_outcome,
            anonymous=data.anonymous,
            contact_name=data.contact_name,
            contact_email=data.contact_email,
            contact_phone=data.contact_phone,
            contact_address=data.contact_address,
            preferred_contact=data.preferred_contact,
            consent_to_share=data.consent_to_share,
        )
        concern, tracking_code = take_in(
            session, item, source=source, now=now, attachments=attachments
        )
        receipt = ConcernReceipt(
            reference=concern.reference,
            tracking_code=tracking_code,
            status=FAMILY_STATUS[concern.state][0],
            safeguarding=concern.safeguarding,
            acknowledge_by=concern.acknowledge_due_on,
            respond_by=concern.response_due_on,
        )
        return concern.id, receipt.model_dump(mode="json")

    answer = idempotency.once(
        session,
        scope=SCOPE,
        key=idempotency_key,
        body=_request_body(data, attachments),
        now=now,
        make=make,
        conflict=CONFLICT,
    )
    return Submission(ConcernReceipt.model_validate(answer.response), replayed=answer.replayed)


def _status_view(session: Session, concern: Concern, *, now: datetime) -> ConcernStatusPublic:
    code, label, description = FAMILY_STATUS[concern.state]
    # Dates as they stand now: a paused clock's due date moves on day by day.
    live = {c.name: c.due_on for c in triage_clocks.compute(session, concern, now=now)}
    done = triage.first_times(session, concern, ("acknowledged", "responded"))
    respond_by = next(
        (live[n] for n in triage_clocks.RESPONSE_CLOCKS.get(concern.stage, ()) if n in live),
        concern.response_due_on,
    )
    return ConcernStatusPublic(
        reference=concern.reference,
        status=code,
        status_label=label,
        status_description=(
            SAFEGUARDING_DESCRIPTION
            if concern.safeguarding and concern.state in ("new", "triaged")
            else description
        ),
        safeguarding=concern.safeguarding,
        received_on=calendar.london_date(concern.item.received_at),
        acknowledge_by=live.get("acknowledgement", concern.acknowledge_due_on),
        respond_by=respond_by,
        acknowledged_on=calendar.london_date(done["acknowledged"])
        if "acknowledged" in done
        else None,
        responded_on=calendar.london_date(done["responded"]) if "responded" in done else None,
        outcome=FAMILY_OUTCOME.get(concern.outcome or "") if concern.state == "closed" else None,
    )


NOT_FOUND_MESSAGE = (
    "We could not find a concern with that reference and tracking code. Check both and try again."
)


def track_concern(
    session: Session,
    *,
    reference: str,
    tracking_code: str,
    client: str,
    now: datetime,
    follow: Callable[[Session, Concern], Concern | None] | None = None,
) -> ConcernStatusPublic:
    """The status of a concern, if the reference and tracking code match.

    A wrong reference and a wrong code get the same answer. Failures are counted per
    client; past the limit, that client's lookups are refused for a while. Not per
    reference: references are sequential, so a count per reference would let anyone
    lock any family out, and the code's ~59 bits already make guessing one hopeless.
    """
    settings = get_settings()
    window = timedelta(minutes=settings.track_window_minutes)
    reference = normalise_reference(reference)
    key = f"track:client:{client}"
    # follow (handed in from above: forum feedback turned into a concern) names the case
    # whose status the family sees: they keep the one reference and code they were given.
    wait = throttle.seconds_blocked(session, key, now=now)
    if wait:
        minutes = max(1, -(-wait // 60))
        raise TooManyAttempts(
            f"You have tried too many times. Wait {minutes} minute{'s' if minutes > 1 else ''} "
            "and try again, or contact us if you have lost your tracking code.",
            retry_after_seconds=wait,
        )
    concern = session.scalars(select(Concern).where(by_reference(reference))).one_or_none()
    # Hash even when no concern matched, so the answer takes as long either way.
    given = hash_tracking_code(reference, tracking_code)
    expected = concern.tracking_code_hash if concern else "0" * 64
    if concern is None or not hmac.compare_digest(given, expected):
        throttle.record_failure(
            session, key, limit=settings.track_max_failures, window=window, block=window, now=now
        )
        raise NotFound(NOT_FOUND_MESSAGE)
    followed = follow(session, concern) if follow else None
    if followed is None:
        return _status_view(session, concern, now=now)
    return _status_view(session, followed, now=now).model_copy(
        update={"reference": concern.reference}
    )


def purge_expired(session: Session, *, now: datetime) -> dict[str, Any]:
    """Delete idempotency records past their lifetime."""
    return {"idempotency_records": idempotency.purge_expired(session, now=now)}
