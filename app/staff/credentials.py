"""Passwords, one-time codes and tokens: pure functions, no database.

Passwords: Argon2id (argon2-cffi's defaults follow RFC 9106's recommendation),
at least 12 characters, and refused if zxcvbn finds them guessable — that covers
the lists of common passwords, names, dates and keyboard patterns.
One-time codes: TOTP (RFC 6238, 30-second steps, one step either side for clock
drift); a code is accepted only for a step later than the last one accepted, so a
code seen over someone's shoulder cannot be used again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from markupsafe import Markup

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
TOTP_PERIOD = 30
RECOVERY_CODE_COUNT = 10

_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Checked when no account matches, so a wrong email takes as long as a wrong password.
    Made at first sign-in, not at import: every process (and command) would pay for it."""
    return _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if password matches; always does the work of one check."""
    try:
        return (
            _hasher.verify(password_hash or _dummy_hash(), password) and password_hash is not None
        )
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, user_inputs: Sequence[str] = ()) -> str | None:
    """Why a new password cannot be used, in words for the person; None if it can."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Your password must be {MIN_PASSWORD_LENGTH} characters or more"
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"Your password must be {MAX_PASSWORD_LENGTH} characters or fewer"
    from zxcvbn import zxcvbn  # its dictionaries load in ~0.3 s: only when a password is set

    result = zxcvbn(password[:100], user_inputs=list(user_inputs))
    common = any(
        m.get("dictionary_name") == "passwords" and m["token"].lower() == password.lower()
        for m in result["sequence"]
    )
    if common:
        return "That password is too common. Choose a password that is harder to guess"
    if result["score"] < 3:
        return (
            "That password is too easy to guess. Try three or four random words, "
            "like ‘clock river pencil garden’"
        )
    return None


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, *, email: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_code_svg(uri: str) -> Markup:
    """The set-up QR code as inline SVG (no image request, nothing sent elsewhere)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    labelled = svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1
    )
    # The SVG is drawn by qrcode from our own otpauth URI: paths only, no text from anyone.
    return Markup(labelled)  # noqa: S704


def totp_step(now: datetime) -> int:
    return int(now.timestamp()) // TOTP_PERIOD


def verify_totp(secret: str, code: str, *, last_step: int, now: datetime) -> int | None:
    """The time step the code belongs to, if it is right and newer than last_step."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = totp_step(now)
    for step in (current - 1, current, current + 1):
        if step > last_step and hmac.compare_digest(totp.at(step * TOTP_PERIOD), code):
            return step
    return None


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Codes like 'k7qm-4txb-9hnp', easy to read out and type."""
    alphabet = "abcdefghjkmnpqrstvwxyz23456789"
    codes = []
    for _ in range(count):
        raw = "".join(secrets.choice(alphabet) for _ in range(12))
        codes.append(f"{raw[:4]}-{raw[4:8]}-{raw[8:]}")
    return codes


def normalise_recovery_code(code: str) -> str:
    raw = "".join(ch for ch in code.lower() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else raw
