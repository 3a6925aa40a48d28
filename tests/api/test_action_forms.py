"""Each action's page asks for exactly the fields its schema has, and nothing else."""

from __future__ import annotations

from datetime import datetime

from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from app.triage.actions import ACTIONS
from tests.api.pages import csrf, soup
from tests.factories import concern_create
from tests.staff import make_account, sign_in


def _asked(page) -> list[str]:
    names = []
    for tag in soup(page).select("main form [name]"):
        if tag["name"] != "csrf_token" and tag["name"] not in names:
            names.append(tag["name"])
    return names


def test_each_offered_action_shows_exactly_its_schemas_fields(client, session, frozen) -> None:
    frozen.at(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    manager = make_account(session, "m@council.example", Role.MANAGER)
    reference = concerns.submit_concern(
        session,
        data=concern_create(),
        source=Source.WEB,
        now=datetime(2026, 11, 2, 9, tzinfo=LONDON),
    ).receipt.reference
    sign_in(client, manager)
    offered = [
        a["href"].rsplit("/", 1)[-1]
        for a in soup(client.get(f"/staff/cases/{reference}")).select("#actions a")
    ]
    assert "triage" in offered and "note" in offered
    for name in offered:
        page = client.get(f"/staff/cases/{reference}/actions/{name}")
        assert page.status_code == 200
        # No risk on this case, so triage does not ask for the risk to be confirmed.
        expected = [f.name for f in ACTIONS[name].fields if f.name != "risk_checked"]
        assert _asked(page) == expected, name


def test_a_refused_answer_is_shown_in_the_error_summary_and_by_its_field(
    client, session, frozen
) -> None:
    frozen.at(datetime(2026, 11, 2, 10, tzinfo=LONDON))
    officer = make_account(session, "t@council.example", Role.TRIAGE)
    reference = concerns.submit_concern(
        session,
        data=concern_create(),
        source=Source.WEB,
        now=datetime(2026, 11, 2, 9, tzinfo=LONDON),
    ).receipt.reference
    sign_in(client, officer)
    form = client.get(f"/staff/cases/{reference}/actions/triage")
    posted = client.post(
        f"/staff/cases/{reference}/actions/triage",
        data={"csrf_token": csrf(form), "route": "statutory", "priority": "soon", "reason": "x"},
    )
    assert posted.status_code == 400
    page = soup(posted)
    summary = [
        (a.get_text(strip=True), a["href"]) for a in page.select(".govuk-error-summary__list a")
    ]
    assert summary == [("Choose a priority from the list", "#priority")]
    assert "Choose a priority from the list" in page.select_one("#priority-error").get_text()
