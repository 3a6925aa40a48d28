"""Staff pages: sign-in, set-up and reset links, account, API tokens, users, audit search."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from urllib.parse import urlencode

from email_validator import EmailNotValidError, validate_email
from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from app import clock
from app.audit import actions
from app.audit import service as audit
from app.clock import LONDON
from app.config import get_settings
from app.db import SessionDep
from app.errors import Conflict, TooManyAttempts
from app.forms import FormErrors, parse_id
from app.sla import service as sla_service
from app.staff import credentials, service
from app.staff.models import ROLE_LABELS, Role, Team
from app.triage import clocks as triage_clocks
from app.web.auth import (
    STAFF_COOKIE,
    Principal,
    client_ip,
    public,
    require_role,
    require_stage,
    safe_next,
    signed_in,
)
from app.web.security import FormDep, cookie_options, signer, verify_csrf
from app.web.templating import render

# Access comes first so that an unauthorised request is refused before anything is read.
public_router = APIRouter(
    prefix="/staff", dependencies=[Depends(public), Depends(verify_csrf)], include_in_schema=False
)
router = APIRouter(prefix="/staff", dependencies=[Depends(verify_csrf)], include_in_schema=False)

STAFF = Depends(signed_in)
ADMIN = Depends(require_role(Role.ADMIN))
MANAGER = Depends(require_role(Role.MANAGER))
MFA_PENDING = Depends(require_stage("mfa"))
ENROL_PENDING = Depends(require_stage("enrol"))


# Where each sign-in stage continues.
STAGE_PAGES = {"mfa": "/staff/sign-in/code", "enrol": "/staff/account/authenticator"}


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


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
        user = service.check_password(
            session, email=email, password=password, ip=client_ip(request), now=now
        )
    except (service.SignInFailed, TooManyAttempts) as exc:
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
    stage, token = service.begin_session(session, user, ip=client_ip(request), now=now)
    if stage == "full":
        target = next_path
    elif stage == "mfa":
        target = f"{STAGE_PAGES['mfa']}?{urlencode({'next': next_path})}"
    else:
        target = STAGE_PAGES[stage]
    session.commit()
    response = _redirect(target)
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
        ok = service.check_second_factor(
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
    token = service.complete_sign_in(
        session, principal.session, principal.user, ip=principal.ip, now=now
    )
    session.commit()
    response = _redirect(next_path)
    _set_staff_cookie(response, token)
    return response


@router.post("/sign-out")
def sign_out(request: Request, session: SessionDep, principal: Principal = STAFF) -> Response:
    assert principal.session is not None
    service.sign_out(session, principal.session, principal.user, ip=principal.ip, now=clock.now())
    session.commit()
    response = _redirect("/staff/signed-out")
    _clear_staff_cookie(response)
    return response


@router.post("/sign-out-everywhere")
def sign_out_everywhere(
    request: Request, session: SessionDep, principal: Principal = STAFF
) -> Response:
    service.sign_out_everywhere(session, principal.user, ip=principal.ip, now=clock.now())
    session.commit()
    response = _redirect("/staff/signed-out")
    _clear_staff_cookie(response)
    return response


@public_router.get("/signed-out")
def signed_out(request: Request) -> Response:
    return _page(request, "signed-out")


# Set-up and reset links -------------------------------------------------------------------


def _link_page(request: Request, session: SessionDep, token: str, purpose: str) -> Response:
    try:
        service.check_link(session, token, purpose=purpose, now=clock.now())
    except service.LinkInvalid as exc:
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
            user = service.set_password_by_link(
                session, token, password, purpose=purpose, ip=client_ip(request), now=now
            )
        except service.LinkInvalid as exc:
            return _page(request, "link-invalid", {"message": exc.message}, status_code=400)
        except service.PasswordRejected as exc:
            errors.add("password", exc.message)
    if errors:
        return _page(
            request, "set-password", {"purpose": purpose, "errors": errors}, status_code=400
        )
    # A new password signs in afresh; the authenticator is set up now if it is not yet.
    stage, session_token = service.begin_session(session, user, ip=client_ip(request), now=now)
    session.commit()
    target = STAGE_PAGES.get(stage, "/staff")
    response = _redirect(target)
    _set_staff_cookie(response, session_token)
    return response


@public_router.get("/setup/{token}")
def setup_page(token: str, request: Request, session: SessionDep) -> Response:
    return _link_page(request, session, token, "setup")


@public_router.post("/setup/{token}")
def setup(token: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    return _use_link(request, session, form, token, "setup")


@public_router.get("/reset/{token}")
def reset_page(token: str, request: Request, session: SessionDep) -> Response:
    return _link_page(request, session, token, "reset")


@public_router.post("/reset/{token}")
def reset(token: str, request: Request, session: SessionDep, form: FormDep) -> Response:
    return _use_link(request, session, form, token, "reset")


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
    service.request_password_reset(session, email, ip=client_ip(request), now=clock.now())
    session.commit()
    return _page(request, "reset-sent")


# Authenticator set-up ---------------------------------------------------------------------


def _authenticator_page(
    request: Request, principal: Principal, errors: FormErrors | None = None
) -> Response:
    secret = service.begin_enrolment(principal.user)
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
    codes = service.confirm_enrolment(
        session, principal.user, str(form.get("code") or ""), ip=principal.ip, now=now
    )
    if codes is None:
        errors = FormErrors()
        errors.add("code", "Enter the 6-digit code your authenticator app shows now")
        return _authenticator_page(request, principal, errors)
    assert principal.session is not None
    token = service.complete_sign_in(
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
    tokens = service.list_api_tokens(session, principal.user)
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
        tokens = service.list_api_tokens(session, principal.user)
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
    record, token = service.create_api_token(
        session, principal.user, name=name, ip=principal.ip, now=clock.now()
    )
    session.commit()
    return _page(request, "token-created", {"record": record, "token": token})


@router.post("/account/tokens/{public_id}/revoke")
def revoke_token(
    public_id: str, request: Request, session: SessionDep, principal: Principal = STAFF
) -> Response:
    service.revoke_api_token(session, principal.user, public_id, ip=principal.ip, now=clock.now())
    session.commit()
    return _redirect("/staff/account")


# Users (admin) ---------------------------------------------------------------------------


@router.get("/admin/users")
def users(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _page(
        request, "users", {"users": service.list_users(session), "role_labels": ROLE_LABELS}
    )


def _invite_context(session: SessionDep, answers: dict[str, Any]) -> dict[str, Any]:
    from sqlalchemy import select

    teams = session.scalars(select(Team).order_by(Team.name)).all()
    return {"answers": answers, "role_labels": ROLE_LABELS, "teams": teams}


@router.get("/admin/users/new")
def invite_page(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _page(request, "invite", _invite_context(session, {"roles": []}))


@router.post("/admin/users/new")
def invite(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = ADMIN
) -> Response:
    now = clock.now()
    email = str(form.get("email") or "").strip()
    display_name = str(form.get("display_name") or "").strip()
    roles = [
        r for r in form.getlist("roles") if isinstance(r, str) and r in {x.value for x in Role}
    ]
    team = str(form.get("team") or "")
    answers = {"email": email, "display_name": display_name, "roles": roles, "team": team}
    errors = FormErrors()
    if not _valid_email(email):
        errors.add("email", "Enter an email address in the correct format, like name@example.com")
    if not display_name:
        errors.add("display_name", "Enter their name")
    if not roles:
        errors.add("roles", "Select at least one role")
    team_id = parse_id(team)
    if team_id is not None and session.get(Team, team_id) is None:
        errors.add("team", "Select a team from the list")
    if not errors:
        try:
            user = service.create_user(
                session,
                email=email,
                display_name=display_name,
                roles=[Role(r) for r in roles],
                team_id=team_id,
                actor=principal.actor,
                now=now,
            )
        except Conflict as exc:
            errors.add("email", exc.message)
    if errors:
        return _page(
            request,
            "invite",
            {**_invite_context(session, answers), "errors": errors},
            status_code=400,
        )
    token = service.issue_link(session, user, purpose="setup", now=now)
    url = service.link_url(token, purpose="setup")
    from app.notify import service as notify

    notify.queue_email(
        session,
        to=user.email,
        template="account-setup",
        personalisation={"name": user.display_name, "link": url},
        now=now,
    )
    session.commit()
    return _page(request, "invited", {"user": user, "url": url})


# Audit trail (managers) ---------------------------------------------------------------------


def _valid_email(email: str) -> bool:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _date_bound(value: str | None, *, end: bool) -> datetime | None:
    try:
        day = datetime.strptime(value or "", "%Y-%m-%d").date()
    except ValueError:
        return None
    return datetime.combine(day, time.max if end else time.min, tzinfo=LONDON)


@router.get("/audit")
def audit_search(request: Request, session: SessionDep, principal: Principal = MANAGER) -> Response:
    q = request.query_params
    actor = service.get_user_by_email(session, q["actor"]) if q.get("actor") else None
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
        action=actions.AUDIT_SEARCHED,
        now=clock.now(),
        actor_id=principal.user.id,
        actor_label=principal.user.email,
        ip=principal.ip,
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


def _closures_page(
    request: Request,
    session: SessionDep,
    *,
    answers: dict[str, str],
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    return _page(
        request,
        "closures",
        {"closures": sla_service.list_closures(session), "answers": answers, "errors": errors},
        status_code=status_code,
    )


@router.get("/admin/closures")
def closures(request: Request, session: SessionDep, principal: Principal = ADMIN) -> Response:
    return _closures_page(request, session, answers={})


@router.post("/admin/closures")
def add_closure(
    request: Request, session: SessionDep, form: FormDep, principal: Principal = ADMIN
) -> Response:
    now = clock.now()
    answers = {k: str(form.get(k) or "").strip() for k in ("day", "reason")}
    errors = FormErrors()
    try:
        day = date.fromisoformat(answers["day"])
    except ValueError:
        errors.add("day", "Enter the date as YYYY-MM-DD, for example 2026-12-29")
    if not answers["reason"]:
        errors.add("reason", "Enter why the council is closed")
    if not errors:
        try:
            sla_service.add_closure(
                session, day=day, reason=answers["reason"], actor_id=principal.user.id, now=now
            )
        except Conflict as exc:
            errors.add("day", exc.message)
    if errors:
        return _closures_page(request, session, answers=answers, errors=errors, status_code=400)
    recomputed = triage_clocks.recompute_open(session, now=now)
    audit.record(
        session,
        action=actions.CALENDAR_CHANGED,
        now=now,
        actor_id=principal.user.id,
        actor_label=principal.user.email,
        ip=principal.ip,
        target_type="closure-day",
        target_id=day.isoformat(),
        details={"added": True, "recomputed": recomputed},
    )
    session.commit()
    return _redirect("/staff/admin/closures")


@router.post("/admin/closures/{day}/remove")
def remove_closure(
    day: str, request: Request, session: SessionDep, principal: Principal = ADMIN
) -> Response:
    now = clock.now()
    try:
        sla_service.remove_closure(session, date.fromisoformat(day))
    except ValueError:
        return _redirect("/staff/admin/closures")
    recomputed = triage_clocks.recompute_open(session, now=now)
    audit.record(
        session,
        action=actions.CALENDAR_CHANGED,
        now=now,
        actor_id=principal.user.id,
        actor_label=principal.user.email,
        ip=principal.ip,
        target_type="closure-day",
        target_id=day,
        details={"added": False, "recomputed": recomputed},
    )
    session.commit()
    return _redirect("/staff/admin/closures")
