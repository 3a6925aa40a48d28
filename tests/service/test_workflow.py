"""A case's working life: triage, acknowledge, pause, extend, respond, escalate, close — clocks right at each step."""

from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.sla.models import CaseClock
from app.staff.models import Role
from app.triage import actions, clocks, service
from app.triage.action_forms import AUTO_ASSIGN
from app.triage.actions import next_state
from app.triage.case import Concern
from app.triage.models import CaseEvent
from app.triage.service import ActionRefused
from app.triage.workflow import State, TransitionRefused
from tests.factories import concern_create
from tests.staff import make_account, make_team


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


@pytest.fixture
def people(session, frozen):
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    return {
        "triage": Actor(make_account(session, "t@council.example", Role.TRIAGE).user, "1.1.1.1"),
        "cw1": Actor(
            make_account(session, "cw1@council.example", Role.CASEWORKER, team=team).user, "1.1.1.1"
        ),
        "cw2": Actor(
            make_account(session, "cw2@council.example", Role.CASEWORKER, team=team).user, "1.1.1.1"
        ),
        "manager": Actor(
            make_account(session, "m@council.example", Role.MANAGER, team=team).user, "1.1.1.1"
        ),
        "team": team,
    }


def submit(session, description="Nobody calls me back.", when=None):
    receipt = concerns.submit_concern(
        session,
        data=concern_create(description=description),
        source=Source.WEB,
        now=when or at(2026, 11, 2),
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def stored_clocks(session, concern):
    return {
        c.name: c
        for c in session.scalars(select(CaseClock).where(CaseClock.concern_id == concern.id))
    }


def do(session, who, concern, now, **kwargs):
    action = kwargs.pop("action")
    return actions.act(session, who, concern.reference, action, kwargs, now=now)


def test_a_new_concern_starts_its_timeline_and_clocks(session, people) -> None:
    concern = submit(session)
    assert concern.state == "new" and concern.route is None
    kinds = [
        e.kind for e in session.scalars(select(CaseEvent).where(CaseEvent.concern_id == concern.id))
    ]
    assert kinds == ["received"]
    stored = stored_clocks(session, concern)
    assert stored["acknowledgement"].due_on == date(2026, 11, 5)
    assert stored["stage-1-response"].due_on == date(2026, 11, 16)
    assert concern.next_due_at == stored["acknowledgement"].due_at


def test_a_risky_concern_is_routed_to_safeguarding_with_a_24_hour_clock(session, people) -> None:
    concern = submit(session, description="He hits my little brother every night")
    assert concern.route == "safeguarding"
    stored = stored_clocks(session, concern)
    assert set(stored) == {"safeguarding-decision"}
    assert stored["safeguarding-decision"].due_at == at(2026, 11, 3)
    decided = do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 15),
        action="decide",
        reason="Referred to MASH; also a complaint about the worker",
        route="statutory",
    )
    assert decided.state == "triaged" and decided.route == "statutory"
    stored = stored_clocks(session, concern)
    # The decision was on time, and is kept beside the complaint's own clocks.
    assert stored["safeguarding-decision"].outcome == "met"
    assert {"acknowledgement", "stage-1-response"} <= set(stored)


