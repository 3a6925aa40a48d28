"""A small set of made-up concerns, so a new installation has something to look at."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit.service import Actor
from app.concerns import service
from app.concerns.models import Source
from app.concerns.schemas import ConcernCreate, ConcernReceipt
from app.directory.models import School
from app.forum import sessions as forum_sessions
from app.forum.session_schemas import LOCAL, read_session
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
    _demo_sessions(session, now=now)
    progress(f"Added {len(DEMO_SESSIONS)} demo forum sessions")
    return receipts


# Two forum sessions a fortnight and a month away, so /forum has something to sign up to.
DEMO_SESSIONS: tuple[dict[str, str], ...] = (
    {
        "title": "Parents' and carers' forum: changes of social worker",
        "start_time": "18:00", "end_time": "19:30", "format": "in-person",
        "place": "Hereford Library, Broad Street, Hereford",
        "access_info": "Step-free entrance on Broad Street; hearing loop; a quiet room.",
        "topics": "Changes of social worker\nLetters and calls back", "capacity": "20",
    },
    {
        "title": "Young people's forum (online)",
        "start_time": "16:30", "end_time": "17:30", "format": "online",
        "online_link": "https://meet.example.org/young-peoples-forum",
        "topics": "Family time\nBeing listened to in meetings", "capacity": "15",
    },
)  # fmt: skip


def _demo_sessions(session: Session, *, now: datetime) -> None:
    for days, answers in zip((14, 30), DEMO_SESSIONS, strict=True):
        day = (now + timedelta(days=days)).astimezone(LOCAL)
        details = read_session(
            {**answers, "day": str(day.day), "month": str(day.month), "year": str(day.year)},
            now=now,
        )
        forum_sessions.create_session(session, Actor(None, None), details, now=now)
