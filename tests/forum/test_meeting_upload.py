"""A meeting's feedback uploaded as CSV: good rows added and screened for risk, bad rows
listed with their row numbers and skipped, whole-file problems refused with nothing stored."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.audit.service import Actor
from app.clock import LONDON
from app.forum import sessions
from app.forum.feedback_models import ForumFeedback
from app.forum.session_schemas import read_session
from app.forum.upload import MAX_ROWS, UploadRefused, read_rows, upload_meeting
from app.items.models import FamilyItem
from app.staff.models import Role
from app.triage.case import Concern
from tests.api.pages import error_summary, soup
from tests.staff import make_account, sign_in

NOW = datetime(2026, 12, 3, 10, 0, tzinfo=LONDON)
AFTER = datetime(2026, 12, 10, 20, 0, tzinfo=LONDON)  # the evening of the meeting
ANSWERS = {
    "title": "Parents' forum", "day": "10", "month": "12", "year": "2026", "start_time": "18:00",
    "end_time": "19:00", "format": "in-person", "place": "Library", "capacity": "30",
}  # fmt: skip


def _setup(session):
    account = make_account(session, "fac@council.example", Role.FACILITATOR)
    actor = Actor(account.user, None)
    forum_session = sessions.create_session(session, actor, read_session(ANSWERS, now=NOW), now=NOW)
    return account, actor, forum_session


def _csv(*rows: str, header: str = "feedback,who,consent") -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def test_200_rows_with_a_few_bad_ones_add_the_good_and_list_the_bad(session) -> None:
    _, actor, forum_session = _setup(session)
    rows = [f'"Letters come too late, said parent {n}",parent,yes' for n in range(196)]
    rows[10] = ",parent,no"  # no feedback
    rows[20] = '"The worker changed again",martian,no'
    rows[30] = '"Fine",parent,perhaps'
    rows[40] = '"one","two","three","four"'
    rows.append('"A young person told us her stepdad hits her every night",young person,no')
    rows += ["", '"Thank you for listening",,']
    rows.append('"x' + "y" * 10_001 + '",parent,no')
    result = upload_meeting(session, actor, forum_session, _csv(*rows), now=AFTER)
    assert [number for number, _ in result.skipped] == [12, 22, 32, 42, 201]
    assert result.added == 196 - 4 + 1 + 1
    assert session.scalar(select(func.count()).select_from(ForumFeedback)) == result.added
    links = session.scalars(select(ForumFeedback)).all()
    assert {(f.channel, f.session_id, f.entered_by_id) for f in links} == {
        ("upload", forum_session.id, actor.id)
    }
    # The meeting note in the third person that suggests risk went to safeguarding at once.
    assert len(result.safeguarding) == 1
    case = session.scalars(select(Concern).where(Concern.reference == result.safeguarding[0])).one()
    assert case.route == "safeguarding" and "stepdad hits her" in case.item.description
    consented = session.scalar(
        select(func.count()).select_from(FamilyItem).where(FamilyItem.consent_to_share)
    )
    assert consented == 196 - 4


def test_the_same_file_twice_adds_nothing_the_second_time(session) -> None:
    _, actor, forum_session = _setup(session)
    data = _csv('"More evening sessions please",parent,no')
    with pytest.raises(UploadRefused, match="once the session has begun"):
        upload_meeting(session, actor, forum_session, data, now=NOW)
    upload_meeting(session, actor, forum_session, data, now=AFTER)
    with pytest.raises(UploadRefused, match="already been uploaded"):
        upload_meeting(session, actor, forum_session, data, now=AFTER)
    assert session.scalar(select(func.count()).select_from(ForumFeedback)) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("feedback\n".encode("utf-16"), "CSV UTF-8"),
        (b"\xff\xfe\x00bad", "CSV UTF-8"),
        (b"what,who\nhello,parent\n", "one called feedback"),
        (b"", "one called feedback"),
        (b"feedback\n\n\n", "no feedback"),
        (("feedback\n" + "hello\n" * (MAX_ROWS + 1)).encode(), "rows or fewer"),
        (b"feedback\n" + b"x" * (3 * 1024 * 1024), "smaller than"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(data, message) -> None:
    with pytest.raises(UploadRefused, match=message):
        read_rows(data, session_id=1)


def test_excel_byte_order_mark_quoted_new_lines_and_control_characters() -> None:
    data = '\ufeffFeedback,Who\n"Two lines,\nkept as typed",Young-Person\n"bad\x07bell",parent\n'
    rows = read_rows(data.encode(), session_id=1)
    assert [(n, f.feedback, f.role) for n, f in rows.good] == [
        (2, "Two lines,\nkept as typed", "young-person")
    ]
    assert [n for n, _ in rows.skipped] == [3]  # the quoted new line is inside row 2


def test_the_upload_page_shows_the_result_and_refuses_a_missing_file(
    client, session, frozen
) -> None:
    frozen.at(NOW)
    account, _, forum_session = _setup(session)
    frozen.at(AFTER)
    sign_in(client, account)
    path = f"/staff/forum/sessions/{forum_session.id}/upload"
    token = soup(client.get(path)).find("input", {"name": "csrf_token"})["value"]
    response = client.post(path, data={"csrf_token": token})
    assert response.status_code == 400
    assert error_summary(response) == [("Select the meeting's CSV file", "#file")]
    data = _csv('"<script>alert(1)</script> was said",parent,no', ",parent,no")
    response = client.post(
        path, data={"csrf_token": token}, files={"file": ("meeting.csv", data, "text/csv")}
    )
    assert response.status_code == 200
    assert "1 item of feedback added" in response.text
    assert [c.get_text() for c in soup(response).select("#skipped td")] == [
        "3",
        "Enter your feedback",
    ]
    item = session.scalars(select(FamilyItem)).one()
    assert item.description == "<script>alert(1)</script> was said"
