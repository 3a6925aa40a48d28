"""Forum feedback on the case page (the Forum box), and turning it into a concern when
someone asked for a reply: a new item of kind concern, the family's words as they gave
them, entering through take_in like any concern (risk screened, reference, clocks on the
complaint route chosen), linked both ways and on both timelines and the audit trail.

Who may do it is the route's access rule (app/web/auth.py, listed in the access matrix)
and seeing the case (triage.visibility); what may be turned is the pure rule why_not.
Services flush, never commit: the route commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions as audit_actions
from app.audit.service import Actor
from app.concerns import service as intake
from app.concerns.models import Source
from app.errors import Conflict
from app.forum.feedback_models import CHANNEL_LABELS, Channel, ForumFeedback
from app.items.models import FamilyItem, ItemKind
from app.staff.models import StaffUser
from app.triage import service as triage
from app.triage.case import Concern
from app.triage.workflow import Route, State

# The complaint routes a concern made from feedback may start on: both run the clocks.
COMPLAINT_ROUTES = (Route.STATUTORY, Route.CORPORATE)


@dataclass(frozen=True)
class ForumBox:
    """What the case page's Forum box shows."""

    channel: str
    session_title: str | None
    session_starts_at: datetime | None
    entered_by: str | None
    concern_reference: str | None  # the concern it was turned into
    feedback_reference: str | None  # the feedback this concern was made from


def link_of(session: Session, item_id: int) -> ForumFeedback | None:
    return session.get(ForumFeedback, item_id)


def linked_concern(session: Session, case: Concern) -> Concern | None:
    """The concern this feedback case was turned into, if it was (tracking follows it)."""
    link = link_of(session, case.item_id)
    if link is None or link.concern_item_id is None:
        return None
    return session.scalars(
        select(Concern).where(Concern.item_id == link.concern_item_id)
    ).one_or_none()


def why_not(link: ForumFeedback | None, case: Concern) -> str | None:
    """Why this case cannot be turned into a concern, or None if it can."""
    if link is None:
        return "Only forum feedback can be turned into a concern"
    if link.concern_item_id is not None:
        return "This feedback has already been turned into a concern"
    if case.state == State.CLOSED:
        return "This feedback is closed: reopen it first"
    return None


def _reference_of(session: Session, item_id: int | None) -> str | None:
    if item_id is None:
        return None
    return session.scalar(select(FamilyItem.reference).where(FamilyItem.id == item_id))


def forum_box(session: Session, case: Concern) -> ForumBox | None:
    """The Forum box of a case: for feedback, or for a concern made from feedback."""
    link = link_of(session, case.item_id)
    made_from = None
    if link is None:
        made_from = session.scalars(
            select(ForumFeedback).where(ForumFeedback.concern_item_id == case.item_id)
        ).one_or_none()
        if made_from is None:
            return None
    shown = link or made_from
    assert shown is not None
    entered_by = session.get(StaffUser, shown.entered_by_id) if shown.entered_by_id else None
    return ForumBox(
        channel=CHANNEL_LABELS[Channel(shown.channel)],
        session_title=shown.session.title if shown.session else None,
        session_starts_at=shown.session.starts_at if shown.session else None,
        entered_by=entered_by.display_name if entered_by else None,
        concern_reference=_reference_of(session, link.concern_item_id) if link else None,
        feedback_reference=_reference_of(session, made_from.item_id) if made_from else None,
    )


def turn_into_concern(
    session: Session, actor: Actor[StaffUser], reference: str, *, route: Route, now: datetime
) -> Concern:
    """The concern made from a visible feedback case; refused (Conflict) if why_not says so."""
    if route not in COMPLAINT_ROUTES:
        raise Conflict("Choose a statutory or a corporate complaint")
    feedback_case, user = triage.case_for(session, actor, reference)
    link = link_of(session, feedback_case.item_id)
    refused = why_not(link, feedback_case)
    if refused or link is None:
        raise Conflict(refused or "Only forum feedback can be turned into a concern")
    given = feedback_case.item
    item = FamilyItem(
        kind=ItemKind.CONCERN,
        role=given.role,
        on_behalf_of_child=given.on_behalf_of_child,
        description=given.description,  # the family's words, exactly as they gave them
        anonymous=given.anonymous,
        contact_name=given.contact_name,
        contact_email=given.contact_email,
        contact_phone=given.contact_phone,
        contact_address=given.contact_address,
        preferred_contact=given.preferred_contact,
        consent_to_share=given.consent_to_share,
    )
    with session.begin_nested():
        concern, _ = intake.take_in(session, item, source=Source.FORUM, route=route, now=now)
        link.concern_item_id = item.id
        triage.record_event(
            session,
            feedback_case,
            "turned-into-concern",
            now=now,
            actor_id=user.id,
            data={"related": concern.reference},
        )
        triage.record_event(
            session,
            concern,
            "made-from-feedback",
            now=now,
            actor_id=user.id,
            data={"related": feedback_case.reference},
        )
        for case, other in ((feedback_case, concern), (concern, feedback_case)):
            triage.audit_case(
                session,
                actor,
                case,
                audit_actions.CASE_CHANGED,
                now,
                details={"change": "turned-into-concern", "related": other.reference},
            )
        session.flush()
    return concern
