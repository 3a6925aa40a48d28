"""The public feedback form of the Listening to Families Forum: one page, then a receipt.

Thin: the form's answers become a FeedbackCreate, app/forum/feedback.py stores it (once per
form, screened for risk as a concern is), and the receipt is shown from the idempotency
record the form's hidden token names, so a second Send shows the first receipt.
"""

from __future__ import annotations

import re
import secrets
from contextlib import closing
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from app import clock
from app.concerns.models import Role
from app.concerns.schemas import ROLE_LABELS
from app.config import get_settings
from app.db import SessionDep, get_session
from app.errors import Conflict, TooManyAttempts
from app.forms import FormErrors, errors_from, parse_id, refused_message, yes_no
from app.forum import feedback
from app.forum.feedback_models import Channel
from app.forum.schemas import MAX_FEEDBACK, FeedbackCreate
from app.web.auth import client_ip, public
from app.web.security import (
    FormDep,
    cookie_options,
    read_signed_cookie,
    refuse_on_the_page,
    signer,
    verify_csrf,
)
from app.web.templating import render, uk_date

router = APIRouter(dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False)

FEEDBACK_DONE_COOKIE = "fv_feedback_done"
DONE_MAX_AGE = 60 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")

# In page order: the error summary lists them so.
MESSAGES: dict[str, str] = {
    "feedback": "Enter your feedback",
    "session_id": "Select the session from the list, or select that it was not about a session",
    "role": "Select who you are",
    "contact_name": "Your name must be 200 characters or fewer",
    "contact_email": "Enter an email address in the correct format, like name@example.com",
    "contact_phone": "Enter a phone number, like 01632 960 001 or 07700 900 982",
    "consent_to_share": "Select yes if we can use an anonymised summary of your feedback",
}
TEXT_FIELDS = ("feedback", "contact_name", "contact_email", "contact_phone")
FIELD_LABELS = {
    "feedback": "What you want to tell us",
    "contact_name": "Your name",
    "contact_email": "Your email address",
    "contact_phone": "Your phone number",
}
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _shown(form: FormData, skip: tuple[str, ...] | list[str] = ()) -> dict[str, str]:
    """The answers to show again, as typed (never a refused one: it cannot be shown)."""
    return {
        name: value
        for name in MESSAGES
        if name not in skip and isinstance(value := form.get(name), str)
    }


def _render(
    request: Request,
    session: SessionDep,
    answers: dict[str, str],
    errors: FormErrors | None = None,
    *,
    status_code: int | None = None,
) -> Response:
    sessions = feedback.sessions_to_choose(session, now=clock.now())
    context: dict[str, Any] = {
        "title": "Tell us what you think",
        "answers": answers,
        "errors": errors,
        "back_href": "/",
        "submit_token": secrets.token_urlsafe(24),
        "max_feedback": MAX_FEEDBACK,
        "role_items": [{"value": r.value, "text": label} for r, label in ROLE_LABELS.items()],
        "session_items": [
            {"value": "", "text": "It was not about a session"},
            *({"value": str(s.id), "text": f"{s.title}, {uk_date(s.starts_at)}"} for s in sessions),
        ],
    }
    status = status_code or (400 if errors else 200)
    return render(request, "forum/feedback.html", context, status_code=status)


def feedback_from_form(answers: dict[str, str]) -> tuple[FeedbackCreate | None, FormErrors | None]:
    """The form's answers as feedback, or the errors to show (page order, one per field)."""
    errors = FormErrors()
    raw_session = answers.get("session_id") or None
    session_id = parse_id(raw_session) if raw_session else None
    contact = {f: answers.get(f) for f in CONTACT_FIELDS}
    fields: dict[str, Any] = {
        "role": answers.get("role") or None,
        "feedback": answers.get("feedback"),
        "session_id": session_id,
        "anonymous": not any((v or "").strip() for v in contact.values()),
        "consent_to_share": yes_no(answers.get("consent_to_share")),
        **contact,
    }
    try:
        data = FeedbackCreate.model_validate(fields)
    except ValidationError as exc:
        found = errors_from(exc, MESSAGES)
        data = None
    else:
        found = FormErrors()
    for name in MESSAGES:  # the session's own error in its place on the page
        if name == "session_id" and raw_session and session_id is None:
            errors.add(name, MESSAGES[name])
        elif name in found.fields:
            errors.add(name, found.fields[name]["text"])
    return (data, None) if data is not None and not errors else (None, errors)


