"""Forum feedback enters as a family item of its own kind, with a case in the one queue."""

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from app.errors import NotFound
from app.forum import feedback
from app.forum.feedback_models import Channel, ForumFeedback
from app.forum.schemas import FeedbackCreate
from app.items.models import FamilyItem
from app.triage.case import Concern
from tests.conftest import utc

NOW = utc(2026, 11, 2, 10, 0)


def test_feedback_is_an_item_of_its_own_kind_with_a_case_routed_as_feedback(session) -> None:
    data = FeedbackCreate(role="young-person", feedback="The meeting was too early for me.")
    case, code = feedback.record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    item = session.scalars(select(FamilyItem)).one()
    assert item.kind == "forum-feedback" and item.description == data.feedback
    assert (case.source, case.route, case.state, case.safeguarding) == (
        "forum",
        "feedback",
        "new",
        False,
    )
    assert code and case.reference.startswith("FV-2026-")
    link = session.get(ForumFeedback, item.id)
    assert link is not None and link.channel == "online" and link.session_id is None


def test_feedback_suggesting_risk_goes_to_safeguarding_at_once(session) -> None:
    data = FeedbackCreate(
        role="young-person", feedback="my stepdad hits me and my little sister every night"
    )
    case, _ = feedback.record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    assert case.safeguarding is True and case.route == "safeguarding"
    assert case.item.risk_signals


def test_feedback_about_a_session_that_does_not_exist_stores_nothing(session) -> None:
    data = FeedbackCreate(role="parent-carer", feedback="Good session", session_id=999)
    with pytest.raises(NotFound):
        feedback.record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    assert session.scalar(select(func.count()).select_from(FamilyItem)) == 0
    assert session.scalar(select(func.count()).select_from(Concern)) == 0


def test_anonymous_feedback_cannot_carry_contact_details() -> None:
    with pytest.raises(ValidationError, match="Anonymous feedback cannot have contact"):
        FeedbackCreate(
            role="parent-carer", feedback="x", anonymous=True, contact_email="a@example.com"
        )
