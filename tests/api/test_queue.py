"""The queue and the case page, as triage staff and caseworkers use them."""

from datetime import datetime

import pytest
from sqlalchemy import select

from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from app.triage.case import Concern
from tests.api.pages import csrf, error_summary, soup
from tests.factories import concern_create
from tests.staff import make_account, make_team, sign_in


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


@pytest.fixture
def desk(client, session, frozen):
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    triage = make_account(session, "t@council.example", Role.TRIAGE)
    caseworker = make_account(session, "cw@council.example", Role.CASEWORKER, team=team)
    refs = []
    for day in (2, 3, 4):
        receipt = concerns.submit_concern(
            session,
            data=concern_create(description=f"Concern of the {day}th", desired_outcome=None),
            source=Source.WEB,
            now=at(2026, 10, day),
        ).receipt
        refs.append(receipt.reference)
    sign_in(client, triage)
    return {"team": team, "triage": triage, "caseworker": caseworker, "refs": refs}


def rows(response):
    return [
        [c.get_text(" ", strip=True) for c in tr.select("td")]
        for tr in soup(response).select("#queue tbody tr")
    ]


def act(client, reference, action, **fields):
    page = client.get(f"/staff/cases/{reference}/actions/{action}")
    assert page.status_code == 200, page.text[:300]
    return client.post(
        f"/staff/cases/{reference}/actions/{action}", data={"csrf_token": csrf(page), **fields}
    )


def test_overdue_cases_come_first_and_are_flagged(client, desk, frozen) -> None:
    frozen.at(at(2026, 11, 2))
    response = client.get("/staff/cases")
    table = rows(response)
    assert [r[0] for r in table] == desk["refs"]  # oldest deadline first
    assert all(r[1] == "Overdue" for r in table)
    banner = soup(response).select_one(".govuk-notification-banner")
    assert "3 cases are overdue" in banner.get_text()


def test_filters_and_counts(client, desk, session) -> None:
    first = desk["refs"][0]
    response = act(client, first, "triage", route="feedback", reason="Praise")
    assert response.status_code == 303
    open_cases = client.get("/staff/cases")
    assert first not in [r[0] for r in rows(open_cases)]
    everything = client.get("/staff/cases", params={"state": "all"})
    assert first in [r[0] for r in rows(everything)]
    feedback = client.get("/staff/cases", params={"state": "all", "route": "feedback"})
    assert [r[0] for r in rows(feedback)] == [first]
    options = [o.get_text(strip=True) for o in soup(open_cases).select("#clock option")]
    assert "Overdue (2)" in options


def test_triage_assigns_and_the_caseworker_sees_it_in_my_cases(app, client, desk, session) -> None:
    from fastapi.testclient import TestClient

    ref = desk["refs"][1]
    response = act(
        client,
        ref,
        "triage",
        route="statutory",
        priority="high",
        reason="Stage 1 complaint",
        team=str(desk["team"].id),
        assignee=str(desk["caseworker"].user.id),
    )
    assert response.status_code == 303
    case = client.get(f"/staff/cases/{ref}")
    assert "Stage 1 complaint" in soup(case).select_one("#timeline").get_text()
    with TestClient(app, follow_redirects=False) as other:
        sign_in(other, desk["caseworker"])
        mine = other.get("/staff/cases", params={"view": "mine"})
        assert [r[0] for r in rows(mine)] == [ref]
        assert other.get(f"/staff/cases/{desk['refs'][0]}").status_code == 404


def test_a_refused_action_explains_itself_and_keeps_the_answers(client, desk) -> None:
    ref = desk["refs"][0]
    # Not offered on a new case, so its page says why instead of showing a form.
    response = client.get(f"/staff/cases/{ref}/actions/respond")
    assert response.status_code == 409
    assert "A case that is new cannot be marked as responded" in soup(response).get_text()
    missing_reason = act(client, ref, "triage", route="statutory", reason="  ")
    assert missing_reason.status_code == 400
    assert error_summary(missing_reason) == [("Give a reason for this route", "#reason")]
    assert soup(missing_reason).select_one("input[name=route][checked]")["value"] == "statutory"


def test_the_case_page_shows_its_arithmetic(client, desk) -> None:
    ref = desk["refs"][2]
    text = soup(client.get(f"/staff/cases/{ref}")).select_one("#clocks").get_text(" ", strip=True)
    # Received on Sunday 4 October: day 0 is Monday 5 October.
    assert "Due Monday 19 October 2026: 10 working days from Monday 5 October 2026" in text
    assert "Due Thursday 8 October 2026: 3 working days from Monday 5 October 2026" in text


