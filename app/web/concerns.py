"""The public web journey: start, questions, files, check answers, confirmation, tracking."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile

from app import clock
from app.concerns import drafts, service
from app.concerns.files import ALLOWED_DESCRIPTION, CheckedFile, FileRejected, check_file
from app.concerns.models import ConcernDraft, ContactMethod, Role
from app.concerns.schemas import CONTACT_LABELS, ROLE_LABELS, ConcernReceipt
from app.config import get_settings
from app.db import SessionDep
from app.errors import NotFound
from app.forms import FormErrors, as_form_values, errors_from, refused_message, yes_no
from app.web.auth import public
from app.web.forum import FEEDBACK_DONE_COOKIE
from app.web.security import (
    FormDep,
    cookie_options,
    read_signed_cookie,
    refuse_on_the_page,
    signer,
    verify_csrf,
)
from app.web.templating import render

router = APIRouter(dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False)

DRAFT_COOKIE = "fv_draft"
DONE_COOKIE = "fv_done"
DONE_MAX_AGE = 60 * 60
# Which words urgent help was last shown for (a hash), so it is not shown twice for them.
HELP_COOKIE = "fv_help"

PAGE_MESSAGES: dict[str, dict[str, str]] = {
    "who": {
        "role": "Select who you are",
        "on_behalf_of_child": "Select yes if you are raising this on behalf of a child or young person",
    },
    "about": {
        "description": "Enter what your concern is about",
        "happened_on": "When it happened must be 200 characters or fewer",
        "service_area": "The team or service must be 200 characters or fewer",
        "desired_outcome": "What you would like to happen must be 5,000 characters or fewer",
    },
    "contact": {
        "anonymous": "Select whether we can contact you about your concern",
    },
    "contact-details": {
        "contact_name": "Your name must be 200 characters or fewer",
        "contact_email": "Enter an email address in the correct format, like name@example.com",
        "contact_phone": "Enter a phone number, like 01632 960 001 or 07700 900 982",
        "contact_address": "Your address must be 500 characters or fewer",
        "preferred_contact": "Select how you would like us to contact you",
    },
    "consent": {
        "consent_to_share": "Select yes if we can use an anonymised summary of your concern",
    },
}
NEXT_PAGE = {
    "who": "about",
    "about": "contact",
    "contact": "contact-details",
    "contact-details": "consent",
    "consent": "files",
}
BACK_PAGE = {
    "who": "/",
    "about": "/concern/who",
    "contact": "/concern/about",
    "contact-details": "/concern/contact",
    "consent": "/concern/contact",
    "files": "/concern/consent",
    "check": "/concern/files",
}
CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_address")
# How a field error names a text field (the others are choices nobody types).
FIELD_LABELS = {
    "description": "What your concern is about",
    "happened_on": "When it happened",
    "service_area": "The team or service",
    "desired_outcome": "What you would like to happen",
    "contact_name": "Your name",
    "contact_email": "Your email address",
    "contact_phone": "Your phone number",
    "contact_address": "Your address",
}


def _draft(request: Request, session: SessionDep) -> ConcernDraft | None:
    return drafts.get_draft(session, read_signed_cookie(request, DRAFT_COOKIE), now=clock.now())


def _set_draft_cookie(response: Response, draft: ConcernDraft) -> None:
    # A session cookie: it ends with the browser, and the draft it names ends sooner
    # (drafts.start_draft), so nothing typed waits on the phone for the next person.
    response.set_cookie(
        DRAFT_COOKIE, signer(DRAFT_COOKIE).dumps(draft.id), **cookie_options(get_settings())
    )


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _page_input(page: str, form: dict[str, Any]) -> dict[str, Any]:
    """A page's posted fields, in the shape its model validates."""
    fields = {name: form.get(name) for name in PAGE_MESSAGES[page]}
    for name in ("on_behalf_of_child", "anonymous", "consent_to_share"):
        if name in fields:
            fields[name] = yes_no(fields[name])
    if page == "contact-details":
        fields["anonymous"] = False
    return fields


