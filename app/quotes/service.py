"""A family's words leave the case record only as an approved, redacted quote.

The rules (RULES.md, "Publishing numbers about small groups"): no free text leaves
except approved redacted quotes from consenting families. So a quote
- comes from a case whose family agreed to share their words (consent_to_share);
- is redacted before anyone edits it, with every name the system knows: the family's
  own, the council's staff directory and its schools (app/directory);
- is checked again, fail-closed, whenever it is saved or approved: if the redaction
  engine still finds personal data in it, it is refused and the finding named;
- is approved by a manager who did not propose it (four eyes), and every step is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.directory import service as directory
from app.errors import NotFound, ServiceError
from app.items import text as item_text
from app.items.models import FamilyItem
from app.quotes.models import Quote
from app.staff.models import Role, StaffUser
from app.text import redact
from app.triage import service as cases
from app.triage.case import Concern

MAX_LENGTH = 600
TYPE_LABELS = {
    "NAME": "a name",
    "EMAIL": "an email address",
    "URL": "a web address",
    "PHONE": "a phone number",
    "POSTCODE": "a postcode",
    "ADDRESS": "an address",
    "NHS_NUMBER": "an NHS number",
    "NI_NUMBER": "a National Insurance number",
    "DATE_OF_BIRTH": "a date of birth",
    "AGE": "an age",
    "SCHOOL": "a school",
    "CASE_REF": "a case reference",
}


class QuoteRefused(ServiceError):
    status_code = 400


class NoConsent(QuoteRefused):
    """The family did not agree to share their words: nothing of theirs can be quoted."""


def require_consent(concern: Concern) -> None:
    """NoConsent unless the family agreed to share their words (checked at every step)."""
    if not concern.item.consent_to_share:
        raise NoConsent("The family did not agree to share their words, so they cannot be quoted")


def _find(session: Session, concern: Concern, text: str) -> list[redact.Entity]:
    known = directory.known_names(session, item_text.known_names(concern.item))
    return redact.find_entities(text, known.people, known_phrases=known.schools)


def draft(session: Session, concern: Concern, excerpt: str | None = None) -> str:
    """The family's words (or the staff member's chosen excerpt) with personal data replaced.

    NoConsent if the family did not agree to share them.
    """
    require_consent(concern)
    text = excerpt if excerpt is not None else concern.item.description
    return redact.apply(text, _find(session, concern, text)).redacted


def check(session: Session, concern: Concern, text: str) -> str:
    """The quote as it will be stored, or QuoteRefused naming what is wrong with it."""
    text = text.strip()
    if not text:
        raise QuoteRefused("Enter the words to quote")
    if len(text) > MAX_LENGTH:
        raise QuoteRefused(f"A quote must be {MAX_LENGTH} characters or fewer")
    found = _find(session, concern, text)
    if found:
        kinds = sorted({TYPE_LABELS.get(e.type, e.type.lower()) for e in found})
        raise QuoteRefused(
            "This quote still contains personal data ("
            + ", ".join(kinds)
            + "): replace it with a placeholder such as [NAME]"
        )
    return text


def _audited(
    session: Session,
    actor: Actor[StaffUser],
    action: str,
    quote: Quote,
    concern: Concern,
    *,
    now: datetime,
) -> Quote:
    """Every step of a quote goes on the audit trail the same way: its case and new state."""
    audit.record(
        session,
        actor,
        action=action,
        now=now,
        target_type="quote",
        target_id=str(quote.id),
        details={"case": concern.id, "state": quote.state},
    )
    return quote


def propose(
    session: Session,
    actor: Actor[StaffUser],
    reference: str,
    text: str,
    *,
    theme_code: str | None,
    now: datetime,
) -> Quote:
    """Staff who can see the case put forward a redacted quote from it."""
    concern, user = cases.case_for(session, actor, reference)
    require_consent(concern)
    quote = Quote(
        item_id=concern.item_id,
        text=check(session, concern, text),
        theme_code=theme_code or None,
        state="proposed",
        redaction_version=redact.RULES_VERSION,
        proposed_by_id=user.id,
        proposed_at=now,
    )
    session.add(quote)
    session.flush()
    return _audited(session, actor, actions.QUOTE_PROPOSED, quote, concern, now=now)


def _for_manager(session: Session, actor: Actor[StaffUser], quote_id: int) -> tuple[Quote, Concern]:
    quote = session.get(Quote, quote_id)
    if quote is None or actor.user is None or Role.MANAGER not in actor.user.roles:
        raise NotFound("No such quote")
    concern = session.scalars(select(Concern).where(Concern.item_id == quote.item_id)).one()
    return quote, concern


def approve(session: Session, actor: Actor[StaffUser], quote_id: int, *, now: datetime) -> Quote:
    """A manager other than the proposer approves a quote for the Commission's reports."""
    quote, concern = _for_manager(session, actor, quote_id)
    if quote.state != "proposed":
        raise QuoteRefused("Only a proposed quote can be approved")
    if quote.proposed_by_id == actor.id:
        raise QuoteRefused("Someone other than the person who proposed a quote must approve it")
    if not concern.item.consent_to_share:
        raise QuoteRefused("The family no longer agrees to share their words")
    # The rules may have improved since it was proposed: check it again, fail-closed.
    quote.text = check(session, concern, quote.text)
    quote.redaction_version = redact.RULES_VERSION
    quote.state, quote.decided_by_id, quote.decided_at = "approved", actor.id, now
    return _audited(session, actor, actions.QUOTE_APPROVED, quote, concern, now=now)


