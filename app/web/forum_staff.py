"""Staff pages of the forum: turning feedback into a concern, and entering what was said at
a meeting. Thin: app/forum/ holds the rules; each route's access rule is its dependency
(listed in tests/api/test_access_matrix.py), and the case must be one the user can see."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app import clock
from app.concerns.schemas import ROLE_LABELS
from app.db import SessionDep
from app.errors import Conflict
from app.forms import FormErrors
from app.forum import meetings, to_concern
from app.forum.models import ForumSession
from app.forum.schemas import MAX_FEEDBACK
from app.staff.models import Role
from app.triage.workflow import Route
from app.web.auth import CaseReaderDep, Principal, require_role
from app.web.flash import flash
from app.web.forum import feedback_from_form
from app.web.pages import staff_page
from app.web.security import FormDep, verify_csrf

router = APIRouter(prefix="/staff", include_in_schema=False, dependencies=[Depends(verify_csrf)])


@router.post("/cases/{reference}/turn-into-concern")
def turn_into_concern(
    reference: str, request: Request, session: SessionDep, form: FormDep, principal: CaseReaderDep
) -> Response:
    chosen = form.get("route")
    route = Route(chosen) if chosen in {r.value for r in to_concern.COMPLAINT_ROUTES} else None
    if route is None:
        raise Conflict("Choose a statutory or a corporate complaint")
    concern = to_concern.turn_into_concern(
        session, principal.actor, reference, route=route, now=clock.now()
    )
    session.commit()
    response = RedirectResponse(f"/staff/cases/{quote(concern.reference)}", status_code=303)
    return flash(response, f"Concern {concern.reference} made from feedback {reference}")


FacilitatorDep = Annotated[Principal, Depends(require_role(Role.FACILITATOR, Role.MANAGER))]
MEETING_FIELDS = ("feedback", "role", "contact_name", "contact_email", "contact_phone")


def _meeting_page(
    request: Request,
    forum_session: ForumSession,
    answers: dict[str, str],
    errors: FormErrors | None = None,
) -> Response:
    return staff_page(
        request,
        "forum/meeting-feedback.html",
        {
            "title": "Enter feedback from a meeting",
            "forum_session": forum_session,
            "answers": answers,
            "max_feedback": MAX_FEEDBACK,
            "role_items": [{"value": r.value, "text": label} for r, label in ROLE_LABELS.items()],
            "back_href": "/staff/forum/sessions",
            "submit_token": secrets.token_urlsafe(24),
        },
        errors=errors,
    )


@router.get("/forum/sessions")
def meeting_sessions(request: Request, session: SessionDep, principal: FacilitatorDep) -> Response:
    """The sessions whose feedback this facilitator (or manager) may enter."""
    sessions = meetings.sessions_to_enter(session, principal.user, now=clock.now())
    return staff_page(
        request,
        "forum/sessions.html",
        {
            "title": "Enter feedback from a forum meeting",
            "sessions": sessions,
            "back_href": "/staff",
        },
    )


@router.get("/forum/sessions/{session_id}/feedback")
def meeting_feedback_form(
    session_id: int, request: Request, session: SessionDep, principal: FacilitatorDep
) -> Response:
    forum_session = meetings.session_to_enter(session, principal.user, session_id, now=clock.now())
    return _meeting_page(request, forum_session, {})


@router.post("/forum/sessions/{session_id}/feedback")
def enter_meeting_feedback(
    session_id: int,
    request: Request,
    session: SessionDep,
    form: FormDep,
    principal: FacilitatorDep,
) -> Response:
    now = clock.now()
    forum_session = meetings.session_to_enter(session, principal.user, session_id, now=now)
    answers = {
        k: v for k in (*MEETING_FIELDS, "consent_to_share") if isinstance(v := form.get(k), str)
    }
    data, errors = feedback_from_form(answers)
    if data is None:
        return _meeting_page(request, forum_session, answers, errors)
    token = form.get("submit_token")
    try:
        entered = meetings.enter_feedback(
            session,
            principal.actor,
            forum_session.id,
            data,
            now=now,
            idempotency_key=token if isinstance(token, str) and 16 <= len(token) <= 64 else None,
        )
    except Conflict:
        session.rollback()
        errors = FormErrors()
        errors.add(
            "feedback",
            "You already saved this form with other words. "
            "To add what is below as another item, select Save this feedback again",
        )
        return _meeting_page(request, forum_session, answers, errors)
    session.commit()
    message = f"Feedback {entered.reference} saved."
    if entered.safeguarding:
        message += (
            " What was said suggests a child may not be safe: it has gone to the safeguarding "
            "team. If a child is in danger now, call 999."
        )
    response = RedirectResponse(request.url.path, status_code=303)
    return flash(response, message)
