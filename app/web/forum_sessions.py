"""Forum sessions on the web: the public list and sign-up (no account; a signed link to a
family's place), and the facilitators' pages to create, read and cancel sessions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from app import clock
from app.db import SessionDep
from app.forms import FormErrors, parse_id
from app.forum import answers, links, sessions
from app.forum import upload as upload_rows
from app.forum.models import FORMAT_LABELS
from app.forum.session_schemas import Refused, read_session, read_signup
from app.web.auth import FacilitatorDep, public
from app.web.pages import flash_to, form_errors, see_other, staff_page
from app.web.security import FormDep, verify_csrf
from app.web.templating import render

public_router = APIRouter(
    dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False
)
router = APIRouter(
    prefix="/staff/forum/sessions", dependencies=[Depends(verify_csrf)], include_in_schema=False
)

SESSION_FIELDS = (
    "title", "day", "month", "year", "start_time", "end_time", "format", "place",
    "access_info", "online_link", "topics", "capacity",
)  # fmt: skip
SIGNUP_FIELDS = ("name", "contact_email", "contact_phone", "access_needs", "young_person")


def _session_id(value: str) -> int:
    # Not a number the database holds: 0, which no row has, so the answer is a 404 (an id
    # out of range would be a database error on PostgreSQL).
    number = parse_id(value)
    return number if number is not None else 0


def _answers(form: FormData, fields: tuple[str, ...]) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in fields}


# The public side.


@public_router.get("/forum")
def forum_home(request: Request, session: SessionDep) -> Response:
    now = clock.now()
    past = sessions.past(session, now=now)
    context = {
        "upcoming": sessions.upcoming(session, now=now),
        "past": past,
        # What was heard at each and what was done: the published answers, staff-written.
        "answers": answers.answers_for_sessions(session, [s.id for s in past]),
        "when": sessions.when_text,
        "formats": FORMAT_LABELS,
    }
    return render(request, "forum/sessions/list.html", context)


def _signup_page(
    request: Request,
    session: SessionDep,
    session_id: str,
    answers: dict[str, str],
    errors: FormErrors | None = None,
) -> Response:
    forum_session = sessions.open_for_signup(session, _session_id(session_id), now=clock.now())
    places = sessions.places_of(session, [forum_session])[forum_session.id]
    context = {
        "forum_session": forum_session,
        "places": places,
        "when": sessions.when_text(forum_session),
        "formats": FORMAT_LABELS,
        "answers": answers,
        "errors": errors,
    }
    return render(
        request, "forum/sessions/sign-up.html", context, status_code=400 if errors else 200
    )


@public_router.get("/forum/sessions/{session_id}")
def signup_form(request: Request, session: SessionDep, session_id: str) -> Response:
    return _signup_page(request, session, session_id, {})


@public_router.post("/forum/sessions/{session_id}")
def signup(request: Request, session: SessionDep, session_id: str, form: FormDep) -> Response:
    answers = _answers(form, SIGNUP_FIELDS)
    try:
        details = read_signup(answers)
    except Refused as refused:
        return _signup_page(request, session, session_id, answers, form_errors(refused.problems))
    signup = sessions.sign_up(session, _session_id(session_id), details, now=clock.now())
    session.commit()
    return see_other(links.signup_path(signup.id))


@public_router.get("/forum/places/{token}")
def place(request: Request, session: SessionDep, token: str) -> Response:
    signup = sessions.signup_by_token(session, token)
    context = {
        "signup": signup,
        "forum_session": signup.session,
        "when": sessions.when_text(signup.session),
        "formats": FORMAT_LABELS,
        "token": token,
        "started": signup.session.starts_at <= clock.now(),
    }
    return render(request, "forum/sessions/place.html", context)


@public_router.post("/forum/places/{token}/cancel")
def give_up_place(request: Request, session: SessionDep, token: str, form: FormDep) -> Response:
    signup = sessions.signup_by_token(session, token)
    sessions.cancel_signup(session, signup, now=clock.now())
    session.commit()
    return see_other(links.signup_path(signup.id))


# The facilitators' side.


def _staff(
    request: Request, name: str, context: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    return staff_page(request, f"forum/sessions/{name}.html", context, errors=errors)


@router.get("")
def staff_sessions(request: Request, session: SessionDep, principal: FacilitatorDep) -> Response:
    context = {
        "rows": sessions.every_session(session),
        "when": sessions.when_text,
        "formats": FORMAT_LABELS,
        "now": clock.now(),
    }
    return _staff(request, "staff-list", context)


@router.get("/new")
def new_session_page(request: Request, principal: FacilitatorDep) -> Response:
    return _staff(request, "staff-form", {"answers": {"format": "in-person"}})


@router.post("/new")
def new_session(
    request: Request, session: SessionDep, form: FormDep, principal: FacilitatorDep
) -> Response:
    answers = _answers(form, SESSION_FIELDS)
    now = clock.now()
    try:
        details = read_session(answers, now=now)
    except Refused as refused:
        return _staff(request, "staff-form", {"answers": answers}, form_errors(refused.problems))
    forum_session = sessions.create_session(session, principal.actor, details, now=now)
    session.commit()
    return flash_to(f"/staff/forum/sessions/{forum_session.id}", "Session added")


@router.get("/{session_id}")
def staff_session(
    request: Request, session: SessionDep, session_id: str, principal: FacilitatorDep
) -> Response:
    now = clock.now()
    forum_session = sessions.get_session(session, _session_id(session_id))
    signups = sessions.signups_for_staff(session, principal.actor, forum_session, now=now)
    session.commit()  # the audit event of this reading
    context = {
        "forum_session": forum_session,
        "signups": signups,
        "when": sessions.when_text(forum_session),
        "formats": FORMAT_LABELS,
        "places": sessions.places_of(session, [forum_session])[forum_session.id],
    }
    return _staff(request, "staff-session", context)


@router.post("/{session_id}/cancel")
def cancel_session(
    request: Request, session: SessionDep, session_id: str, form: FormDep, principal: FacilitatorDep
) -> Response:
    forum_session = sessions.get_session(session, _session_id(session_id))
    told = sessions.cancel_session(session, principal.actor, forum_session, now=clock.now())
    session.commit()
    people = "person" if told == 1 else "people"
    return flash_to(
        f"/staff/forum/sessions/{forum_session.id}",
        f"Session cancelled: {told} {people} will be told",
    )


async def _meeting_file(form: FormDep) -> bytes | None:
    """The uploaded file's bytes (read off the thread pool), at most one byte over the limit."""
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    return await upload.read(upload_rows.MAX_BYTES + 1)


MeetingFileDep = Annotated[bytes | None, Depends(_meeting_file)]


@router.get("/{session_id}/upload")
def upload_page(
    request: Request, session: SessionDep, session_id: str, principal: FacilitatorDep
) -> Response:
    forum_session = sessions.get_session(session, _session_id(session_id))
    return _staff(request, "upload", {"forum_session": forum_session})


@router.post("/{session_id}/upload")
def upload(
    request: Request,
    session: SessionDep,
    session_id: str,
    data: MeetingFileDep,
    principal: FacilitatorDep,
) -> Response:
    forum_session = sessions.get_session(session, _session_id(session_id))
    errors = FormErrors()
    if data is None:
        errors.add("file", "Select the meeting's CSV file")
    else:
        try:
            result = upload_rows.upload_meeting(
                session, principal.actor, forum_session, data, now=clock.now()
            )
        except upload_rows.UploadRefused as refused:
            errors.add("file", str(refused))
    if errors:
        return _staff(request, "upload", {"forum_session": forum_session}, errors)
    session.commit()
    return _staff(request, "uploaded", {"forum_session": forum_session, "result": result})
