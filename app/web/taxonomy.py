"""Managers' pages for the theme taxonomy: the list and its history, changes, suggestions."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app import clock
from app.db import SessionDep
from app.forms import FormErrors
from app.taxonomy import service
from app.taxonomy.models import Theme
from app.text import discover
from app.triage import theme_discovery
from app.web.auth import ManagerDep, Principal
from app.web.pages import form_errors, see_other, staff_page
from app.web.security import FormDep, verify_csrf

router = APIRouter(
    prefix="/staff/themes", dependencies=[Depends(verify_csrf)], include_in_schema=False
)

FIELDS = ("code", "label", "description", "reason")


def _page(
    request: Request, name: str, context: dict[str, Any], *, errors: FormErrors | None = None
) -> Response:
    return staff_page(request, f"taxonomy/{name}.html", context, errors=errors)


def _errors(exc: service.ChangeRefused) -> FormErrors:
    return form_errors(exc.errors)


def _answers(form: FormDep) -> dict[str, str]:
    return {k: str(form.get(k) or "") for k in FIELDS}


def _back_to_list(code: str) -> Response:
    return see_other(f"/staff/themes#theme-{quote(code)}")


@router.get("")
def themes(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    return _page(
        request,
        "themes",
        {
            "active": service.list_themes(session, active=True),
            "retired": service.list_themes(session, active=False),
            "version": service.current_version(session),
            "history": service.history(session),
            "labels": service.labels(session),
            "change_labels": service.CHANGE_LABELS,
        },
    )


@router.get("/new")
def new_theme_page(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    # A suggestion fills the form in through the query string; the manager decides.
    answers = {k: request.query_params.get(k, "") for k in FIELDS}
    return _page(request, "theme-form", {"theme": None, "answers": answers})


@router.post("/new")
def add_theme(
    request: Request, session: SessionDep, form: FormDep, principal: ManagerDep
) -> Response:
    answers = _answers(form)
    try:
        theme = service.add_theme(
            session,
            principal.actor,
            code=answers["code"],
            label=answers["label"],
            description=answers["description"],
            reason=answers["reason"],
            now=clock.now(),
        )
    except service.ChangeRefused as exc:  # refused before anything is written
        return _page(
            request, "theme-form", {"theme": None, "answers": answers}, errors=_errors(exc)
        )
    session.commit()
    return _back_to_list(theme.code)


def _edit_answers(theme: Theme) -> dict[str, str]:
    return {"label": theme.label, "description": theme.description, "reason": ""}


@router.get("/{code}/edit")
def edit_theme_page(
    code: str, request: Request, session: SessionDep, principal: ManagerDep
) -> Response:
    theme = service.get_theme(session, code)
    return _page(request, "theme-form", {"theme": theme, "answers": _edit_answers(theme)})


@router.post("/{code}/edit")
def edit_theme(
    code: str, request: Request, session: SessionDep, form: FormDep, principal: ManagerDep
) -> Response:
    answers = _answers(form)
    try:
        service.edit_theme(
            session,
            principal.actor,
            code,
            label=answers["label"],
            description=answers["description"],
            reason=answers["reason"],
            now=clock.now(),
        )
    except service.ChangeRefused as exc:  # refused before anything is written
        theme = service.get_theme(session, code)
        return _page(
            request, "theme-form", {"theme": theme, "answers": answers}, errors=_errors(exc)
        )
    session.commit()
    return _back_to_list(code)


def _status_page(
    request: Request,
    session: SessionDep,
    code: str,
    *,
    active: bool,
    answers: dict[str, str],
    errors: FormErrors | None = None,
) -> Response:
    theme = service.get_theme(session, code)
    context = {"theme": theme, "retire": not active, "answers": answers}
    return _page(request, "theme-status", context, errors=errors)


def _set_active(
    request: Request,
    session: SessionDep,
    form: FormDep,
    principal: Principal,
    code: str,
    *,
    active: bool,
) -> Response:
    answers = _answers(form)
    try:
        service.set_active(
            session, principal.actor, code, active=active, reason=answers["reason"], now=clock.now()
        )
    except service.ChangeRefused as exc:  # refused before anything is written
        return _status_page(
            request, session, code, active=active, answers=answers, errors=_errors(exc)
        )
    session.commit()
    return _back_to_list(code)


def _status_routes(path: str, *, active: bool) -> None:
    """Retiring a theme and reinstating one: the same confirming page and form."""

    @router.get(f"/{{code}}/{path}", name=f"{path}_page")
    def status_page(
        code: str, request: Request, session: SessionDep, principal: ManagerDep
    ) -> Response:
        return _status_page(request, session, code, active=active, answers={})

    @router.post(f"/{{code}}/{path}", name=path)
    def set_status(
        code: str, request: Request, session: SessionDep, form: FormDep, principal: ManagerDep
    ) -> Response:
        return _set_active(request, session, form, principal, code, active=active)


_status_routes("retire", active=False)
_status_routes("reinstate", active=True)


@router.get("/suggestions")
def suggestions(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    found = theme_discovery.suggest_themes(session, principal.actor, now=clock.now())
    session.commit()  # the look is on the audit trail before the page is shown
    return _page(
        request,
        "suggestions",
        {
            "discovery": found.discovery,
            "min_texts": discover.MIN_TEXTS,
            "recent_days": theme_discovery.RECENT_DAYS,
            "add_links": [
                "/staff/themes/new?"
                + urlencode(
                    {
                        "description": ", ".join(topic.words),
                        "reason": "Suggested from concerns no theme covered: "
                        + ", ".join(topic.words[:3]),
                    }
                )
                for topic in found.discovery.topics
            ],
        },
    )
