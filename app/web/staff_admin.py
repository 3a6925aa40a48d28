"""Staff administration pages: users and invitations, the audit search, closure days.

Served under app/web/staff.py's router (its /staff prefix and CSRF check).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from app import clock
from app.audit import actions
from app.audit import service as audit
from app.clock import LONDON
from app.db import SessionDep
from app.forms import FormErrors, parse_id
from app.sla import service as sla_service
from app.staff import invites
from app.staff import service as accounts
from app.staff.models import ROLE_LABELS, Role
from app.triage import clocks as case_clocks
from app.web.auth import ManagerDep, Principal, require_role
from app.web.pages import form_errors, see_other, staff_page
from app.web.security import FormDep

router = APIRouter()

ADMIN = Depends(require_role(Role.ADMIN))


def _page(
    request: Request, name: str, context: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    return staff_page(request, f"staff/{name}.html", context, errors=errors)


# Users (admin) ---------------------------------------------------------------------------


@router.get("/admin/users")
def users(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _page(
        request, "users", {"users": accounts.list_users(session), "role_labels": ROLE_LABELS}
    )


def _invite_page(
    request: Request, session: SessionDep, answers: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    context = {"answers": answers, "role_labels": ROLE_LABELS, "teams": invites.teams(session)}
    return staff_page(request, "staff/invite.html", context, errors=errors)


@router.get("/admin/users/new")
def invite_page(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _invite_page(request, session, {"roles": []})


@router.post("/admin/users/new")
def invite(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = ADMIN
) -> Response:
    email = str(form.get("email") or "").strip()
    display_name = str(form.get("display_name") or "").strip()
    roles = [r for r in form.getlist("roles") if isinstance(r, str)]
    team = str(form.get("team") or "")
    answers = {"email": email, "display_name": display_name, "roles": roles, "team": team}
    try:
        invitation = invites.invite(
            session,
            email=email,
            display_name=display_name,
            roles=roles,
            team=team,
            actor=principal.actor,
            now=clock.now(),
        )
    except invites.InviteRefused as exc:
        return _invite_page(request, session, answers, form_errors(exc.problems))
    session.commit()
    return _page(request, "invited", {"user": invitation.user, "url": invitation.url})


# Audit trail (managers) ---------------------------------------------------------------------


def _date_bound(value: str | None, *, end: bool) -> datetime | None:
    try:
        day = datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=LONDON)


@router.get("/audit")
def audit_search(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    q = request.query_params
    actor = accounts.get_user_by_email(session, q["actor"]) if q.get("actor") else None
    before = parse_id(q.get("before"))
    events = []
    if not q.get("actor") or actor is not None:
        events = list(
            audit.search(
                session,
                actor_id=actor.id if actor else None,
                action=q.get("action") or None,
                target_type=q.get("target_type") or None,
                target_id=q.get("target_id") or None,
                since=_date_bound(q.get("from"), end=False),
                until=_date_bound(q.get("to"), end=True),
                before_seq=before,
                limit=51,
            )
        )
    more = len(events) > 50
    events = events[:50]
    audit.record(
        session,
        principal.actor,
        action=actions.AUDIT_SEARCHED,
        now=clock.now(),
        details={k: v for k, v in q.items() if k != "before"},
    )
    session.commit()
    return _page(
        request,
        "audit",
        {
            "events": events,
            "query": dict(q),
            "actions": actions.ALL,
            "action_labels": actions.LABELS,
            "next_href": "/staff/audit?"
            + urlencode({**{k: v for k, v in q.items() if k != "before"}, "before": events[-1].seq})
            if more and events
            else None,
        },
    )


# Council closure days (admin) ------------------------------------------------------------


def _recompute(session: Session, now: datetime) -> int:
    """A calendar change moves every open case's deadlines (the case domain recomputes them)."""
    return case_clocks.recompute_open(session, now=now)


def _closures_page(
    request: Request,
    session: SessionDep,
    *,
    answers: dict[str, str],
    errors: FormErrors | None = None,
) -> Response:
    closures = sla_service.list_closures(session)
    return _page(request, "closures", {"closures": closures, "answers": answers}, errors=errors)


@router.get("/admin/closures")
def closures(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _closures_page(request, session, answers={})


@router.post("/admin/closures")
def add_closure(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = ADMIN
) -> Response:
    answers = {k: str(form.get(k) or "").strip() for k in ("day", "reason")}
    try:
        sla_service.add_closure_day(
            session, **answers, actor=principal.actor, recompute=_recompute, now=clock.now()
        )
    except sla_service.ClosureRefused as exc:
        return _closures_page(request, session, answers=answers, errors=form_errors(exc.problems))
    session.commit()
    return see_other("/staff/admin/closures")


@router.post("/admin/closures/{day}/remove")
def remove_closure(
    day: str, request: Request, session: SessionDep, principal: Principal = ADMIN
) -> Response:
    sla_service.remove_closure_day(
        session, day=day, actor=principal.actor, recompute=_recompute, now=clock.now()
    )
    session.commit()
    return see_other("/staff/admin/closures")
