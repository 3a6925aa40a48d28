"""The links in a follower's messages: confirm (a public follower's first message) and
unsubscribe (every message). Signed with the app's secret, so a link names its follower
without a guessable id, and nothing secret about it needs storing."""

from __future__ import annotations

from itsdangerous import BadSignature, URLSafeSerializer

from app.config import get_settings

_CONFIRM = "forum-follower-confirm"
_UNSUBSCRIBE = "forum-follower-unsubscribe"


def _signer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(get_settings().secret_key, salt=salt)


def confirm_token(follower_id: int) -> str:
    return str(_signer(_CONFIRM).dumps(follower_id))


def unsubscribe_token(follower_id: int) -> str:
    return str(_signer(_UNSUBSCRIBE).dumps(follower_id))


def _follower_of(token: str, salt: str) -> int | None:
    try:
        value = _signer(salt).loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def follower_to_confirm(token: str) -> int | None:
    """The follower a confirm link names, or None for a link that was not ours."""
    return _follower_of(token, _CONFIRM)


def follower_to_unsubscribe(token: str) -> int | None:
    return _follower_of(token, _UNSUBSCRIBE)


def confirm_path(follower_id: int) -> str:
    return f"/you-said-we-did/follow/confirm/{confirm_token(follower_id)}"


def unsubscribe_path(follower_id: int) -> str:
    return f"/you-said-we-did/unsubscribe/{unsubscribe_token(follower_id)}"


_SIGNUP = "forum-signup"


def signup_token(signup_id: int) -> str:
    return str(_signer(_SIGNUP).dumps(signup_id))


def signup_of(token: str) -> int | None:
    """The sign-up a family's link names, or None for a link that was not ours."""
    return _follower_of(token, _SIGNUP)


def signup_path(signup_id: int) -> str:
    """Where a family sees their place and can give it up: no account, the link is the key."""
    return f"/forum/places/{signup_token(signup_id)}"
