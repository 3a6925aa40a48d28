"""API tokens: made and revoked by their owner; only a hash is kept."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import actions
from app.errors import NotFound
from app.staff import credentials
from app.staff.models import ApiToken, StaffUser
from app.staff.service import audit_user

API_TOKEN_PREFIX = "fvp_"  # noqa: S105  (a prefix that marks tokens, not a secret)


def create_api_token(
    session: Session, user: StaffUser, *, name: str, ip: str | None, now: datetime
) -> tuple[ApiToken, str]:
    """A new API token; the token itself is returned once and only its hash is kept."""
    token = credentials.new_token(API_TOKEN_PREFIX)
    record = ApiToken(
        public_id=secrets.token_urlsafe(12),
        user_id=user.id,
        name=name.strip()[:100],
        prefix=token[:10],
        token_hash=credentials.token_hash(token),
        created_at=now,
    )
    session.add(record)
    session.flush()
    audit_user(
        session,
        user,
        ip,
        actions.TOKEN_CREATED,
        now,
        target_type="api-token",
        target_id=record.public_id,
    )
    return record, token


def list_api_tokens(session: Session, user: StaffUser) -> Sequence[ApiToken]:
    return session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
    ).all()


def revoke_api_token(
    session: Session, user: StaffUser, public_id: str, *, ip: str | None, now: datetime
) -> None:
    """Revoke one of the user's own tokens (another's is 'not found')."""
    record = session.scalars(
        select(ApiToken).where(ApiToken.public_id == public_id, ApiToken.user_id == user.id)
    ).one_or_none()
    if record is None:
        raise NotFound("No such token")
    if record.revoked_at is None:
        record.revoked_at = now
        audit_user(
            session,
            user,
            ip,
            actions.TOKEN_REVOKED,
            now,
            target_type="api-token",
            target_id=record.public_id,
        )


def user_for_api_token(session: Session, token: str, *, now: datetime) -> StaffUser | None:
    """The active user a live token belongs to."""
    if not token.startswith(API_TOKEN_PREFIX):
        return None
    record = session.scalars(
        select(ApiToken).where(ApiToken.token_hash == credentials.token_hash(token))
    ).one_or_none()
    if record is None or record.revoked_at is not None:
        return None
    user = session.get(StaffUser, record.user_id)
    if user is None or not user.is_active:
        return None
    if record.last_used_at is None or now - record.last_used_at > timedelta(minutes=1):
        record.last_used_at = now
    return user
