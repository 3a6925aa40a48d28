"""Staff and forum feedback: the queue's Forum feedback filter, the case page's Forum box,
turning feedback into a concern (linked, audited, on a complaint's clocks), and a
facilitator entering what was said at a meeting (screened for risk, audited)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.concerns import service as concerns
from app.concerns.models import Source
from app.forum import feedback, meetings, to_concern
from app.forum.feedback_models import Channel, ForumFeedback
from app.forum.schemas import FeedbackCreate
from app.staff.models import Role
from app.triage.case import Concern
from tests.api.pages import as_read, csrf, error_summary, soup
from tests.conftest import utc
from tests.factories import concern_create
from tests.forum.helpers import forum_session
from tests.staff import make_account, make_team, sign_in

NOW = utc(2026, 11, 2, 10, 0)


@pytest.fixture
def desk(client, session, frozen):
    frozen.at(NOW)
    team = make_team(session, "North", "Children in need")
    people = {
        role: make_account(session, f"{role.value}@council.example", role, team=team)
        for role in Role
    }
    october = forum_session(session, "October forum", NOW - timedelta(days=7))
    data = FeedbackCreate(
        role="parent-carer",
        feedback="Please ring me back about my son's <b>plan</b>.",
        session_id=october.id,
        contact_email="jo@example.com",
    )
    case, _ = feedback.record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    concerns.submit_concern(session, data=concern_create(), source=Source.WEB, now=NOW)
    return {"people": people, "session": october, "ref": case.reference, "team": team}


def _as(client, desk, role: Role) -> None:
    sign_in(client, desk["people"][role])


def _audited(session, action: str, target: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(AuditEvent.action == action, AuditEvent.target_id == target)
        )
    )


def test_the_queue_filters_to_forum_feedback(client, session, desk) -> None:
    _as(client, desk, Role.TRIAGE)
    page = client.get("/staff/cases?source=forum")
    assert page.status_code == 200
    options = [o.get_text() for o in soup(page).select("#source option")]
    assert "Forum feedback" in options
    assert desk["ref"] in page.text
    assert page.text.count("FV-2026-000002") == 0  # the concern is not forum feedback


def test_the_case_page_shows_the_forum_box_escaped(client, session, desk) -> None:
    _as(client, desk, Role.TRIAGE)
    page = client.get(f"/staff/cases/{desk['ref']}")
    box = soup(page).select_one("#forum")
    assert box is not None
    text = as_read(box).get_text(" ", strip=True)
    assert "Online form" in text and "October forum, 26 October 2026" in text
    assert "The family, themselves" in text
    assert "<b>plan</b>" not in page.text and "&lt;b&gt;plan&lt;/b&gt;" in page.text
    assert box.select_one("form")["action"] == f"/staff/cases/{desk['ref']}/turn-into-concern"


def _turn(client, reference, route="statutory"):
    token = csrf(client.get(f"/staff/cases/{reference}"))
    return client.post(
        f"/staff/cases/{reference}/turn-into-concern", data={"csrf_token": token, "route": route}
    )


def test_turning_feedback_into_a_concern_links_both_ways_with_statutory_clocks(
    client, session, desk
) -> None:
    _as(client, desk, Role.TRIAGE)
    response = _turn(client, desk["ref"])
    assert response.status_code == 303
    new_ref = response.headers["location"].rsplit("/", 1)[1]
    concern = session.scalars(select(Concern).where(Concern.reference == new_ref)).one()
    assert (concern.item.kind, concern.route, concern.source) == ("concern", "statutory", "forum")
    assert concern.item.description == "Please ring me back about my son's <b>plan</b>."
    assert concern.item.contact_email == "jo@example.com"
    assert concern.next_due_at is not None and concern.policy_code  # the complaint's clocks
    feedback_case = session.scalars(select(Concern).where(Concern.reference == desk["ref"])).one()
    assert session.get(ForumFeedback, feedback_case.item_id).concern_item_id == concern.item_id
    # Both pages link to the other; the feedback offers the turn no more.
    feedback_page = client.get(f"/staff/cases/{desk['ref']}")
    assert f'href="/staff/cases/{new_ref}"' in feedback_page.text
    assert soup(feedback_page).select_one("#forum form") is None
    concern_page = client.get(f"/staff/cases/{new_ref}")
    assert "Made from feedback" in concern_page.text
    assert f'href="/staff/cases/{desk["ref"]}"' in concern_page.text
    for ref in (desk["ref"], new_ref):
        (changed,) = _audited(session, "case-changed", ref)
        assert changed.details["change"] == "turned-into-concern"
    # A second time is refused, and makes nothing.
    again = _turn(client, desk["ref"])
    assert again.status_code == 409
    assert session.query(Concern).count() == 3


def test_only_feedback_can_be_turned_and_only_onto_a_complaint_route(client, session, desk) -> None:
    _as(client, desk, Role.TRIAGE)
    assert _turn(client, "FV-2026-000002").status_code == 409  # a concern already
    assert _turn(client, desk["ref"], route="feedback").status_code == 409
    assert _turn(client, desk["ref"], route="<script>").status_code == 409
    assert session.query(Concern).count() == 2


@pytest.mark.parametrize("role", [Role.ADMIN, Role.FACILITATOR, Role.COMMISSION])
def test_roles_without_case_access_are_refused_the_turn(client, session, desk, role) -> None:
    _as(client, desk, role)
    token = csrf(client.get("/staff"))
    response = client.post(
        f"/staff/cases/{desk['ref']}/turn-into-concern",
        data={"csrf_token": token, "route": "statutory"},
    )
    assert response.status_code == 403
    assert session.query(Concern).count() == 2


def test_a_caseworker_who_cannot_see_the_case_gets_not_found(client, session, desk) -> None:
    _as(client, desk, Role.CASEWORKER)  # feedback has no team yet: not the caseworker's
    token = csrf(client.get("/staff"))
    response = client.post(
        f"/staff/cases/{desk['ref']}/turn-into-concern",
        data={"csrf_token": token, "route": "statutory"},
    )
    assert response.status_code == 404
    assert session.query(Concern).count() == 2


def test_a_caseworker_on_the_case_can_turn_it(client, session, desk) -> None:
    case = session.scalars(select(Concern).where(Concern.reference == desk["ref"])).one()
    case.team_id = desk["team"].id
    session.flush()
    _as(client, desk, Role.CASEWORKER)
    assert _turn(client, desk["ref"], route="corporate").status_code == 303


def test_why_not_is_a_pure_rule() -> None:
    case = Concern(state="new")
    assert to_concern.why_not(None, case) == "Only forum feedback can be turned into a concern"
    assert to_concern.why_not(ForumFeedback(concern_item_id=5), case).startswith("This feedback")
    assert to_concern.why_not(ForumFeedback(), Concern(state="closed")).startswith(
        "This feedback is"
    )
    assert to_concern.why_not(ForumFeedback(), case) is None


# Meeting notes.


def _meeting_path(desk) -> str:
    return f"/staff/forum/sessions/{desk['session'].id}/feedback"


def _enter(client, desk, **answers):
    token = csrf(client.get(_meeting_path(desk)))
    return client.post(_meeting_path(desk), data={"csrf_token": token, **answers})


def test_a_facilitator_enters_what_was_said_at_a_meeting(client, session, desk) -> None:
    _as(client, desk, Role.FACILITATOR)
    page = client.get(_meeting_path(desk))
    assert page.status_code == 200 and "October forum" in page.text
    response = _enter(
        client,
        desk,
        feedback="The bus to the centre is <script>x</script>",
        role="young-person",
        consent_to_share="yes",
    )
    assert response.status_code == 303
    link = session.scalars(select(ForumFeedback).where(ForumFeedback.channel == "meeting")).one()
    assert link.entered_by_id == desk["people"][Role.FACILITATOR].user.id
    assert link.session_id == desk["session"].id
    case = session.scalars(select(Concern).where(Concern.item_id == link.item_id)).one()
    assert case.item.description == "The bus to the centre is <script>x</script>"
    assert (case.route, case.source) == ("feedback", "forum")
    (entered,) = _audited(session, "forum-feedback-entered", case.reference)
    assert entered.actor_id == desk["people"][Role.FACILITATOR].user.id
    _as(client, desk, Role.TRIAGE)
    box = soup(client.get(f"/staff/cases/{case.reference}")).select_one("#forum")
    text = box.get_text(" ", strip=True)
    assert "Entered from a meeting" in text and "Facilitator" in text


def test_meeting_feedback_suggesting_risk_goes_to_safeguarding(client, session, desk) -> None:
    _as(client, desk, Role.FACILITATOR)
    response = _enter(
        client,
        desk,
        feedback="A girl said her stepdad hits her every night",
        role="young-person",
        consent_to_share="no",
    )
    assert response.status_code == 303
    after = client.get(response.headers["location"])
    assert "gone to the safeguarding team" in after.text
    link = session.scalars(select(ForumFeedback).where(ForumFeedback.channel == "meeting")).one()
    case = session.scalars(select(Concern).where(Concern.item_id == link.item_id)).one()
    assert case.safeguarding is True and case.route == "safeguarding"


def test_bad_meeting_entries_show_the_error_summary_and_store_nothing(
    client, session, desk
) -> None:
    _as(client, desk, Role.FACILITATOR)
    response = _enter(client, desk, feedback="", contact_email="nope")
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == [
        "#feedback",
        "#role",
        "#contact_email",
        "#consent_to_share",
    ]
    assert session.query(Concern).count() == 2


@pytest.mark.parametrize("role", [Role.TRIAGE, Role.CASEWORKER, Role.ADMIN, Role.COMMISSION])
def test_only_facilitators_and_managers_enter_meeting_feedback(client, desk, role) -> None:
    _as(client, desk, role)
    assert client.get(_meeting_path(desk)).status_code == 403


def test_a_session_to_come_or_another_facilitators_is_not_found(client, session, desk) -> None:
    other = make_account(session, "other@council.example", Role.FACILITATOR)
    theirs = forum_session(session, "Their forum", NOW - timedelta(days=2))
    theirs.facilitator_id = other.user.id
    future = forum_session(session, "Next month", NOW + timedelta(days=20))
    session.flush()
    _as(client, desk, Role.FACILITATOR)
    for row in (theirs, future):
        assert client.get(f"/staff/forum/sessions/{row.id}/feedback").status_code == 404
    assert client.get("/staff/forum/sessions/99999/feedback").status_code == 404
    assert client.get(f"/staff/forum/sessions/{2**40}/feedback").status_code == 404
    assert meetings.may_enter({Role.MANAGER}, 1, theirs) is True
    assert meetings.may_enter({Role.FACILITATOR}, other.user.id, theirs) is True
    assert meetings.may_enter({Role.FACILITATOR}, 12345, theirs) is False


def test_the_family_tracks_the_concern_with_their_feedback_reference(client, session, desk) -> None:
    given = client.post(
        "/api/v1/feedback", json={"role": "parent-carer", "feedback": "Ring me back please."}
    ).json()
    headers = {"X-Tracking-Code": given["tracking_code"]}
    before = client.get(f"/api/v1/concerns/{given['reference']}", headers=headers)
    assert before.status_code == 200 and before.json()["status"] == "received"
    _as(client, desk, Role.TRIAGE)
    made = _turn(client, given["reference"]).headers["location"].rsplit("/", 1)[1]
    concern = session.scalars(select(Concern).where(Concern.reference == made)).one()
    concern.state = "acknowledged"
    session.flush()
    after = client.get(f"/api/v1/concerns/{given['reference']}", headers=headers).json()
    assert (after["reference"], after["status"]) == (given["reference"], "in-progress")
    assert after["respond_by"] == concern.response_due_on.isoformat()
    page = client.post(
        "/track",
        data={
            "csrf_token": csrf(client.get("/track")),
            "reference": given["reference"],
            "tracking_code": given["tracking_code"],
        },
    )
    assert page.status_code == 200 and "Being looked into" in page.text


def test_saving_the_same_meeting_form_twice_keeps_one_item(client, session, desk) -> None:
    _as(client, desk, Role.FACILITATOR)
    page = client.get(_meeting_path(desk))
    form = {
        "csrf_token": csrf(page),
        "submit_token": soup(page).find("input", {"name": "submit_token"})["value"],
        "feedback": "More youth workers, please",
        "role": "young-person",
        "consent_to_share": "yes",
    }
    first = client.post(_meeting_path(desk), data=form)
    again = client.post(_meeting_path(desk), data=form)
    assert (first.status_code, again.status_code) == (303, 303)
    assert session.query(ForumFeedback).filter_by(channel="meeting").count() == 1
    changed = client.post(_meeting_path(desk), data={**form, "feedback": "And a bus"})
    assert changed.status_code == 400 and "already saved this form" in changed.text
    assert session.query(ForumFeedback).filter_by(channel="meeting").count() == 1


def test_a_facilitator_finds_the_sessions_they_may_enter_from_home(client, session, desk) -> None:
    other = make_account(session, "other@council.example", Role.FACILITATOR)
    theirs = forum_session(session, "Their forum", NOW - timedelta(days=2))
    theirs.facilitator_id = other.user.id
    forum_session(session, "Next month", NOW + timedelta(days=20))
    session.flush()
    _as(client, desk, Role.FACILITATOR)
    home = client.get("/staff")
    assert 'href="/staff/forum/sessions"' in home.text
    listed = soup(client.get("/staff/forum/sessions")).select("#sessions a")
    assert [a["href"] for a in listed] == [_meeting_path(desk)]
