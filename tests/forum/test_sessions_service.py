"""Forum sessions: reading the staff form whole, places and the waiting list, the outbox."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.audit.service import Actor
from app.errors import Conflict, NotFound
from app.forum import links, sessions
from app.forum.session_schemas import Refused, read_session, read_signup
from app.notify.models import Notification
from app.staff.models import Role
from tests.conftest import utc
from tests.staff import make_account

NOW = utc(2027, 3, 1, 9, 0)
GOOD = {
    "title": "Coffee morning: <b>your</b> social worker",
    "day": "1",
    "month": "4",
    "year": "2027",
    "start_time": "10:30",
    "end_time": "12pm",
    "format": "in-person",
    "place": "Hereford Library, Broad Street",
    "access_info": "Step-free; hearing loop",
    "topics": "Changes of worker\nLetters",
    "capacity": "2",
}


def _session(session, **changes):
    actor = Actor(make_account(session, "fac@council.example", Role.FACILITATOR).user, None)
    details = read_session({**GOOD, **changes}, now=NOW)
    return actor, sessions.create_session(session, actor, details, now=NOW)


def _person(email=None, phone=None, **more):
    answers = {"contact_email": email or "", "contact_phone": phone or "", "young_person": "no"}
    return read_signup({**answers, **more})


def test_a_session_is_read_in_local_time_and_kept_as_typed(session) -> None:
    actor, forum_session = _session(session)
    assert forum_session.title == GOOD["title"]
    # 1 April 2027 is after the clocks go forward (28 March): 10:30 in Hereford is 09:30 UTC.
    assert forum_session.starts_at == utc(2027, 4, 1, 9, 30)
    assert forum_session.ends_at == utc(2027, 4, 1, 11, 0)
    assert forum_session.facilitator_id == actor.id
    events = session.scalars(select(AuditEvent.action)).all()
    assert "forum-session-added" in events


def test_every_problem_with_a_session_is_found_at_once() -> None:
    with pytest.raises(Refused) as refused:
        read_session(
            {
                "title": " ",
                "day": "31",
                "month": "2",
                "year": "2027",
                "start_time": "25:00",
                "end_time": "soon",
                "format": "by pigeon",
                "capacity": "99999999999999999999",
            },
            now=NOW,
        )
    fields = [field for field, _ in refused.value.problems]
    assert fields == ["title", "day", "start_time", "end_time", "format", "capacity"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"format": "online", "online_link": "javascript:alert(1)"}, "online_link"),
        ({"format": "online", "online_link": ""}, "online_link"),
        ({"place": ""}, "place"),
        ({"end_time": "10:00"}, "end_time"),
        ({"year": "2026"}, "day"),
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "-3"}, "capacity"),
        ({"capacity": "１２"}, "capacity"),  # full-width digits are not ASCII numbers
        ({"title": "Forum\x00night"}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"day": "1" * 400}, "day"),
    ],
)
def test_a_session_the_form_cannot_take_is_refused(changes, field) -> None:
    with pytest.raises(Refused) as refused:
        read_session({**GOOD, **changes}, now=NOW)
    assert field in [f for f, _ in refused.value.problems]


def test_an_online_session_keeps_its_link_and_no_place() -> None:
    details = read_session(
        {**GOOD, "format": "online", "online_link": " https://meet.example/abc "}, now=NOW
    )
    assert details.online_link == "https://meet.example/abc" and details.place is None


def test_a_sign_up_needs_a_way_to_reach_them_and_an_answer_about_age() -> None:
    with pytest.raises(Refused) as refused:
        read_signup({"contact_email": "", "contact_phone": "", "young_person": "maybe"})
    assert [f for f, _ in refused.value.problems] == ["contact_email", "young_person"]
    with pytest.raises(Refused) as refused:
        read_signup({"contact_email": "not an email", "young_person": "yes"})
    assert [f for f, _ in refused.value.problems] == ["contact_email"]


def test_places_then_the_waiting_list_then_a_freed_place_moves_the_first_up(session) -> None:
    _, forum_session = _session(session)
    first = sessions.sign_up(session, forum_session.id, _person("a@example.com"), now=NOW)
    second = sessions.sign_up(session, forum_session.id, _person(phone="07700 900982"), now=NOW)
    third = sessions.sign_up(session, forum_session.id, _person("c@example.com"), now=NOW)
    fourth = sessions.sign_up(session, forum_session.id, _person("d@example.com"), now=NOW)
    assert [s.waiting_list for s in (first, second, third, fourth)] == [False, False, True, True]
    places = sessions.places_of(session, [forum_session])[forum_session.id]
    assert (places.taken, places.waiting, places.full) == (2, 2, True)

    moved = sessions.cancel_signup(session, first, now=NOW + timedelta(hours=1))
    assert moved is third and third.waiting_list is False and fourth.waiting_list is True
    assert sessions.cancel_signup(session, first, now=NOW) is None  # a second click
    templates = session.scalars(select(Notification.template).order_by(Notification.id)).all()
    assert templates == [
        "forum-place",
        "forum-place",
        "forum-waiting-list",
        "forum-waiting-list",
        "forum-place-freed",
    ]
    text = session.scalars(select(Notification).where(Notification.channel == "sms")).one()
    assert text.to_address == "07700 900982"


def test_the_same_person_signing_up_twice_keeps_one_place(session) -> None:
    _, forum_session = _session(session)
    one = sessions.sign_up(session, forum_session.id, _person("Sam@Example.com"), now=NOW)
    two = sessions.sign_up(session, forum_session.id, _person("sam@example.com"), now=NOW)
    assert one is two
    assert len(session.scalars(select(Notification)).all()) == 1


def test_no_sign_up_to_a_cancelled_started_or_missing_session(session) -> None:
    actor, forum_session = _session(session)
    with pytest.raises(NotFound):
        sessions.sign_up(session, 2**31 - 1, _person("a@example.com"), now=NOW)
    with pytest.raises(NotFound):
        sessions.sign_up(
            session, forum_session.id, _person("a@example.com"), now=utc(2027, 4, 1, 10, 0)
        )
    sessions.cancel_session(session, actor, forum_session, now=NOW)
    with pytest.raises(NotFound):
        sessions.sign_up(session, forum_session.id, _person("a@example.com"), now=NOW)
    with pytest.raises(Conflict):
        sessions.cancel_session(session, actor, forum_session, now=NOW)


def test_cancelling_a_session_tells_everyone_signed_up(session) -> None:
    actor, forum_session = _session(session)
    for who in ("a@example.com", "b@example.com", "c@example.com"):
        sessions.sign_up(session, forum_session.id, _person(who), now=NOW)
    assert sessions.cancel_session(session, actor, forum_session, now=NOW) == 3
    cancelled = session.scalars(
        select(Notification).where(Notification.template == "forum-session-cancelled")
    ).all()
    assert len(cancelled) == 3 and all(m.personalisation["joining_link"] == "" for m in cancelled)


def test_the_joining_link_goes_only_to_place_holders_and_reminders_go_once(session) -> None:
    _, forum_session = _session(
        session, format="online", online_link="https://meet.example/room", capacity="1"
    )
    sessions.sign_up(session, forum_session.id, _person("a@example.com"), now=NOW)
    sessions.sign_up(session, forum_session.id, _person("b@example.com"), now=NOW)
    place, waiting = session.scalars(select(Notification).order_by(Notification.id)).all()
    assert place.personalisation["joining_link"] == "https://meet.example/room"
    assert waiting.personalisation["joining_link"] == ""
    assert sessions.send_reminders(session, now=NOW) == 0  # weeks away
    the_day_before = utc(2027, 3, 31, 10, 0)
    assert sessions.send_reminders(session, now=the_day_before) == 1
    assert sessions.send_reminders(session, now=the_day_before + timedelta(minutes=5)) == 0
    reminder = session.scalars(
        select(Notification).where(Notification.template == "forum-reminder")
    ).one()
    assert reminder.to_address == "a@example.com"
    assert reminder.personalisation["when"] == "Thursday 1 April 2027, 10:30am to 12pm"


def test_a_place_link_names_its_sign_up_and_nothing_else(session) -> None:
    _, forum_session = _session(session)
    signup = sessions.sign_up(session, forum_session.id, _person("a@example.com"), now=NOW)
    token = links.signup_token(signup.id)
    assert sessions.signup_by_token(session, token) is signup
    with pytest.raises(NotFound):
        sessions.signup_by_token(session, token[:-2] + "xx")
    with pytest.raises(NotFound):
        sessions.signup_by_token(session, links.unsubscribe_token(signup.id))


def test_staff_reading_who_signed_up_is_audited(session) -> None:
    actor, forum_session = _session(session)
    sessions.sign_up(session, forum_session.id, _person("a@example.com"), now=NOW)
    shown = sessions.signups_for_staff(session, actor, forum_session, now=NOW)
    assert [s.contact_email for s in shown] == ["a@example.com"]
    viewed = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "forum-signups-viewed")
    ).one()
    assert viewed.target_id == str(forum_session.id)
