"""CSRF tokens, signed cookies, security headers and request-body limits.

Every browser gets a random id in a signed cookie (fv_sid). A form's CSRF token
is that id signed with a time stamp: a forged form from another site cannot know
it, and a token from another browser does not match.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Annotated, Any
from urllib.parse import unquote_to_bytes

from fastapi import Depends, HTTPException, Request, Response
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException, MultiPartParser

from app.config import Settings, get_settings
from app.errors import ServiceError
from app.forms import MAX_ID, bad_fields

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SID_COOKIE = "fv_sid"
CSRF_FIELD = "csrf_token"
CSRF_MAX_AGE = 12 * 60 * 60  # a form left open over a long day still submits


class CsrfError(Exception):
    """The form's CSRF token is missing, forged or too old."""


def signer(salt: str) -> URLSafeSerializer:
    return URLSafeSerializer(get_settings().secret_key, salt=salt)


def timed_signer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().secret_key, salt=salt)


def read_signed_cookie(request: Request, name: str) -> str | None:
    value = request.cookies.get(name)
    if not value:
        return None
    try:
        loaded = signer(name).loads(value)
    except BadSignature:
        return None
    return loaded if isinstance(loaded, str) else None


def cookie_options(settings: Settings, *, max_age: int | None = None) -> dict[str, Any]:
    return {
        "httponly": True,
        "secure": settings.cookie_secure,
        "samesite": "lax",
        "path": "/",
        "max_age": max_age,
    }


def browser_id(request: Request) -> str:
    return str(request.state.browser_id)


def csrf_token(request: Request) -> str:
    """The token to put in every form this browser is shown."""
    return timed_signer("csrf").dumps(browser_id(request))


def check_csrf_token(request: Request, token: str | None) -> None:
    if not token:
        raise CsrfError("missing")
    try:
        owner = timed_signer("csrf").loads(token, max_age=CSRF_MAX_AGE)
    except BadSignature as exc:
        raise CsrfError("invalid") from exc
    if not secrets.compare_digest(str(owner), browser_id(request)):
        raise CsrfError("wrong browser")


class UnsafeText(Exception):
    """Text fields that hold a refused character (see app.forms), where they came from, and
    the posted form they were in (for a page that shows the refusal itself)."""

    def __init__(self, where: str, fields: list[str], form: FormData | None = None) -> None:
        super().__init__(where)
        self.where = where
        self.fields = fields
        self.form = form


# A page that shows a refused character as an error on the field itself (the GOV.UK
# pattern) rather than the generic error page: it gets the form and the refused fields'
# names, and shows itself again. It only renders: nothing is saved.
RefusalPage = Callable[[Request, FormData, list[str]], Response]
_REFUSAL_PAGES: dict[Callable[..., Any], tuple[frozenset[str], RefusalPage]] = {}


def refuse_on_the_page(
    endpoint: Callable[..., Any], fields: Iterable[str], page: RefusalPage
) -> None:
    """Let a route's own page show a refused character in one of these fields."""
    _REFUSAL_PAGES[endpoint] = (frozenset(fields), page)


def refusal_page(request: Request, exc: UnsafeText) -> Response | None:
    """The route's own page for this refusal, or None for the generic error page: also when
    the character is outside the page's fields, or the form's CSRF token is not this
    browser's (a forged form is never shown back)."""
    found = _REFUSAL_PAGES.get(request.scope.get("endpoint"))  # type: ignore[arg-type]
    if found is None or exc.form is None or exc.where != "body":
        return None
    fields, page = found
    if not set(exc.fields) <= fields:
        return None
    token = exc.form.get(CSRF_FIELD)
    try:
        check_csrf_token(request, token if isinstance(token, str) else None)
    except CsrfError:
        return None
    return page(request, exc.form, exc.fields)


class _StrictMultiPartParser(MultiPartParser):
    """Starlette's parser silently reads text that is not UTF-8 as Latin-1; this one refuses it,
    as the middleware refuses such forms and JSON (file contents are not text: not checked)."""

    def on_part_end(self) -> None:
        if self._current_part.file is None:
            self._strict(self._current_part.data)
        super().on_part_end()

    def on_headers_finished(self) -> None:
        self._strict(self._current_part.content_disposition or b"")
        super().on_headers_finished()

    def _strict(self, data: bytes | bytearray) -> None:
        try:
            data.decode(self._charset)
        except (UnicodeDecodeError, LookupError):
            raise MultiPartException("The request was not valid UTF-8 text.") from None


async def get_form(request: Request) -> FormData:
    """The posted form, parsed once per request with the upload limits applied.

    Any text field holding a refused character raises UnsafeText, so no route and no
    database ever sees one."""
    form = getattr(request.state, "form", None)
    if not isinstance(form, FormData):
        form = await _parse_form(request)
        request.state.form = form
    bad = bad_fields(form.multi_items())
    if bad:
        raise UnsafeText("body", bad, form)
    return form