def test_notes_are_stored_as_typed_and_shown_escaped(client, desk, session) -> None:
    ref = desk["refs"][0]
    note = "<b>Called</b> mum\nShe will send the letter"
    assert act(client, ref, "note", body=note).status_code == 303
    timeline = soup(client.get(f"/staff/cases/{ref}")).select_one("#timeline")
    assert "<b>Called</b>" in timeline.get_text()
    from app.triage.models import CaseEvent

    concern = session.scalars(select(Concern).where(Concern.reference == ref)).one()
    stored = session.scalars(
        select(CaseEvent).where(CaseEvent.concern_id == concern.id, CaseEvent.kind == "note")
    ).one()
    assert stored.data["body"] == note


def test_a_closure_day_moves_every_open_deadline(app, client, desk, session, frozen) -> None:
    from fastapi.testclient import TestClient

    from app.sla.models import CaseClock

    admin = make_account(session, "admin@council.example", Role.ADMIN)
    ref = desk["refs"][2]  # received Sunday 4 October: acknowledgement due Thursday 8 October
    concern = session.scalars(select(Concern).where(Concern.reference == ref)).one()

    def ack_due():
        clock = session.scalars(
            select(CaseClock).where(
                CaseClock.concern_id == concern.id, CaseClock.name == "acknowledgement"
            )
        ).one()
        session.refresh(clock)
        return clock.due_on

    assert ack_due().isoformat() == "2026-10-08"
    with TestClient(app, follow_redirects=False) as admin_client:
        sign_in(admin_client, admin)
        page = admin_client.get("/staff/admin/closures")
        added = admin_client.post(
            "/staff/admin/closures",
            data={"csrf_token": csrf(page), "day": "2026-10-06", "reason": "Staff training day"},
        )
        assert added.status_code == 303
        assert ack_due().isoformat() == "2026-10-09"
        weekend = admin_client.post(
            "/staff/admin/closures",
            data={"csrf_token": csrf(page), "day": "2026-10-10", "reason": "x"},
        )
        assert weekend.status_code == 400 and "weekend" in weekend.text
        admin_client.post(
            "/staff/admin/closures/2026-10-06/remove", data={"csrf_token": csrf(page)}
        )
        assert ack_due().isoformat() == "2026-10-08"


def test_learning_actions_have_owners_dates_and_are_marked_done(client, desk, session) -> None:
    ref = desk["refs"][0]
    page = client.get(f"/staff/cases/{ref}")
    added = client.post(
        f"/staff/cases/{ref}/learning",
        data={
            "csrf_token": csrf(page),
            "description": "Name one worker for each family",
            "owner": str(desk["caseworker"].user.id),
            "due_on": "2027-01-31",
        },
    )
    assert added.status_code == 303
    page = client.get(f"/staff/cases/{ref}")
    row = [c.get_text(" ", strip=True) for c in soup(page).select("#learning-actions tbody td")]
    assert row[:3] == ["Name one worker for each family", "Cw", "31 January 2027"]
    done_form = soup(page).select_one("#learning-actions form")["action"]
    assert client.post(done_form, data={"csrf_token": csrf(page)}).status_code == 303
    page = client.get(f"/staff/cases/{ref}")
    assert "Mark done" not in soup(page).select_one("#learning-actions").get_text()
    bad = client.post(
        f"/staff/cases/{ref}/learning",
        data={"csrf_token": csrf(page), "description": "", "due_on": ""},
    )
    assert bad.status_code == 400 and "Describe what will change" in bad.text


