"""The manager's dashboard: figures right, charts with tables, CSV export audited."""

import csv
import io
from datetime import datetime

from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.clock import LONDON
from app.concerns import service as concerns
from app.concerns.models import Source
from app.staff.models import Role
from app.triage import actions
from app.triage.case import Concern
from tests.api.pages import soup
from tests.factories import concern_create
from tests.staff import make_account, make_team, sign_in


def at(y, m, d, hh=10) -> datetime:
    return datetime(y, m, d, hh, tzinfo=LONDON)


def test_dashboard_figures(client, session, frozen) -> None:
    frozen.at(at(2026, 11, 2))
    team = make_team(session, "North", "Children in need")
    manager = make_account(session, "m@council.example", Role.MANAGER, team=team)
    cw = make_account(session, "cw@council.example", Role.CASEWORKER, team=team)
    refs = []
    for _ in range(3):
        receipt = concerns.submit_concern(
            session, data=concern_create(), source=Source.WEB, now=at(2026, 11, 2)
        )
        refs.append(receipt.receipt.reference)
    worker = Actor(cw.user, None)
    boss = Actor(manager.user, None)
    for ref in refs:
        actions.act(
            session,
            boss,
            ref,
            "triage",
            dict(route="statutory", reason="complaint", team=team.id, assignee=cw.user.id),
            now=at(2026, 11, 2, 11),
        )
    # One acknowledged on time and answered in 5 working days; one acknowledged late.
    actions.act(session, worker, refs[0], "acknowledge", now=at(2026, 11, 3))
    actions.act(session, worker, refs[0], "start", now=at(2026, 11, 3, 11))
    actions.act(session, worker, refs[0], "respond", now=at(2026, 11, 9))
    actions.act(session, worker, refs[1], "acknowledge", now=at(2026, 11, 10))
    frozen.at(at(2026, 11, 20))
    sign_in(client, manager)
    page = client.get("/staff/dashboard")
    assert page.status_code == 200
    html = soup(page)
    open_rows = {
        r.th.get_text(strip=True): r.td.get_text(strip=True)
        for r in html.select("#open-by-state tbody tr")
    }
    assert open_rows == {"Responded": "1", "Acknowledged": "1", "Triaged": "1"}
    compliance = [
        [c.get_text(strip=True) for c in r.select("td")]
        for r in html.select("#compliance tbody tr")
    ]
    assert compliance == [["statutory", "North", "2", "1", "66.7%"]]
    facts = {
        r.dt.get_text(strip=True): r.dd.get_text(strip=True)
        for r in html.select("#time-to-respond div")
    }
    assert facts["Responses"] == "1" and facts["Average"] == "5.0 working days"
    overdue = [r.td.get_text(strip=True) for r in html.select("#overdue tbody tr")]
    assert refs[2] in overdue and refs[0] not in overdue
    assert html.select_one(".app-chart svg[role=img]") is not None
    assert "style=" not in str(
        html.select_one(".app-chart svg")
    )  # no inline styles for the CSP to block

    export = client.get("/staff/dashboard.csv")
    assert export.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.text)))
    assert ["clock compliance", "statutory / North", "66.7", "2 met, 1 late"] in rows
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "exported")).one()
    assert session.scalars(select(Concern)).all()


def test_with_no_responses_the_times_say_so_in_words(client, session, frozen) -> None:
    frozen.at(at(2026, 11, 20))
    sign_in(client, make_account(session, "boss@council.example", Role.MANAGER))
    html = soup(client.get("/staff/dashboard"))
    facts = {
        r.dt.get_text(strip=True): r.dd.get_text(strip=True)
        for r in html.select("#time-to-respond div")
    }
    assert facts["Responses"] == "0"
    assert facts["Average"] == facts["90th percentile"] == "No responses in this period"
