"""You said, we did for everyone: the published issues (each as its latest update says,
with its history), following one by email (confirmed by a link), and stopping. No
account; nothing a family wrote is shown, only the staff-written words published."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from app import clock
from app.concerns.schemas import Email
from app.db import SessionDep
from app.forms import FormErrors, has_bad_character
from app.forum import answers, followers
from app.forum.outcomes import COMMITMENT_STATUS_LABELS
from app.taxonomy import service as taxonomy
from app.web.auth import public
from app.web.pages import form_errors
from app.web.security import FormDep, verify_csrf
from app.web.templating import render
from app.web.you_said_we_did import number, published_day

router = APIRouter(
    prefix="/you-said-we-did",
    dependencies=[Depends(public), Depends(verify_csrf)],
    include_in_schema=False,
)

_EMAIL: TypeAdapter[str | None] = TypeAdapter(Email)


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> Response:
    context = {"statuses": COMMITMENT_STATUS_LABELS, "day": published_day, **context}
    return render(request, f"you-said-we-did/{name}.html", context, status_code=status_code)


@router.get("")
def published(request: Request, session: SessionDep) -> Response:
    context = {"updates": answers.published(session), "theme_labels": taxonomy.labels(session)}
    return _page(request, "list", context)


def _issue_page(
    request: Request,
    session: SessionDep,
    issue_id: str,
    *,
    for_children: bool = False,
    email: str = "",
    errors: FormErrors | None = None,
) -> Response:
    issue = answers.get_published(session, number(issue_id))
    updates = answers.updates_of(session, issue.id)
    context = {
        "issue_id": issue.id,
        "update": updates[0],
        "history": updates,
        "first_published_at": issue.first_published_at,
        "theme_labels": taxonomy.labels(session),
        "for_children": for_children,
        "answers": {"email": email},
        "errors": errors,
    }
    return _page(request, "issue", context, status_code=400 if errors else 200)


@router.get("/{issue_id}")
def issue_page(request: Request, session: SessionDep, issue_id: str, version: str = "") -> Response:
    return _issue_page(request, session, issue_id, for_children=version == "children")


@router.post("/{issue_id}/follow")
def follow(request: Request, session: SessionDep, issue_id: str, form: FormDep) -> Response:
    typed = str(form.get("email") or "")
    email = None
    problem = "Enter an email address in the correct format, like name@example.com"
    if not typed.strip():
        problem = "Enter your email address"
    elif not has_bad_character(typed) and len(typed) <= 320:
        try:
            email = _EMAIL.validate_python(typed.strip())
        except ValidationError:
            email = None
    if email is None:
        errors = form_errors([("email", problem)])
        keep = "" if has_bad_character(typed) else typed
        return _issue_page(request, session, issue_id, email=keep, errors=errors)
    issue = answers.get_published(session, number(issue_id))
    followers.follow(session, issue, email, now=clock.now())
    session.commit()
    return _page(request, "follow-sent", {"issue_id": issue.id, "issue_title": issue.title})


@router.get("/follow/confirm/{token}")
def confirm_page(request: Request, session: SessionDep, token: str) -> Response:
    follower = followers.follower_to_confirm(session, token)
    return _page(request, "confirm", {"follower": follower, "token": token})


@router.post("/follow/confirm/{token}")
def confirm(request: Request, session: SessionDep, token: str, form: FormDep) -> Response:
    follower = followers.confirm(session, token, now=clock.now())
    session.commit()
    return _page(request, "confirm", {"follower": follower, "token": token})


@router.get("/unsubscribe/{token}")
def unsubscribe_page(request: Request, session: SessionDep, token: str) -> Response:
    follower = followers.follower_to_unsubscribe(session, token)
    return _page(request, "unsubscribe", {"follower": follower, "token": token})


@router.post("/unsubscribe/{token}")
def unsubscribe(request: Request, session: SessionDep, token: str, form: FormDep) -> Response:
    follower = followers.unsubscribe(session, token, now=clock.now())
    session.commit()
    return _page(request, "unsubscribe", {"follower": follower, "token": token})
