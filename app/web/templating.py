"""The Jinja environment: our templates, the GOV.UK Frontend macros, and filters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
    select_autoescape,
)
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse

from app.clock import london
from app.config import ROOT, get_settings
from app.web import flash
from app.web.security import CSRF_FIELD, csrf_token


def uk_date(value: date | datetime | None) -> str:
    """'6 January 2027', the GOV.UK style; datetimes shown in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = london(value).date()
    return f"{value.day} {value:%B %Y}"


def uk_datetime(value: datetime | None) -> str:
    """'23 November 2026, 7:42pm' in Europe/London."""
    if value is None:
        return ""
    local = london(value)
    hour = local.hour % 12 or 12
    return f"{uk_date(local.date())}, {hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


def uk_weekday_date(value: date | None) -> str:
    """'Wednesday 6 January 2027'."""
    return "" if value is None else f"{value:%A} {uk_date(value)}"


def tel(number: str) -> str:
    """A phone number as a tel: link target, so a phone can call it with one tap."""
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def nl2br(text: str | None) -> Markup:
    """Free text escaped, its line breaks shown as <br>.

    No newline characters are left in the result, because the GOV.UK macros indent
    multi-line HTML they are given, which would add spaces to what the family typed.
    """
    if not text:
        return Markup("")
    return bdi(Markup("<br>").join(escape(line) for line in text.splitlines()))


def bdi(text: str | None) -> Markup:
    """Free text escaped and isolated in <bdi>, so right-to-left text or a bidi control in
    it cannot reorder the page around it (a name, a file name, a note)."""
    if not text:
        return Markup("")
    return Markup("<bdi>") + escape(text) + Markup("</bdi>")


def labels(values: Any, mapping: dict[Any, str]) -> list[str]:
    """Each value's label from mapping, e.g. role codes to the words people read."""
    return [mapping.get(v, str(v)) for v in values]


def _environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(ROOT / "templates"),
                PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
            ]
        ),
        autoescape=select_autoescape(["html", "xml"], default=True),
        # The GOV.UK macros import other templates on every call; checking each file's
        # time on disk each time costs more than the page. Reload only while developing.
        auto_reload=get_settings().environment == "development",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["uk_date"] = uk_date
    env.filters["uk_weekday_date"] = uk_weekday_date
    env.filters["tel"] = tel
    env.filters["labels"] = labels
    env.filters["uk_datetime"] = uk_datetime
    env.filters["nl2br"] = nl2br
    env.filters["bdi"] = bdi
    env.globals["CSRF_FIELD"] = CSRF_FIELD
    return env


templates = Jinja2Templates(env=_environment())


def staff_navigation(roles: frozenset[str], path: str) -> list[dict[str, Any]]:
    """The staff menu: only what the user's roles open."""
    items = [("/staff", "Home", None)]
    if roles & {"triage", "caseworker", "manager"}:
        items.append(("/staff/cases", "Cases", None))
    if "manager" in roles:
        items.append(("/staff/dashboard", "Dashboard", None))
        items.append(("/staff/quotes", "Quotes", None))
        items.append(("/staff/audit", "Audit trail", None))
        items.append(("/staff/themes", "Themes", None))
    if roles & {"facilitator", "manager"}:
        items.append(("/staff/forum/sessions", "Forum", None))
    if "manager" in roles:
        items.append(("/staff/you-said-we-did", "You said, we did", None))
    if "admin" in roles:
        items.append(("/staff/admin/users", "Users", None))
        items.append(("/staff/admin/closures", "Calendar", None))
    items.append(("/staff/account", "Your account", None))
    return [
        {
            "href": href,
            "text": text,
            "active": path == href or (href != "/staff" and path.startswith(href)),
        }
        for href, text, _ in items
    ]


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> HTMLResponse:
    """Render a page with what every page needs: the CSP nonce and the CSRF token."""
    ctx: dict[str, Any] = {
        "cspNonce": request.state.csp_nonce,
        "csrf_token": csrf_token(request),
        "current_path": request.url.path,
        "settings": get_settings(),
    }
    principal = getattr(request.state, "principal", None)
    if principal is not None:
        ctx["principal_user"] = principal.user
        ctx["nav_items"] = staff_navigation(principal.user.roles, request.url.path)
        ctx["flash"] = flash.pending(request)
    ctx.update(context or {})
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if ctx.get("flash"):
        flash.shown(request, response)
    return response
