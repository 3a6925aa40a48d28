"""Staff marks on the risk detector: made once, never change the case, reviewed by another
manager, exported redacted."""

import json
from datetime import datetime

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.errors import NotFound
from app.staff.models import Role
from app.triage import risk_feedback as feedback
from app.triage import service as triage
from app.triage.case import Concern
from app.triage.models import RiskFeedback
from tests.factories import concern_create
from tests.staff import make_account, make_team

NOW = datetime(2026, 11, 2, 10, tzinfo=LONDON)
RISKY = "Priya Sharma here. My partner hit my son last night and he is scared to go home."
PLAIN = "Priya Sharma here. Nobody has visited since June and letters go unanswered."


@pytest.fixture
def staff(session, frozen):
    frozen.at(NOW)

    def actor(email: str, *roles: Role, team=None) -> Actor:
        return Actor(make_account(session, email, *roles, team=team).user, "ip")

    return {
        "triage": actor("tess@council.example", Role.TRIAGE),
        "manager": actor("mo@council.example", Role.MANAGER),
        "manager2": actor("max@council.example", Role.MANAGER),
        "caseworker": actor(
            "cal@council.example", Role.CASEWORKER, team=make_team(session, "South", "Adoption")
        ),
    }


def submit(session, description: str) -> Concern:
    receipt = concerns.submit_concern(
        session,
        data=concern_create(contact_name="Priya Sharma", description=description),
        source=Source.WEB,
        now=NOW,
    ).receipt
    return session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()


def false_alarm(**overrides: str) -> feedback.MarkInput:
    fields = {"kind": feedback.FALSE_ALARM, "reason": "It was years ago, <b>dealt with</b>."}
    fields["reason_code"] = "past-dealt-with"
    fields.update(overrides)
    return feedback.MarkInput(**fields)


def test_a_false_alarm_is_recorded_audited_and_on_the_timeline(session, staff) -> None:
    concern = submit(session, RISKY)
    row = feedback.mark(session, staff["triage"], concern.reference, false_alarm(), now=NOW)
    assert row.status == "to-review"
    assert row.reason == "It was years ago, <b>dealt with</b>."  # stored as typed
    assert "violence" in row.signals
    assert any(e["text"] == "hit my son" for e in row.evidence)
    assert row.detector_version
    kinds = [e.kind for e in triage.timeline(session, concern)]
    assert "risk-false-alarm" in kinds
    audit = session.scalars(
        select(AuditEvent).where(AuditEvent.target_id == concern.reference)
    ).all()
    assert any((a.details or {}).get("action") == "risk-false-alarm" for a in audit)


def test_a_false_alarm_leaves_the_route_and_the_flag_as_they_were(session, staff) -> None:
    concern = submit(session, RISKY)
    before = (concern.route, concern.safeguarding, list(concern.item.risk_signals), concern.state)
    assert concern.safeguarding  # flagged at submission, so on the safeguarding route
    feedback.mark(session, staff["triage"], concern.reference, false_alarm(), now=NOW)
    session.expire_all()
    again = session.get(Concern, concern.id)
    assert (again.route, again.safeguarding, list(again.item.risk_signals), again.state) == before


def test_two_tabs_make_one_mark(session, staff) -> None:
    concern = submit(session, RISKY)
    first = feedback.mark(session, staff["triage"], concern.reference, false_alarm(), now=NOW)
    second = feedback.mark(session, staff["triage"], concern.reference, false_alarm(), now=NOW)
    assert first.id == second.id
    assert len(feedback.for_case(session, concern)) == 1