@router.get("/forum/feedback")
def feedback_form(request: Request, session: SessionDep) -> Response:
    return _render(request, session, {})


def _error(name: str, message: str) -> FormErrors:
    errors = FormErrors()
    errors.add(name, message)
    return errors


@router.post("/forum/feedback")
def send_feedback(request: Request, session: SessionDep, form: FormDep) -> Response:
    answers = _shown(form)
    data, errors = feedback_from_form(answers)
    if data is None:
        return _render(request, session, answers, errors)
    token = form.get("submit_token")
    if not (isinstance(token, str) and _TOKEN.fullmatch(token)):
        token = secrets.token_urlsafe(24)  # a page without its token still gets a receipt
    key = f"web:{token}"
    try:
        feedback.give_feedback(
            session,
            data,
            channel=Channel.ONLINE,
            now=clock.now(),
            client=client_ip(request),
            idempotency_key=key,
        )
    except feedback.UnknownSession:
        session.rollback()
        return _render(request, session, answers, _error("session_id", MESSAGES["session_id"]))
    except Conflict:
        # The same form sent again with other words (Back, changed, Send): not lost, not
        # silently merged: the page again, with a new token, saying what happened.
        session.rollback()
        first = feedback.find_receipt(session, key, now=clock.now())
        sent = f" (reference {first.reference})" if first else ""
        message = (
            f"You already sent feedback from this page{sent}. "
            "To send what is below as new feedback, select Send feedback again"
        )
        return _render(request, session, answers, _error("feedback", message))
    except TooManyAttempts as exc:
        session.rollback()
        return _render(request, session, answers, _error("feedback", exc.message), status_code=429)
    session.commit()
    response = _redirect("/forum/feedback/sent")
    response.set_cookie(
        FEEDBACK_DONE_COOKIE,
        signer(FEEDBACK_DONE_COOKIE).dumps(key),
        **cookie_options(get_settings(), max_age=DONE_MAX_AGE),
    )
    return response


def _refused(request: Request, form: FormData, bad: list[str]) -> Response:
    """The form again for a refused character: that field's error and every other, the
    other answers kept."""
    answers = _shown(form, skip=bad)
    found = feedback_from_form(answers)[1] or FormErrors()
    errors = FormErrors()
    for name in MESSAGES:
        if name in bad:
            errors.add(name, refused_message(FIELD_LABELS.get(name, "This answer")))
        elif name in found.fields:
            errors.add(name, found.fields[name]["text"])
    # The refusal comes before the route, so before its database session: open one as the
    # route would have (through the app's own provider, so a test's override holds too).
    provider = request.app.dependency_overrides.get(get_session, get_session)
    made = provider()
    if isinstance(made, Session):
        return _render(request, made, answers, errors)
    with closing(made):
        return _render(request, next(made), answers, errors)


refuse_on_the_page(send_feedback, TEXT_FIELDS, _refused)


@router.get("/forum/feedback/sent")
def feedback_sent(request: Request, session: SessionDep) -> Response:
    key = read_signed_cookie(request, FEEDBACK_DONE_COOKIE)
    receipt = feedback.find_receipt(session, key, now=clock.now()) if key else None
    if receipt is None:
        return _redirect("/forum/feedback")
    return render(
        request,
        "forum/feedback-sent.html",
        {"title": "Feedback sent", "receipt": receipt, "young_person": Role.YOUNG_PERSON},
    )
