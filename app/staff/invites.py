"""Inviting a new staff member: the account, its one-time set-up link, and the email."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit.service import Actor
from app.errors import Conflict, ServiceError
from app.forms import parse_id
from app.notify import service as notify
from app.staff import links
from app.staff.models import Role, StaffUser, Team
from app.staff.service import create_user


class InviteRefused(ServiceError):
    """The invitation cannot be sent; problems are (field, message) pairs for the form."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems[0][1])
        self.problems = problems


@dataclass(frozen=True)
class Invitation:
    user: StaffUser
    url: str  # the set-up link, shown to the administrator as well as emailed


def teams(session: Session) -> Sequence[Team]:
    """The teams a new member can join, by name."""
    return session.scalars(select(Team).order_by(Team.name)).all()


def _valid_email(email: str) -> bool:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def problems(
    session: Session, *, email: str, display_name: str, roles: Sequence[str], team: str
) -> list[tuple[str, str]]:
    """What is wrong with an invitation form's answers, field by field, in the form's order."""
    found = []
    if not _valid_email(email):
        found.append(
            ("email", "Enter an email address in the correct format, like name@example.com")
        )
    if not display_name:
        found.append(("display_name", "Enter their name"))
    if not roles:
        found.append(("roles", "Select at least one role"))
    team_id = parse_id(team)
    if team_id is not None and session.get(Team, team_id) is None:
        found.append(("team", "Select a team from the list"))
    return found


def invite(
    session: Session,
    *,
    email: str,
    display_name: str,
    roles: Sequence[str],
    team: str,
    actor: Actor[StaffUser],
    now: datetime,
) -> Invitation:
    """Create the account and email its set-up link, or InviteRefused with every problem.

    roles are role values as a form sends them (unknown ones are ignored); team is the
    team's id as text, or empty for none.
    """
    known = [r for r in roles if r in {x.value for x in Role}]
    found = problems(session, email=email, display_name=display_name, roles=known, team=team)
    if found:
        raise InviteRefused(found)
    try:
        user = create_user(
            session,
            email=email,
            display_name=display_name,
            roles=[Role(r) for r in known],
            team_id=parse_id(team),
            actor=actor,
            now=now,
        )
    except Conflict as exc:
        raise InviteRefused([("email", exc.message)]) from None
    token = links.issue_link(session, user, purpose="setup", now=now)
    url = links.link_url(token, purpose="setup")
    notify.queue_email(
        session,
        to=user.email,
        template="account-setup",
        personalisation={"name": user.display_name, "link": url},
        now=now,
    )
    return Invitation(user, url)
