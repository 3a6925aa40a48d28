"""Hostile input: control characters, lone surrogates, huge integers, failing inserts.

Each gets a clear 4xx (a field error in the API, the error summary on a page), never a
500, on SQLite and PostgreSQL alike, and nothing a family typed is echoed or logged.
The route walks discover the routes from the app, so a new route is covered by itself.
"""

from __future__ import annotations

import json
import traceback
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import select

from app import clock
from app.concerns import service as concerns
from app.concerns.files import CheckedFile
from app.concerns.models import ConcernDraft, Source
from app.staff import sessions as staff_sessions
from app.staff import tokens as staff_tokens
from app.staff.models import Role
from app.taxonomy.models import Theme
from app.triage.actions import ACTIONS
from app.triage.case import Concern
from tests.api.pages import csrf, error_summary, form_post, soup
from tests.conftest import utc
from tests.factories import PDF, concern_create, concern_fields

# C0 and C1 controls and DEL, and lone surrogates (JSON can carry them as \ud800).
REFUSED = ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x80", "\x85", "\x9f"]
SURROGATES = ["\ud800", "\udfff"]
BIG = [2**31, 2**63, 10**20]


def post_json(client, fields: dict[str, Any]):
    # json.dumps escapes a lone surrogate as \ud800, as a hostile client would send it.
    return client.post(
        "/api/v1/concerns",
        content=json.dumps(fields).encode(),
        headers={"content-type": "application/json"},
    )


# Text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("char", REFUSED + SURROGATES, ids=repr)
@pytest.mark.parametrize("field", ["description", "contact_name", "happened_on"])
def test_api_refuses_control_characters_and_surrogates_as_a_field_error(
    client, session, char, field
) -> None:
    response = post_json(client, concern_fields(**{field: f"before{char}after"}))
    assert response.status_code == 422, response.text[:300]
    detail = response.json()["detail"]
    assert [e["loc"][-1] for e in detail] == [field]
    assert all(set(e) <= {"loc", "msg", "type"} for e in detail)  # nothing echoed back
    assert "before" not in response.text
    assert session.query(Concern).count() == 0


def test_api_keeps_tabs_new_lines_emoji_and_markup_as_typed(client, session) -> None:
    typed = "Line one\r\n\tLine two\n😢 <script>alert(1)</script> \u2028 café"
    response = post_json(client, concern_fields(description=typed, contact_name="Zoë 😊"))
    assert response.status_code == 201, response.text[:300]
    stored = session.scalars(select(Concern)).one()
    assert stored.item.description == typed
    assert stored.item.contact_name == "Zoë 😊"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x85"], ids=repr)
def test_a_journey_page_shows_the_error_summary_and_stores_nothing(client, session, char) -> None:
    response = form_post(
        client,
        "/concern/about",
        {"description": f"Nobody calls{char} back", "happened_on": "", "desired_outcome": ""},
    )
    assert response.status_code == 400
    summary = error_summary(response)
    assert len(summary) == 1 and summary[0][1] == "#description"
    assert "character" in summary[0][0]
    assert "Nobody calls" not in response.text
    assert session.query(ConcernDraft).count() == 0


def test_tracking_with_a_nul_in_the_reference_is_a_field_error(client) -> None:
    response = form_post(client, "/track", {"reference": "FV\x00-2026", "tracking_code": "X"})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#reference"]


