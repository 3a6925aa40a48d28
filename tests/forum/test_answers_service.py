"""You said, we did: grouping items into an issue raised, its working-day deadline,
commitments and their moves, immutable public updates, followers, and the overdue sweep."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.concerns import service as concerns
from app.concerns.models import Source
from app.errors import Conflict, NotFound
from app.forum import answer_rules as rules
from app.forum import answers, followers, links
from app.forum.feedback import record_feedback
from app.forum.feedback_models import Channel
from app.forum.outcomes import Follower, PublicUpdate
from app.forum.schemas import FeedbackCreate
from app.forum.session_schemas import Refused
from app.notify.models import Notification
from app.staff.models import Role
from tests.conftest import utc
from tests.factories import concern_create
from tests.staff import make_account

# Monday 1 March 2027, 9am in London (GMT).
NOW = utc(2027, 3, 1, 9, 0)


def _manager(session, email="manager@council.example"):
    return Actor(make_account(session, email, Role.MANAGER).user, None)


def _feedback(session, words="Letters come too late", email="parent@example.com"):
    data = FeedbackCreate(role="parent-carer", feedback=words, contact_email=email)
    case, _ = record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    return case.reference


def _concern(session):
    receipt = concerns.submit_concern(session, data=concern_create(), source=Source.WEB, now=NOW)
    return receipt.receipt.reference


def _issue(session, actor, references, **changes):
    answers_ = {
        "title": "Letters arrive after the meeting",
        "summary": "Parents told us letters about meetings arrive too late to plan.",
        "references": "\n".join(references),
        **changes,
    }
    details = rules.read_issue(answers_, themes=[], sessions=[])
    return answers.create_issue(session, actor, details, now=NOW)


def _commitment(session, actor, issue):
    details = rules.read_commitment(
        {
            "what": "Send letters two weeks ahead",
            "owner": "Business support",
            "day": "1",
            "month": "6",
            "year": "2027",
        }
    )
    return answers.add_commitment(session, actor, issue, details, now=NOW)


def test_the_deadline_counts_working_days_over_bank_holidays() -> None:
    # Heard on Wednesday 23 December 2026: Christmas Day and Boxing Day's substitute
    # (Monday 28th) are not working days; nor are Good Friday and Easter Monday 2027.
    assert rules.respond_by(utc(2026, 12, 23, 10, 0), 2) == date(2026, 12, 29)
    assert rules.respond_by(utc(2027, 3, 1, 9, 0), 20) == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("today", "answered", "expected"),
    [
        (date(2027, 3, 1), False, rules.Deadline.ON_TIME),
        (date(2027, 3, 23), False, rules.Deadline.ON_TIME),
        (date(2027, 3, 24), False, rules.Deadline.DUE_SOON),  # 3 working days: Easter
        (date(2027, 3, 31), False, rules.Deadline.DUE_SOON),
        (date(2027, 4, 1), False, rules.Deadline.OVERDUE),
        (date(2027, 4, 1), True, rules.Deadline.ANSWERED),
    ],
)
def test_deadline_status(today, answered, expected) -> None:
    due = date(2027, 3, 31)
    assert rules.deadline(due, today=today, answered=answered, due_soon_days=3) == expected


def test_references_are_read_however_they_are_typed() -> None:
    text = "fv-2026-000001, FV-2026-000002\nFV-2026-000001 and nonsense FV-12"
    assert rules.references_in(text) == ["FV-2026-000001", "FV-2026-000002"]


def test_every_problem_with_an_issue_is_found_at_once() -> None:
    with pytest.raises(Refused) as refused:
        rules.read_issue(
            {
                "title": " ",
                "summary": "",
                "theme_code": "nope",
                "session_id": "9",
                "references": "none here",
            },
            themes=["letters"],
            sessions=[1],
        )
    fields = [field for field, _ in refused.value.problems]
    assert fields == ["title", "summary", "theme_code", "session_id", "references"]


def test_not_possible_needs_a_reason_and_the_same_status_is_no_move() -> None:
    with pytest.raises(Refused) as refused:
        rules.read_move({"status": "not-possible", "reason": " "}, current="planned")
    assert [f for f, _ in refused.value.problems] == ["reason"]
    with pytest.raises(Refused):
        rules.read_move({"status": "planned"}, current="planned")
    with pytest.raises(Refused):
        rules.read_move({"status": "finished"}, current="planned")
    assert rules.read_move({"status": "done"}, current="planned").reason is None


def test_a_manager_groups_items_and_the_clock_starts_at_the_first(session) -> None:
    actor = _manager(session)
    first, second = _feedback(session), _concern(session)
    issue = _issue(session, actor, [first, second.lower()])
    assert issue.heard_at == NOW
    # 20 working days after Monday 1 March, over Good Friday and Easter Monday.
    assert issue.respond_by == date(2027, 3, 31)
    assert {i.item_id for i in issue.items} and len(issue.items) == 2
    assert [f.email for f in session.scalars(select(Follower))] == ["parent@example.com"]
    assert "issue-raised-added" in session.scalars(select(AuditEvent.action)).all()


def test_an_unknown_reference_is_refused_by_name(session) -> None:
    actor = _manager(session)
    with pytest.raises(Refused) as refused:
        _issue(session, actor, [_feedback(session), "FV-2026-999999"])
    assert "FV-2026-999999" in refused.value.problems[0][1]


def test_publishing_needs_a_commitment_and_writes_a_snapshot(session) -> None:
    actor = _manager(session)
    issue = _issue(session, actor, [_feedback(session)])
    with pytest.raises(Conflict):
        answers.publish(session, actor, issue, now=NOW)
    commitment = _commitment(session, actor, issue)
    milestone = rules.read_milestone({"milestone": "New template agreed"})
    answers.add_milestone(session, actor, commitment, milestone, now=NOW)
    first = answers.publish(session, actor, issue, now=NOW)
    assert issue.first_published_at == NOW
    assert first.summary == issue.summary
    assert first.commitments[0]["status"] == "planned"
    assert first.commitments[0]["milestones"][0]["title"] == "New template agreed"
    # The feedback giver follows it at once, and is told.
    told = session.scalars(select(Notification).where(Notification.template.like("you-said%")))
    assert [n.to_address for n in told] == ["parent@example.com"]


def test_a_move_is_a_new_update_and_the_old_one_stays_as_it_was(session) -> None:
    actor = _manager(session)
    issue = _issue(session, actor, [_feedback(session)])
    commitment = _commitment(session, actor, issue)
    first = answers.publish(session, actor, issue, now=NOW)
    later = NOW + timedelta(days=30)
    move = rules.read_move({"status": "done"}, current=commitment.status)
    second = answers.move_commitment(session, actor, commitment, move, now=later)
    session.expire_all()
    assert second.corrects_id == first.id
    assert session.get(PublicUpdate, first.id).commitments[0]["status"] == "planned"
    assert session.get(PublicUpdate, second.id).commitments[0]["status"] == "done"
    assert answers.published(session)[0].id == second.id
    assert [u.id for u in answers.updates_of(session, issue.id)] == [second.id, first.id]


def test_followers_confirm_hear_of_updates_and_can_stop(session) -> None:
    actor = _manager(session)
    issue = _issue(session, actor, [_concern(session)])  # a concern: nobody follows at once
    commitment = _commitment(session, actor, issue)
    answers.publish(session, actor, issue, now=NOW)
    follower = followers.follow(session, issue, " Someone@Example.com ", now=NOW)
    assert follower.email == "someone@example.com" and follower.confirmed_at is None
    confirm = session.scalars(
        select(Notification).where(Notification.template == "you-said-we-did-confirm")
    ).one()
    assert links.confirm_path(follower.id) in confirm.personalisation["confirm_link"]
    token = links.confirm_token(follower.id)
    followers.confirm(session, token, now=NOW)
    followers.confirm(session, token, now=NOW + timedelta(hours=1))
    assert follower.confirmed_at == NOW
    move = rules.read_move({"status": "in-progress"}, current=commitment.status)
    answers.move_commitment(session, actor, commitment, move, now=NOW)
    update = session.scalars(
        select(Notification).where(Notification.template == "you-said-we-did-update")
    ).one()
    assert update.to_address == "someone@example.com"
    assert links.unsubscribe_path(follower.id) in update.personalisation["unsubscribe_link"]
    followers.unsubscribe(session, links.unsubscribe_token(follower.id), now=NOW)
    move = rules.read_move({"status": "done"}, current=commitment.status)
    answers.move_commitment(session, actor, commitment, move, now=NOW)
    count = session.scalars(
        select(Notification).where(Notification.template == "you-said-we-did-update")
    ).all()
    assert len(count) == 1
    with pytest.raises(NotFound):
        followers.confirm(session, "forged", now=NOW)


def test_the_sweep_tells_managers_once_about_an_unanswered_issue(session) -> None:
    actor = _manager(session)
    _manager(session, "second@council.example")
    make_account(session, "caseworker@council.example", Role.CASEWORKER)
    issue = _issue(session, actor, [_concern(session)])
    answered = _issue(session, actor, [_concern(session)], title="Answered")
    _commitment(session, actor, answered)
    answers.publish(session, actor, answered, now=NOW)
    assert answers.alert_overdue(session, now=utc(2027, 3, 31, 22, 0)) == 0  # its last day
    late = utc(2027, 4, 1, 9, 0)
    assert answers.alert_overdue(session, now=late) == 2
    assert answers.alert_overdue(session, now=late + timedelta(days=1)) == 0
    told = session.scalars(
        select(Notification).where(Notification.template == "you-said-we-did-overdue")
    ).all()
    assert sorted(n.to_address for n in told) == [
        "manager@council.example",
        "second@council.example",
    ]
    assert told[0].personalisation["link"].endswith(f"/staff/you-said-we-did/{issue.id}")
    assert told[0].personalisation["respond_by"] == "2027-03-31"
    rows = {r.issue.id: r.deadline for r in answers.staff_list(session, now=late)}
    assert rows == {issue.id: rules.Deadline.OVERDUE, answered.id: rules.Deadline.ANSWERED}


def test_asking_again_resends_the_confirm_link_but_not_without_end(session) -> None:
    actor = _manager(session)
    issue = _issue(session, actor, [_concern(session)])
    _commitment(session, actor, issue)
    answers.publish(session, actor, issue, now=NOW)
    for minutes in range(6):
        followers.follow(session, issue, "target@example.com", now=NOW + timedelta(minutes=minutes))
    confirms = select(Notification).where(Notification.template == "you-said-we-did-confirm")
    assert len(session.scalars(confirms).all()) == followers.CONFIRMS_A_DAY
    followers.follow(session, issue, "target@example.com", now=NOW + timedelta(days=2))
    assert len(session.scalars(confirms).all()) == followers.CONFIRMS_A_DAY + 1


def test_a_published_update_cannot_be_changed(session) -> None:
    from app.forum.outcomes import PublishedUpdateChanged

    actor = _manager(session)
    issue = _issue(session, actor, [_concern(session)])
    _commitment(session, actor, issue)
    published = answers.publish(session, actor, issue, now=NOW)
    published.summary = "Something we never said"
    with pytest.raises(PublishedUpdateChanged):
        session.flush()


def test_a_past_session_shows_what_was_heard_and_done_once_published(app, session, frozen) -> None:
    from fastapi.testclient import TestClient

    from app.forum.models import ForumSession
    from tests.api.pages import soup

    began = NOW - timedelta(days=7)
    forum_session = ForumSession(
        title="Parents' forum", starts_at=began, ends_at=began + timedelta(hours=1),
        format="in-person", place="Library", topics="", capacity=20, created_at=began,
    )  # fmt: skip
    session.add(forum_session)
    session.flush()
    actor = _manager(session)
    answered = _issue(session, actor, [_feedback(session)])
    waiting = _issue(session, actor, [_concern(session)], title="Not yet answered")
    for issue in (answered, waiting):
        issue.session_id = forum_session.id
    _commitment(session, actor, answered)
    update = answers.publish(session, actor, answered, now=NOW)
    assert answers.answers_for_sessions(session, [forum_session.id]) == {forum_session.id: [update]}
    assert answers.answers_for_sessions(session, []) == {}

    frozen.at(NOW)
    page = soup(TestClient(app).get("/forum")).select_one(f"#past-{forum_session.id}")
    links_ = [(a.get_text(strip=True), a["href"]) for a in page.select("a")]
    assert links_ == [(answered.title, f"/you-said-we-did/{answered.id}")]
