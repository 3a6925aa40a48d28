"""Staff sessions: started after a password, ended by signing out or by time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from app.audit import actions
from app.config import get_settings
from app.staff import credentials
from app.staff.models import ActionToken, StaffSession, StaffUser
from app.staff.service import audit_user

# How long a half-signed-in session (a one-time code still owed) lives.
SESSION_MFA_MINUTES = 10


def new_session(session: Session, user: StaffUser, *, stage: str, now: datetime) -> str:
    """Start a session; returns the id for the cookie (only its hash is stored)."""
    settings = get_settings()
    lifetime = (
        timedelta(minutes=SESSION_MFA_MINUTES)
        if stage == "mfa"
        else timedelta(hours=settings.session_absolute_hours)
    )
    token = credentials.new_token()
    session.add(
        StaffSession(
            id_hash=credentials.token_hash(token),
            user_id=user.id,
            stage=stage,
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def load_session(session: Session, token: str | None, *, now: datetime) -> StaffSession | None:
    """The live session for a cookie's id: not revoked, not idle too long, not too old."""
    if not token:
        return None
    record = session.get(StaffSession, credentials.token_hash(token))
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        return None
    idle = timedelta(minutes=get_settings().session_idle_minutes)
    if record.last_seen_at + idle <= now:
        return None
    user = session.get(StaffUser, record.user_id)
    if user is None or not user.is_active:
        return None
    # Touch at most once a minute: a page view should not always write.
    if now - record.last_seen_at > timedelta(minutes=1):
        record.last_seen_at = now
    return record


def revoke_sessions(session: Session, user: StaffUser, *, now: datetime) -> None:
    session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user.id, StaffSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def sign_out(
    session: Session, record: StaffSession, user: StaffUser, *, ip: str | None, now: datetime
) -> None:
    record.revoked_at = now
    audit_user(session, user, ip, actions.SIGN_OUT, now)


def sign_out_everywhere(
    session: Session, user: StaffUser, *, ip: str | None, now: datetime
) -> None:
    revoke_sessions(session, user, now=now)
    audit_user(session, user, ip, actions.SIGN_OUT_EVERYWHERE, now)


def purge_expired(session: Session, *, now: datetime) -> int:
    """Delete sessions that can no longer be used, and links that are spent or expired."""
    idle = timedelta(minutes=get_settings().session_idle_minutes)
    sessions = session.execute(
        delete(StaffSession).where(
            (StaffSession.expires_at <= now)
            | (StaffSession.revoked_at.is_not(None))
            | (StaffSession.last_seen_at <= now - idle)
        )
    )
    links = session.execute(
        delete(ActionToken).where(
            (ActionToken.expires_at <= now) | (ActionToken.used_at.is_not(None))
        )
    )
    return int(getattr(sessions, "rowcount", 0) or 0) + int(getattr(links, "rowcount", 0) or 0)
