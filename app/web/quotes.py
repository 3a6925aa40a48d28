"""Staff pages for quotes: propose one from a case; managers approve or withdraw."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app import clock
from app.db import SessionDep
from app.forms import FormErrors
from app.quotes import service
from app.taxonomy import service as taxonomy
from app.triage import service as cases
from app.triage.case import Concern
from app.web.auth import CaseReaderDep, ManagerDep
from app.web.pages import case_href, error_page, see_other, staff_page
from app.web.security import FormDep, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


def _theme_options(session: SessionDep, concern: Concern) -> list[tuple[str, str]]:
    labels = taxonomy.labels(session)
    on_case = [t.code for t in cases.case_themes(session, concern)]
    return [(code, labels.get(code, code)) for code in on_case]


def _new_page(
    request: Request,
    session: SessionDep,
    concern: Concern,
    answers: dict[str, Any],
    errors: FormErrors | None = None,
) -> Response:
    return staff_page(
        request,
        "quotes/new.html",
        {
            "concern": concern,
            "answers": answers,
            "theme_options": _theme_options(session, concern),
            "max_length": service.MAX_LENGTH,
            "back_href": case_href(concern.reference, "quotes"),
        },
        errors=errors,
    )


@router.get("/staff/cases/{reference}/quotes/new")
def new_quote(
    reference: str, request: Request, session: SessionDep, principal: CaseReaderDep
) -> Response:
    concern = cases.view_case(session, principal.actor, reference, now=clock.now())
    session.commit()
    try:
        # Redacted before anyone edits it: staff start from words with the personal data out.
        answers = {"text": service.draft(session, concern)}
    except service.NoConsent:
        return error_page(
            request,
            "This family's words cannot be quoted",
            ["The family did not agree to share their words."],
            next_href=case_href(concern.reference),
            status_code=409,
        )
    return _new_page(request, session, concern, answers)


@router.post("/staff/cases/{reference}/quotes/new")
def propose_quote(
    reference: str, request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    answers = {k: str(v) for k, v in form.items() if k in ("text", "theme")}
    try:
        service.propose(
            session,
            principal.actor,
            reference,
            answers.get("text", ""),
            theme_code=answers.get("theme") or None,
            now=clock.now(),
        )
    except service.QuoteRefused as exc:
        session.rollback()
        concern, _ = cases.case_for(session, principal.actor, reference)
        errors = FormErrors()
        errors.add("text", exc.message)
        return _new_page(request, session, concern, answers, errors)
    session.commit()
    return see_other(case_href(reference, "quotes"))


def _list_page(request: Request, session: SessionDep, errors: FormErrors | None = None) -> Response:
    waiting = service.awaiting_approval(session)
    references, people = service.names_for(session, waiting)
    return staff_page(
        request,
        "quotes/list.html",
        {
            "waiting": waiting,
            "approved": service.approved(session)[-20:],
            "references": references,
            "people": people,
            "theme_labels": taxonomy.labels(session),
        },
        errors=errors,
    )


@router.get("/staff/quotes")
def quotes_page(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    return _list_page(request, session)


@router.post("/staff/quotes/{quote_id}/{decision}")
def decide(
    quote_id: int,
    decision: str,
    request: Request,
    session: SessionDep,
    form: FormDep,
    principal: ManagerDep,
) -> Response:
    try:
        if decision == "approve":
            service.approve(session, principal.actor, quote_id, now=clock.now())
        elif decision == "withdraw":
            reason = str(form.get("reason") or "")
            service.withdraw(session, principal.actor, quote_id, reason, now=clock.now())
        else:
            raise service.QuoteRefused("Choose approve or withdraw")
    except service.QuoteRefused as exc:
        session.rollback()
        errors = FormErrors()
        errors.add(f"quote-{quote_id}", exc.message)
        return _list_page(request, session, errors)
    session.commit()
    return see_other("/staff/quotes")
