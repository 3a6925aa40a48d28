"""Forum sessions: staff create and cancel them, families sign up (or join the waiting
list), and every message about a place goes through the outbox in the same transaction.

Services flush, never commit: the route commits. A sign-up's link is signed
(`links.signup_path`), so a family can see or give up their place without an account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit.service import Actor, record, record_change
from app.config import get_settings
from app.errors import Conflict, NotFound
from app.forum import links
from app.forum.models import FORMAT_LABELS, ForumSession, SessionFormat, SignUp
from app.forum.session_schemas import LOCAL, SessionDetails, SignUpDetails
from app.notify import service as notify
from app.staff.models import StaffUser

# A reminder goes to every place holder once the session is this close.
REMINDER_BEFORE = timedelta(hours=24)


@dataclass(frozen=True)
class Places:
    taken: int
    waiting: int
    capacity: int

    @property
    def left(self) -> int:
        return max(self.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


def create_session(
    session: Session,
    actor: Actor[StaffUser],
    details: SessionDetails,
    *,
    now: datetime,
    facilitator_id: int | None = None,
) -> ForumSession:
    forum_session = ForumSession(
        title=details.title,
        starts_at=details.starts_at,
        ends_at=details.ends_at,
        format=details.format,
        place=details.place,
        access_info=details.access_info,
        online_link=details.online_link,
        topics=details.topics,
        capacity=details.capacity,
        facilitator_id=facilitator_id if facilitator_id is not None else actor.id,
        created_at=now,
    )
    session.add(forum_session)
    session.flush()
    record_change(session, actor, actions.FORUM_SESSION_ADDED, forum_session, now)
    return forum_session


def get_session(session: Session, session_id: int) -> ForumSession:
    found = session.get(ForumSession, session_id)
    if found is None:
        raise NotFound("There is no forum session with that number")
    return found


def open_for_signup(session: Session, session_id: int, *, now: datetime) -> ForumSession:
    """A session a family may sign up to: not cancelled and not started."""
    found = session.get(ForumSession, session_id)
    if found is None or found.cancelled_at is not None or found.starts_at <= now:
        raise NotFound("That session is not taking sign-ups")
    return found


def upcoming(session: Session, *, now: datetime) -> list[tuple[ForumSession, Places]]:
    rows = session.scalars(
        select(ForumSession)
        .where(ForumSession.starts_at > now, ForumSession.cancelled_at.is_(None))
        .order_by(ForumSession.starts_at, ForumSession.id)
    ).all()
    places = places_of(session, list(rows))
    return [(r, places[r.id]) for r in rows]


def past(session: Session, *, now: datetime, limit: int = 20) -> list[ForumSession]:
    return list(
        session.scalars(
            select(ForumSession)
            .where(ForumSession.starts_at <= now, ForumSession.cancelled_at.is_(None))
            .order_by(ForumSession.starts_at.desc(), ForumSession.id.desc())
            .limit(limit)
        )
    )


def every_session(session: Session) -> list[tuple[ForumSession, Places]]:
    """Staff's list: newest first, cancelled ones too."""
    rows = session.scalars(
        select(ForumSession).order_by(ForumSession.starts_at.desc(), ForumSession.id.desc())
    ).all()
    places = places_of(session, list(rows))
    return [(r, places[r.id]) for r in rows]


def places_of(session: Session, forum_sessions: list[ForumSession]) -> dict[int, Places]:
    """Places taken and waiting for each session (one query; capacity is on the rows)."""
    counts: dict[tuple[int, bool], int] = {}
    if forum_sessions:
        rows = session.execute(
            select(SignUp.session_id, SignUp.waiting_list, func.count())
            .where(
                SignUp.session_id.in_([s.id for s in forum_sessions]),
                SignUp.cancelled_at.is_(None),
            )
            .group_by(SignUp.session_id, SignUp.waiting_list)
        )
        counts = {(sid, bool(waiting)): n for sid, waiting, n in rows}
    return {
        s.id: Places(counts.get((s.id, False), 0), counts.get((s.id, True), 0), s.capacity)
        for s in forum_sessions
    }


def sign_up(session: Session, session_id: int, details: SignUpDetails, *, now: datetime) -> SignUp:
    """A place, or a place on the waiting list when the session is full.

    The session's row is locked first (PostgreSQL; SQLite writes one at a time anyway), so
    two people taking the last place at once cannot both get it. The same contact signing
    up again (two tabs, Back and send again) gets the place they already have.
    """
    forum_session = session.scalar(
        select(ForumSession).where(ForumSession.id == session_id).with_for_update()
    )
    if forum_session is None or forum_session.cancelled_at is not None:
        raise NotFound("That session is not taking sign-ups")
    if forum_session.starts_at <= now:
        raise NotFound("That session is not taking sign-ups")
    same = _same_contact(session, session_id, details)
    if same is not None:
        return same
    taken = places_of(session, [forum_session])[session_id]
    signup = SignUp(
        session_id=session_id,
        name=details.name,
        contact_email=details.contact_email,
        contact_phone=details.contact_phone,
        access_needs=details.access_needs,
        young_person=details.young_person,
        waiting_list=taken.full,
        created_at=now,
    )
    session.add(signup)
    session.flush()
    _message(session, signup, "forum-waiting-list" if signup.waiting_list else "forum-place", now)
    record(
        session,
        action=actions.FORUM_SIGNUP_CHANGED,
        now=now,
        actor_label="a family (public form)",
        target_type="forum_signup",
        target_id=str(signup.id),
        details={
            "change": "signed-up",
            "session_id": session_id,
            "waiting_list": signup.waiting_list,
        },
    )
    return signup


