"""Working-day arithmetic, against the worked examples in RULES.md and the calendar's laws."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.sla.calendar import (
    add_working_days,
    day_zero,
    due_date,
    is_working_day,
    working_days_between,
)
from tests.conftest import utc


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # RULES.md: received Friday 18 December 2026.
        (date(2026, 12, 18), 3, date(2026, 12, 23)),
        (date(2026, 12, 18), 10, date(2027, 1, 6)),
        (date(2026, 12, 18), 0, date(2026, 12, 18)),
        # Received on a Saturday: day 0 is the Monday.
        (date(2026, 11, 21), 0, date(2026, 11, 23)),
        (date(2026, 11, 21), 1, date(2026, 11, 24)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days.
        (date(2027, 3, 24), 1, date(2027, 3, 25)),
        (date(2027, 3, 24), 2, date(2027, 3, 30)),
        (date(2027, 3, 26), 0, date(2027, 3, 30)),
        # Christmas 2027 falls on a Saturday: substitute days Monday 27 and Tuesday 28 December.
        (date(2027, 12, 24), 1, date(2027, 12, 29)),
        # Early May and August (England only, so subdiv ENG matters) bank holidays 2027.
        (date(2027, 4, 30), 1, date(2027, 5, 4)),
        (date(2027, 8, 27), 1, date(2027, 8, 31)),
    ],
)
def test_worked_examples(received: date, days: int, due: date) -> None:
    assert add_working_days(received, days) == due


def test_english_bank_holidays_are_not_working_days() -> None:
    for holiday in (date(2027, 3, 29), date(2027, 8, 30), date(2026, 12, 28), date(2027, 1, 1)):
        assert not is_working_day(holiday)
    # New Year's Day 2028 is a Saturday: Monday 3 January is its substitute.
    assert not is_working_day(date(2028, 1, 3))
    # Scotland's 2 January holiday (substituted to Monday 4 January 2027) is a working day here.
    assert is_working_day(date(2027, 1, 4))


def test_council_closure_days_are_skipped() -> None:
    closure = date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 31), 1, closures=[closure]) == date(2027, 1, 5)


def test_due_date_uses_the_london_date_of_the_instant() -> None:
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): counted from 1 July.
    assert due_date(utc(2027, 6, 30, 23, 30), 1) == date(2027, 7, 2)
    # 23:30 UTC on 30 December is still 30 December in London (GMT).
    assert due_date(utc(2026, 12, 30, 23, 30), 1) == date(2026, 12, 31)


def test_negative_targets_are_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(date(2026, 1, 1), -1)


dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=dates, days=st.integers(min_value=0, max_value=70))
def test_due_date_is_a_working_day_exactly_n_working_days_on(start: date, days: int) -> None:
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert due >= start
    assert working_days_between(start, due) == days


@settings(max_examples=200, deadline=None)
@given(start=dates, days=st.integers(min_value=0, max_value=40))
def test_one_more_day_moves_to_the_next_working_day(start: date, days: int) -> None:
    this, following = add_working_days(start, days), add_working_days(start, days + 1)
    assert following > this
    gap = [this + timedelta(n) for n in range(1, (following - this).days)]
    assert not any(is_working_day(d) for d in gap)


@settings(max_examples=200, deadline=None)
@given(start=dates)
def test_day_zero_is_the_first_working_day_on_or_after_receipt(start: date) -> None:
    zero = day_zero(start)
    assert is_working_day(zero)
    assert all(not is_working_day(start + timedelta(n)) for n in range((zero - start).days))
