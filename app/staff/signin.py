"""Signing in: the password, then the one-time code, counted against guessing.

Every sign-in, failure and lock is written to the audit trail in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import throttle
from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.config import get_settings
from app.errors import ServiceError, TooManyAttempts
from app.staff import credentials
from app.staff.models import RecoveryCode, StaffSession, StaffUser
from app.staff.service import (
    audit_user,
    get_user_by_email,
    mfa_required,
    normalise_email,
)
from app.staff.sessions import SESSION_MFA_MINUTES, new_session

SIGN_IN_FAILED_MESSAGE = "Enter a correct email address and password"
# Wrong codes one half-signed-in session may have before it ends.
MFA_TRIES = 5


class SignInFailed(ServiceError):
    """The email address and password do not match an active account."""


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
        audit.record(
            session,
            Actor(user, ip),
            action=actions.SIGN_IN_FAILED,
            now=now,
            target_type="user",
            target_id=user.public_id if user else None,
        )
        if locked and user is not None:
            audit_user(
                session, user, ip, actions.ACCOUNT_LOCKED, now, details={"after": "password"}
            )
        raise SignInFailed(SIGN_IN_FAILED_MESSAGE)
    if user.password_hash and credentials.needs_rehash(user.password_hash):
        user.password_hash = credentials.hash_password(password)
    return user


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
        audit_user(session, user, ip, actions.SIGN_IN, now)
    return stage, token


def complete_sign_in(
    session: Session, pending: StaffSession, user: StaffUser, *, ip: str | None, now: datetime
) -> str:
    """Replace the pending session with a full one: a new id, so a planted id is useless."""
    pending.revoked_at = now
    throttle.clear(session, _signin_keys(user.email, ip)[0][0])
    token = new_session(session, user, stage="full", now=now)
    audit_user(session, user, ip, actions.SIGN_IN, now)
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
    audit_user(session, user, ip, actions.MFA_FAILED, now)
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
        audit_user(session, user, ip, actions.ACCOUNT_LOCKED, now, details={"after": "code"})
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
    audit_user(session, user, ip, actions.RECOVERY_CODE_USED, now)
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
    audit_user(session, user, ip, actions.MFA_ENROLLED, now)
    session.flush()
    return codes
