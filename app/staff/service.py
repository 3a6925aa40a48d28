"""Staff accounts, sign-in, sessions, one-time links and API tokens.

Every sign-in, failure, lock, password change and token change is written to the
audit trail in the same transaction as the change itself.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app import throttle
from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.config import get_settings
from app.errors import Conflict, NotFound, ServiceError, TooManyAttempts
from app.notify import service as notify
from app.staff import credentials
from app.staff.models import (
    ActionToken,
    ApiToken,
    RecoveryCode,
    Role,
    StaffSession,
    StaffUser,
    UserRole,
)

SIGN_IN_FAILED_MESSAGE = "Enter a correct email address and password"
LINK_INVALID_MESSAGE = (
    "This link has expired or has already been used. Ask an administrator for a new one, "
    "or reset your password again."
)
# Wrong codes one half-signed-in session may have before it ends, and how long it lives.
MFA_TRIES = 5
SESSION_MFA_MINUTES = 10
API_TOKEN_PREFIX = "fvp_"  # noqa: S105  (a prefix that marks tokens, not a secret)


class SignInFailed(ServiceError):
    status_code = 400


class LinkInvalid(ServiceError):
    status_code = 400


class PasswordRejected(ServiceError):
    status_code = 400


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
    audit.record(
        session,
        Actor(user, ip),
        action=actions.PASSWORD_CHANGED,
        now=now,
        target_type="user",
        target_id=user.public_id,
        details={"by": purpose},
    )
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
    audit.record(
        session,
        Actor(user, ip),
        action=actions.PASSWORD_RESET_REQUESTED,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )


def mfa_required(user: StaffUser) -> bool:
    """Every staff role needs a one-time code; commission members only if the council says so."""
    if user.roles - {Role.COMMISSION}:
        return True
    return get_settings().commission_mfa_required


def _signin_keys(email: str, ip: str | None) -> tuple[tuple[str, int], tuple[str, int]]:
    """The throttle keys every sign-in step counts against: the account's, and the client's.

    Wrong passwords and wrong codes share them, so guessing one after the other gains
    nothing, and the account's count is cleared only by a full sign-in.
    """
    settings = get_settings()
    return (
        (f"signin:email:{normalise_email(email)}", settings.signin_max_failures),
        (f"signin:ip:{ip}", settings.signin_ip_max_failures),
    )


def _minutes(seconds: int) -> str:
    minutes = max(1, -(-seconds // 60))
    return f"{minutes} minute{'s' if minutes > 1 else ''}"


def _count_failure(
    session: Session, keys: Iterable[tuple[str, int]], *, now: datetime
) -> tuple[bool, bool]:
    """Count one failure against each key: (account now locked, any key now blocked)."""
    lock = timedelta(minutes=get_settings().signin_lock_minutes)
    account_locked = any_blocked = False
    for key, limit in keys:
        blocked = throttle.record_failure(
            session, key, limit=limit, window=lock, block=lock, now=now
        )
        any_blocked = any_blocked or blocked
        account_locked = account_locked or (blocked and key.startswith("signin:email:"))
    return account_locked, any_blocked


def check_password(
    session: Session, *, email: str, password: str, ip: str, now: datetime
) -> StaffUser:
    """The user whose email and password these are, or SignInFailed / TooManyAttempts.

    Failures are counted per email address (known or not, so the answers never tell
    which exist) and per IP address. A right password does not clear the count: a
    one-time code is still owed, and its failures count against the same keys.
    """
    email = normalise_email(email)
    keys = _signin_keys(email, ip)
    wait = max(throttle.seconds_blocked(session, key, now=now) for key, _ in keys)
    if wait:
        raise TooManyAttempts(
            "You have entered the wrong details too many times. "
            f"Try again in {_minutes(wait)}, or reset your password.",
            retry_after_seconds=wait,
        )
    user = get_user_by_email(session, email)
    ok = credentials.verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.is_active:
        locked, _ = _count_failure(session, keys, now=now)
        actor = Actor(user, ip)
        audit.record(
            session,
            actor,
            action=actions.SIGN_IN_FAILED,
            now=now,
            target_type="user",
            target_id=user.public_id if user else None,
        )
        if locked and user is not None:
            audit.record(
                session,
                actor,
                action=actions.ACCOUNT_LOCKED,
                now=now,
                target_type="user",
                target_id=user.public_id,
                details={"after": "password"},
            )
        raise SignInFailed(SIGN_IN_FAILED_MESSAGE)
    if user.password_hash and credentials.needs_rehash(user.password_hash):
        user.password_hash = credentials.hash_password(password)
    return user


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


def begin_session(
    session: Session, user: StaffUser, *, ip: str | None, now: datetime
) -> tuple[str, str]:
    """After a correct password: (stage, cookie id) for what is still owed.

    "mfa" when a one-time code is owed, "enrol" when the authenticator must be set up
    first, "full" when neither is needed (then the sign-in is audited here).
    """
    if user.totp_enrolled_at is not None:
        stage = "mfa"
    elif mfa_required(user):
        stage = "enrol"
    else:
        stage = "full"
    token = new_session(session, user, stage=stage, now=now)
    if stage == "full":
        throttle.clear(session, _signin_keys(user.email, ip)[0][0])
        audit.record(
            session,
            Actor(user, ip),
            action=actions.SIGN_IN,
            now=now,
            target_type="user",
            target_id=user.public_id,
        )
    return stage, token


def complete_sign_in(
    session: Session, pending: StaffSession, user: StaffUser, *, ip: str | None, now: datetime
) -> str:
    """Replace the pending session with a full one: a new id, so a planted id is useless."""
    pending.revoked_at = now
    throttle.clear(session, _signin_keys(user.email, ip)[0][0])
    token = new_session(session, user, stage="full", now=now)
    audit.record(
        session,
        Actor(user, ip),
        action=actions.SIGN_IN,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )
    return token


def check_second_factor(
    session: Session,
    pending: StaffSession,
    user: StaffUser,
    code: str,
    *,
    ip: str | None,
    now: datetime,
) -> bool:
    """A current one-time code or an unused recovery code; each works once.

    Wrong codes count against the account and the client like wrong passwords. When
    either is blocked, or this sign-in has had MFA_TRIES wrong codes, the half-signed-in
    session ends and TooManyAttempts says so: the password must be entered again.
    """
    keys = _signin_keys(user.email, ip)
    wait = max(throttle.seconds_blocked(session, key, now=now) for key, _ in keys)
    if wait:
        pending.revoked_at = now
        raise TooManyAttempts(_codes_exhausted(wait), retry_after_seconds=wait)
    if _second_factor_matches(session, user, code, ip=ip, now=now):
        return True
    actor = Actor(user, ip)
    audit.record(
        session,
        actor,
        action=actions.MFA_FAILED,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )
    locked, blocked = _count_failure(session, keys, now=now)
    tries = timedelta(minutes=SESSION_MFA_MINUTES)
    ended = throttle.record_failure(
        session,
        f"mfa:session:{pending.id_hash}",
        limit=MFA_TRIES,
        window=tries,
        block=tries,
        now=now,
    )
    if locked:
        audit.record(
            session,
            actor,
            action=actions.ACCOUNT_LOCKED,
            now=now,
            target_type="user",
            target_id=user.public_id,
            details={"after": "code"},
        )
    if blocked or ended:
        pending.revoked_at = now
        wait = max(throttle.seconds_blocked(session, key, now=now) for key, _ in keys)
        raise TooManyAttempts(_codes_exhausted(wait), retry_after_seconds=wait)
    return False


def _codes_exhausted(wait: int) -> str:
    if not wait:
        return (
            "You have entered a wrong code too many times, so we have signed you out. "
            "Sign in again to try again."
        )
    return (
        "You have entered a wrong code too many times, so we have signed you out. "
        f"Try again in {_minutes(wait)}. If you have lost your authenticator app and "
        "your recovery codes, ask an administrator to reset your account."
    )


def _second_factor_matches(
    session: Session, user: StaffUser, code: str, *, ip: str | None, now: datetime
) -> bool:
    if user.totp_secret:
        step = credentials.verify_totp(
            user.totp_secret, code, last_step=user.totp_last_step, now=now
        )
        if step is not None:
            user.totp_last_step = step
            return True
    recovery = credentials.token_hash(credentials.normalise_recovery_code(code))
    match = session.scalars(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == recovery,
            RecoveryCode.used_at.is_(None),
        )
    ).one_or_none()
    if match is None:
        return False
    match.used_at = now
    audit.record(
        session,
        Actor(user, ip),
        action=actions.RECOVERY_CODE_USED,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )
    return True


def begin_enrolment(user: StaffUser) -> str:
    """A new authenticator secret, kept on the user until a first code confirms it."""
    if user.totp_enrolled_at is None or user.totp_secret is None:
        user.totp_secret = credentials.new_totp_secret()
    return user.totp_secret


def confirm_enrolment(
    session: Session, user: StaffUser, code: str, *, ip: str | None, now: datetime
) -> list[str] | None:
    """Confirm the authenticator with a first code; returns new recovery codes (shown once)."""
    if user.totp_secret is None:
        return None
    step = credentials.verify_totp(user.totp_secret, code, last_step=user.totp_last_step, now=now)
    if step is None:
        return None
    user.totp_last_step = step
    user.totp_enrolled_at = now
    codes = credentials.new_recovery_codes()
    session.query(RecoveryCode).filter(RecoveryCode.user_id == user.id).delete()
    session.add_all(
        RecoveryCode(user_id=user.id, code_hash=credentials.token_hash(c)) for c in codes
    )
    audit.record(
        session,
        Actor(user, ip),
        action=actions.MFA_ENROLLED,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )
    session.flush()
    return codes


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
    audit.record(
        session,
        Actor(user, ip),
        action=actions.SIGN_OUT,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )


def sign_out_everywhere(
    session: Session, user: StaffUser, *, ip: str | None, now: datetime
) -> None:
    revoke_sessions(session, user, now=now)
    audit.record(
        session,
        Actor(user, ip),
        action=actions.SIGN_OUT_EVERYWHERE,
        now=now,
        target_type="user",
        target_id=user.public_id,
    )


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
    audit.record(
        session,
        Actor(user, ip),
        action=actions.TOKEN_CREATED,
        now=now,
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
        audit.record(
            session,
            Actor(user, ip),
            action=actions.TOKEN_REVOKED,
            now=now,
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