def test_a_realistic_statutory_case_from_triage_to_close(session, people) -> None:
    concern = submit(session)
    t, cw1, cw2, manager = people["triage"], people["cw1"], people["cw2"], people["manager"]
    do(
        session,
        t,
        concern,
        at(2026, 11, 2, 11),
        action="triage",
        route="statutory",
        priority="high",
        reason="Complaint about a child in need plan",
        team=people["team"].id,
        assignee=cw1.user.id,
    )
    assert (concern.state, concern.assignee_id, concern.priority) == (
        "triaged",
        cw1.user.id,
        "high",
    )
    do(session, cw1, concern, at(2026, 11, 3), action="acknowledge")
    assert stored_clocks(session, concern)["acknowledgement"].outcome == "met"
    do(session, cw1, concern, at(2026, 11, 3, 11), action="start")
    do(
        session,
        cw1,
        concern,
        at(2026, 11, 4),
        action="pause",
        pause_reason="awaiting-information",
        reason="Asked the family for the letter of 3 March",
    )
    assert concern.state == "awaiting-family" and concern.clock_paused
    do(session, cw1, concern, at(2026, 11, 9), action="resume")
    stage1 = stored_clocks(session, concern)["stage-1-response"]
    assert stage1.paused_days == 3 and stage1.due_on == date(2026, 11, 19)
    with pytest.raises(ActionRefused, match="Your role"):
        do(
            session,
            cw1,
            concern,
            at(2026, 11, 10),
            action="extend",
            clock="stage-1-response",
            target=20,
            reason="complex",
        )
    with pytest.raises(ActionRefused, match="between 11 and 20"):
        do(
            session,
            manager,
            concern,
            at(2026, 11, 10),
            action="extend",
            clock="stage-1-response",
            target=30,
            reason="complex",
        )
    do(
        session,
        manager,
        concern,
        at(2026, 11, 10),
        action="extend",
        clock="stage-1-response",
        target=20,
        reason="Several services involved",
    )
    assert stored_clocks(session, concern)["stage-1-response"].due_on == date(2026, 12, 3)
    do(session, cw1, concern, at(2026, 11, 27), action="respond")
    assert stored_clocks(session, concern)["stage-1-response"].outcome == "met"
    assert concern.next_due_at is None
    # The family asks for stage 2: the investigator must be someone else, with an independent person.
    with pytest.raises(ActionRefused, match="different person"):
        do(
            session,
            manager,
            concern,
            at(2026, 12, 1),
            action="escalate",
            reason="Family unhappy",
            assignee=cw1.user.id,
            independent_person="A. Independent",
        )
    with pytest.raises(ActionRefused, match="independent person"):
        do(
            session,
            manager,
            concern,
            at(2026, 12, 1),
            action="escalate",
            reason="Family unhappy",
            assignee=cw2.user.id,
        )
    do(
        session,
        manager,
        concern,
        at(2026, 12, 1),
        action="escalate",
        reason="Family unhappy",
        assignee=cw2.user.id,
        independent_person="A. Independent",
    )
    assert (concern.state, concern.stage, concern.assignee_id) == ("escalated", 2, cw2.user.id)
    stage2 = stored_clocks(session, concern)["stage-2-investigation"]
    assert stage2.due_on == date(2027, 1, 8)  # 25 working days, Christmas skipped
    do(session, cw2, concern, at(2026, 12, 2), action="acknowledge")
    do(session, cw2, concern, at(2026, 12, 2, 11), action="start")
    do(session, cw2, concern, at(2027, 1, 7), action="respond")
    do(session, cw2, concern, at(2027, 1, 8), action="close", outcome="partly-upheld")
    assert concern.state == "closed" and concern.outcome == "partly-upheld"
    assert concern.closed_at == at(2027, 1, 8)
    kinds = [e.kind for e in service.timeline(session, concern)]
    assert kinds[0] == "closed" and kinds[-1] == "received" and kinds.count("responded") == 2


def test_invalid_moves_are_refused_with_a_clear_message(session, people) -> None:
    concern = submit(session)
    with pytest.raises(ActionRefused, match="A case that is new cannot be marked as responded"):
        do(session, people["triage"], concern, at(2026, 11, 2), action="respond")
    with pytest.raises(ActionRefused, match="Give a reason"):
        do(session, people["triage"], concern, at(2026, 11, 2), action="triage", route="statutory")
    with pytest.raises(ActionRefused, match="only the listed reasons"):
        do(
            session,
            people["triage"],
            concern,
            at(2026, 11, 2),
            action="triage",
            route="statutory",
            reason="x",
        )
        do(session, people["triage"], concern, at(2026, 11, 2), action="acknowledge")
        do(
            session,
            people["triage"],
            concern,
            at(2026, 11, 2),
            action="pause",
            pause_reason="holiday",
            reason="on leave",
        )


def test_feedback_closes_at_triage_and_runs_no_clocks(session, people) -> None:
    concern = submit(session)
    do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2),
        action="triage",
        route="feedback",
        reason="Praise for a worker",
    )
    assert concern.state == "closed" and concern.outcome == "no-reply-owed"
    assert stored_clocks(session, concern) == {}
    assert concern.next_due_at is None


def test_a_duplicate_is_merged_into_its_survivor_and_nothing_is_deleted(session, people) -> None:
    first, second = submit(session), submit(session)
    do(
        session,
        people["triage"],
        second,
        at(2026, 11, 2),
        action="merge",
        duplicate_of=first.reference,
        reason="Same family, same events",
    )
    assert (
        second.state == "closed"
        and second.duplicate_of_id == first.id
        and second.outcome == "duplicate"
    )
    assert session.get(Concern, second.id) is not None


def test_a_caseworker_cannot_act_on_a_case_they_cannot_see(session, people) -> None:
    from app.errors import NotFound

    concern = submit(session)
    with pytest.raises(NotFound):
        do(session, people["cw1"], concern, at(2026, 11, 2), action="note", body="hello")


def test_the_state_machine_refuses_unknown_actions() -> None:
    with pytest.raises(TransitionRefused, match="no action"):
        next_state("fly", State.NEW, route=None, stage=1)


def test_clocks_are_recomputed_from_events_when_the_calendar_changes(session, people) -> None:
    concern = submit(session)
    before = clocks.compute(session, concern, now=at(2026, 11, 2))
    stored = stored_clocks(session, concern)
    assert {c.name: c.due_on for c in before} == {n: c.due_on for n, c in stored.items()}


