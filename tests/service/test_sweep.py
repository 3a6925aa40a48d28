"""The sweep: overdue and due-soon clocks are escalated once per cadence, to the right people."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.notify.models import Notification
from app.staff.models import Role
from app.triage import actions
from app.triage.alerts import sweep
from app.triage.case import Concern
from app.triage.models import CaseEvent
from tests.factories import concern_create
from tests.staff import make_account, make_team

DAY = timedelta(hours=24)


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


@pytest.fixture
def case(session, frozen):
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    other = make_team(session, "South", "Children in need")
    triage = make_account(session, "t@council.example", Role.TRIAGE)
    cw = make_account(session, "cw@council.example", Role.CASEWORKER, team=team)
    make_account(session, "boss@council.example", Role.MANAGER, team=team)
    make_account(session, "other-boss@council.example", Role.MANAGER, team=other)
    receipt = concerns.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=at(2026, 11, 2)
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    actions.act(
        session,
        Actor(triage.user, None),
        concern.reference,
        "triage",
        dict(route="statutory", reason="complaint", team=team.id, assignee=cw.user.id),
        now=at(2026, 11, 2, 11),
    )
    return concern


def escalations(session, concern):
    return [
        e.data
        for e in session.scalars(
            select(CaseEvent).where(
                CaseEvent.concern_id == concern.id, CaseEvent.kind == "escalation"
            )
        )
    ]


def test_nothing_to_say_while_on_track(session, case) -> None:
    assert sweep(session, now=at(2026, 11, 2, 12), cadence=DAY).alerts == 0


def test_due_soon_then_overdue_then_again_only_after_the_cadence(session, case) -> None:
    # Acknowledgement due Thursday 5 November; due soon from Wednesday 4th.
    first = sweep(session, now=at(2026, 11, 4, 9), cadence=DAY)
    assert first.ran and first.alerts == 1
    assert escalations(session, case)[0]["clock"] == "acknowledgement"
    assert escalations(session, case)[0]["state"] == "due-soon"
    to = sorted(n.to_address for n in session.scalars(select(Notification)))
    assert to == ["boss@council.example", "cw@council.example"]  # not the other team's manager
    # Sweeping again at once says nothing new: idempotent.
    assert sweep(session, now=at(2026, 11, 4, 9), cadence=DAY).alerts == 0
    assert sweep(session, now=at(2026, 11, 4, 15), cadence=DAY).alerts == 0
    # The state changes: overdue is news at once.
    overdue = sweep(session, now=at(2026, 11, 6, 9), cadence=DAY)
    assert overdue.alerts == 1 and escalations(session, case)[-1]["state"] == "overdue"
    assert sweep(session, now=at(2026, 11, 6, 20), cadence=DAY).alerts == 0
    # Still overdue a day later: reminded again.
    assert sweep(session, now=at(2026, 11, 7, 10), cadence=DAY).alerts == 1


def test_met_and_paused_clocks_are_left_alone(session, case) -> None:
    from app.staff.models import StaffUser

    worker = session.scalars(select(StaffUser).where(StaffUser.email == "cw@council.example")).one()
    actions.act(
        session,
        Actor(worker, None),
        case.reference,
        "acknowledge",
        now=at(2026, 11, 3),
    )
    actions.act(
        session,
        Actor(worker, None),
        case.reference,
        "start",
        now=at(2026, 11, 3, 11),
    )
    actions.act(
        session,
        Actor(worker, None),
        case.reference,
        "pause",
        dict(pause_reason="legal-proceedings", reason="Police investigation"),
        now=at(2026, 11, 3, 12),
    )
    assert sweep(session, now=at(2026, 12, 31), cadence=DAY).alerts == 0


def test_a_closed_case_is_never_escalated(session, case) -> None:
    from app.staff.models import StaffUser

    worker = session.scalars(select(StaffUser).where(StaffUser.email == "cw@council.example")).one()
    actions.act(
        session,
        Actor(worker, None),
        case.reference,
        "close",
        dict(outcome="withdrawn"),
        now=at(2026, 11, 3),
    )
    assert sweep(session, now=at(2026, 12, 31), cadence=DAY).alerts == 0


def test_a_case_nobody_holds_yet_is_escalated_to_triage(session, case) -> None:
    receipt = concerns.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=at(2026, 11, 2)
    ).receipt
    result = sweep(session, now=at(2026, 11, 4, 9), cadence=DAY)
    assert result.alerts == 2  # the triaged case and the new one
    to_triage = [
        n
        for n in session.scalars(select(Notification))
        if n.personalisation["reference"] == receipt.reference
    ]
    assert [n.to_address for n in to_triage] == ["t@council.example"]
