"""Staff pages for risk detector feedback: marking a case, and the managers' review list."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from app import clock
from app.db import SessionDep
from app.forms import FormErrors
from app.triage import risk_feedback as feedback
from app.triage import service
from app.web.auth import CaseReaderDep, ManagerDep, Principal
from app.web.pages import case_href, form_errors, see_other, staff_page
from app.web.security import FormDep, verify_csrf

case_router = APIRouter(
    prefix="/staff/cases", dependencies=[Depends(verify_csrf)], include_in_schema=False
)
review_router = APIRouter(
    prefix="/staff/risk-review", dependencies=[Depends(verify_csrf)], include_in_schema=False
)
# Ids are database integers: anything larger is no mark at all (422), never a 500.
MarkId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _text(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


@case_router.post("/{reference}/risk-feedback")
def mark_case(
    reference: str, request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    answers = {k: _text(form, k) for k in ("kind", "reason", "reason_code", "signal")}
    data = feedback.MarkInput(**answers)
    try:
        feedback.mark(session, principal.actor, reference, data, now=clock.now())
    except feedback.FeedbackRefused as exc:
        session.rollback()
        concern, _ = service.case_for(session, principal.actor, reference)
        return staff_page(
            request,
            "triage/risk-feedback.html",
            {
                "concern": concern,
                "risk": service.case_risk(session, concern),
                "risk_marks": feedback.for_case(session, concern),
                "risk_feedback": feedback.PAGE_LABELS,
                "answers": answers,
            },
            errors=form_errors([(exc.field, exc.message)]),
        )
    session.commit()
    return see_other(case_href(reference, "risk-feedback"))


def _review_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    *,
    errors: FormErrors | None = None,
    note: str = "",
) -> Response:
    q = request.query_params
    kind = q.get("kind", "") if q.get("kind", "") in feedback.KIND_LABELS else ""
    status = q.get("status", "") if q.get("status", "") in feedback.STATUS_LABELS else ""
    return staff_page(
        request,
        "triage/risk-review.html",
        {
            "items": feedback.review_list(session, principal.user, kind=kind, status=status),
            "kind": kind,
            "status": status,
            "kinds": feedback.KIND_LABELS,
            "statuses": feedback.STATUS_LABELS,
            "reasons": feedback.FALSE_ALARM_REASONS,
            "user_id": principal.user.id,
            "note": note,
        },
        errors=errors,
    )


@review_router.get("")
def review_list(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    return _review_page(request, session, principal)


@review_router.post("/{mark_id}")
def review_mark(
    mark_id: MarkId, request: Request, session: SessionDep, form: FormDep, principal: ManagerDep
) -> Response:
    note = _text(form, "note")
    decision = _text(form, "decision")
    try:
        if decision not in ("accept", "reject"):
            raise feedback.FeedbackRefused("note", "Choose accept or reject")
        feedback.review(
            session,
            principal.actor,
            mark_id,
            accept=decision == "accept",
            note=note,
            now=clock.now(),
        )
    except feedback.FeedbackRefused as exc:
        session.rollback()
        errors = form_errors([(f"note-{mark_id}", exc.message)])
        return _review_page(request, session, principal, errors=errors, note=note)
    session.commit()
    return see_other(f"/staff/risk-review#mark-{mark_id}")