def test_the_family_sees_plain_status_words_as_the_case_moves(session, people) -> None:
    receipt = concerns.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=at(2026, 11, 2)
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()

    def status():
        view = concerns.track_concern(
            session,
            reference=receipt.reference,
            tracking_code=receipt.tracking_code,
            client="family",
            now=at(2026, 11, 20),
        )
        return view.status, view.status_label

    assert status() == ("received", "Received")
    do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 11),
        action="triage",
        route="statutory",
        reason="complaint",
        assignee=people["cw1"].user.id,
    )
    do(session, people["cw1"], concern, at(2026, 11, 3), action="acknowledge")
    assert status() == ("in-progress", "Being looked into")
    do(session, people["cw1"], concern, at(2026, 11, 3, 11), action="start")
    do(
        session,
        people["cw1"],
        concern,
        at(2026, 11, 4),
        action="pause",
        pause_reason="awaiting-information",
        reason="Need the letter",
    )
    assert status() == ("waiting-for-you", "Waiting for information from you")
    # The dates the family sees move with the pause.
    view = concerns.track_concern(
        session,
        reference=receipt.reference,
        tracking_code=receipt.tracking_code,
        client="family",
        now=at(2026, 11, 20),
    )
    assert view.respond_by > date(2026, 11, 16)


def test_round_robin_gives_the_case_to_the_least_loaded_caseworker(session, people) -> None:
    team = people["team"]
    first, second, third = submit(session), submit(session), submit(session)
    do(
        session,
        people["triage"],
        first,
        at(2026, 11, 2),
        action="triage",
        route="statutory",
        reason="r",
        team=team.id,
        assignee=people["cw1"].user.id,
    )
    do(
        session,
        people["triage"],
        second,
        at(2026, 11, 2),
        action="triage",
        route="statutory",
        reason="r",
        team=team.id,
        assignee=AUTO_ASSIGN,
    )
    assert second.assignee_id == people["cw2"].user.id  # cw1 already has one
    do(
        session,
        people["triage"],
        third,
        at(2026, 11, 2),
        action="triage",
        route="statutory",
        reason="r",
        team=team.id,
        assignee=AUTO_ASSIGN,
    )
    assert third.assignee_id == people["cw1"].user.id  # one each: the longest-serving first
    with pytest.raises(ActionRefused, match="Choose a team"):
        fourth = submit(session)
        do(
            session,
            people["triage"],
            fourth,
            at(2026, 11, 2),
            action="triage",
            route="statutory",
            reason="r",
            assignee=AUTO_ASSIGN,
        )


def test_linked_cases_show_the_link_on_both_timelines_and_stay_open(session, people) -> None:
    first, second = submit(session), submit(session)
    do(
        session,
        people["triage"],
        second,
        at(2026, 11, 2),
        action="link",
        duplicate_of=first.reference,
        reason="Same family, different complaint",
    )
    assert first.state == second.state == "new"
    for case, other in ((first, second), (second, first)):
        links = [
            e.data.get("related") for e in service.timeline(session, case) if e.kind == "linked"
        ]
        assert links == [other.reference]


# Risk in triage -------------------------------------------------------------------------------


def test_a_note_that_shows_risk_flags_the_case_and_makes_it_urgent(session, people) -> None:
    concern = submit(session)
    assert concern.item.risk_signals == [] and concern.priority == "normal"
    do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 11),
        action="note",
        body="Mum rang: her partner hit the baby last night and she is scared to go home",
    )
    assert "violence" in concern.item.risk_signals
    assert concern.priority == "urgent"
    note = session.scalars(
        select(CaseEvent).where(CaseEvent.concern_id == concern.id, CaseEvent.kind == "note")
    ).one()
    assert "violence" in note.data["risk_signals"]
    assert "violence" in service.case_risk(session, concern).signals


def test_an_ordinary_note_changes_nothing(session, people) -> None:
    concern = submit(session)
    do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 11),
        action="note",
        body="Left a voicemail asking for a good time to call back.",
    )
    assert concern.item.risk_signals == [] and concern.priority == "normal"


def test_triage_away_from_safeguarding_needs_the_risk_checked(session, people) -> None:
    concern = submit(session, description="He hits my little brother every night")
    assert concern.route == "safeguarding"
    with pytest.raises(ActionRefused, match="may show a risk to a child"):
        do(
            session,
            people["triage"],
            concern,
            at(2026, 11, 2, 11),
            action="triage",
            route="statutory",
            reason="A complaint about the worker",
        )
    assert concern.route == "safeguarding"
    done = do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 11),
        action="triage",
        route="statutory",
        reason="Spoke to MASH: already known and safe; the complaint is about the worker",
        risk_checked=True,
    )
    assert done.route == "statutory"
    event = session.scalars(
        select(CaseEvent).where(CaseEvent.concern_id == concern.id, CaseEvent.kind == "triaged")
    ).one()
    assert "violence" in event.data["risk_checked"]


def test_triage_rereads_the_text_so_risk_missed_at_submission_is_caught(session, people) -> None:
    concern = submit(session)
    # As if the detector had missed it when the concern arrived (an older rule set, an import).
    concern.item.description = "my step dad beats me when mum is at work"
    concern.safeguarding, concern.route = False, None
    with pytest.raises(ActionRefused, match="violence"):
        do(
            session,
            people["triage"],
            concern,
            at(2026, 11, 2, 11),
            action="triage",
            route="feedback",
            reason="Feedback",
        )
    done = do(
        session,
        people["triage"],
        concern,
        at(2026, 11, 2, 11),
        action="triage",
        route="safeguarding",
        reason="Possible physical abuse: passed to MASH",
    )
    assert done.route == "safeguarding"