async def _parse_form(request: Request) -> FormData:
    settings = get_settings()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        parser = _StrictMultiPartParser(
            request.headers, request.stream(), max_files=settings.max_attachments, max_fields=100
        )
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            raise ServiceError(exc.message) from None
        return form
    return await request.form(max_files=settings.max_attachments, max_fields=100)


FormDep = Annotated[FormData, Depends(get_form)]


def _out_of_range(value: Any) -> bool:
    """An id in a path that no row can have (the column is a 32-bit integer on PostgreSQL)."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return False
    return abs(number) > MAX_ID


async def refuse_unsafe_text(request: Request, form: FormDep) -> None:
    """App dependency: no path, query string or form on any route may carry a refused
    character (forms are checked as get_form parses them). A path that does, or that
    holds an id too big for any row, is no page."""
    path = request.path_params.values()
    if bad_fields(request.path_params.items()) or any(map(_out_of_range, path)):
        raise HTTPException(status_code=404)
    bad = bad_fields(request.query_params.multi_items())
    if bad:
        raise UnsafeText("query", bad)


async def verify_csrf(request: Request) -> None:
    """Router dependency: every unsafe request must carry this browser's CSRF token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    form = await get_form(request)
    token = form.get(CSRF_FIELD)
    check_csrf_token(request, token if isinstance(token, str) else None)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        )
    )


class BodyTooLarge(Exception):
    pass


def _is_valid_utf8_form(body: bytes) -> bool:
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return False
    return True


class SecurityMiddleware:
    """Headers on every response, a browser id cookie, and limits on request bodies.

    Bodies larger than the limit get 413 before any of it is parsed; text bodies
    (forms, JSON) that are not UTF-8 get 400, so nothing is stored half-decoded.
    File uploads (multipart) are counted as they stream, never held whole in memory here.
    """

    def __init__(self, app: ASGIApp, *, render_error: Callable[..., Awaitable[None]]) -> None:
        self.app = app
        self.render_error = render_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        settings = get_settings()
        nonce = secrets.token_urlsafe(16)
        state = scope.setdefault("state", {})
        state["csp_nonce"] = nonce
        request = Request(scope)
        sid = read_signed_cookie(request, SID_COOKIE)
        new_sid = sid is None
        state["browser_id"] = sid or secrets.token_urlsafe(24)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {h[0].lower() for h in headers}
                extra = {
                    b"content-security-policy": content_security_policy(nonce).encode(),
                    b"x-content-type-options": b"nosniff",
                    b"x-frame-options": b"DENY",
                    b"referrer-policy": b"no-referrer",
                    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
                    b"cross-origin-opener-policy": b"same-origin",
                    b"cross-origin-resource-policy": b"same-origin",
                }
                if not scope["path"].startswith("/static/"):
                    extra[b"cache-control"] = b"no-store"
                if not settings.is_development:
                    extra[b"strict-transport-security"] = b"max-age=63072000; includeSubDomains"
                headers.extend((k, v) for k, v in extra.items() if k not in names)
                if new_sid:
                    from http.cookies import SimpleCookie

                    cookie: SimpleCookie = SimpleCookie()
                    cookie[SID_COOKIE] = signer(SID_COOKIE).dumps(state["browser_id"])
                    morsel = cookie[SID_COOKIE]
                    morsel["path"] = "/"
                    morsel["httponly"] = True
                    morsel["samesite"] = "Lax"
                    if settings.cookie_secure:
                        morsel["secure"] = True
                    headers.append((b"set-cookie", morsel.OutputString().encode()))
            await send(message)

        method = scope["method"]
        if method not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send_with_headers)
            return

        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        is_upload = content_type == "multipart/form-data"
        limit = settings.max_upload_body_bytes if is_upload else settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            await self.render_error(scope, send_with_headers, 413)
            return

        if is_upload:
            received = 0

            async def counted_receive() -> Message:
                nonlocal received
                message = await receive()
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
                return message

            try:
                await self.app(scope, counted_receive, send_with_headers)
            except BodyTooLarge:
                await self.render_error(scope, send_with_headers, 413)
            return

        # Text bodies are small (the limit above): read them whole, check, replay.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self.render_error(scope, send_with_headers, 413)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        valid = True
        if content_type == "application/x-www-form-urlencoded":
            valid = _is_valid_utf8_form(body)
        elif content_type == "application/json" or content_type.startswith("text/"):
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                valid = False
        if not valid:
            await self.render_error(
                scope, send_with_headers, 400, "The request was not valid UTF-8 text."
            )
            return

        replayed = False

        async def replay_receive() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay_receive, send_with_headers)
