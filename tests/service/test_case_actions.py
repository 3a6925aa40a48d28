"""The table of case actions: each action's answers read by its own schema, before its handler."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from app.staff.service import Actor
from app.triage import action_forms, actions
from app.triage.case import Concern
from app.triage.service import ActionRefused
from tests.factories import concern_create
from tests.staff import make_account


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


@pytest.fixture
def officer(session, frozen):
    frozen.at(at(2026, 11, 2))
    return Actor(make_account(session, "t@council.example", Role.TRIAGE).user, "1.1.1.1")


def submit(session, description="Nobody calls me back."):
    receipt = concerns.submit_concern(
        session,
        data=concern_create(description=description),
        source=Source.WEB,
        now=at(2026, 11, 2),
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def test_every_action_has_a_schema_a_handler_and_an_event() -> None:
    assert set(action_forms.SCHEMAS) == set(actions.ACTIONS)
    for name, row in actions.ACTIONS.items():
        assert action_forms.SCHEMAS[name] is row.schema
        assert row.fields[-1].name == "reason"  # every form ends with why
        assert row.event_kind and row.done and callable(row.handler)


def test_a_safeguarding_decision_takes_only_the_routes_its_page_offers(session, officer) -> None:
    concern = submit(session, "He hits my little brother every night")
    assert concern.route == "safeguarding"
    with pytest.raises(ActionRefused, match="continues as a complaint") as refused:
        actions.act(
            session,
            officer,
            concern.reference,
            "decide",
            {"route": "feedback", "reason": "Passed to MASH"},
            now=at(2026, 11, 2, 11),
        )
    assert refused.value.problems == [
        ("route", "Choose whether this also continues as a complaint")
    ]
    assert concern.route == "safeguarding" and concern.state == "new"


def test_every_missing_answer_is_named_at_once_in_the_forms_order(session, officer) -> None:
    concern = submit(session)
    actions.act(
        session,
        officer,
        concern.reference,
        "triage",
        {"route": "statutory", "reason": "x"},
        now=at(2026, 11, 2, 11),
    )
    actions.act(session, officer, concern.reference, "acknowledge", now=at(2026, 11, 2, 12))
    with pytest.raises(ActionRefused) as refused:
        actions.act(
            session,
            officer,
            concern.reference,
            "pause",
            {"pause_reason": "holiday"},
            now=at(2026, 11, 2, 13),
        )
    assert refused.value.problems == [
        ("pause_reason", "Choose why the clock is paused: only the listed reasons can pause it"),
        ("reason", "Add a note saying what you are waiting for"),
    ]


def test_answers_an_action_does_not_ask_for_are_ignored(session, officer) -> None:
    concern = submit(session)
    actions.act(
        session,
        officer,
        concern.reference,
        "note",
        {"body": "Called mum", "outcome": "upheld", "route": "feedback"},
        now=at(2026, 11, 2, 11),
    )
    assert concern.state == "new" and concern.route is None and concern.outcome is None


def test_a_number_where_words_go_is_refused_not_crashed(session, officer) -> None:
    concern = submit(session)
    with pytest.raises(ActionRefused) as refused:
        actions.act(
            session, officer, concern.reference, "note", {"body": 42}, now=at(2026, 11, 2, 11)
        )
    assert refused.value.problems == [("body", "Check this answer")]
