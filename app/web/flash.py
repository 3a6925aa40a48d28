"""A one-time message for the page after a form (post/redirect/get): "Case triaged".

Carried in a signed cookie that lives a few minutes and is cleared by the page that shows
it, so a message is shown once, cannot be forged, and survives no longer than the redirect.
"""

from __future__ import annotations

from itsdangerous import BadSignature
from starlette.requests import Request
from starlette.responses import Response

from app.config import get_settings
from app.web.security import cookie_options, timed_signer

FLASH_COOKIE = "fv_flash"
FLASH_SECONDS = 300
MAX_CHARS = 300


def flash(response: Response, message: str) -> Response:
    """Show message once, on the next page rendered for this browser."""
    response.set_cookie(
        FLASH_COOKIE,
        timed_signer(FLASH_COOKIE).dumps(message[:MAX_CHARS]),
        **cookie_options(get_settings(), max_age=FLASH_SECONDS),
    )
    return response


def pending(request: Request) -> str | None:
    """The message waiting for this browser, if any and still fresh."""
    value = request.cookies.get(FLASH_COOKIE)
    if not value:
        return None
    try:
        message = timed_signer(FLASH_COOKIE).loads(value, max_age=FLASH_SECONDS)
    except BadSignature:  # forged, from another key, or expired (a subclass)
        return None
    return message if isinstance(message, str) else None


def shown(request: Request, response: Response) -> None:
    """The page carrying the message is on its way: clear it so it is not shown again."""
    if FLASH_COOKIE in request.cookies:
        response.delete_cookie(FLASH_COOKIE, path="/")
