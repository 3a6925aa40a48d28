"""You said, we did, as pure rules: the answer deadline, its status, a commitment's moves,
the forms staff fill in, and the snapshot a public update keeps. No database here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.forum.outcomes import COMMITMENT_STATUS_LABELS, Commitment, CommitmentStatus
from app.forum.session_schemas import Refused, _date_of, _Reader
from app.labels import Labelled, labels
from app.sla.calendar import add_working_days, london_date, working_days_between

MAX_TITLE = 200
MAX_TEXT = 5_000
MAX_OWNER = 200
MAX_REFERENCES = 200
_REFERENCE = re.compile(r"FV-\d{4}-\d{6}")


class Deadline(Labelled):
    ON_TIME = "on-time", "On time"
    DUE_SOON = "due-soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
    ANSWERED = "answered", "Answered"


DEADLINE_LABELS = labels(Deadline)


def respond_by(heard_at: datetime, working_days: int, closures: Iterable[date] = ()) -> date:
    """The last day for a published answer: N working days after the day it was heard."""
    return add_working_days(london_date(heard_at), working_days, closures)


def deadline(
    due: date,
    *,
    today: date,
    answered: bool,
    due_soon_days: int,
    closures: Iterable[date] = (),
) -> Deadline:
    """Answered once anything is published; otherwise overdue after its day, due soon
    within due_soon_days working days of it, else on time."""
    if answered:
        return Deadline.ANSWERED
    if today > due:
        return Deadline.OVERDUE
    if working_days_between(today, due, closures) <= due_soon_days:
        return Deadline.DUE_SOON
    return Deadline.ON_TIME


def references_in(text: str) -> list[str]:
    """Every case reference written in text (one a line, or separated any way), in order,
    once each, whatever the case it was typed in."""
    seen: dict[str, None] = {}
    for found in _REFERENCE.findall(text.upper()):
        seen.setdefault(found, None)
    return list(seen)


@dataclass(frozen=True)
class IssueDetails:
    title: str
    summary: str
    summary_for_children: str | None
    theme_code: str | None
    session_id: int | None
    references: list[str]


@dataclass(frozen=True)
class CommitmentDetails:
    what: str
    what_for_children: str | None
    owner: str
    due_on: date


@dataclass(frozen=True)
class MilestoneDetails:
    title: str
    due_on: date | None


@dataclass(frozen=True)
class Move:
    status: CommitmentStatus
    reason: str | None


def read_issue(
    answers: Mapping[str, Any], *, themes: Iterable[str], sessions: Iterable[int]
) -> IssueDetails:
    """An issue raised as a manager writes it; raises Refused with every problem at once.
    The session is one of `sessions` (their ids as typed), the theme one of `themes`."""
    read = _Reader(answers)
    title = read.text("title", "The title", MAX_TITLE, required="Enter a title")
    summary = read.text(
        "summary", "What you said", MAX_TEXT, required="Enter what families told us"
    )
    for_children = read.text("summary_for_children", "The version for children", MAX_TEXT)
    theme = str(answers.get("theme_code") or "")
    if theme and theme not in set(themes):
        read.problem("theme_code", "Select a theme from the list")
    session_text = str(answers.get("session_id") or "")
    session_ids = {str(s): s for s in sessions}
    if session_text and session_text not in session_ids:
        read.problem("session_id", "Select a session from the list")
    raw = read.text("references", "The references", 50_000) or ""
    references = references_in(raw)
    if not references and not any(f == "references" for f, _ in read.problems):
        read.problem("references", "Enter the references of what was heard, like FV-2026-000123")
    elif len(references) > MAX_REFERENCES:
        read.problem("references", f"Enter {MAX_REFERENCES} references or fewer")
    if read.problems:
        raise Refused(read.problems)
    assert title is not None and summary is not None
    return IssueDetails(
        title=title,
        summary=summary,
        summary_for_children=for_children,
        theme_code=theme or None,
        session_id=session_ids.get(session_text),
        references=references,
    )


def read_commitment(answers: Mapping[str, Any]) -> CommitmentDetails:
    read = _Reader(answers)
    what = read.text("what", "What we will do", MAX_TEXT, required="Enter what we will do")
    for_children = read.text("what_for_children", "The version for children", MAX_TEXT)
    owner = read.text("owner", "Who", MAX_OWNER, required="Enter the team or person doing it")
    due = _date_of(answers.get("day"), answers.get("month"), answers.get("year"))
    if due is None:
        read.problem("day", "Enter the date it is due, like 27 3 2027")
    if read.problems:
        raise Refused(read.problems)
    assert what is not None and owner is not None and due is not None
    return CommitmentDetails(what=what, what_for_children=for_children, owner=owner, due_on=due)


def read_milestone(answers: Mapping[str, Any]) -> MilestoneDetails:
    read = _Reader(answers)
    title = read.text("milestone", "The milestone", MAX_TITLE, required="Enter the milestone")
    parts = [answers.get(f"milestone_{p}") for p in ("day", "month", "year")]
    due = None
    if any(str(p or "").strip() for p in parts):
        due = _date_of(*parts)
        if due is None:
            read.problem("milestone_day", "Enter a real date, like 27 3 2027, or leave it blank")
    if read.problems:
        raise Refused(read.problems)
    assert title is not None
    return MilestoneDetails(title=title, due_on=due)


def read_move(answers: Mapping[str, Any], *, current: str) -> Move:
    """A commitment's new status; not possible needs a reason, the same status is no move."""
    read = _Reader(answers)
    value = str(answers.get("status") or "")
    reason = read.text("reason", "The reason", MAX_TEXT)
    status = None
    try:
        status = CommitmentStatus(value)
    except ValueError:
        read.problem("status", "Select the new status")
    if status is not None and status.value == current:
        read.problem("status", f"It is already {COMMITMENT_STATUS_LABELS[status]}: select another")
    if status is CommitmentStatus.NOT_POSSIBLE and reason is None:
        read.problem("reason", "Enter why it is not possible: families are told why")
    if read.problems:
        raise Refused(read.problems)
    assert status is not None
    return Move(status=status, reason=reason)


def snapshot(commitments: Iterable[Commitment]) -> list[dict[str, Any]]:
    """The commitments as published: staff-written words, owner, dates, status, why."""
    return [
        {
            "what": c.what,
            "what_for_children": c.what_for_children,
            "owner": c.owner,
            "due_on": c.due_on.isoformat(),
            "status": c.status,
            "status_reason": c.status_reason,
            "milestones": [
                {
                    "title": m.title,
                    "due_on": m.due_on.isoformat() if m.due_on else None,
                    "done_on": m.done_on.isoformat() if m.done_on else None,
                }
                for m in c.milestones
            ],
        }
        for c in commitments
    ]
