"""You said, we did for managers: the issues raised with their answer deadlines, grouping
items by reference into a new one, its commitments and milestones, publishing, and moving
a commitment (which publishes). Every change is audited by the service."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from app import clock
from app.db import SessionDep
from app.forms import FormErrors, parse_id
from app.forum import answer_rules as rules
from app.forum import answers, sessions
from app.forum.outcomes import COMMITMENT_STATUS_LABELS, CommitmentStatus, IssueRaised
from app.forum.session_schemas import Refused
from app.taxonomy import service as taxonomy
from app.web.auth import ManagerDep
from app.web.pages import flash_to, form_errors, staff_page
from app.web.security import FormDep, verify_csrf
from app.web.templating import uk_date

router = APIRouter(
    prefix="/staff/you-said-we-did", dependencies=[Depends(verify_csrf)], include_in_schema=False
)

ISSUE_FIELDS = (
    "title",
    "summary",
    "summary_for_children",
    "theme_code",
    "session_id",
    "references",
)
COMMITMENT_FIELDS = ("what", "what_for_children", "owner", "day", "month", "year")
MILESTONE_FIELDS = ("milestone", "milestone_day", "milestone_month", "milestone_year")
MOVE_FIELDS = ("status", "reason")


def number(value: str) -> int:
    """An id from a path: 0 (no row has it, so a 404) when it is not one a database holds."""
    found = parse_id(value)
    return found if found is not None else 0


def published_day(value: str | None) -> str:
    """A date as a snapshot keeps it (ISO), as people read it."""
    return uk_date(date.fromisoformat(value)) if value else ""


def _answers(form: FormData, fields: tuple[str, ...]) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in fields}


def _page(
    request: Request, name: str, context: dict[str, Any], errors: FormErrors | None = None
) -> Response:
    context = {
        "deadlines": rules.DEADLINE_LABELS,
        "statuses": COMMITMENT_STATUS_LABELS,
        "day": published_day,
        **context,
    }
    return staff_page(request, f"you-said-we-did/{name}.html", context, errors=errors)


@router.get("")
def issues(request: Request, session: SessionDep, principal: ManagerDep) -> Response:
    return _page(request, "staff-list", {"rows": answers.staff_list(session, now=clock.now())})


def _new_page(
    request: Request,
    session: SessionDep,
    answers_: dict[str, str],
    errors: FormErrors | None = None,
) -> Response:
    context = {
        "answers": answers_,
        "themes": taxonomy.list_themes(session, active=True),
        "forum_sessions": [s for s, _ in sessions.every_session(session)],
        "when": sessions.when_text,
    }
    return _page(request, "staff-new", context, errors)


@router.get("/new")
def new_issue_page(
    request: Request, session: SessionDep, principal: ManagerDep, references: str = ""
) -> Response:
    # From the queue's selection (?references=...), or typed in.
    typed = "\n".join(rules.references_in(references[:50_000]))
    return _new_page(request, session, {"references": typed})


@router.post("/new")
def new_issue(
    request: Request, session: SessionDep, form: FormDep, principal: ManagerDep
) -> Response:
    answers_ = _answers(form, ISSUE_FIELDS)
    try:
        details = rules.read_issue(
            answers_,
            themes=taxonomy.active_codes(session),
            sessions=[s.id for s, _ in sessions.every_session(session)],
        )
        issue = answers.create_issue(session, principal.actor, details, now=clock.now())
    except Refused as refused:  # raised before anything is written
        return _new_page(request, session, answers_, form_errors(refused.problems))
    session.commit()
    return flash_to(f"/staff/you-said-we-did/{issue.id}", "Issue raised added")


@router.get("/{issue_id}")
def issue_page(
    request: Request, session: SessionDep, issue_id: str, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    context = {
        "issue": issue,
        "items": answers.items_of(session, issue),
        "deadline": answers.deadline_of(session, issue, now=clock.now()),
        "updates": answers.updates_of(session, issue.id),
        "theme_labels": taxonomy.labels(session),
    }
    return _page(request, "staff-issue", context)


def _issue_form(
    request: Request,
    name: str,
    issue: IssueRaised,
    answers_: dict[str, str],
    errors: FormErrors | None = None,
    **more: Any,
) -> Response:
    return _page(request, name, {"issue": issue, "answers": answers_, **more}, errors)


@router.get("/{issue_id}/commitments/new")
def commitment_page(
    request: Request, session: SessionDep, issue_id: str, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    return _issue_form(request, "staff-commitment", issue, {})


@router.post("/{issue_id}/commitments/new")
def add_commitment(
    request: Request, session: SessionDep, issue_id: str, form: FormDep, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    answers_ = _answers(form, COMMITMENT_FIELDS)
    try:
        details = rules.read_commitment(answers_)
    except Refused as refused:
        return _issue_form(
            request, "staff-commitment", issue, answers_, form_errors(refused.problems)
        )
    answers.add_commitment(session, principal.actor, issue, details, now=clock.now())
    session.commit()
    return flash_to(f"/staff/you-said-we-did/{issue.id}", "Commitment added")


@router.get("/{issue_id}/commitments/{commitment_id}/milestones/new")
def milestone_page(
    request: Request, session: SessionDep, issue_id: str, commitment_id: str, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    commitment = answers.get_commitment(issue, number(commitment_id))
    return _issue_form(request, "staff-milestone", issue, {}, commitment=commitment)


@router.post("/{issue_id}/commitments/{commitment_id}/milestones/new")
def add_milestone(
    request: Request,
    session: SessionDep,
    issue_id: str,
    commitment_id: str,
    form: FormDep,
    principal: ManagerDep,
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    commitment = answers.get_commitment(issue, number(commitment_id))
    answers_ = _answers(form, MILESTONE_FIELDS)
    try:
        details = rules.read_milestone(answers_)
    except Refused as refused:
        errors = form_errors(refused.problems)
        return _issue_form(
            request, "staff-milestone", issue, answers_, errors, commitment=commitment
        )
    answers.add_milestone(session, principal.actor, commitment, details, now=clock.now())
    session.commit()
    return flash_to(f"/staff/you-said-we-did/{issue.id}", "Milestone added")


@router.get("/{issue_id}/commitments/{commitment_id}/status")
def status_page(
    request: Request, session: SessionDep, issue_id: str, commitment_id: str, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    commitment = answers.get_commitment(issue, number(commitment_id))
    return _issue_form(
        request, "staff-status", issue, {}, commitment=commitment, choices=list(CommitmentStatus)
    )


@router.post("/{issue_id}/commitments/{commitment_id}/status")
def move_commitment(
    request: Request,
    session: SessionDep,
    issue_id: str,
    commitment_id: str,
    form: FormDep,
    principal: ManagerDep,
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    commitment = answers.get_commitment(issue, number(commitment_id))
    answers_ = _answers(form, MOVE_FIELDS)
    try:
        move = rules.read_move(answers_, current=commitment.status)
    except Refused as refused:
        errors = form_errors(refused.problems)
        return _issue_form(
            request,
            "staff-status",
            issue,
            answers_,
            errors,
            commitment=commitment,
            choices=list(CommitmentStatus),
        )
    answers.move_commitment(session, principal.actor, commitment, move, now=clock.now())
    session.commit()
    return flash_to(f"/staff/you-said-we-did/{issue.id}", "Status changed and published")


@router.post("/{issue_id}/publish")
def publish(
    request: Request, session: SessionDep, issue_id: str, form: FormDep, principal: ManagerDep
) -> Response:
    issue = answers.get_issue(session, number(issue_id))
    answers.publish(session, principal.actor, issue, now=clock.now())
    session.commit()
    return flash_to(f"/staff/you-said-we-did/{issue.id}", "Published")
