"""The SLA engine: clocks from an event log, with worked examples and properties."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from app.clock import LONDON
from app.sla import calendar
from app.sla.engine import ClockEvent, ClockState, compute_clocks
from app.sla.policy import CORPORATE_V1, SAFEGUARDING_V1, STATUTORY_V1


def at(y, m, d, hh=10, mm=0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def clocks(policy, events, now):
    return {c.name: c for c in compute_clocks(policy, events, now=now)}


def test_rules_example_statutory_stage_1() -> None:
    received = ClockEvent("received", at(2026, 12, 18))
    result = clocks(STATUTORY_V1, [received], now=at(2026, 12, 18, 11))
    assert set(result) == {"acknowledgement", "stage-1-response"}
    assert result["acknowledgement"].due_on == date(2026, 12, 23)
    assert result["stage-1-response"].due_on == date(2027, 1, 6)
    assert result["stage-1-response"].state == ClockState.ON_TRACK
    assert result["stage-1-response"].explanation == (
        "Due Wednesday 6 January 2027: 10 working days from Friday 18 December 2026"
    )


def test_a_pause_moves_the_due_date_and_is_reported() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent("paused", at(2026, 11, 4), data={"reason": "awaiting-information"}),
        ClockEvent("resumed", at(2026, 11, 9)),
    ]
    stage1 = clocks(STATUTORY_V1, events, now=at(2026, 11, 10))["stage-1-response"]
    assert stage1.paused_days == 3  # Thursday, Friday, Monday
    assert stage1.due_on == date(2026, 11, 19)  # 16 November without the pause
    assert "3 working days paused awaiting information from the family" in stage1.explanation
    # The acknowledgement clock does not pause.
    assert clocks(STATUTORY_V1, events, now=at(2026, 11, 10))["acknowledgement"].paused_days == 0


def test_a_running_pause_keeps_moving_the_date_and_shows_paused() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent("paused", at(2026, 11, 4), data={"reason": "legal-proceedings"}),
    ]
    early = clocks(STATUTORY_V1, events, now=at(2026, 11, 5))["stage-1-response"]
    later = clocks(STATUTORY_V1, events, now=at(2026, 11, 12))["stage-1-response"]
    assert early.state == later.state == ClockState.PAUSED
    assert later.due_on > early.due_on
    assert "so far" in later.explanation


def test_extension_up_to_the_limit_with_its_reason() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent(
            "extended",
            at(2026, 11, 5),
            data={"clock": "stage-1-response", "target": 20, "reason": "complex case"},
        ),
    ]
    stage1 = clocks(STATUTORY_V1, events, now=at(2026, 11, 5))["stage-1-response"]
    assert stage1.target == 20 and stage1.due_on == calendar.add_working_days(date(2026, 11, 2), 20)
    assert "extended from 10 working days (complex case)" in stage1.explanation
    too_far = [
        events[0],
        ClockEvent(
            "extended",
            at(2026, 11, 5),
            data={"clock": "stage-1-response", "target": 99, "reason": "x"},
        ),
    ]
    assert clocks(STATUTORY_V1, too_far, now=at(2026, 11, 5))["stage-1-response"].target == 20


def test_met_on_the_due_day_and_late_the_day_after() -> None:
    received = ClockEvent("received", at(2026, 12, 18))
    on_time = ClockEvent("responded", at(2027, 1, 6, 23, 30), stage=1)
    late = ClockEvent("responded", at(2027, 1, 7, 0, 30), stage=1)
    now = at(2027, 2, 1)
    assert (
        clocks(STATUTORY_V1, [received, on_time], now)["stage-1-response"].state == ClockState.MET
    )
    assert (
        clocks(STATUTORY_V1, [received, late], now)["stage-1-response"].state == ClockState.MET_LATE
    )


def test_due_soon_then_overdue() -> None:
    received = [ClockEvent("received", at(2026, 12, 18))]
    assert (
        clocks(STATUTORY_V1, received, at(2027, 1, 1))["stage-1-response"].state
        == ClockState.DUE_SOON
    )
    assert (
        clocks(STATUTORY_V1, received, at(2027, 1, 6, 23, 0))["stage-1-response"].state
        == ClockState.DUE_SOON
    )
    assert (
        clocks(STATUTORY_V1, received, at(2027, 1, 7, 0, 1))["stage-1-response"].state
        == ClockState.OVERDUE
    )


def test_a_responded_stage_1_does_not_stop_stage_2() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent("acknowledged", at(2026, 11, 3), stage=1),
        ClockEvent("responded", at(2026, 11, 10), stage=1),
        ClockEvent("escalated", at(2026, 11, 20), stage=2),
    ]
    result = clocks(STATUTORY_V1, events, now=at(2026, 11, 23))
    assert result["acknowledgement"].state == ClockState.MET
    assert result["stage-1-response"].state == ClockState.MET
    assert result["stage-2-investigation"].state == ClockState.ON_TRACK
    assert result["stage-2-investigation"].due_on == calendar.add_working_days(
        date(2026, 11, 20), 25
    )


def test_closing_stops_clocks_and_reopening_counts_the_gap_as_paused() -> None:
    events = [ClockEvent("received", at(2026, 11, 2)), ClockEvent("closed", at(2026, 11, 4))]
    assert (
        clocks(STATUTORY_V1, events, at(2026, 11, 20))["stage-1-response"].state
        == ClockState.STOPPED
    )
    reopened = [*events, ClockEvent("reopened", at(2026, 11, 9))]
    stage1 = clocks(STATUTORY_V1, reopened, at(2026, 11, 10))["stage-1-response"]
    assert stage1.state != ClockState.STOPPED and stage1.paused_days == 3


def test_corporate_stage_1_counts_from_the_acknowledgement() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent("acknowledged", at(2026, 11, 6), stage=1),
    ]
    result = clocks(CORPORATE_V1, events, now=at(2026, 11, 6, 12))
    assert result["acknowledgement"].state == ClockState.MET
    assert result["stage-1-response"].due_on == calendar.add_working_days(date(2026, 11, 6), 10)


def test_safeguarding_counts_real_hours_through_the_weekend() -> None:
    received = ClockEvent("received", at(2026, 11, 20, 18, 0))  # a Friday evening
    result = clocks(SAFEGUARDING_V1, [received], now=at(2026, 11, 21, 19, 0))[
        "safeguarding-decision"
    ]
    assert result.due_at == at(2026, 11, 21, 18, 0)
    assert result.state == ClockState.OVERDUE
    decided = ClockEvent("decided", at(2026, 11, 21, 9, 0))
    met = clocks(SAFEGUARDING_V1, [received, decided], now=at(2026, 11, 23))[
        "safeguarding-decision"
    ]
    assert met.state == ClockState.MET


days = st.integers(min_value=0, max_value=400)


@settings(max_examples=150, deadline=None)
@given(
    start=days,
    pause_at=st.integers(0, 20),
    pause_len=st.integers(0, 30),
    respond_after=st.integers(0, 60),
)
def test_properties_of_paused_and_stopped_clocks(start, pause_at, pause_len, respond_after) -> None:
    received = at(2026, 1, 5) + timedelta(days=start)
    pause = received + timedelta(days=pause_at)
    resume = pause + timedelta(days=pause_len)
    respond = resume + timedelta(days=respond_after)
    plain = clocks(STATUTORY_V1, [ClockEvent("received", received)], now=respond)[
        "stage-1-response"
    ]
    events = [
        ClockEvent("received", received),
        ClockEvent("paused", pause, data={"reason": "family-request"}),
        ClockEvent("resumed", resume),
        ClockEvent("responded", respond, stage=1),
    ]
    paused = clocks(STATUTORY_V1, events, now=respond)["stage-1-response"]
    # A pause never brings a due date forward, and adds exactly its working days.
    assert paused.due_on >= plain.due_on
    assert paused.due_on == calendar.add_working_days(paused.start_on, 10 + paused.paused_days)
    assert calendar.is_working_day(paused.due_on)
    assert paused.state == (ClockState.MET if respond <= paused.due_at else ClockState.MET_LATE)


def test_stage_2_restarts_when_the_statement_of_complaint_is_agreed() -> None:
    events = [
        ClockEvent("received", at(2026, 11, 2)),
        ClockEvent("responded", at(2026, 11, 10), stage=1),
        ClockEvent("escalated", at(2026, 11, 12), stage=2),
        ClockEvent("statement-agreed", at(2026, 11, 19), stage=2),
    ]
    stage2 = clocks(STATUTORY_V1, events, now=at(2026, 11, 20))["stage-2-investigation"]
    assert stage2.start_on == date(2026, 11, 19)
    assert stage2.due_on == calendar.add_working_days(date(2026, 11, 19), 25)
    # A stage-1 event of the same kind does nothing to stage 2.
    early = clocks(STATUTORY_V1, events[:3], now=at(2026, 11, 20))["stage-2-investigation"]
    assert early.start_on == date(2026, 11, 12)
