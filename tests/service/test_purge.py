"""Data minimisation: what can no longer be used is deleted."""

from datetime import timedelta

from sqlalchemy import func, select

from app import clock
from app.staff import links as staff_links
from app.staff import sessions as staff_sessions
from app.staff.models import ActionToken, Role, StaffSession
from tests.conftest import utc
from tests.staff import make_account


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_spent_sessions_and_links_are_purged_and_live_ones_kept(session, frozen) -> None:
    frozen.at(utc(2026, 11, 23, 9))
    user = make_account(session, "a@council.example", Role.TRIAGE).user
    live = staff_sessions.new_session(session, user, stage="full", now=clock.now())
    old = staff_sessions.new_session(
        session, user, stage="full", now=clock.now() - timedelta(hours=13)
    )
    assert live and old
    staff_links.issue_link(
        session, user, purpose="reset", now=clock.now() - timedelta(hours=2)
    )  # expired
    staff_links.issue_link(
        session, user, purpose="setup", now=clock.now()
    )  # live (and spends the old one)
    assert count(session, StaffSession) == 2 and count(session, ActionToken) == 2
    removed = staff_sessions.purge_expired(session, now=clock.now())
    assert removed == 2
    assert count(session, StaffSession) == 1 and count(session, ActionToken) == 1
    assert staff_sessions.load_session(session, live, now=clock.now()) is not None