def withdraw(
    session: Session, actor: Actor[StaffUser], quote_id: int, reason: str, *, now: datetime
) -> Quote:
    """A manager withdraws a quote (proposed or approved): it is never shown again."""
    quote, concern = _for_manager(session, actor, quote_id)
    if not reason.strip():
        raise QuoteRefused("Say why the quote is withdrawn")
    if quote.state == "withdrawn":
        raise QuoteRefused("This quote is already withdrawn")
    quote.state, quote.decided_by_id, quote.decided_at = "withdrawn", actor.id, now
    quote.decision_reason = reason.strip()
    return _audited(session, actor, actions.QUOTE_WITHDRAWN, quote, concern, now=now)


def for_case(session: Session, concern: Concern) -> Sequence[Quote]:
    return session.scalars(
        select(Quote).where(Quote.item_id == concern.item_id).order_by(Quote.id)
    ).all()


def awaiting_approval(session: Session) -> Sequence[Quote]:
    return session.scalars(
        select(Quote).where(Quote.state == "proposed").order_by(Quote.proposed_at, Quote.id)
    ).all()


def approved(session: Session, theme_code: str | None = None) -> Sequence[Quote]:
    """Quotes the Commission may read: approved, and from families who still consent."""
    query = (
        select(Quote)
        .join(FamilyItem, FamilyItem.id == Quote.item_id)
        .where(Quote.state == "approved", FamilyItem.consent_to_share.is_(True))
        .order_by(Quote.decided_at, Quote.id)
    )
    if theme_code:
        query = query.where(Quote.theme_code == theme_code)
    return session.scalars(query).all()


def names_for(session: Session, quotes: Sequence[Quote]) -> tuple[dict[int, str], dict[int, str]]:
    """For a list of quotes: their cases' references, and their proposers' names, by id."""
    references = {
        row.id: row.reference
        for row in session.execute(
            select(FamilyItem.id, FamilyItem.reference).where(
                FamilyItem.id.in_({q.item_id for q in quotes})
            )
        )
    }
    people = {
        row.id: row.display_name
        for row in session.execute(
            select(StaffUser.id, StaffUser.display_name).where(
                StaffUser.id.in_({q.proposed_by_id for q in quotes})
            )
        )
    }
    return references, people
