"""create_app(): middleware, static files, routers and error pages."""

from __future__ import annotations

import asyncio
import gc
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.routing import iter_route_contexts
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from app import jobs
from app.config import ROOT, get_settings
from app.db import SessionDep
from app.errors import ServiceError
from app.forms import BAD_CHARACTER, FormErrors, has_bad_character
from app.health import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS, readiness
from app.logs import RequestLogMiddleware, configure_logging, log
from app.web import cases as triage_routes
from app.web import cases_api as triage_api
from app.web import concerns as concerns_routes
from app.web import concerns_api, forum_api, forum_sessions, you_said_we_did, you_said_we_did_public
from app.web import forum as forum_routes
from app.web import forum_staff as forum_staff_routes
from app.web import quotes as quotes_routes
from app.web import risk_review as risk_routes
from app.web import staff as staff_routes
from app.web import taxonomy as taxonomy_routes
from app.web import tracking as tracking_routes
from app.web.auth import Forbidden, SignInRequired, public, sign_in_url
from app.web.security import (
    ASGIApp,
    CsrfError,
    Message,
    Receive,
    Scope,
    SecurityMiddleware,
    Send,
    UnsafeText,
    refusal_page,
    refuse_unsafe_text,
)
from app.web.templating import render

NODE_MODULES = ROOT / "node_modules"

ERROR_PAGES: dict[int, tuple[str, list[str]]] = {
    400: ("There is a problem with what was sent", ["Go back and try again."]),
    403: (
        "Sorry, this page has expired",
        [
            "For your security, forms stop working after a while or if they were opened in another browser.",
            "Your answers have been kept. Go back, refresh the page and try again.",
        ],
    ),
    404: (
        "Page not found",
        [
            "If you typed the web address, check it is correct.",
            "If you pasted the web address, check you copied the entire address.",
        ],
    ),
    405: ("Page not found", ["This page cannot be used in that way."]),
    413: (
        "The files you sent are too big",
        [
            "Each file must be smaller than 10MB, and you can send up to 5 at a time.",
            "Go back and choose smaller files.",
        ],
    ),
    429: ("Too many attempts", ["Wait a few minutes and try again."]),
    503: (
        "Sorry, the service is unavailable",
        [
            "You can try again in a few minutes.",
            "If you were sending us something, it may not have reached us. "
            "Go back and send it again in a few minutes.",
            "If a child is in danger, do not wait: call 999.",
        ],
    ),
    500: (
        "Sorry, there is a problem with the service",
        [
            "Try again later. Your answers have been kept.",
            "If a child is in danger, do not wait: call 999.",
        ],
    ),
}


def _wants_json(path: str) -> bool:
    return path.startswith("/api/")


def error_response(
    request: Request, status: int, message: str | None = None, *, title: str | None = None
) -> Response:
    """The page or JSON body for an error, in the service's own words."""
    default_title, paragraphs = ERROR_PAGES.get(status, ERROR_PAGES[400 if status < 500 else 500])
    title = title or default_title
    if _wants_json(request.url.path):
        detail = message or (f"{title}. Try again in a few minutes." if status == 503 else title)
        return JSONResponse({"detail": detail}, status_code=status)
    if message:
        paragraphs = [message, *paragraphs[1:]]
    return render(
        request, "errors/error.html", {"title": title, "paragraphs": paragraphs}, status_code=status
    )


async def _render_asgi_error(
    scope: Scope, send: Send, status: int, message: str | None = None
) -> None:
    async def no_body() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    response = error_response(Request(scope), status, message)
    await response(scope, no_body, send)


