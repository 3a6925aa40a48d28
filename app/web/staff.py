"""Staff pages: sign-in, set-up and reset links, the authenticator, account and API tokens.

Users, the audit search and closure days (administrators and managers) are in
app/web/staff_admin.py, whose routes are served under this module's router.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from app import clock
from app.config import get_settings
from app.db import SessionDep
from app.errors import TooManyAttempts
from app.forms import FormErrors
from app.staff import credentials, links, sessions, signin
from app.staff import tokens as api_tokens
from app.staff.models import ROLE_LABELS
from app.web import staff_admin
from app.web.auth import (
    STAFF_COOKIE,
    Principal,
    client_ip,
    public,
    require_stage,
    safe_next,
    signed_in,
)
from app.web.pages import see_other
from app.web.security import FormDep, cookie_options, signer, verify_csrf
from app.web.templating import render

# Access comes first so that an unauthorised request is refused before anything is read.
public_router = APIRouter(
    prefix="/staff", dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False
)
router = APIRouter(prefix="/staff", dependencies=[Depends(verify_csrf)], include_in_schema=False)

STAFF = Depends(signed_in)
MFA_PENDING = Depends(require_stage("mfa"))
ENROL_PENDING = Depends(require_stage("enrol"))


# Where each sign-in stage continues.
STAGE_PAGES = {"mfa": "/staff/sign-in/code", "enrol": "/staff/account/authenticator"}


def _set_staff_cookie(response: Response, token: str) -> None:
    options = cookie_options(get_settings())
    options["samesite"] = "strict"
    response.set_cookie(STAFF_COOKIE, signer(STAFF_COOKIE).dumps(token), **options)


def _clear_staff_cookie(response: Response) -> None:
    response.delete_cookie(STAFF_COOKIE, path="/")


def _page(
    request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200
) -> Response:
    return render(
        request,
        f"staff/{name}.html",
        {"staff_area": True, **(context or {})},
        status_code=status_code,
    )


# Sign-in ------------------------------------------------------------------------------


@public_router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    return _page(
        request, "sign-in", {"answers": {}, "next": safe_next(request.query_params.get("next"))}
    )


@public_router.post("/sign-in")
def sign_in(request: Request, session: SessionDep, form: FormDep) -> Response:
    now = clock.now()
    email, password = str(form.get("email") or ""), str(form.get("password") or "")
    next_path = safe_next(str(form.get("next") or ""))
    errors = FormErrors()
    if not email.strip():
        errors.add("email", "Enter your email address")
    if not password:
        errors.add("password", "Enter your password")
    if errors:
        return _page(
            request,
            "sign-in",
            {"answers": {"email": email}, "errors": errors, "next": next_path},
            status_code=400,
        )
    try:
        user = signin.check_password(
            session, email=email, password=password, ip=client_ip(request), now=now
        )
    except (signin.SignInFailed, TooManyAttempts) as exc:
        session.commit()  # the failure is counted and audited
        errors.add("email", exc.message)
        response = _page(
            request,
            "sign-in",
            {"answers": {"email": email}, "errors": errors, "next": next_path},
            status_code=exc.status_code,
        )
        if isinstance(exc, TooManyAttempts):
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
        return response
    stage, token = signin.begin_session(session, user, ip=client_ip(request), now=now)
    if stage == "full":
        target = next_path
    elif stage == "mfa":
        target = f"{STAGE_PAGES['mfa']}?{urlencode({'next': next_path})}"
    else:
        target = STAGE_PAGES[stage]
    session.commit()
    response = see_other(target)
    _set_staff_cookie(response, token)
    return response


@router.get("/sign-in/code")
def code_page(request: Request, principal: Principal = MFA_PENDING) -> Response:
    return _page(request, "code", {"next": safe_next(request.query_params.get("next"))})


@router.post("/sign-in/code")
def enter_code(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = MFA_PENDING
) -> Response:
    now = clock.now()
    code = str(form.get("code") or "")
    next_path = safe_next(str(form.get("next") or ""))
    assert principal.session is not None
    try:
        ok = signin.check_second_factor(
            session, principal.session, principal.user, code, ip=principal.ip, now=now
        )
    except TooManyAttempts as exc:
        session.commit()  # the failure is counted and audited, and the pending session ended
        errors = FormErrors()
        errors.add("email", exc.message)
        response = _page(
            request,
            "sign-in",
            {"answers": {}, "errors": errors, "next": next_path},
            status_code=exc.status_code,
        )
        if exc.retry_after_seconds:
            response.headers["Retry-After"] = str(exc.retry_after_seconds)
        _clear_staff_cookie(response)
        return response
    if not ok:
        session.commit()
        errors = FormErrors()
        errors.add("code", "Enter the 6-digit code from your authenticator app, or a recovery code")
        return _page(request, "code", {"errors": errors, "next": next_path}, status_code=400)
    token = signin.complete_sign_in(
        session, principal.session, principal.user, ip=principal.ip, now=now
    )
    session.commit()
    response = see_other(next_path)
    _set_staff_cookie(response, token)
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: SessionDep, principal: Principal = STAFF) -> Response:
    assert principal.session is not None
    sessions.sign_out(session, principal.session, principal.user, ip=principal.ip, now=clock.now())
    session.commit()
    response = see_other("/staff/signed-out")
    _clear_staff_cookie(response)
    return response


@router.post("/sign-out-everywhere")
def sign_out_everywhere(
    request: Request, session: SessionDep, principal: Principal = STAFF
) -> Response:
    sessions.sign_out_everywhere(session, principal.user, ip=principal.ip, now=clock.now())
    session.commit()
    response = see_other("/staff/signed-out")
    _clear_staff_cookie(response)
    return response


@public_router.get("/signed-out")
def signed_out(request: Request) -> Response:
    return _page(request, "signed-out")


# Set-up and reset links -------------------------------------------------------------------


def _link_page(request: Request, session: SessionDep, token: str, purpose: str) -> Response:
    try:
        links.check_link(session, token, purpose=purpose, now=clock.now())
    except links.LinkInvalid as exc:
        return _page(request, "link-invalid", {"message": exc.message}, status_code=400)
    return _page(request, "set-password", {"purpose": purpose})


def _use_link(
    request: Request, session: SessionDep, form: FormDep, token: str, purpose: str
) -> Response:
    now = clock.now()
    password, confirm = str(form.get("password") or ""), str(form.get("confirm") or "")
    errors = FormErrors()
    if not password:
        errors.add("password", "Enter a new password")
    elif password != confirm:
        errors.add("confirm", "The passwords do not match")
    if not errors:
        try:
            user = links.set_password_by_link(
                session, token, password, purpose=purpose, ip=client_ip(request), now=now
            )
        except links.LinkInvalid as exc:
            return _page(request, "link-invalid", {"message": exc.message}, status_code=400)
        except links.PasswordRejected as exc:
            errors.add("password", exc.message)
    if errors:
        return _page(
            request, "set-password", {"purpose": purpose, "errors": errors}, status_code=400
        )
    # A new password signs in afresh; the authenticator is set up now if it is not yet.
    stage, session_token = signin.begin_session(session, user, ip=client_ip(request), now=now)
    session.commit()
    target = STAGE_PAGES.get(stage, "/staff")
    response = see_other(target)
    _set_staff_cookie(response, session_token)
    return response


def _link_routes(purpose: str) -> None:
    """The page a set-up or reset link opens, and the form it posts: the same for both."""

    @public_router.get(f"/{purpose}/{{token}}", name=f"{purpose}_page")
    def link_page(token: str, request: Request, session: SessionDep) -> Response:
        return _link_page(request, session, token, purpose)

    @public_router.post(f"/{purpose}/{{token}}", name=purpose)
    def use_link(token: str, request: Request, session: SessionDep, form: FormDep) -> Response:
        return _use_link(request, session, form, token, purpose)


_link_routes("setup")
_link_routes("reset")


@public_router.get("/forgot-password")
def forgot_password_page(request: Request) -> Response:
    return _page(request, "forgot-password", {"answers": {}})


@public_router.post("/forgot-password")
def forgot_password(request: Request, session: SessionDep, form: FormDep) -> Response:
    email = str(form.get("email") or "")
    if not email.strip():
        errors = FormErrors()
        errors.add("email", "Enter your email address")
        return _page(request, "forgot-password", {"answers": {}, "errors": errors}, status_code=400)
    links.request_password_reset(session, email, ip=client_ip(request), now=clock.now())
    session.commit()
    return _page(request, "reset-sent")


# Authenticator set-up ---------------------------------------------------------------------


def _authenticator_page(
    request: Request, principal: Principal, errors: FormErrors | None = None
) -> Response:
    secret = signin.begin_enrolment(principal.user)
    uri = credentials.totp_uri(
        secret, email=principal.user.email, issuer=get_settings().service_name
    )
    return _page(
        request,
        "authenticator",
        {
            "qr_svg": credentials.qr_code_svg(uri),
            "secret": secret,
            "errors": errors,
        },
        status_code=400 if errors else 200,
    )


@router.get("/account/authenticator")
def authenticator_page(
    request: Request, session: SessionDep, principal: Principal = ENROL_PENDING
) -> Response:
    response = _authenticator_page(request, principal)
    session.commit()  # keep the new secret until a code confirms it
    return response


@router.post("/account/authenticator")
def confirm_authenticator(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = ENROL_PENDING
) -> Response:
    now = clock.now()
    codes = signin.confirm_enrolment(
        session, principal.user, str(form.get("code") or ""), ip=principal.ip, now=now
    )
    if codes is None:
        errors = FormErrors()
        errors.add("code", "Enter the 6-digit code your authenticator app shows now")
        return _authenticator_page(request, principal, errors)
    assert principal.session is not None
    token = signin.complete_sign_in(
        session, principal.session, principal.user, ip=principal.ip, now=now
    )
    session.commit()
    # Shown once, in this answer: the codes are not kept anywhere they could be read again.
    response = _page(request, "recovery-codes", {"codes": codes})
    _set_staff_cookie(response, token)
    return response


# Home and account -------------------------------------------------------------------------


@router.get("")
def home(request: Request, principal: Principal = STAFF) -> Response:
    return _page(request, "home", {"user": principal.user, "role_labels": ROLE_LABELS})


@router.get("/account")
def account(request: Request, session: SessionDep, principal: Principal = STAFF) -> Response:
    tokens = api_tokens.list_api_tokens(session, principal.user)
    return _page(
        request, "account", {"user": principal.user, "tokens": tokens, "role_labels": ROLE_LABELS}
    )


@router.post("/account/tokens")
def create_token(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = STAFF
) -> Response:
    name = str(form.get("name") or "").strip()
    if not name:
        errors = FormErrors()
        errors.add("name", "Enter a name for the token, such as the script that will use it")
        tokens = api_tokens.list_api_tokens(session, principal.user)
        return _page(
            request,
            "account",
            {
                "user": principal.user,
                "tokens": tokens,
                "errors": errors,
                "role_labels": ROLE_LABELS,
            },
            status_code=400,
        )
    record, token = api_tokens.create_api_token(
        session, principal.user, name=name, ip=principal.ip, now=clock.now()
    )
    session.commit()
    return _page(request, "token-created", {"record": record, "token": token})


@router.post("/account/tokens/{public_id}/revoke")
def revoke_token(
    public_id: str, request: Request, session: SessionDep, principal: Principal = STAFF
) -> Response:
    api_tokens.revoke_api_token(
        session, principal.user, public_id, ip=principal.ip, now=clock.now()
    )
    session.commit()
    return see_other("/staff/account")


# The administrators' and managers' pages: the same prefix, sign-in and CSRF check.
router.include_router(staff_admin.router)