def test_a_miss_needs_a_harm_and_an_unflagged_case(session, staff) -> None:
    plain, risky = submit(session, PLAIN), submit(session, RISKY)
    missed = feedback.MarkInput(kind="missed", reason="She says he locks them in.", signal="")
    with pytest.raises(feedback.FeedbackRefused) as refused:
        feedback.mark(session, staff["triage"], plain.reference, missed, now=NOW)
    assert refused.value.field == "signal"
    missed = feedback.MarkInput(
        kind="missed", reason="She says he locks them in.", signal="neglect"
    )
    with pytest.raises(feedback.FeedbackRefused):
        feedback.mark(session, staff["triage"], risky.reference, missed, now=NOW)
    row = feedback.mark(session, staff["triage"], plain.reference, missed, now=NOW)
    assert (row.kind, row.signals) == ("missed", ["neglect"])
    with pytest.raises(feedback.FeedbackRefused):
        feedback.mark(session, staff["triage"], plain.reference, false_alarm(), now=NOW)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reason": "   "}, "reason"),
        ({"reason": "x" * (feedback.REASON_MAX + 1)}, "reason"),
        ({"reason_code": "because"}, "reason_code"),
        ({"kind": "maybe"}, "kind"),
    ],
)
def test_bad_marks_are_refused_and_nothing_is_kept(session, staff, overrides, field) -> None:
    concern = submit(session, RISKY)
    with pytest.raises(feedback.FeedbackRefused) as refused:
        feedback.mark(
            session, staff["triage"], concern.reference, false_alarm(**overrides), now=NOW
        )
    assert refused.value.field == field
    assert feedback.for_case(session, concern) == []


def test_a_case_out_of_reach_cannot_be_marked(session, staff) -> None:
    concern = submit(session, RISKY)
    with pytest.raises(NotFound):
        feedback.mark(session, staff["caseworker"], concern.reference, false_alarm(), now=NOW)
    assert session.scalars(select(RiskFeedback)).all() == []


def test_another_manager_reviews_never_the_marker(session, staff) -> None:
    concern = submit(session, RISKY)
    row = feedback.mark(session, staff["manager"], concern.reference, false_alarm(), now=NOW)
    with pytest.raises(feedback.FeedbackRefused):
        feedback.review(session, staff["manager"], row.id, accept=True, note="fine", now=NOW)
    with pytest.raises(feedback.FeedbackRefused):
        feedback.review(session, staff["manager2"], row.id, accept=True, note=" ", now=NOW)
    feedback.review(session, staff["manager2"], row.id, accept=False, note="Not sure", now=NOW)
    assert (row.status, row.reviewed_by_id) == ("rejected", staff["manager2"].id)
    with pytest.raises(feedback.FeedbackRefused):
        feedback.review(session, staff["manager2"], row.id, accept=True, note="again", now=NOW)
    with pytest.raises(NotFound):
        feedback.review(session, staff["manager2"], 10**9, accept=True, note="x", now=NOW)


def test_the_review_list_shows_redacted_words_filtered(session, staff) -> None:
    risky, plain = submit(session, RISKY), submit(session, PLAIN)
    feedback.mark(session, staff["triage"], risky.reference, false_alarm(), now=NOW)
    missed = feedback.MarkInput(kind="missed", reason="Locks them in.", signal="neglect")
    feedback.mark(session, staff["triage"], plain.reference, missed, now=NOW)
    items = feedback.review_list(session, staff["manager"].user)
    assert [i.reference for i in items] == [plain.reference, risky.reference]  # newest first
    assert all("Priya" not in i.redacted_text and "Sharma" not in i.redacted_text for i in items)
    only = feedback.review_list(session, staff["manager"].user, kind="missed")
    assert [i.mark.kind for i in only] == ["missed"]
    assert feedback.review_list(session, staff["manager"].user, status="accepted") == []


def test_only_accepted_marks_are_exported_and_redacted(session, staff) -> None:
    risky, plain = submit(session, RISKY), submit(session, PLAIN)
    alarm = feedback.mark(session, staff["triage"], risky.reference, false_alarm(), now=NOW)
    missed = feedback.MarkInput(kind="missed", reason="Locks them in.", signal="neglect")
    miss = feedback.mark(session, staff["triage"], plain.reference, missed, now=NOW)
    assert list(feedback.training_rows(session)) == []
    for row in (alarm, miss):
        feedback.review(session, staff["manager"], row.id, accept=True, note="Yes", now=NOW)
    rows = list(feedback.training_rows(session))
    assert [(r["urgent"], r["signals"], r["hard"], r["source"]) for r in rows] == [
        (False, [], True, "staff-review"),
        (True, ["neglect"], True, "staff-review"),
    ]
    dumped = json.dumps(rows)
    assert "Priya" not in dumped and "Sharma" not in dumped
    assert "hit my son" in rows[0]["text"]