def _same_contact(session: Session, session_id: int, details: SignUpDetails) -> SignUp | None:
    held = session.scalars(
        select(SignUp).where(SignUp.session_id == session_id, SignUp.cancelled_at.is_(None))
    ).all()
    for signup in held:
        email = details.contact_email and signup.contact_email
        if email and signup.contact_email.casefold() == details.contact_email.casefold():  # type: ignore[union-attr]
            return signup
        if details.contact_phone and signup.contact_phone == details.contact_phone:
            return signup
    return None


def signup_by_token(session: Session, token: str) -> SignUp:
    signup_id = links.signup_of(token)
    signup = session.get(SignUp, signup_id) if signup_id is not None else None
    if signup is None:
        raise NotFound("That link is not one of ours, or the place has been removed")
    return signup


def cancel_signup(session: Session, signup: SignUp, *, now: datetime) -> SignUp | None:
    """Give up a place; the first on the waiting list is offered it. Returns who moved up."""
    if signup.cancelled_at is not None:
        return None  # already given up: a second click changes nothing
    session.execute(
        select(ForumSession.id).where(ForumSession.id == signup.session_id).with_for_update()
    )
    signup.cancelled_at = now
    record(
        session,
        action=actions.FORUM_SIGNUP_CHANGED,
        now=now,
        actor_label="a family (their link)",
        target_type="forum_signup",
        target_id=str(signup.id),
        details={"change": "gave-up", "session_id": signup.session_id},
    )
    if signup.waiting_list or signup.session.starts_at <= now:
        session.flush()
        return None
    next_in_line = session.scalar(
        select(SignUp)
        .where(
            SignUp.session_id == signup.session_id,
            SignUp.waiting_list.is_(True),
            SignUp.cancelled_at.is_(None),
        )
        .order_by(SignUp.created_at, SignUp.id)
        .limit(1)
    )
    if next_in_line is not None:
        next_in_line.waiting_list = False
        _message(session, next_in_line, "forum-place-freed", now)
    session.flush()
    return next_in_line


def cancel_session(
    session: Session, actor: Actor[StaffUser], forum_session: ForumSession, *, now: datetime
) -> int:
    """Cancel a session and tell everyone signed up; returns how many were told."""
    if forum_session.cancelled_at is not None:
        raise Conflict("That session is already cancelled")
    forum_session.cancelled_at = now
    told = 0
    for signup in forum_session.signups:
        if signup.cancelled_at is None:
            _message(session, signup, "forum-session-cancelled", now)
            told += 1
    record_change(session, actor, actions.FORUM_SESSION_CANCELLED, forum_session, now, told=told)
    return told


def signups_for_staff(
    session: Session, actor: Actor[StaffUser], forum_session: ForumSession, *, now: datetime
) -> list[SignUp]:
    """Who signed up, with their contact and access needs: personal data, so audited."""
    record_change(session, actor, actions.FORUM_SIGNUPS_VIEWED, forum_session, now)
    return [s for s in forum_session.signups if s.cancelled_at is None]


def send_reminders(session: Session, *, now: datetime) -> int:
    """A reminder to every place holder of a session starting within a day; once each."""
    due = session.scalars(
        select(SignUp)
        .join(ForumSession, ForumSession.id == SignUp.session_id)
        .where(
            ForumSession.cancelled_at.is_(None),
            ForumSession.starts_at > now,
            ForumSession.starts_at <= now + REMINDER_BEFORE,
            SignUp.cancelled_at.is_(None),
            SignUp.waiting_list.is_(False),
            SignUp.reminder_sent_at.is_(None),
        )
        .order_by(SignUp.id)
    ).all()
    for signup in due:
        _message(session, signup, "forum-reminder", now)
    if due:
        # One statement marks them all, so a second sweep at once sends nothing twice.
        session.execute(
            update(SignUp).where(SignUp.id.in_([s.id for s in due])).values(reminder_sent_at=now)
        )
    session.flush()
    return len(due)


def when_text(forum_session: ForumSession) -> str:
    starts = forum_session.starts_at.astimezone(LOCAL)
    ends = forum_session.ends_at.astimezone(LOCAL)
    return f"{starts:%A} {starts.day} {starts:%B %Y}, {_clock(starts)} to {_clock(ends)}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour}{suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}{suffix}"


def _message(session: Session, signup: SignUp, template: str, now: datetime) -> None:
    """One message about a place, to the email given or else the phone."""
    forum_session = signup.session
    holds_place = not signup.waiting_list and template != "forum-session-cancelled"
    online = forum_session.format == SessionFormat.ONLINE
    personalisation: dict[str, Any] = {
        "session": forum_session.title,
        "when": when_text(forum_session),
        "where": FORMAT_LABELS[SessionFormat(forum_session.format)]
        if online
        else forum_session.place or "",
        # The joining link goes only to people who hold a place, never to a public page.
        "joining_link": forum_session.online_link if online and holds_place else "",
        "manage_link": get_settings().links_base + links.signup_path(signup.id),
    }
    # The email given, or else a text to the phone (a sign-up always has one of them).
    channel, to = (
        ("email", signup.contact_email) if signup.contact_email else ("sms", signup.contact_phone)
    )
    if to:
        notify.queue_message(
            session,
            channel=channel,
            to=to,
            template=template,
            personalisation=personalisation,
            now=now,
        )
