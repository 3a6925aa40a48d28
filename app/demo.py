"""A small set of made-up concerns, so a new installation has something to look at."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.concerns import service
from app.concerns.models import Source
from app.concerns.schemas import ConcernCreate, ConcernReceipt
from app.directory.models import School
from app.staff.models import Team
from app.triage.case import Concern

# Invented people and events; any likeness to a real family is chance.
DEMO_CONCERNS: tuple[dict[str, object], ...] = (
    {
        "role": "parent-carer",
        "on_behalf_of_child": True,
        "description": (
            "We have had four different social workers in a year. Each time we have to tell "
            "our story again and nobody returns my calls."
        ),
        "happened_on": "Since January 2026",
        "service_area": "Children in need team",
        "desired_outcome": "One named worker who stays, and a call back when I ring.",
        "contact_email": "demo.parent@example.com",
        "consent_to_share": True,
    },
    {
        "role": "relative",
        "on_behalf_of_child": True,
        "description": (
            "As the children's grandmother I was not invited to the meeting about their "
            "future and my views were not written down."
        ),
        "happened_on": "October 2026",
        "contact_phone": "07700 900982",
        "preferred_contact": "phone",
        "consent_to_share": False,
    },
    {
        "role": "young-person",
        "on_behalf_of_child": False,
        "description": "My family time with my brother keeps getting cancelled at the last minute.",
        "anonymous": True,
        "consent_to_share": True,
    },
)


DEMO_TEAMS = (
    ("North locality team", "Children in need"),
    ("South locality team", "Children in need"),
    ("Fostering team", "Fostering"),
)


# Made-up schools (real ones come from `familyvoice import-schools`, a GIAS export).
DEMO_SCHOOLS = (
    (990001, "St Ethelbert's CE Primary School", "Hereford"),
    (990002, "Riverside Academy", "Leominster"),
    (990003, "Kingsmead Vale High School", "Hereford"),
)


def has_concerns(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(Concern)))


def seed(
    session: Session, *, now: datetime, progress: Callable[[str], None] = lambda _line: None
) -> list[ConcernReceipt]:
    """Add demo teams and concerns if there are no concerns at all; their receipts, or []."""
    if has_concerns(session):
        return []
    if not session.scalar(select(func.count()).select_from(Team)):
        session.add_all(Team(name=name, service_area=area) for name, area in DEMO_TEAMS)
        progress(f"Added {len(DEMO_TEAMS)} demo teams")
    if not session.scalar(select(func.count()).select_from(School)):
        session.add_all(School(urn=u, name=n, town=t) for u, n, t in DEMO_SCHOOLS)
        progress(f"Added {len(DEMO_SCHOOLS)} made-up schools")
    receipts = []
    for number, (days_ago, fields) in enumerate(
        zip((9, 4, 1), DEMO_CONCERNS, strict=True), start=1
    ):
        progress(f"Adding demo concern {number} of {len(DEMO_CONCERNS)}...")
        submission = service.submit_concern(
            session,
            data=ConcernCreate.model_validate(fields),
            source=Source.DEMO,
            now=now - timedelta(days=days_ago),
        )
        receipts.append(submission.receipt)
    return receipts
