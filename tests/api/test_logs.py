"""Logs never carry what a family wrote or how to reach them."""

import logging

from tests.api.test_pages import answer_all, submit
from tests.factories import concern_fields

SECRET_NAME = "Zebedee Quixotic-Smythe"
SECRET_EMAIL = "zebedee.private@example.org"
SECRET_PHONE = "07700 900123"
SECRET_TEXT = "Unmistakable-phrase-about-my-daughter"


def test_nothing_personal_reaches_the_logs(client, capsys, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    personal = dict(
        contact_name=SECRET_NAME,
        contact_email=SECRET_EMAIL,
        contact_phone=SECRET_PHONE,
        description=SECRET_TEXT,
    )
    created = client.post("/api/v1/concerns", json=concern_fields(**personal))
    assert created.status_code == 201
    # An invalid submission, whose errors must not echo the input either.
    client.post(
        "/api/v1/concerns",
        json=concern_fields(**{**personal, "contact_email": "bad " + SECRET_EMAIL}),
    )
    # Tracking with the reference (an identifier) and code.
    receipt = created.json()
    client.get(
        f"/api/v1/concerns/{receipt['reference']}",
        headers={"X-Tracking-Code": receipt["tracking_code"]},
    )
    # And the web journey.
    answer_all(
        client,
        about={"description": SECRET_TEXT},
        **{"contact-details": {"contact_name": SECRET_NAME, "contact_email": SECRET_EMAIL}},
    )
    submit(client)

    captured = capsys.readouterr()
    # The test client's own log lines name the URLs it called; they are not the server's.
    server_records = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith("httpx")
    )
    logs = captured.out + captured.err + server_records
    assert '"event": "request"' in logs  # the request log is on and was captured
    for secret in (
        SECRET_NAME,
        SECRET_EMAIL,
        SECRET_PHONE,
        SECRET_TEXT,
        receipt["tracking_code"],
        receipt["reference"],
    ):
        assert secret not in logs
