"""Feedback given online or by API: stored once per key, about a session that has begun,
throttled per client, screened for risk as a concern is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.concerns import service as concerns
from app.concerns.models import Source
from app.errors import Conflict, TooManyAttempts
from app.forum import feedback
from app.forum.feedback_models import Channel, ForumFeedback
from app.forum.schemas import FeedbackCreate
from app.items.models import FamilyItem
from app.triage.case import Concern
from tests.conftest import utc
from tests.factories import concern_create
from tests.forum.helpers import forum_session

NOW = utc(2026, 11, 2, 10, 0)


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def _give(session, text="The meeting was too early for me.", *, key=None, client="c1", **kw):
    data = FeedbackCreate(role="young-person", feedback=text, **kw)
    return feedback.give_feedback(
        session, data, channel=Channel.API, now=NOW, client=client, idempotency_key=key
    )


def test_the_same_key_twice_makes_one_item_and_the_same_receipt(session) -> None:
    first = _give(session, key="k1")
    again = _give(session, key="k1")
    assert (first.replayed, again.replayed) == (False, True)
    assert again.receipt == first.receipt
    assert _count(session, FamilyItem) == 1 and _count(session, ForumFeedback) == 1


def test_the_same_key_with_other_words_is_refused_and_stores_nothing_more(session) -> None:
    _give(session, key="k1")
    with pytest.raises(Conflict, match="different feedback"):
        _give(session, "Something else entirely", key="k1")
    assert _count(session, FamilyItem) == 1


def test_without_a_key_each_sending_is_its_own_item(session) -> None:
    assert _give(session).receipt.reference != _give(session).receipt.reference
    assert _count(session, Concern) == 2


def test_a_key_used_for_a_concern_is_a_different_key_for_feedback(session) -> None:
    concerns.submit_concern(
        session, data=concern_create(), source=Source.API, now=NOW, idempotency_key="same"
    )
    assert _give(session, key="same").replayed is False
    assert _count(session, Concern) == 2


def test_words_suggesting_risk_go_to_safeguarding_and_the_receipt_says_so(session) -> None:
    receipt = _give(session, "my stepdad hits me and my little sister every night").receipt
    assert receipt.safeguarding is True
    case = session.scalars(select(Concern)).one()
    assert case.route == "safeguarding" and case.source == "forum"
    assert session.get(ForumFeedback, case.item_id).channel == "api"


def test_words_are_stored_exactly_as_typed(session) -> None:
    typed = "  <script>alert(1)</script>\r\n  Ça va — 👍\t "
    _give(session, typed)
    assert session.scalars(select(FamilyItem.description)).one() == typed


def test_feedback_names_only_a_session_that_has_begun(session) -> None:
    past = forum_session(session, "October forum", NOW - timedelta(days=10))
    future = forum_session(session, "December forum", NOW + timedelta(days=10))
    _give(session, session_id=past.id)
    with pytest.raises(feedback.UnknownSession):
        _give(session, session_id=future.id)
    assert _count(session, FamilyItem) == 1
    assert session.scalars(select(ForumFeedback.session_id)).one() == past.id


def test_the_sessions_offered_are_recent_begun_and_not_cancelled_newest_first(session) -> None:
    older = forum_session(session, "September", NOW - timedelta(days=40))
    newer = forum_session(session, "October", NOW - timedelta(days=5))
    forum_session(session, "Cancelled", NOW - timedelta(days=3), cancelled=True)
    forum_session(session, "Next month", NOW + timedelta(days=20))
    forum_session(session, "Last year", NOW - timedelta(days=400))
    offered = feedback.sessions_to_choose(session, now=NOW)
    assert [s.id for s in offered] == [newer.id, older.id]


def test_one_client_sending_a_lot_waits_but_a_repeat_still_gets_its_receipt(
    session, monkeypatch
) -> None:
    from app.config import get_settings

    monkeypatch.setattr(get_settings(), "feedback_per_client", 3)
    first = _give(session, "one", key="a")
    _give(session, "two")
    _give(session, "three")
    with pytest.raises(TooManyAttempts) as refused:
        _give(session, "four")
    assert refused.value.retry_after_seconds > 0
    assert _give(session, "one", key="a").receipt == first.receipt  # a retry is no new item
    assert _give(session, "five", client="someone-else").replayed is False
    assert _count(session, FamilyItem) == 4
