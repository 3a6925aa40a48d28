"""Tracking a concern: the family's reference and tracking code, and the status they open."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from app import clock
from app.concerns import service
from app.db import SessionDep
from app.errors import NotFound, TooManyAttempts
from app.forms import FormErrors, refused_message
from app.forum.to_concern import linked_concern
from app.web.auth import client_ip, public
from app.web.security import FormDep, refuse_on_the_page, verify_csrf
from app.web.templating import render

router = APIRouter(dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False)


@router.get("/track")
def track_page(request: Request) -> Response:
    return render(request, "concerns/track.html", {"answers": {}})


TRACK_MESSAGES = {
    "reference": "Enter your reference number",
    "tracking_code": "Enter your tracking code",
}
TRACK_LABELS = {"reference": "Your reference number", "tracking_code": "Your tracking code"}


def _track_form(form: FormData, refused: list[str]) -> tuple[dict[str, str], FormErrors]:
    """The answers to show again (not a refused one: it cannot be shown as typed), and errors."""
    answers = {n: "" if n in refused else str(form.get(n) or "") for n in TRACK_MESSAGES}
    errors = FormErrors()
    for name, message in TRACK_MESSAGES.items():
        if name in refused:
            errors.add(name, refused_message(TRACK_LABELS[name]))
        elif not answers[name].strip():
            errors.add(name, message)
    return answers, errors


def _track_refused(request: Request, form: FormData, bad: list[str]) -> Response:
    answers, errors = _track_form(form, bad)
    context = {"answers": answers, "errors": errors}
    return render(request, "concerns/track.html", context, status_code=400)


@router.post("/track")
def track(request: Request, session: SessionDep, form: FormDep) -> Response:
    answers, errors = _track_form(form, [])
    reference, code = answers["reference"], answers["tracking_code"]
    if errors:
        return render(
            request, "concerns/track.html", {"answers": answers, "errors": errors}, status_code=400
        )
    client = client_ip(request)
    try:
        status = service.track_concern(
            session,
            reference=reference,
            tracking_code=code,
            client=client,
            now=clock.now(),
            follow=linked_concern,  # feedback turned into a concern: its status
        )
    except (NotFound, TooManyAttempts) as exc:
        session.commit()  # keep the count of failed attempts
        errors.add("reference", exc.message)
        response = render(
            request,
            "concerns/track.html",
            {"answers": answers, "errors": errors},
            status_code=exc.status_code,
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
        return response
    session.commit()
    return render(request, "concerns/status.html", {"status": status})


refuse_on_the_page(track, TRACK_MESSAGES, _track_refused)
