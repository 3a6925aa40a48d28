"""You said, we did on the web: a manager groups items into an issue raised, adds a
commitment and a milestone, publishes and moves it; bad answers get the error summary and
keep what was typed; ids that are not ours are 404s, never a database error."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from app.clock import LONDON
from app.forum.feedback import record_feedback
from app.forum.feedback_models import Channel
from app.forum.outcomes import IssueRaised, PublicUpdate
from app.forum.schemas import FeedbackCreate
from app.notify.models import Notification
from app.staff.models import Role
from tests.api.pages import as_read, error_summary, form_post, soup
from tests.staff import make_account, sign_in

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)
ISSUE = {
    "title": "Letters <script>alert(1)</script> arrive late",
    "summary": "Parents told us letters about meetings arrive too late to plan for.",
    "summary_for_children": "Letters come too late.",
}
COMMITMENT = {
    "what": "Send letters two weeks ahead",
    "owner": "Business support",
    "day": "1",
    "month": "2",
    "year": "2027",
}


def feedback(session, words: str, email: str | None = "parent@example.com") -> str:
    data = FeedbackCreate(role="parent-carer", feedback=words, contact_email=email)
    case, _ = record_feedback(session, data, channel=Channel.ONLINE, now=NOW)
    return case.reference


@pytest.fixture
def manager(client, session, frozen):
    frozen.at(NOW)
    account = make_account(session, "manager@council.example", Role.MANAGER)
    sign_in(client, account)
    return account


def add_issue(client, references: list[str], **changes):
    data = {**ISSUE, "references": "\n".join(references), **changes}
    return form_post(client, "/staff/you-said-we-did/new", data)


def test_a_manager_groups_commits_publishes_and_moves(client, session, manager) -> None:
    first = feedback(session, "Letters from Mrs Jones at 12 High Street come late")
    second = feedback(session, "Our letters come after the meeting", "other@example.com")
    case = soup(client.get(f"/staff/cases/{first}")).select_one("#you-said-we-did + p a")
    assert case["href"] == f"/staff/you-said-we-did/new?references={first}"
    page = client.get(f"/staff/you-said-we-did/new?references={first},{second}")
    assert first in page.text and second in page.text
    response = add_issue(client, [first, second])
    assert response.status_code == 303
    issue = session.scalars(select(IssueRaised)).one()
    assert response.headers["location"] == f"/staff/you-said-we-did/{issue.id}"
    page = client.get(response.headers["location"])
    assert "<script>alert(1)</script>" not in page.text
    assert [a.get_text() for a in soup(page).select("#items a")] == [first, second]
    assert "On time" in soup(page).select_one("#deadline").get_text()

    base = f"/staff/you-said-we-did/{issue.id}"
    assert form_post(client, f"{base}/commitments/new", COMMITMENT).status_code == 303
    commitment = issue.commitments[0]
    milestone = {"milestone": "Template agreed", "milestone_day": "", "milestone_year": ""}
    path = f"{base}/commitments/{commitment.id}/milestones/new"
    assert form_post(client, path, milestone).status_code == 303
    assert form_post(client, f"{base}/publish", {}, page=base).status_code == 303
    path = f"{base}/commitments/{commitment.id}/status"
    assert form_post(client, path, {"status": "done", "reason": ""}).status_code == 303
    updates = session.scalars(select(PublicUpdate).order_by(PublicUpdate.id)).all()
    assert [u.commitments[0]["status"] for u in updates] == ["planned", "done"]
    told = session.scalars(
        select(Notification.to_address).where(Notification.template == "you-said-we-did-update")
    ).all()
    # Both feedback givers left an email: told of the first publication and of the move.
    assert sorted(told) == sorted(["parent@example.com", "other@example.com"] * 2)
    listing = as_read(soup(client.get("/staff/you-said-we-did")))
    row = listing.select_one(f"#issue-{issue.id}").get_text(" ", strip=True)
    assert "Answered" in row


def test_bad_answers_get_the_error_summary_and_keep_what_was_typed(
    client, session, manager
) -> None:
    response = add_issue(client, ["FV-2026-999999"], title="", theme_code="no-such-theme")
    assert response.status_code == 400
    assert error_summary(response) == [
        ("Enter a title", "#title"),
        ("Select a theme from the list", "#theme_code"),
    ]
    assert "FV-2026-999999" in response.text
    response = add_issue(client, ["FV-2026-999999"])
    assert response.status_code == 400
    assert error_summary(response)[0][1] == "#references"
    assert "Mrs" not in response.text

    reference = feedback(session, "Letters come late")
    add_issue(client, [reference])
    issue = session.scalars(select(IssueRaised)).one()
    base = f"/staff/you-said-we-did/{issue.id}"
    bad = {**COMMITMENT, "what": "Kept <b>as typed</b>", "owner": " ", "day": "31", "month": "2"}
    response = form_post(client, f"{base}/commitments/new", bad)
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#owner", "#day"]
    assert "Kept &lt;b&gt;as typed&lt;/b&gt;" in response.text
    form_post(client, f"{base}/commitments/new", COMMITMENT)
    path = f"{base}/commitments/{issue.commitments[0].id}/status"
    response = form_post(client, path, {"status": "not-possible", "reason": ""})
    assert response.status_code == 400
    assert error_summary(response)[0][1] == "#reason"


@pytest.mark.parametrize(
    "path",
    [
        "/staff/you-said-we-did/99999999999999999999",
        "/staff/you-said-we-did/0",
        "/staff/you-said-we-did/-1/commitments/new",
        "/staff/you-said-we-did/abc/commitments/1/status",
        "/you-said-we-did/99999999999999999999",
        "/you-said-we-did/1",
    ],
)
def test_ids_that_are_not_ours_are_404(client, manager, path) -> None:
    assert client.get(path).status_code == 404


def test_publishing_with_nothing_promised_is_refused_not_a_500(client, session, manager) -> None:
    add_issue(client, [feedback(session, "Letters come late")])
    issue = session.scalars(select(IssueRaised)).one()
    base = f"/staff/you-said-we-did/{issue.id}"
    response = form_post(client, f"{base}/publish", {}, page=base)
    assert response.status_code == 409
    assert session.scalars(select(PublicUpdate)).all() == []


def _published(client, session) -> IssueRaised:
    add_issue(client, [feedback(session, "Letters from Mrs Jones at 12 High Street come late")])
    issue = session.scalars(select(IssueRaised)).one()
    base = f"/staff/you-said-we-did/{issue.id}"
    form_post(client, f"{base}/commitments/new", COMMITMENT)
    form_post(client, f"{base}/publish", {}, page=base)
    return issue


def test_the_public_sees_only_staff_words_and_can_follow_and_stop(
    app, client, session, manager
) -> None:
    from fastapi.testclient import TestClient

    issue = _published(client, session)
    family = TestClient(app)
    listing = family.get("/you-said-we-did")
    assert listing.status_code == 200
    card = as_read(soup(listing)).select_one(f"#issue-{issue.id}").get_text(" ", strip=True)
    assert "Letters <script>alert(1)</script> arrive late" in card
    assert ISSUE["summary"] in card and "Send letters two weeks ahead: planned" in card
    page = family.get(f"/you-said-we-did/{issue.id}")
    for words in ("Mrs Jones", "High Street", "parent@example.com", "FV-"):
        assert words not in listing.text and words not in page.text
    assert "<script>alert(1)</script>" not in page.text
    children = family.get(f"/you-said-we-did/{issue.id}?version=children")
    assert "Letters come too late." in soup(children).select_one("#you-said").get_text()

    path = f"/you-said-we-did/{issue.id}"
    response = form_post(family, f"{path}/follow", {"email": "not an email"}, page=path)
    assert response.status_code == 400
    assert error_summary(response)[0][1] == "#email"
    assert 'value="not an email"' in response.text
    response = form_post(family, f"{path}/follow", {"email": "reader@example.com"}, page=path)
    assert response.status_code == 200 and "Check your email" in response.text
    message = session.scalars(
        select(Notification).where(Notification.template == "you-said-we-did-confirm")
    ).one()
    confirm = message.personalisation["confirm_link"].removeprefix("http://127.0.0.1:8000")
    assert "Confirm" in family.get(confirm).text
    assert "You are following this" in form_post(family, confirm, {}).text

    commitment = issue.commitments[0]
    status = f"/staff/you-said-we-did/{issue.id}/commitments/{commitment.id}/status"
    form_post(client, status, {"status": "done", "reason": "Letters now go three weeks ahead."})
    sent = session.scalars(
        select(Notification).where(
            Notification.template == "you-said-we-did-update",
            Notification.to_address == "reader@example.com",
        )
    ).one()
    page = as_read(soup(family.get(path)))
    assert "Done" in page.select_one("#we-did").get_text()
    assert "Letters now go three weeks ahead." in page.select_one("#we-did").get_text()
    stop = sent.personalisation["unsubscribe_link"].removeprefix("http://127.0.0.1:8000")
    assert "Stop emails" in family.get(stop).text
    assert "no more emails" in form_post(family, stop, {}).text
    assert family.get("/you-said-we-did/unsubscribe/forged").status_code == 404
    assert family.get("/you-said-we-did/follow/confirm/forged").status_code == 404


def test_an_issue_not_published_is_not_public(app, client, session, manager) -> None:
    from fastapi.testclient import TestClient

    add_issue(client, [feedback(session, "Letters come late")])
    issue = session.scalars(select(IssueRaised)).one()
    family = TestClient(app)
    assert family.get(f"/you-said-we-did/{issue.id}").status_code == 404
    forum = soup(family.get("/forum")).select_one("#you-said-we-did-link a")
    assert forum["href"] == "/you-said-we-did"
    assert f"issue-{issue.id}" not in family.get("/you-said-we-did").text


def test_the_list_warns_of_an_issue_past_its_deadline(client, session, manager, frozen) -> None:
    add_issue(client, [feedback(session, "Letters come late")])
    issue = session.scalars(select(IssueRaised)).one()
    frozen.at(datetime(2027, 2, 1, 10, 0, tzinfo=LONDON))  # well past 20 working days
    sign_in(client, manager)  # the first sign-in has long expired
    page = as_read(soup(client.get("/staff/you-said-we-did")))
    assert "Overdue" in page.select_one(f"#issue-{issue.id}").get_text()
    assert "1 issue has not been answered" in page.select_one("#overdue-warning").get_text()
