"""The work the pages and the CLI hand to services: inviting, closure days, the case page, purge."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app import purge
from app.audit import actions
from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.notify.models import Notification
from app.sla import service as sla
from app.sla.models import ClosureDay
from app.staff import invites
from app.staff.models import Role
from app.triage import clocks
from app.triage.case import Concern
from app.web import case_page
from tests.factories import concern_create
from tests.staff import make_account, make_team

NOW = datetime(2026, 11, 2, 10, tzinfo=LONDON)


def RECOMPUTE(session, now):  # what the closure-day page passes in: the case clocks
    return clocks.recompute_open(session, now=now)


@pytest.fixture
def admin(session, frozen) -> Actor:
    frozen.at(NOW)
    return Actor(make_account(session, "ada@council.example", Role.ADMIN).user, "ip")


def test_an_invitation_names_every_problem_and_sends_nothing(session, admin) -> None:
    with pytest.raises(invites.InviteRefused) as refused:
        invites.invite(
            session,
            email="not an address",
            display_name="",
            roles=["wizard"],  # not a role: ignored, so none is chosen
            team="999999",
            actor=admin,
            now=NOW,
        )
    assert [field for field, _ in refused.value.problems] == [
        "email",
        "display_name",
        "roles",
        "team",
    ]
    assert session.scalars(select(Notification)).all() == []


def test_an_invitation_makes_the_account_and_emails_its_set_up_link(session, admin) -> None:
    team = make_team(session, "North", "Children in need")
    invitation = invites.invite(
        session,
        email="New.Person@council.example",
        display_name="New Person",
        roles=["caseworker"],
        team=str(team.id),
        actor=admin,
        now=NOW,
    )
    assert invitation.user.email == "new.person@council.example"
    assert invitation.user.team_id == team.id and invitation.user.roles == {Role.CASEWORKER}
    assert "/staff/setup/" in invitation.url
    (email,) = session.scalars(select(Notification)).all()
    assert email.template == "account-setup" and email.personalisation["link"] == invitation.url
    with pytest.raises(invites.InviteRefused) as again:
        invites.invite(
            session,
            email="new.person@council.example",
            display_name="Again",
            roles=["caseworker"],
            team="",
            actor=admin,
            now=NOW,
        )
    assert again.value.problems == [
        ("email", "There is already an account with that email address")
    ]


def test_a_closure_day_is_checked_recorded_and_audited(session, admin) -> None:
    with pytest.raises(sla.ClosureRefused) as refused:
        sla.add_closure_day(
            session, day="29/12/2026", reason="", actor=admin, recompute=RECOMPUTE, now=NOW
        )
    assert [field for field, _ in refused.value.problems] == ["day", "reason"]
    with pytest.raises(sla.ClosureRefused, match="weekend"):
        sla.add_closure_day(
            session,
            day="2026-12-26",
            reason="Boxing Day",
            actor=admin,
            recompute=RECOMPUTE,
            now=NOW,
        )
    sla.add_closure_day(
        session,
        day="2026-12-29",
        reason="Council closed",
        actor=admin,
        recompute=RECOMPUTE,
        now=NOW,
    )
    sla.remove_closure_day(
        session, day="not a date", actor=admin, recompute=RECOMPUTE, now=NOW
    )  # ignored
    assert [c.day.isoformat() for c in sla.list_closures(session)] == ["2026-12-29"]
    sla.remove_closure_day(session, day="2026-12-29", actor=admin, recompute=RECOMPUTE, now=NOW)
    assert session.scalars(select(ClosureDay)).all() == []
    changes = session.scalars(
        select(AuditEvent).where(AuditEvent.action == actions.CALENDAR_CHANGED)
    ).all()
    assert [(e.target_id, e.details["added"], e.actor_id) for e in changes] == [
        ("2026-12-29", True, admin.id),
        ("2026-12-29", False, admin.id),
    ]


def test_the_case_page_loads_only_the_staff_it_names(session, admin) -> None:
    make_account(session, "bystander@council.example", Role.CASEWORKER)
    owner = make_account(session, "owner@council.example", Role.CASEWORKER).user
    receipt = concerns.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=NOW
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    concern.assignee_id = owner.id
    data = case_page.case_page(session, concern, now=NOW)
    assert set(data["people"]) == {owner.id}
    assert data["teams"] == {}
    # Everyone who can own a learning action is still offered for it.
    assert {u.email for u in data["owners"]} >= {"bystander@council.example", owner.email}


def test_purge_asks_each_domain_and_sums_up(session, frozen) -> None:
    frozen.at(NOW)
    purged = purge.purge_expired(session, now=NOW)
    assert purged.summary() == (
        "Removed 0 drafts, 0 idempotency records, 0 throttle counters, 0 staff sessions and links."
    )