def test_a_saved_view_keeps_the_filters_under_its_name(app, client, desk, session) -> None:
    from fastapi.testclient import TestClient

    page = client.get(
        "/staff/cases", params={"clock": "overdue", "priority": "normal", "after": "x|1"}
    )
    saved = client.post(
        "/staff/cases/views",
        data={
            "csrf_token": csrf(page),
            "name": "Overdue normal",
            "clock": "overdue",
            "priority": "normal",
        },
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == "/staff/cases?clock=overdue&priority=normal"
    queue = client.get("/staff/cases")
    link = soup(queue).find("a", string="Overdue normal")
    assert link["href"] == "/staff/cases?clock=overdue&priority=normal"
    # Nobody else sees it, or can delete it.
    with TestClient(app, follow_redirects=False) as other:
        sign_in(other, desk["caseworker"])
        assert "Overdue normal" not in other.get("/staff/cases").text
    form = soup(queue).find("form", action=lambda a: a and a.endswith("/delete"))
    client.post(form["action"], data={"csrf_token": csrf(queue)})
    assert "Overdue normal" not in client.get("/staff/cases").text


def test_themes_are_suggested_confirmed_by_staff_and_filter_the_queue(
    client, desk, session
) -> None:
    from app.triage.models import CaseEvent, CaseTheme

    receipt = concerns.submit_concern(
        session,
        data=concern_create(
            description="We have had four different social workers and nobody calls back"
        ),
        source=Source.WEB,
        now=at(2026, 11, 2),
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    suggested = {
        t.code: t.source
        for t in session.scalars(select(CaseTheme).where(CaseTheme.item_id == concern.item_id))
    }
    # What the engines suggest is stored with where it came from; these two both see.
    from app.text import themes

    expected = {
        s.code: s.source
        for s in themes.suggest("We have had four different social workers and nobody calls back")
    }
    assert suggested == expected
    assert suggested["worker-changes"] == suggested["communication"] == "both"
    filtered = client.get("/staff/cases", params={"theme": "worker-changes"})
    assert [r[0] for r in rows(filtered)] == [receipt.reference]
    page = client.get(f"/staff/cases/{receipt.reference}")
    assert soup(page).select_one("#theme-worker-changes").has_attr("checked")
    saved = client.post(
        f"/staff/cases/{receipt.reference}/themes",
        data={"csrf_token": csrf(page), "themes": ["worker-changes", "delays"]},
    )
    assert saved.status_code == 303
    stored = {
        t.code: t.source
        for t in session.scalars(select(CaseTheme).where(CaseTheme.item_id == concern.item_id))
    }
    assert stored == {"worker-changes": "staff", "delays": "staff"}
    event = session.scalars(
        select(CaseEvent).where(CaseEvent.concern_id == concern.id, CaseEvent.kind == "themes")
    ).one()
    assert event.data == {
        "before": sorted(expected),
        "after": ["delays", "worker-changes"],
    }
    assert rows(client.get("/staff/cases", params={"theme": "communication"})) == [
        ["There are no cases for you to see with these filters."]
    ]


def test_risk_in_a_note_is_shown_on_the_case_the_queue_and_the_triage_form(client, desk) -> None:
    ref = desk["refs"][0]
    note = "Grandad rang: the kids have been left home alone for 3 days with no food"
    assert act(client, ref, "note", body=note).status_code == 303
    case = soup(client.get(f"/staff/cases/{ref}"))
    warning = case.select_one("#risk").get_text(" ", strip=True)
    assert "neglect" in warning and "not on the safeguarding route" in warning
    queue_row = next(r for r in rows(client.get("/staff/cases")) if r[0] == ref)
    assert any("Possible risk" in cell for cell in queue_row)
    refused = act(client, ref, "triage", route="statutory", reason="Complaint about delay")
    assert refused.status_code == 400
    assert "may show a risk to a child (neglect)" in error_summary(refused)[0][0]
    assert soup(refused).select_one("input[name=risk_checked]") is not None
    checked = act(
        client,
        ref,
        "triage",
        route="statutory",
        reason="MASH already involved today; this complaint is about delay",
        risk_checked="yes",
    )
    assert checked.status_code == 303


def test_the_case_page_shows_what_kept_a_flag_up_and_what_set_one_aside(client, desk) -> None:
    ref = desk["refs"][1]
    joke = "Mum said she'll kill my brother if he eats the last of the cake again 😂"
    assert act(client, ref, "note", body=joke).status_code == 303
    case = soup(client.get(f"/staff/cases/{ref}"))
    assert case.select_one("#risk-evidence") is None  # nothing raised
    aside = case.select_one("#risk-lowered").get_text(" ", strip=True)
    assert "threat" in aside and "marked as a joke" in aside and "😂" in aside
    real = "He hit her last year and now he's back and did it again"
    assert act(client, ref, "note", body=real).status_code == 303
    case = soup(client.get(f"/staff/cases/{ref}"))
    raised = case.select_one("#risk-evidence").get_text(" ", strip=True)
    assert "violence" in raised and "still going on" in raised
    # Family words are isolated so they cannot reorder the page around them.
    assert case.select_one("#risk-evidence bdi") is not None
