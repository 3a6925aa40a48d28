"""Staff pages for cases: the queue, the case page, workflow actions, file downloads."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from app import clock
from app.audit import actions
from app.audit import service as audit
from app.concerns.schemas import CONTACT_LABELS, ROLE_LABELS
from app.db import SessionDep
from app.forms import FormErrors, parse_id
from app.sla.engine import STATE_LABELS as CLOCK_LABELS
from app.sla.policy import PAUSE_REASON_LABELS
from app.staff.models import StaffUser, Team
from app.taxonomy import service as taxonomy
from app.triage import actions as case_actions
from app.triage import charts, clocks, queries, risk_feedback, service, workflow
from app.triage import dashboard as dashboard_queries
from app.web import flash
from app.web.auth import CaseReaderDep, ManagerDep, Principal
from app.web.case_page import case_page as case_page_data
from app.web.pages import case_href, error_page, flash_to, staff_page
from app.web.security import FormDep, verify_csrf
from app.web.templating import render

router = APIRouter(
    prefix="/staff/cases", dependencies=[Depends(verify_csrf)], include_in_schema=False
)

dashboard_router = APIRouter(prefix="/staff/dashboard", include_in_schema=False)


def _int(value: str | None) -> int | None:
    return parse_id(value)


def _filter(
    request: Request, user: StaffUser, theme_codes: Collection[str] = ()
) -> tuple[queries.QueueFilter, str]:
    q = request.query_params
    view = q.get("view", "")
    base: dict[str, Any] = {}
    if view == "mine":
        base = {"assignee_id": user.id}
    elif view == "team-overdue":
        base = {"team_id": user.team_id or -1, "clock": "overdue"}
    elif view == "unassigned":
        base = {"assignee_id": 0}
    f = queries.QueueFilter(
        route=q.get("route", ""),
        state=q.get("state", "open") or "open",
        clock=q.get("clock", base.get("clock", "")),
        team_id=_int(q.get("team")) if q.get("team") else base.get("team_id"),
        assignee_id=(0 if q.get("assignee") == "none" else _int(q.get("assignee")))
        if q.get("assignee")
        else base.get("assignee_id"),
        priority=q.get("priority", ""),
        service_area=q.get("service_area", ""),
        source=q.get("source", ""),
        theme=q.get("theme", "") if q.get("theme", "") in theme_codes else "",
        after=q.get("after", ""),
    )
    return f, view


def _people(session: SessionDep) -> list[StaffUser]:
    return queries.assignable_staff(session)


@router.get("")
def queue(request: Request, session: SessionDep, principal: CaseReaderDep) -> Response:
    now = clock.now()
    # Retired themes too: old cases still carry them and can be found by them.
    theme_labels = taxonomy.labels(session)
    f, view = _filter(request, principal.user, theme_labels)
    page = queries.queue(session, principal.user, f, now=now)
    params = {k: v for k, v in request.query_params.items() if k != "after"}
    teams = queries.teams(session)
    return render(
        request,
        "triage/queue.html",
        {
            "staff_area": True,
            "page": page,
            "filter": f,
            "view": view,
            "now": now,
            "params": params,
            "next_href": "/staff/cases?" + urlencode({**params, "after": page.next_after})
            if page.next_after
            else None,
            "saved_views": queries.saved_views(session, principal.user),
            "filter_params": {k: v for k, v in params.items() if k in queries.FILTER_KEYS and v},
            "theme_options": [("", "Any"), *theme_labels.items()],
            "team_options": [("", "Any"), *((str(t.id), t.name) for t in teams)],
            "area_options": [
                ("", "Any"),
                *((a, a) for a in sorted({t.service_area for t in teams})),
            ],
            "assignee_options": [
                ("", "Anyone"),
                ("none", "Unassigned"),
                *((str(p.id), p.display_name) for p in _people(session)),
            ],
            "assignee_selected": "none" if f.assignee_id == 0 else str(f.assignee_id or ""),
            "routes": workflow.ROUTE_LABELS,
            "states": workflow.STATE_LABELS,
            "clock_labels": CLOCK_LABELS,
            "priorities": service.PRIORITIES,
        },
    )


@router.post("/views")
def save_view(
    request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    params = {k: v for k, v in form.items() if isinstance(v, str)}
    view = queries.save_view(
        session, principal.user, name=params.pop("name", ""), params=params, now=clock.now()
    )
    session.commit()
    return flash_to(f"/staff/cases?{view.query}", f"View saved as “{view.name}”")


@router.post("/views/{view_id}/delete")
def delete_view(view_id: int, session: SessionDep, principal: CaseReaderDep) -> Response:
    queries.delete_view(session, principal.user, view_id)
    session.commit()
    return flash_to("/staff/cases", "View deleted")


@dashboard_router.get("")
def dashboard(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    period = "year" if request.query_params.get("period") == "year" else "month"
    board = dashboard_queries.build(session, principal.user, period=period, now=clock.now())
    state_labels = [workflow.STATE_LABELS[workflow.State(s)] for s in board.open_by_state]
    compliance = [c for c in board.compliance if c.percent is not None]
    return render(
        request,
        "triage/dashboard.html",
        {
            "staff_area": True,
            "board": board,
            "states": workflow.STATE_LABELS,
            "open_chart": charts.bar_chart(
                state_labels,
                list(board.open_by_state.values()),
                title="Open cases by state",
                unit="cases",
            ),
            "compliance_chart": charts.bar_chart(
                [f"{c.policy} – {c.team}" for c in compliance],
                [c.percent or 0 for c in compliance],
                title="Deadlines met on time",
                unit="% met on time",
            )
            if compliance
            else None,
        },
    )


@dashboard_router.get(".csv")
def dashboard_csv(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    period = "year" if request.query_params.get("period") == "year" else "month"
    board = dashboard_queries.build(session, principal.user, period=period, now=clock.now())
    buffer = io.StringIO()
    csv.writer(buffer).writerows(dashboard_queries.csv_rows(board))
    audit.record(
        session,
        principal.actor,
        action=actions.EXPORTED,
        now=clock.now(),
        details={"export": "dashboard", "period": period},
    )
    session.commit()
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="dashboard-{period}.csv"'},
    )


@router.get("/{reference}")
def case_page(
    reference: str, request: Request, session: SessionDep, principal: CaseReaderDep
) -> Response:
    now = clock.now()
    concern = service.view_case(session, principal.actor, reference, now=now)
    session.commit()  # the view is on the audit trail before the page is shown
    return staff_page(
        request,
        "triage/case.html",
        {
            **case_page_data(session, concern, now=now),
            "actions": [(a.name, a.label) for a in case_actions.offered(principal.user, concern)],
            "clock_labels": CLOCK_LABELS,
            "role_labels": ROLE_LABELS,
            "contact_labels": CONTACT_LABELS,
            "routes": workflow.ROUTE_LABELS,
            "states": workflow.STATE_LABELS,
            "outcomes": workflow.OUTCOME_LABELS,
            "risk_feedback": risk_feedback.PAGE_LABELS,
        },
    )


def _action_page(
    request: Request,
    session: SessionDep,
    principal: Principal,
    reference: str,
    row: case_actions.CaseAction,
    *,
    answers: dict[str, Any],
    errors: FormErrors | None = None,
) -> Response:
    concern = service.view_case(session, principal.actor, reference, now=clock.now())
    session.commit()
    refused = case_actions.why_not(principal.user, concern, row.name)
    if refused:
        # A typed or stale link to an action this case does not offer now.
        return render(
            request,
            "errors/error.html",
            {
                "title": f"{row.label} is not possible for this case now",
                "paragraphs": [refused],
                "next_href": f"/staff/cases/{quote(concern.reference)}",
                "next_text": "Back to the case",
            },
            status_code=409,
        )
    running = [c for c in clocks.compute(session, concern, now=clock.now()) if c.running]
    return render(
        request,
        "triage/action.html",
        {
            "staff_area": True,
            "concern": concern,
            "action": row.name,
            "label": row.label,
            "fields": row.fields,  # exactly what this action's schema asks for
            "answers": answers,
            "errors": errors,
            "back_href": f"/staff/cases/{concern.reference}",
            "routes": workflow.ROUTE_LABELS,
            "teams": list(session.scalars(select(Team).order_by(Team.name))),
            "people": _people(session),
            "pause_reasons": PAUSE_REASON_LABELS,
            "running_clocks": running,
            "outcomes": {o: workflow.OUTCOME_LABELS[o] for o in workflow.CLOSING_OUTCOMES},
            "risk": service.case_risk(session, concern),
        },
        status_code=400 if errors else 200,
    )


def _not_found(request: Request) -> Response:
    return render(
        request, "errors/error.html", {"title": "Page not found", "paragraphs": []}, status_code=404
    )


@router.get("/{reference}/actions/{action}")
def action_form(
    reference: str, action: str, request: Request, session: SessionDep, principal: CaseReaderDep
) -> Response:
    row = case_actions.ACTIONS.get(action)
    if row is None:
        return _not_found(request)
    return _action_page(request, session, principal, reference, row, answers={})


@router.post("/{reference}/actions/{action}")
def take_action(
    reference: str,
    action: str,
    request: Request,
    session: SessionDep,
    form: FormDep,
    principal: CaseReaderDep,
) -> Response:
    row = case_actions.ACTIONS.get(action)
    if row is None:
        return _not_found(request)
    answers = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    try:
        # The action's schema reads the answers: the form's strings go in as posted.
        concern = case_actions.act(
            session, principal.actor, reference, action, answers, now=clock.now()
        )
    except service.ActionRefused as exc:
        session.rollback()
        errors = FormErrors()
        for field, message in exc.problems:
            errors.add(field, message)
        return _action_page(
            request, session, principal, reference, row, answers=answers, errors=errors
        )
    session.commit()
    return flash.flash(
        RedirectResponse(f"/staff/cases/{quote(concern.reference)}", status_code=303),
        f"{concern.reference}: {row.done}",
    )


@router.post("/{reference}/themes")
def set_themes(
    reference: str, request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    codes = [c for c in form.getlist("themes") if isinstance(c, str)]
    service.set_themes(session, principal.actor, reference, codes, now=clock.now())
    session.commit()
    return flash_to(case_href(reference, "themes"), f"{reference}: themes saved")


@router.post("/{reference}/learning")
def add_learning(
    reference: str, request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    description = str(form.get("description") or "")
    due_text = str(form.get("due_on") or "").strip()
    try:
        due_on = date.fromisoformat(due_text) if due_text else None
        service.add_learning_action(
            session,
            principal.actor,
            reference,
            description=description,
            owner_id=_int(str(form.get("owner") or "")),
            due_on=due_on,
            now=clock.now(),
        )
    except (ValueError, service.ActionRefused) as exc:
        session.rollback()
        message = (
            exc.message
            if isinstance(exc, service.ActionRefused)
            else "Enter the date as YYYY-MM-DD"
        )
        return error_page(
            request,
            "The learning action was not added",
            [message],
            next_href=case_href(reference),
            status_code=400,
        )
    session.commit()
    return flash_to(case_href(reference, "learning"), f"{reference}: learning action added")


@router.post("/{reference}/learning/{action_id}/done")
def learning_done(
    reference: str, action_id: int, session: SessionDep, principal: CaseReaderDep
) -> Response:
    service.complete_learning_action(
        session, principal.actor, reference, action_id, now=clock.now()
    )
    session.commit()
    return flash_to(case_href(reference, "learning"), f"{reference}: learning action marked done")


@router.get("/{reference}/files/{attachment_id}")
def download(
    reference: str, attachment_id: int, session: SessionDep, principal: CaseReaderDep
) -> Response:
    attachment = service.download_attachment(
        session, principal.actor, reference, attachment_id, now=clock.now()
    )
    session.commit()
    # Always a download, never shown inline: a family's file is not trusted as a page.
    return Response(
        attachment.content,
        media_type=attachment.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{_ascii(attachment.filename)}"; '
            f"filename*=UTF-8''{quote(attachment.filename, safe='')}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _ascii(name: str) -> str:
    return "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name
    )