def _render_page(
    request: Request, page: str, answers: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    settings = get_settings()
    context: dict[str, Any] = {
        "answers": as_form_values(answers),
        "errors": errors,
        "back_href": "/concern/check"
        if request.query_params.get("return") == "check"
        else BACK_PAGE[page],
        "role_items": [{"value": r.value, "text": label} for r, label in ROLE_LABELS.items()],
        "max_description": settings.max_description_chars,
    }
    return render(request, f"concerns/{page}.html", context, status_code=400 if errors else 200)


@router.get("/")
def start(request: Request) -> Response:
    return render(request, "concerns/start.html")


@router.get("/exit")
def exit_page(request: Request, session: SessionDep) -> Response:
    """Exit this page: end the caller's own draft, forget the receipt, go to the neutral site.

    A plain link, so it works without JavaScript. Safe as a GET: it only destroys, and only
    what this browser's own signed cookie names; the address it goes to comes from settings.
    """
    drafts.end_draft(session, read_signed_cookie(request, DRAFT_COOKIE))
    session.commit()
    response = _redirect(get_settings().exit_page_url)
    for name in (DRAFT_COOKIE, DONE_COOKIE, HELP_COOKIE, FEEDBACK_DONE_COOKIE):
        response.delete_cookie(name, path="/")
    return response


@router.get("/get-help-now")
def get_help_now(request: Request) -> Response:
    return render(request, "get-help-now.html", {"title": "Worried about a child's safety now"})


def _question_get(page: str) -> Callable[..., Response]:
    def handler(request: Request, session: SessionDep) -> Response:
        return _render_page(request, page, drafts.page_answers(_draft(request, session), page))

    return handler


def _validate(page: str, shown: dict[str, Any]) -> tuple[dict[str, Any], FormErrors | None]:
    """The page's answers as stored, or the errors to show (page order, one per field)."""
    try:
        model = dict(drafts.PAGES)[page].model_validate(_page_input(page, shown))
    except ValidationError as exc:
        return {}, errors_from(exc, PAGE_MESSAGES[page])
    return model.model_dump(mode="json"), None


def _refused(page: str, request: Request, form: FormData, bad: list[str]) -> Response:
    """The page again for a refused character: that field's error and every other error at
    once, the other answers kept, the refused ones not (they cannot be shown as typed)."""
    shown = {k: v for k, v in form.items() if k in PAGE_MESSAGES[page] and k not in bad}
    found = _validate(page, shown)[1] or FormErrors()
    errors = FormErrors()
    for name in PAGE_MESSAGES[page]:
        if name in bad:
            errors.add(name, refused_message(FIELD_LABELS.get(name, "This answer")))
        elif name in found.fields:
            errors.add(name, found.fields[name]["text"])
    return _render_page(request, page, shown, errors)


def _question_post(page: str) -> Callable[..., Response]:
    def handler(request: Request, session: SessionDep, form: FormDep) -> Response:
        now = clock.now()
        shown = {k: v for k, v in form.items() if k in PAGE_MESSAGES[page]}
        answers, errors = _validate(page, shown)
        if errors:
            return _render_page(request, page, shown, errors)
        draft = _draft(request, session) or drafts.start_draft(session, now=now)
        if page == "contact" and answers["anonymous"]:
            # Staying anonymous means we keep no way to reach them, even one given before.
            answers.update(
                dict.fromkeys(CONTACT_FIELDS), preferred_contact=ContactMethod.NONE.value
            )
        drafts.save_answers(draft, answers, now=now)
        session.commit()
        returning = request.query_params.get("return") == "check"
        help_for = _help_needed(request, draft) if page == "about" else None
        if help_for:
            # Help first, on the very next page: not four pages later, after Send.
            response = _redirect("/concern/urgent-help" + ("?return=check" if returning else ""))
            response.set_cookie(
                HELP_COOKIE, signer(HELP_COOKIE).dumps(help_for), **cookie_options(get_settings())
            )
        else:
            response = _redirect(_after(page, draft, returning=returning))
        _set_draft_cookie(response, draft)
        return response

    return handler


def _words_hash(answers: dict[str, Any]) -> str:
    text = service.risk_text(answers.get("description"), answers.get("desired_outcome"))
    return hashlib.sha256(text.encode()).hexdigest()


def _help_needed(request: Request, draft: ConcernDraft) -> str | None:
    """The hash of the draft's words if they suggest risk and help was not yet shown for them."""
    answers = draft.answers
    if not service.concern_risk(answers.get("description"), answers.get("desired_outcome")).urgent:
        return None
    words = _words_hash(answers)
    return None if read_signed_cookie(request, HELP_COOKIE) == words else words


def _after(page: str, draft: ConcernDraft, *, returning: bool) -> str:
    """Where a page leads: the next question that applies, or back to check answers."""
    if returning:
        missing = drafts.first_unanswered_page(draft)
        return f"/concern/{missing}?return=check" if missing else "/concern/check"
    following = NEXT_PAGE[page]
    if not drafts.page_applies(draft, following):
        following = NEXT_PAGE[following]
    return f"/concern/{following}"


for _page in PAGE_MESSAGES:
    router.add_api_route(
        f"/concern/{_page}", _question_get(_page), methods=["GET"], name=f"concern_{_page}"
    )
    _post = _question_post(_page)
    router.add_api_route(f"/concern/{_page}", _post, methods=["POST"], name=f"concern_{_page}_post")
    refuse_on_the_page(_post, PAGE_MESSAGES[_page], partial(_refused, _page))


def _render_files(
    request: Request, draft: ConcernDraft | None, errors: FormErrors | None = None
) -> Response:
    settings = get_settings()
    return render(
        request,
        "concerns/files.html",
        {
            "files": draft.attachments if draft else [],
            "errors": errors,
            "back_href": BACK_PAGE["files"],
            "max_files": settings.max_attachments,
            "max_mb": settings.max_attachment_bytes // (1024 * 1024),
            "allowed_description": ALLOWED_DESCRIPTION,
        },
        status_code=400 if errors else 200,
    )


@router.get("/concern/files")
def files_page(request: Request, session: SessionDep) -> Response:
    return _render_files(request, _draft(request, session))


@dataclass
class Uploads:
    accepted: list[CheckedFile]
    errors: FormErrors
    continuing: bool = False  # Continue pressed: upload what was chosen, then go on


async def read_uploads(form: FormDep) -> Uploads:
    """The files of an upload form, each checked by content (read here, off the thread pool)."""
    settings = get_settings()
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    result = Uploads([], FormErrors(), continuing=form.get("action") == "continue")
    if not uploads and not result.continuing:
        result.errors.add("files", "Select a file to upload")
    for upload in uploads:
        content = await upload.read(settings.max_attachment_bytes + 1)
        try:
            result.accepted.append(
                check_file(upload.filename or "", content, max_bytes=settings.max_attachment_bytes)
            )
        except FileRejected as exc:
            result.errors.add("files", str(exc))
    return result


@router.post("/concern/files")
def upload_files(
    request: Request, session: SessionDep, uploads: Annotated[Uploads, Depends(read_uploads)]
) -> Response:
    if uploads.errors:
        # None of this upload is kept, so the family can fix the one file and try again.
        return _render_files(request, _draft(request, session), uploads.errors)
    now = clock.now()
    draft = _draft(request, session) or drafts.start_draft(session, now=now)
    try:
        for checked in uploads.accepted:
            drafts.add_attachment(session, draft, checked, now=now)
    except FileRejected as exc:
        session.rollback()
        errors = FormErrors()
        errors.add("files", str(exc))
        return _render_files(request, _draft(request, session), errors)
    session.commit()
    response = _redirect("/concern/check" if uploads.continuing else "/concern/files")
    _set_draft_cookie(response, draft)
    return response


@router.post("/concern/files/{attachment_id}/remove")
def remove_file(attachment_id: int, request: Request, session: SessionDep) -> Response:
    draft = _draft(request, session)
    if draft is not None:
        try:
            drafts.remove_attachment(session, draft, attachment_id)
            session.commit()
        except NotFound:
            pass  # already gone (a second click): the page below shows what is left
    return _redirect("/concern/files")


@router.get("/concern/check")
def check_answers(request: Request, session: SessionDep) -> Response:
    draft = _draft(request, session)
    if draft is None:
        return _redirect("/concern/who")
    missing = drafts.first_unanswered_page(draft)
    if missing is not None:
        return _redirect(f"/concern/{missing}")
    answers = draft.answers
    return render(
        request,
        "concerns/check.html",
        {
            "answers": answers,
            "files": draft.attachments,
            "submit_token": draft.submit_token,
            "back_href": BACK_PAGE["check"],
            "role_label": ROLE_LABELS[Role(answers["role"])],
            "contact_label": CONTACT_LABELS[
                ContactMethod(answers.get("preferred_contact") or "none")
            ],
        },
    )


def _done_response(submit_token: str, *, safeguarding: bool) -> Response:
    response = _redirect("/concern/urgent-help" if safeguarding else "/concern/confirmation")
    response.delete_cookie(HELP_COOKIE, path="/")
    settings = get_settings()
    response.set_cookie(
        DONE_COOKIE,
        signer(DONE_COOKIE).dumps(submit_token),
        **cookie_options(settings, max_age=DONE_MAX_AGE),
    )
    response.delete_cookie(DRAFT_COOKIE, path="/")
    return response


@router.post("/concern/check")
def submit(request: Request, session: SessionDep, form: FormDep) -> Response:
    now = clock.now()
    token = form.get("submit_token")
    token = token if isinstance(token, str) else ""
    draft = _draft(request, session)
    if draft is None or draft.submit_token != token:
        # A second click, or a page sent again after it went through: show the first result.
        receipt = service.find_receipt(session, f"web:{token}", now=now) if token else None
        if receipt is not None:
            return _done_response(token, safeguarding=receipt.safeguarding)
        return _redirect("/concern/check" if draft else "/concern/who")
    help_shown = read_signed_cookie(request, HELP_COOKIE) == _words_hash(draft.answers)
    try:
        submission = drafts.submit_draft(session, draft, now=now)
    except drafts.DraftIncomplete as exc:
        return _redirect(f"/concern/{exc.first_page}")
    session.commit()
    # Urgent help after Send only if it was not already shown for these words.
    return _done_response(token, safeguarding=submission.receipt.safeguarding and not help_shown)


def _receipt(request: Request, session: SessionDep) -> ConcernReceipt | None:
    token = read_signed_cookie(request, DONE_COOKIE)
    return service.find_receipt(session, f"web:{token}", now=clock.now()) if token else None


@router.get("/concern/urgent-help")
def urgent_help(request: Request, session: SessionDep) -> Response:
    draft = _draft(request, session)
    if draft is not None and draft.answers.get("description"):
        # Before sending: nothing is saved as a concern yet; carry on where they were going.
        returning = request.query_params.get("return") == "check"
        return render(
            request,
            "concerns/urgent-help.html",
            {"sent": False, "continue_href": _after("about", draft, returning=returning)},
        )
    if _receipt(request, session) is None:
        return _redirect("/get-help-now")
    return render(
        request,
        "concerns/urgent-help.html",
        {"sent": True, "continue_href": "/concern/confirmation"},
    )


@router.get("/concern/confirmation")
def confirmation(request: Request, session: SessionDep) -> Response:
    receipt = _receipt(request, session)
    if receipt is None:
        return _redirect("/")
    return render(request, "concerns/confirmation.html", {"receipt": receipt})


@router.get("/privacy")
def privacy(request: Request) -> Response:
    return render(request, "pages/privacy.html")


@router.get("/accessibility")
def accessibility(request: Request) -> Response:
    return render(request, "pages/accessibility.html")


@router.get("/cookies")
def cookies(request: Request) -> Response:
    return render(request, "pages/cookies.html")