class UnexpectedErrorMiddleware:
    """Turn an unhandled exception into the 500 page or JSON here, inside SecurityMiddleware,
    so that answer carries the same security headers as every other (Starlette's own 500
    handler sits outside all middleware). Only the exception's type and where it was raised
    are logged: its message may quote SQL and the values bound to it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            where = f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}" if frame else None
            log.error("unhandled_error", error=type(exc).__name__, where=where)
            if started:  # too late for an error page: the client sees the connection end
                raise
            await _render_asgi_error(scope, send, 500)
            # Tests still see the exception (the test client raises it), so none passes over
            # a 500 unnoticed; a server only logs the line above, never the message.
            if get_settings().environment == "test":
                raise


def _allowed_methods(app: FastAPI, scope: Scope) -> str:
    """Every method some route serves at this path, for the Allow header of a 405."""
    methods: set[str] = set()
    for route in iter_route_contexts(app.router.routes):
        match, _ = route.matches({**scope, "method": "GET"})
        route_methods = getattr(route, "methods", None)
        if match != Match.NONE and route_methods:
            methods |= set(route_methods)
    return ", ".join(sorted(methods))


def _static_dir(path: Path) -> StaticFiles:
    return StaticFiles(directory=path, check_dir=False)


def _warm_text_engines() -> None:
    """Load every text engine now (app.text.warmup, the same steps `seed-demo` and
    `models build` take), so the first family to send a concern does not wait for them."""
    from app.text import warmup

    warmup.warm()


async def _warm(app: FastAPI) -> None:
    """Load the text engines in a thread; the server is ready (/readyz) once they are in."""
    try:
        await asyncio.to_thread(_warm_text_engines)
    except Exception as exc:  # the engines then load at first use; say so, keep serving
        log.error("warm_up_failed", error=type(exc).__name__)
    # Everything loaded at start-up (templates, models, libraries) lives as long as the
    # process: move it out of the garbage collector's sight, or each full collection
    # walks it all again and stalls a request for ~100 ms (see bench/triage_queue.py).
    gc.collect()
    gc.freeze()
    app.state.engines_ready = True


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm the text engines (before answering, or beside it: FV_WARM_BEFORE_SERVING),
    and run the periodic jobs (app.jobs) while the server is up."""
    app.state.engines_ready = False
    warming = asyncio.create_task(_warm(app))
    if get_settings().warm_before_serving:
        await warming
    tasks = [asyncio.create_task(jobs.every(*job)) for job in jobs.schedule()]
    yield
    for running in tasks:
        running.cancel()
    await warming  # a thread cannot be cancelled: let it finish before the process ends


