"""Staff accounts, and who did something (Actor) for the audit trail.

Signing in lives in app/staff/signin.py, sessions in sessions.py, set-up and reset
links in links.py, API tokens in tokens.py and inviting a new member in invites.py.
Every change is written to the audit trail in the same transaction as the change itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.config import get_settings
from app.errors import Conflict, NotFound
from app.staff.models import Role, StaffUser, UserRole


def audit_user(
    session: Session,
    user: StaffUser,
    ip: str | None,
    action: str,
    now: datetime,
    *,
    details: dict[str, object] | None = None,
    target_type: str = "user",
    target_id: str | None = None,
) -> None:
    """An event a staff member caused on their own account: sign-in, sign-out, tokens...

    The target is their account unless told otherwise (a token is its own target).
    """
    audit.record(
        session,
        Actor(user, ip),
        action=action,
        now=now,
        target_type=target_type,
        target_id=target_id or user.public_id,
        details=details,
    )


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_user_by_email(session: Session, email: str) -> StaffUser | None:
    return session.scalars(
        select(StaffUser).where(StaffUser.email == normalise_email(email))
    ).one_or_none()


def get_user(session: Session, public_id: str) -> StaffUser:
    user = session.scalars(select(StaffUser).where(StaffUser.public_id == public_id)).one_or_none()
    if user is None:
        raise NotFound("No such user")
    return user


def list_users(session: Session) -> Sequence[StaffUser]:
    return session.scalars(select(StaffUser).order_by(StaffUser.display_name)).all()


def create_user(
    session: Session,
    *,
    email: str,
    display_name: str,
    roles: Iterable[Role],
    team_id: int | None,
    actor: Actor[StaffUser],
    now: datetime,
) -> StaffUser:
    """A new account with no password yet: it is set through a set-up link."""
    email = normalise_email(email)
    if get_user_by_email(session, email) is not None:
        raise Conflict("There is already an account with that email address")
    user = StaffUser(
        public_id=secrets.token_urlsafe(12),
        email=email,
        display_name=display_name.strip(),
        team_id=team_id,
        created_at=now,
        role_rows=[UserRole(role=Role(r).value) for r in sorted(set(roles))],
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        action=actions.USER_INVITED,
        now=now,
        target_type="user",
        target_id=user.public_id,
        details={"roles": sorted(r.value for r in user.roles)},
    )
    return user


def mfa_required(user: StaffUser) -> bool:
    """Every staff role needs a one-time code; commission members only if the council says so."""
    if user.roles - {Role.COMMISSION}:
        return True
    return get_settings().commission_mfa_required
