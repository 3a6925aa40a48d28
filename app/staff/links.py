"""One-time set-up and reset links: issued, checked, used once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.audit import actions
from app.config import get_settings
from app.errors import ServiceError
from app.notify import service as notify
from app.staff import credentials
from app.staff.models import ActionToken, StaffUser
from app.staff.service import audit_user, get_user_by_email
from app.staff.sessions import revoke_sessions

LINK_INVALID_MESSAGE = (
    "This link has expired or has already been used. Ask an administrator for a new one, "
    "or reset your password again."
)


class LinkInvalid(ServiceError):
    """The link is unknown, spent, expired or for another purpose."""


class PasswordRejected(ServiceError):
    """The new password is too weak; the message says why."""


def issue_link(session: Session, user: StaffUser, *, purpose: str, now: datetime) -> str:
    """A single-use link token for set-up or reset; earlier unused ones stop working."""
    settings = get_settings()
    lifetime = (
        timedelta(hours=settings.setup_link_hours)
        if purpose == "setup"
        else timedelta(minutes=settings.reset_link_minutes)
    )
    session.execute(
        update(ActionToken)
        .where(ActionToken.user_id == user.id, ActionToken.used_at.is_(None))
        .values(used_at=now)
    )
    token = credentials.new_token()
    session.add(
        ActionToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=credentials.token_hash(token),
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.flush()
    return token


def link_url(token: str, *, purpose: str) -> str:
    return f"{get_settings().links_base}/staff/{purpose}/{token}"


def check_link(session: Session, token: str, *, purpose: str, now: datetime) -> ActionToken:
    """The live link record for token, or LinkInvalid."""
    record = session.scalars(
        select(ActionToken).where(ActionToken.token_hash == credentials.token_hash(token))
    ).one_or_none()
    if (
        record is None
        or record.purpose != purpose
        or record.used_at is not None
        or record.expires_at <= now
    ):
        raise LinkInvalid(LINK_INVALID_MESSAGE)
    return record


def set_password_by_link(
    session: Session, token: str, password: str, *, purpose: str, ip: str | None, now: datetime
) -> StaffUser:
    """Use a set-up or reset link once to set a new password; signs the user out everywhere."""
    record = check_link(session, token, purpose=purpose, now=now)
    user = session.get_one(StaffUser, record.user_id)
    if not user.is_active:
        raise LinkInvalid(LINK_INVALID_MESSAGE)
    problem = credentials.password_problem(password, user_inputs=[user.email, user.display_name])
    if problem:
        raise PasswordRejected(problem)
    record.used_at = now
    user.password_hash = credentials.hash_password(password)
    user.password_changed_at = now
    revoke_sessions(session, user, now=now)
    audit_user(session, user, ip, actions.PASSWORD_CHANGED, now, details={"by": purpose})
    return user


def request_password_reset(session: Session, email: str, *, ip: str | None, now: datetime) -> None:
    """Email a reset link if the address has an active account; the same answer either way."""
    user = get_user_by_email(session, email)
    if user is None or not user.is_active or user.password_hash is None:
        return
    token = issue_link(session, user, purpose="reset", now=now)
    notify.queue_email(
        session,
        to=user.email,
        template="password-reset",
        personalisation={"name": user.display_name, "link": link_url(token, purpose="reset")},
        now=now,
    )
    audit_user(session, user, ip, actions.PASSWORD_RESET_REQUESTED, now)
