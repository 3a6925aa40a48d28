"""Managers' theme pages: list and history, add, change, retire, reinstate, suggestions."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from app.audit import actions
from app.audit.models import AuditEvent
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from app.taxonomy import service as taxonomy
from app.taxonomy.models import Theme
from app.triage.case import Concern
from tests.api.pages import as_read, csrf, error_summary, form_post, h1, soup
from tests.factories import concern_create
from tests.staff import make_account, make_team, sign_in


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


@pytest.fixture
def manager(client, session, frozen):
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    account = make_account(session, "m@council.example", Role.MANAGER, team=team)
    sign_in(client, account)
    return account


def _rows(page, table_id: str) -> list[list[str]]:
    parsed = as_read(soup(page))
    return [
        [c.get_text(" ", strip=True) for c in row.find_all("td")]
        for row in parsed.select(f"#{table_id} tbody tr")
    ]


def test_the_list_shows_themes_codes_descriptions_and_history(client, manager) -> None:
    page = client.get("/staff/themes")
    assert page.status_code == 200
    assert h1(page) == "Themes"
    active = _rows(page, "active-themes")
    assert len(active) == 14
    assert active[0][:4] == [
        "Changes of worker",
        "worker-changes",
        "many different social workers, agency and temporary staff, handovers, "
        "no consistent named worker",
        "1",
    ]
    assert _rows(page, "retired-themes") == [["No retired themes."]]
    (first,) = _rows(page, "history")
    assert first[0] == "1" and first[2] == "Set up with the service"
    assert "Added 14 themes" in first[3]
    nav = [a.get_text(strip=True) for a in soup(page).select(".govuk-service-navigation__link")]
    assert "Themes" in nav


def test_a_manager_adds_a_theme(client, session, manager) -> None:
    data = {
        "code": "school-transport",
        "label": "School transport",
        "description": "home to school transport late, cancelled or unsuitable",
        "reason": "Several concerns this term with no theme",
    }
    added = form_post(client, "/staff/themes/new", data)
    assert added.status_code == 303
    assert added.headers["location"] == "/staff/themes#theme-school-transport"
    page = client.get("/staff/themes")
    assert _rows(page, "active-themes")[-1][:4] == [
        "School transport",
        "school-transport",
        "home to school transport late, cancelled or unsuitable",
        "2",
    ]
    latest = _rows(page, "history")[0]
    assert latest[0] == "2"
    assert latest[2] == manager.user.display_name
    assert latest[3].startswith("Added school-transport") and "“School transport”" in latest[3]
    assert latest[4] == "Several concerns this term with no theme"


def test_adding_shows_each_error_and_keeps_the_answers(client, session, manager) -> None:
    refused = form_post(
        client,
        "/staff/themes/new",
        {"code": "School Transport", "label": "", "description": "x" * 501, "reason": ""},
    )
    assert refused.status_code == 400
    assert [href for _, href in error_summary(refused)] == [
        "#code",
        "#label",
        "#description",
        "#reason",
    ]
    assert "lowercase" in error_summary(refused)[0][0]
    assert soup(refused).select_one("#code")["value"] == "School Transport"
    duplicate = form_post(
        client,
        "/staff/themes/new",
        {"code": "delays", "label": "Waiting", "description": "waits", "reason": "r"},
    )
    assert error_summary(duplicate) == [
        ("That code is already used by a theme: choose another", "#code")
    ]
    too_long = form_post(
        client,
        "/staff/themes/new",
        {"code": "x" * 41, "label": "L" * 81, "description": "d", "reason": "r"},
    )
    assert [m for m, _ in error_summary(too_long)] == [
        "The code must be 40 characters or fewer",
        "The name must be 80 characters or fewer",
    ]
    assert taxonomy.current_version(session) == 1


def test_a_manager_renames_a_theme_and_the_case_page_shows_it(client, session, manager) -> None:
    form = client.get("/staff/themes/delays/edit")
    assert h1(form) == "Change the theme “Delays”"
    assert soup(form).select_one("#label")["value"] == "Delays"
    no_reason = client.post(
        "/staff/themes/delays/edit",
        data={"csrf_token": csrf(form), "label": "Waiting", "description": "waits", "reason": ""},
    )
    assert error_summary(no_reason) == [("Enter why you are making this change", "#reason")]
    saved = client.post(
        "/staff/themes/delays/edit",
        data={
            "csrf_token": csrf(form),
            "label": "Waiting and drift",
            "description": "slow responses, long waits, drift",
            "reason": "Clearer",
        },
    )
    assert saved.status_code == 303
    assert session.get(Theme, "delays").label == "Waiting and drift"
    receipt = concerns.submit_concern(
        session, data=concern_create(), source=Source.WEB, now=at(2026, 11, 2)
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    concern.team_id = manager.user.team_id
    session.flush()
    case = soup(client.get(f"/staff/cases/{receipt.reference}"))
    assert case.select_one("label[for=theme-delays]").get_text(strip=True) == "Waiting and drift"
    assert case.select_one("#theme-delays-hint").get_text(strip=True) == (
        "slow responses, long waits, drift"
    )


def test_a_retired_theme_leaves_the_case_page_but_stays_on_its_cases(
    client, session, manager
) -> None:
    receipt = concerns.submit_concern(
        session,
        data=concern_create(description="We have had four different social workers."),
        source=Source.WEB,
        now=at(2026, 11, 2),
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    concern.team_id = manager.user.team_id
    session.flush()
    page = client.get(f"/staff/cases/{receipt.reference}")
    assert soup(page).select_one("#theme-worker-changes").has_attr("checked")
    retire = client.get("/staff/themes/worker-changes/retire")
    assert h1(retire) == "Retire the theme “Changes of worker”"
    no_reason = client.post(
        "/staff/themes/worker-changes/retire", data={"csrf_token": csrf(retire), "reason": " "}
    )
    assert no_reason.status_code == 400
    assert error_summary(no_reason) == [("Enter why you are making this change", "#reason")]
    done = client.post(
        "/staff/themes/worker-changes/retire",
        data={"csrf_token": csrf(retire), "reason": "Folded into communication"},
    )
    assert done.status_code == 303
    themes_page = client.get("/staff/themes")
    assert [r[1] for r in _rows(themes_page, "retired-themes")] == ["worker-changes"]
    case = soup(client.get(f"/staff/cases/{receipt.reference}"))
    assert case.select_one("#theme-worker-changes") is None
    assert "Changes of worker" in case.select_one("#retired-themes").get_text()
    again = client.post(
        "/staff/themes/worker-changes/retire",
        data={"csrf_token": csrf(retire), "reason": "twice"},
    )
    assert error_summary(again) == [("That theme is already retired", "#reason")]
    back = form_post(
        client,
        "/staff/themes/worker-changes/reinstate",
        {"reason": "Needed after all"},
    )
    assert back.status_code == 303
    assert session.get(Theme, "worker-changes").active
    assert taxonomy.current_version(session) == 3


def test_an_unknown_theme_is_not_found(client, manager) -> None:
    assert client.get("/staff/themes/no-such-theme/edit").status_code == 404


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TRIAGE, Role.ADMIN, Role.COMMISSION])
def test_other_roles_are_refused(client, session, frozen, role) -> None:
    frozen.at(at(2026, 11, 2))
    account = make_account(session, "x@council.example", role)
    sign_in(client, account)
    assert client.get("/staff/themes").status_code == 403
    token = csrf(client.get("/staff"))
    refused = client.post(
        "/staff/themes/new",
        data={
            "csrf_token": token,
            "code": "sneaky",
            "label": "Sneaky",
            "description": "d",
            "reason": "r",
        },
    )
    assert refused.status_code == 403
    assert session.get(Theme, "sneaky") is None
    nav = [a.get_text(strip=True) for a in soup(client.get("/staff")).select("nav a")]
    assert "Themes" not in nav


def test_a_post_without_the_csrf_token_is_refused(client, session, manager) -> None:
    refused = client.post(
        "/staff/themes/new",
        data={"code": "sneaky", "label": "Sneaky", "description": "d", "reason": "r"},
    )
    assert refused.status_code == 403
    retire = client.post("/staff/themes/delays/retire", data={"csrf_token": "x", "reason": "r"})
    assert retire.status_code == 403
    assert session.get(Theme, "sneaky") is None
    assert session.get(Theme, "delays").active


def test_suggestions_say_plainly_when_there_are_too_few_texts(client, session, manager) -> None:
    page = client.get("/staff/themes/suggestions")
    assert page.status_code == 200
    assert h1(page) == "Possible new themes"
    assert "never published" in soup(page).get_text(" ", strip=True)
    assert "at least 20 are needed" in soup(page).select_one("#too-few").get_text(" ", strip=True)
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == actions.THEME_SUGGESTIONS_VIEWED)
    ).one()
    assert event.actor_id == manager.user.id


def test_suggestions_show_redacted_examples_and_lead_to_the_add_form(
    client, session, manager
) -> None:
    texts = [
        "The school taxi did not come for my son Callum Brierley and he missed lessons.",
        "Home to school transport was cancelled, the taxi never came. Ring me on 07700 900123.",
        "The transport team will not answer about the school taxi, I live at 14 Acacia Avenue.",
        "Our school bus pass was stopped and the transport team did not tell us.",
    ]
    for i in range(24):
        receipt = concerns.submit_concern(
            session,
            data=concern_create(description=texts[i % 4], desired_outcome=None),
            source=Source.WEB,
            now=at(2026, 11, 2),
        ).receipt
        concern = session.scalars(
            select(Concern).where(Concern.reference == receipt.reference)
        ).one()
        concern.team_id = manager.user.team_id
        from app.triage.models import CaseTheme

        for row in session.scalars(select(CaseTheme).where(CaseTheme.item_id == concern.item_id)):
            session.delete(row)  # as if the rules had found nothing
    session.flush()
    page = client.get("/staff/themes/suggestions")
    text = soup(page).get_text(" ", strip=True)
    assert soup(page).select("[id^=suggestion-]")
    assert "taxi" in text or "transport" in text
    for personal in ("Callum", "Brierley", "07700 900123", "14 Acacia Avenue"):
        assert personal not in text
    link = soup(page).select_one("#suggestion-1 .govuk-summary-card__actions a")["href"]
    assert urlsplit(link).path == "/staff/themes/new"
    form = client.get(link)
    description = parse_qs(urlsplit(link).query)["description"][0]
    assert soup(form).select_one("#description").get_text() == description
    assert soup(form).select_one("#code")["value"] == ""  # the manager names it
    assert session.get(Theme, "school-transport") is None  # nothing is added by itself


def test_a_page_outside_your_roles_says_so_and_leads_to_the_staff_home(
    client, session, frozen
) -> None:
    # Not the expired-form words ("Your answers have been kept..."): nothing was sent.
    sign_in(client, make_account(session, "c@council.example", Role.COMMISSION))
    refused = client.get("/staff/themes")
    assert refused.status_code == 403
    text = soup(refused).main.get_text(" ", strip=True)
    assert "Your roles do not include this page" in text
    assert "answers have been kept" not in text
    assert soup(refused).select_one("main a.govuk-link")["href"] == "/staff"
