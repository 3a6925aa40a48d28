"""Working days in England, counted exactly as ../shared/domain/RULES.md says.

A working day is any day except Saturday, Sunday and the bank holidays of England
(Christmas Day, Boxing Day, Good Friday, Easter Monday, the May and August holidays,
New Year's Day and their substitute days), plus any council closure days passed in.

Day 0 is the day an item is received if that is a working day (its Europe/London
date), otherwise the next working day. A target of N working days falls due at the
end (23:59 Europe/London) of the Nth working day after day 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from app.clock import LONDON


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # subdiv="ENG": without it the package misses Easter Monday and the August holiday.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date, closures: frozenset[date] = frozenset()) -> bool:
    """True for Monday to Friday that is neither an England bank holiday nor a closure."""
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in closures


def next_working_day(day: date, closures: frozenset[date] = frozenset()) -> date:
    """The first working day strictly after day."""
    day += timedelta(days=1)
    while not is_working_day(day, closures):
        day += timedelta(days=1)
    return day


def day_zero(received: date, closures: frozenset[date] = frozenset()) -> date:
    """The day the count starts from: the received date, or the next working day."""
    return received if is_working_day(received, closures) else next_working_day(received, closures)


def add_working_days(start: date, days: int, closures: Iterable[date] = ()) -> date:
    """The Nth working day after start's day 0 (day 0 itself when days is 0)."""
    if days < 0:
        raise ValueError("a target counts forward: days must be 0 or more")
    closed = frozenset(closures)
    day = day_zero(start, closed)
    for _ in range(days):
        day = next_working_day(day, closed)
    return day


def working_days_between(start: date, end: date, closures: Iterable[date] = ()) -> int:
    """Working days after start's day 0 up to and including end (0 if end is not later)."""
    closed = frozenset(closures)
    day = day_zero(start, closed)
    count = 0
    while day < end:
        day = next_working_day(day, closed)
        if day <= end:
            count += 1
    return count


def london_date(at: datetime) -> date:
    """The Europe/London calendar date of an aware instant."""
    if at.tzinfo is None:
        raise ValueError("london_date() needs a timezone-aware datetime")
    return at.astimezone(LONDON).date()


def due_date(received_at: datetime, working_days: int, closures: Iterable[date] = ()) -> date:
    """The date a target of working_days falls due for an item received at received_at."""
    return add_working_days(london_date(received_at), working_days, closures)


def end_of_day(day: date) -> datetime:
    """23:59:59 Europe/London on day, the moment a deadline on that day passes."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=LONDON)