def test_multipart_text_that_is_not_utf8_answers_400(client, session) -> None:
    token = csrf(client.get("/concern/files"))
    boundary = "fvboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n'
        ).encode()
        + b"J\xe9 Example\r\n"
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            f'filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + PDF
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = client.post(
        "/concern/files",
        content=body,
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 400
    assert "UTF-8" in soup(response).main.get_text()
    assert session.query(ConcernDraft).count() == 0


def test_multipart_text_with_a_nul_is_refused(client, session) -> None:
    token = csrf(client.get("/concern/files"))
    response = client.post(
        "/concern/files",
        data={"csrf_token": token, "note": "a\x00b"},
        files={"files": ("a.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#note"]
    assert session.query(ConcernDraft).count() == 0


# Every route: the world, and a person with every role --------------------------------


@pytest.fixture
def world(app, session, frozen):
    """A case with a file, a quote, a learning action and a saved view; a person with every
    role signed in (browser and API token); an anonymous browser."""
    from tests.staff import make_account, make_team

    frozen.at(utc(2026, 11, 23, 10, 0))
    team = make_team(session, "North", "Children in need")
    everyone = make_account(session, "all@council.example", *Role, team=team)
    receipt = concerns.submit_concern(
        session,
        data=concern_create(),
        source=Source.API,
        now=clock.now(),
        attachments=[CheckedFile("a.pdf", "application/pdf", PDF)],
    ).receipt
    concern = session.scalars(select(Concern).where(Concern.reference == receipt.reference)).one()
    concern.team_id = team.id
    session.flush()
    _, api_token = staff_tokens.create_api_token(
        session, everyone.user, name="t", ip=None, now=clock.now()
    )
    theme = session.scalars(select(Theme).limit(1)).one()
    # Entered once each: a client used outside `with` starts an event loop per request.
    with (
        TestClient(app, follow_redirects=False, raise_server_exceptions=False) as signed_in,
        TestClient(app, follow_redirects=False, raise_server_exceptions=False) as anonymous,
    ):
        yield {
            "user": everyone.user,
            "reference": receipt.reference,
            "attachment": concern.attachments[0].id,
            "api_token": api_token,
            "theme": theme.code,
            "signed_in": signed_in,
            "anonymous": anonymous,
            "csrf": {},
        }


def _routes(app):
    for route in iter_route_contexts(app.routes):
        if getattr(route, "dependant", None) is None:
            continue
        for method in sorted(route.methods - {"HEAD"}):
            yield method, route


def _int_params(route) -> dict[str, set[str]]:
    """The parameters a route declares as integers, by where they come from."""
    found: dict[str, set[str]] = {"path": set(), "query": set(), "body": set()}

    def is_int(field) -> bool:
        annotation = field.field_info.annotation
        return annotation is int or int in getattr(annotation, "__args__", ())

    def walk(dependant) -> None:
        for where, params in (
            ("path", dependant.path_params),
            ("query", dependant.query_params),
            ("body", dependant.body_params),
        ):
            found[where].update(p.alias for p in params if is_int(p))
        for dep in dependant.dependencies:
            walk(dep)

    walk(route.dependant)
    return found


# Integer fields that routes read from a query string or a form by hand, not from their
# signature: every route is sent each of them too.
HAND_READ_INTS = ("team", "assignee", "owner", "target", "before", "before_id", "session_id")


def _path_values(world, path: str, big: int | None) -> list[str]:
    """The path filled in: integers with big (or real ids), names with real ones."""
    filled = (
        path.replace("{reference}", world["reference"])
        .replace("{token}", "not-a-real-token")
        .replace("{public_id}", "not-a-token-id")
        .replace("{code}", world["theme"])
        .replace("{day}", "2026-12-25")
    )
    for name in ("attachment_id", "view_id", "quote_id", "action_id"):
        real = str(world["attachment"]) if name == "attachment_id" else "1"
        filled = filled.replace("{" + name + "}", real if big is None else str(big))
    variants = [filled]
    for slot, values in (
        ("{action}", list(ACTIONS)),
        ("{decision}", ["approve", "withdraw"]),
    ):
        # Only a path with the slot has variants: the others were once sent 38 times each.
        if slot in filled:
            variants = [v.replace(slot, value) for v in variants for value in values]
    return variants


def _send(world, session, who: str, method: str, path: str, fields: dict[str, str]):
    client = world[who]
    if who == "signed_in":
        from tests.api.test_access_matrix import _cookie

        # A new session each time: a route that signs out must not end the walk.
        client.cookies.set(
            "fv_staff",
            _cookie(
                staff_sessions.new_session(session, world["user"], stage="full", now=clock.now())
            ),
        )
    headers = {}
    if path.startswith("/api/v1/staff/") and who == "signed_in":
        headers["Authorization"] = f"Bearer {world['api_token']}"
    if path.startswith("/api/v1/concerns/"):
        headers["X-Tracking-Code"] = "WRONG"
    if method == "GET":
        return client.get(path, params=fields, headers=headers)
    if path.startswith("/api/"):
        return client.post(path, params=fields, json=concern_fields(), headers=headers)
    if who not in world["csrf"]:  # a browser's token stays the same: fetch it once
        world["csrf"][who] = csrf(client.get("/track"))
    token = world["csrf"][who]
    return client.post(path, data={"csrf_token": token, **fields}, headers=headers)


def _public(route) -> bool:
    from tests.api.test_access_matrix import EXPECTED, PUBLIC

    return any(EXPECTED.get((m, route.path)) == PUBLIC for m in route.methods)


@pytest.mark.parametrize("big", BIG)
def test_no_route_answers_500_to_an_integer_out_of_range(app, session, world, big) -> None:
    failures = []
    for method, route in _routes(app):
        ints = _int_params(route)
        fields = {name: str(big) for name in {*ints["query"], *ints["body"], *HAND_READ_INTS}}
        has_path_int = bool(ints["path"])
        for path in _path_values(world, route.path, big if has_path_int else None):
            for who in ("signed_in", "anonymous") if _public(route) else ("signed_in",):
                response = _send(world, session, who, method, path, fields)
                if response.status_code >= 500:
                    failures.append(f"{who} {method} {path}: {response.status_code}")
                elif has_path_int and response.status_code not in (303, 404, 422):
                    failures.append(f"{who} {method} {path}: {response.status_code} not 404")
    assert failures == []


def test_a_path_integer_out_of_range_is_not_found(client, session, world) -> None:
    response = _send(
        world,
        session,
        "signed_in",
        "GET",
        f"/staff/cases/{world['reference']}/files/{2**31}",
        {},
    )
    assert response.status_code == 404
    response = _send(
        world, session, "signed_in", "GET", "/api/v1/staff/cases", {"before_id": str(2**63)}
    )
    assert response.status_code == 422


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x9f"], ids=repr)
def test_no_route_answers_500_to_a_control_character(app, session, world, char) -> None:
    failures = []
    fields = {
        name: f"a{char}b"
        for name in ("q", "name", "description", "body", "reason", "text", "reference", "email")
    }
    for method, route in _routes(app):
        for path in _path_values(world, route.path, None):
            for who in ("signed_in", "anonymous") if _public(route) else ("signed_in",):
                response = _send(world, session, who, method, path, fields)
                if response.status_code not in (400, 401, 403, 404, 422) and not (
                    response.status_code == 303
                    and response.headers["location"].startswith("/staff/sign-in")
                ):
                    failures.append(f"{who} {method} {path}: {response.status_code}")
    assert failures == []


def test_a_control_character_in_a_path_is_not_found(session, world) -> None:
    response = _send(world, session, "signed_in", "GET", "/staff/cases/FV%00-1", {})
    assert response.status_code == 404
    response = _send(world, session, "anonymous", "GET", "/api/v1/concerns/FV%00-1", {})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/staff/cases/{reference}/actions/note", "body"),
        ("/staff/cases/{reference}/learning", "description"),
        ("/staff/cases/views", "name"),
        ("/staff/account/tokens", "name"),
        ("/staff/admin/users/new", "display_name"),
        ("/staff/admin/closures", "reason"),
        ("/staff/themes/new", "label"),
        ("/staff/cases/{reference}/quotes/new", "text"),
    ],
)
def test_staff_forms_show_the_error_summary_for_a_control_character(
    session, world, path, field
) -> None:
    path = path.replace("{reference}", world["reference"])
    response = _send(world, session, "signed_in", "POST", path, {field: "Called mum\x00"})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == [f"#{field}"]


def test_a_search_box_with_a_control_character_shows_the_error_summary(session, world) -> None:
    response = _send(world, session, "signed_in", "GET", "/staff/cases", {"service_area": "N\x1b"})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#service_area"]
    api = _send(world, session, "signed_in", "GET", "/api/v1/staff/cases", {"q": "N\x00"})
    assert api.status_code == 422
    assert api.json()["detail"][0]["loc"] == ["query", "q"]


# A failing insert ---------------------------------------------------------------------


def test_a_failing_insert_logs_no_family_text(app, session, monkeypatch, capsys, caplog) -> None:
    """A database error names the statement, never its parameters (what the family wrote)."""
    words = {
        "description": "Secret words about my daughter Mia",
        "contact_email": "private.parent@example.com",
        "contact_name": "Hidden Parentname",
    }
    first = concerns.submit_concern(
        session, data=concern_create(), source=Source.API, now=clock.now()
    ).receipt
    # The next concern is given a reference that is taken: its insert fails.
    monkeypatch.setattr(concerns, "_next_reference", lambda *_: first.reference)
    raised: list[str] = []
    with caplog.at_level("DEBUG"), TestClient(app) as client:
        try:
            client.post("/api/v1/concerns", json=concern_fields(**words))
        except Exception as exc:  # what a server would print as the traceback
            raised = traceback.format_exception(exc)
    assert raised, "the insert was meant to fail"
    printed = capsys.readouterr()
    logged = "\n".join([*raised, printed.out, printed.err, caplog.text])
    for text in words.values():
        assert text not in logged


# Rendering: free text isolated ---------------------------------------------------------


def test_the_case_page_isolates_free_text_and_file_names_in_bdi(session, world) -> None:
    page = soup(_send(world, session, "signed_in", "GET", f"/staff/cases/{world['reference']}", {}))
    isolated = [b.get_text() for b in page.select("main bdi")]
    fields = concern_fields()
    for text in (fields["description"], fields["desired_outcome"], fields["contact_name"], "a.pdf"):
        assert text in isolated, text


def test_a_bidi_control_in_a_file_name_never_reaches_the_page(client, session) -> None:
    token = csrf(client.get("/concern/files"))
    response = client.post(
        "/concern/files",
        data={"csrf_token": token},
        files={"files": ("invoice\u202efdp.pdf", PDF, "application/pdf")},
    )
    assert response.status_code == 303
    stored = session.scalars(select(ConcernDraft)).one().attachments[0].filename
    assert stored == "invoicefdp.pdf"
    assert "\u202e" not in client.get("/concern/files").text


# A refused character on a journey page: that page again, its other answers kept ---------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x85", "\x9f"], ids=repr)
def test_a_journey_page_shows_itself_again_with_the_field_error_and_other_answers(
    client, session, char
) -> None:
    response = form_post(
        client,
        "/concern/about",
        {
            "description": "Nobody calls back",
            "happened_on": f"Since{char} March",
            "service_area": "Fostering team",
            "desired_outcome": "A meeting",
        },
    )
    assert response.status_code == 400
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Your concern"  # the question page, not an error page
    summary = error_summary(response)
    assert [href for _, href in summary] == ["#happened_on"]
    assert summary[0][0].startswith("When it happened must not contain hidden control characters")
    assert "hidden control characters" in page.select_one("#happened_on-error").get_text()
    assert page.select_one("#description").get_text() == "Nobody calls back"
    assert page.select_one("#service_area")["value"] == "Fostering team"
    assert page.select_one("#desired_outcome").get_text() == "A meeting"
    assert page.select_one("#happened_on").get("value", "") == ""  # the refused answer not kept
    assert "Since" not in response.text
    assert session.query(ConcernDraft).count() == 0


def test_a_journey_page_shows_every_error_at_once_in_page_order(client, session) -> None:
    response = form_post(
        client,
        "/concern/contact-details",
        {
            "contact_name": "Sam",
            "contact_email": "not an email",
            "contact_phone": "0\x1b7700",
            "preferred_contact": "email",
        },
    )
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#contact_email", "#contact_phone"]
    assert soup(response).select_one("#contact_name")["value"] == "Sam"
    assert session.query(ConcernDraft).count() == 0


def test_a_refused_character_on_a_later_page_keeps_the_draft_as_it_was(client, session) -> None:
    assert (
        form_post(
            client, "/concern/who", {"role": "parent-carer", "on_behalf_of_child": "no"}
        ).status_code
        == 303
    )
    response = form_post(client, "/concern/about", {"description": "Help\x00"})
    assert response.status_code == 400
    draft = session.scalars(select(ConcernDraft)).one()
    assert "description" not in draft.answers


def test_a_refused_character_outside_the_page_fields_gets_the_generic_page(client) -> None:
    # Only the page's own answers are shown again; anything else hostile is refused as before.
    response = form_post(client, "/concern/about", {"description": "Words", "extra\x00": "x"})
    assert response.status_code == 400
    assert soup(response).h1.get_text(strip=True) != "Your concern"


def test_a_refused_character_with_a_forged_token_is_never_shown_on_the_page(client) -> None:
    client.get("/concern/about")
    response = client.post(
        "/concern/about", data={"csrf_token": "forged", "description": "A\x00", "service_area": "B"}
    )
    assert response.status_code in (400, 403)
    assert soup(response).h1.get_text(strip=True) != "Your concern"


def test_tracking_with_a_refused_character_shows_the_tracking_page_again(client) -> None:
    response = form_post(client, "/track", {"reference": "FV-2026-1", "tracking_code": "AB\x00"})
    assert response.status_code == 400
    assert [href for _, href in error_summary(response)] == ["#tracking_code"]
    assert soup(response).select_one("#reference")["value"] == "FV-2026-1"
    assert soup(response).select_one("#tracking_code").get("value", "") == ""


RLO = "\u202e"  # right-to-left override: unisolated, it reverses the page text after it


def _unisolated(response) -> list[str]:
    """Text on the page holding the override outside a <bdi> (an <option> or the browser's
    <title> cannot hold one)."""
    page = soup(response)
    return [
        f"{text.parent.name}: {text.strip()!r}"
        for text in page.find_all(string=lambda s: RLO in s)
        if not text.find_parent(["bdi", "option", "title", "script", "textarea"])
    ]


def test_names_people_typed_are_isolated_in_bdi_wherever_shown(session, world) -> None:
    user = world["user"]
    user.display_name = f"Ann{RLO}Lee"
    user.team.name = f"North{RLO}"
    concern = session.scalars(select(Concern)).one()
    concern.assignee_id = user.id
    session.flush()
    theme = world["theme"]
    for path, fields in (
        ("/staff/account/tokens", {"name": f"laptop{RLO}"}),
        ("/staff/cases/views", {"name": f"mine{RLO}", "state": "new"}),
        (
            f"/staff/themes/{theme}/edit",
            {"label": f"Delay{RLO}", "description": f"Late{RLO}", "reason": "clearer"},
        ),
        (
            f"/staff/cases/{world['reference']}/learning",
            {"description": f"Call back{RLO}", "owner": str(user.id)},
        ),
    ):
        response = _send(world, session, "signed_in", "POST", path, fields)
        assert response.status_code in (200, 303), (path, response.status_code)
        if path == "/staff/cases/views":  # its banner names the view
            shown = world["signed_in"].get(response.headers["location"])
            assert "mine" in soup(shown).select_one("#flash").get_text()
            assert _unisolated(shown) == []
    failures = {}
    for path in (
        "/staff",
        "/staff/account",
        "/staff/cases",
        f"/staff/cases/{world['reference']}",
        "/staff/audit",
        "/staff/admin/users",
        "/staff/themes",
        f"/staff/themes/{theme}/retire",
        f"/staff/themes/{theme}/edit",
        "/staff/dashboard",
        "/staff/quotes",
    ):
        response = _send(world, session, "signed_in", "GET", path, {})
        assert response.status_code == 200, (path, response.status_code)
        if _unisolated(response):
            failures[path] = _unisolated(response)
    assert failures == {}
