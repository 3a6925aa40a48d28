"""Reading a forum session's and a sign-up's answers, as the staff and public forms send them.

Pure functions: every problem is found in one pass, so the GOV.UK error summary lists them
all at once rather than one field at a time. Free text is kept exactly as typed (only
refused characters and lengths are checked); contact details go through the same checks
as a concern's (`app.concerns.schemas`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import TypeAdapter, ValidationError

from app.concerns.schemas import Email, Phone
from app.forms import has_bad_character, refused_message
from app.forum.models import SessionFormat

# Sessions happen in the council's own time: what staff type is local time.
LOCAL = ZoneInfo("Europe/London")
MAX_TITLE = 200
MAX_NOTE = 2_000
MAX_NAME = 200
MAX_CAPACITY = 1_000
_EMAIL: TypeAdapter[str | None] = TypeAdapter(Email)
_PHONE: TypeAdapter[str | None] = TypeAdapter(Phone)


class Refused(Exception):
    """Answers that cannot be stored, as (field, message) pairs in the order of the form."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(message for _, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class SessionDetails:
    title: str
    starts_at: datetime
    ends_at: datetime
    format: SessionFormat
    place: str | None
    access_info: str | None
    online_link: str | None
    topics: str
    capacity: int


@dataclass(frozen=True)
class SignUpDetails:
    name: str | None
    contact_email: str | None
    contact_phone: str | None
    access_needs: str | None
    young_person: bool


class _Reader:
    """Collects a form's problems while it reads its answers."""

    def __init__(self, answers: Mapping[str, Any]) -> None:
        self.answers = answers
        self.problems: list[tuple[str, str]] = []

    def problem(self, field: str, message: str) -> None:
        if all(name != field for name, _ in self.problems):
            self.problems.append((field, message))

    def text(self, field: str, label: str, limit: int, *, required: str = "") -> str | None:
        value = self.answers.get(field)
        value = value if isinstance(value, str) else ""
        if has_bad_character(value):
            self.problem(field, refused_message(label))
        elif not value.strip():
            if required:
                self.problem(field, required)
            return None
        elif len(value) > limit:
            self.problem(field, f"{label} must be {limit:,} characters or fewer")
        return value  # as typed: never trimmed

    def checked(self, field: str, label: str, adapter: TypeAdapter[str | None]) -> str | None:
        value = self.text(field, label, 400)
        if value is None or any(name == field for name, _ in self.problems):
            return None
        try:
            return adapter.validate_python(value)
        except ValidationError as error:
            self.problem(field, error.errors()[0]["msg"])
            return None


def _time_of(value: str | None) -> time | None:
    text = (value or "").strip().lower().replace(".", ":").replace(" ", "")
    for layout in ("%H:%M", "%I:%M%p", "%I%p"):
        try:
            return datetime.strptime(text, layout).time()
        except ValueError:
            continue
    return None


def _date_of(day: str | None, month: str | None, year: str | None) -> date | None:
    parts = [(p or "").strip() for p in (day, month, year)]
    if not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def read_session(answers: Mapping[str, Any], *, now: datetime) -> SessionDetails:
    """A session's answers checked whole; raises Refused with every problem found."""
    read = _Reader(answers)
    title = read.text("title", "The title", MAX_TITLE, required="Enter a title for the session")
    on = _date_of(answers.get("day"), answers.get("month"), answers.get("year"))
    if on is None:
        read.problem("day", "Enter the date of the session as numbers, like 27 3 2027")
    starts = _time_of(answers.get("start_time"))
    ends = _time_of(answers.get("end_time"))
    if starts is None:
        read.problem("start_time", "Enter the start time, like 18:30 or 6:30pm")
    if ends is None:
        read.problem("end_time", "Enter the end time, like 20:00 or 8pm")
    elif starts is not None and ends <= starts:
        read.problem("end_time", "The end time must be after the start time")
    starts_at = datetime.combine(on, starts, LOCAL) if on and starts else None
    if starts_at is not None and starts_at <= now:
        read.problem("day", "The session must be in the future")
    format_value = answers.get("format")
    session_format = format_value if format_value in set(SessionFormat) else None
    if session_format is None:
        read.problem("format", "Say whether the session is in person or online")
    place = read.text("place", "Where it is", MAX_NOTE)
    access_info = read.text("access_info", "Access information", MAX_NOTE)
    link = read.text("online_link", "The joining link", 500)
    if session_format == SessionFormat.IN_PERSON and place is None:
        read.problem("place", "Enter where the session is")
    if session_format == SessionFormat.ONLINE:
        parts = urlsplit((link or "").strip())
        if parts.scheme != "https" or not parts.netloc or " " in (link or "").strip():
            read.problem("online_link", "Enter the joining link, a web address starting https://")
    topics = read.text("topics", "Topics", MAX_NOTE) or ""
    capacity_text = str(answers.get("capacity") or "").strip()
    capacity = int(capacity_text) if capacity_text.isascii() and capacity_text.isdigit() else 0
    if not 1 <= capacity <= MAX_CAPACITY:
        read.problem("capacity", f"Enter how many places there are, from 1 to {MAX_CAPACITY:,}")
    if read.problems:
        raise Refused(read.problems)
    assert title and on and starts and ends and session_format  # each None was a problem
    online = session_format == SessionFormat.ONLINE
    return SessionDetails(
        title=title,
        starts_at=datetime.combine(on, starts, LOCAL).astimezone(UTC),
        ends_at=datetime.combine(on, ends, LOCAL).astimezone(UTC),
        format=SessionFormat(session_format),
        place=None if online else place,
        access_info=access_info,
        online_link=link.strip() if online and link else None,
        topics=topics,
        capacity=capacity,
    )


def read_signup(answers: Mapping[str, Any]) -> SignUpDetails:
    """A sign-up's answers checked whole; raises Refused with every problem found."""
    read = _Reader(answers)
    name = read.text("name", "Your name", MAX_NAME)
    email = read.checked("contact_email", "Your email address", _EMAIL)
    phone = read.checked("contact_phone", "Your phone number", _PHONE)
    typed = [answers.get(f) for f in ("contact_email", "contact_phone")]
    if email is None and phone is None and not any(isinstance(v, str) and v.strip() for v in typed):
        read.problem(
            "contact_email", "Enter an email address or a phone number, so we can tell you about it"
        )
    needs = read.text("access_needs", "Access needs", MAX_NOTE)
    young = {"yes": True, "no": False}.get(str(answers.get("young_person") or ""))
    if young is None:
        read.problem("young_person", "Say whether you are a young person (under 25)")
    if read.problems:
        raise Refused(read.problems)
    assert young is not None
    return SignUpDetails(
        name=name,
        contact_email=email,
        contact_phone=phone,
        access_needs=needs,
        young_person=young,
    )