def create_app() -> FastAPI:
    settings = get_settings()
    configure_logging(json=settings.json_logs, level=settings.log_level)
    app = FastAPI(
        lifespan=lifespan,
        title=f"{settings.service_name} API",
        version="1",
        description=(
            "Raise a concern about children's social care and track it, and give feedback "
            "to the Listening to Families Forum. "
            "If a child is in immediate danger call 999."
        ),
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(refuse_unsafe_text)],
    )

    app.mount(
        "/static/govuk",
        _static_dir(NODE_MODULES / "govuk-frontend" / "dist" / "govuk"),
        name="govuk",
    )
    app.mount(
        "/static/vendor/swagger-ui", _static_dir(NODE_MODULES / "swagger-ui-dist"), name="swagger"
    )
    app.mount("/static", _static_dir(ROOT / "static"), name="static")

    # In this order: where two routers' paths could both match, the one included first answers.
    for router in (
        concerns_api.router,
        forum_api.router,
        triage_api.router,
        concerns_routes.router,
        forum_routes.router,
        tracking_routes.router,
        forum_sessions.public_router,
        forum_sessions.router,
        you_said_we_did.router,
        you_said_we_did_public.router,
        staff_routes.public_router,
        staff_routes.router,
        triage_routes.dashboard_router,
        risk_routes.case_router,
        forum_staff_routes.router,
        risk_routes.review_router,
        triage_routes.router,
        taxonomy_routes.router,
        quotes_routes.router,
    ):
        app.include_router(router)

    @app.get("/docs", include_in_schema=False, dependencies=[Depends(public)])
    def docs(request: Request) -> Response:
        return render(request, "docs.html", {"title": app.title, "openapi_url": app.openapi_url})

    @app.get("/healthz", include_in_schema=False, dependencies=[Depends(public)])
    def healthz() -> dict[str, str]:
        """The process is up (it does not look at the database: see /readyz)."""
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False, dependencies=[Depends(public)])
    def readyz(request: Request, session: SessionDep) -> Response:
        """Ready to serve: the text engines are loaded, and the database answers and is
        migrated to this code's head."""
        status = readiness(session)
        if status == "ok" and not getattr(request.app.state, "engines_ready", True):
            return JSONResponse(
                {"status": "warming"}, status_code=503, headers={"Retry-After": "5"}
            )
        if status == "ok":
            return JSONResponse({"status": status})
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return JSONResponse({"status": status}, status_code=503, headers=headers)

    async def database_unavailable(request: Request, exc: Exception) -> Response:
        # The type names only: the message can quote the SQL and the values bound to it.
        cause = type(getattr(exc, "orig", None) or exc).__name__
        log.error("database_unavailable", error=type(exc).__name__, cause=cause)
        response = error_response(request, 503)
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    for unavailable in DATABASE_UNAVAILABLE:
        app.add_exception_handler(unavailable, database_unavailable)

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        response = error_response(request, exc.status_code, exc.message)
        retry = getattr(exc, "retry_after_seconds", None)
        if retry:
            response.headers["Retry-After"] = str(retry)
        return response

    @app.exception_handler(SignInRequired)
    async def sign_in_required(request: Request, exc: SignInRequired) -> Response:
        if _wants_json(request.url.path):
            return JSONResponse(
                {"detail": "Send a valid API token: Authorization: Bearer fvp_..."},
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
            )
        return RedirectResponse(sign_in_url(exc.next_path), status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        roles = "Your roles do not include this page. Ask an administrator if you need it."
        if _wants_json(request.url.path):
            return error_response(request, 403, roles, title=exc.message)
        # Its own words: the 403 page's others are about an expired form, not a role.
        context = {"title": exc.message, "paragraphs": [roles], "next_href": "/staff"}
        context["next_text"] = "Go to your staff home page"
        return render(request, "errors/error.html", context, status_code=403)

    @app.exception_handler(CsrfError)
    async def csrf_error(request: Request, exc: CsrfError) -> Response:
        log.warning("csrf_rejected", reason=str(exc))
        return error_response(request, 403)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = (
            exc.detail if _wants_json(request.url.path) and isinstance(exc.detail, str) else None
        )
        response = error_response(request, exc.status_code, detail)
        response.headers.update(exc.headers or {})
        if exc.status_code == 405:  # every method the path serves, not only one route's
            response.headers["Allow"] = _allowed_methods(app, request.scope)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        # Field errors for API clients; "input" is left out so nothing sent is echoed back.
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        if _wants_json(request.url.path):
            return JSONResponse({"detail": errors}, status_code=422)
        if any(e["loc"] and e["loc"][0] == "path" for e in errors):
            return error_response(request, 404)  # a page address no row can have is no page
        return error_response(request, 400)

    @app.exception_handler(UnsafeText)
    async def unsafe_text(request: Request, exc: UnsafeText) -> Response:
        # Field names only: never the text itself, nor a name that is itself unsafe.
        names = [n if not has_bad_character(n) else "" for n in exc.fields]
        if _wants_json(request.url.path):
            detail = [
                {
                    "loc": [exc.where, n],
                    "msg": f"The value {BAD_CHARACTER}",
                    "type": "bad_character",
                }
                for n in names
            ]
            return JSONResponse({"detail": detail}, status_code=422)
        own_page = refusal_page(request, exc)  # the question page again, if it shows it
        if own_page is not None:
            return own_page
        errors = FormErrors()
        for name in names:
            label = name.replace("_", " ").capitalize() or "An answer"
            errors.add(name, f"{label} {BAD_CHARACTER}")
        return render(
            request,
            "errors/error.html",
            {
                "title": ERROR_PAGES[400][0],
                "paragraphs": ["Go back, remove the character and try again."],
                "errors": errors,
            },
            status_code=400,
        )

    app.add_middleware(UnexpectedErrorMiddleware)
    app.add_middleware(SecurityMiddleware, render_error=_render_asgi_error)
    app.add_middleware(RequestLogMiddleware)
    return app
