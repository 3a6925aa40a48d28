"""You said, we did: a manager groups what was heard into an issue raised, answers it with
commitments, and publishes; a published update is never changed (a correction, or a
commitment moving, is a new one), and each goes to the issue's confirmed followers.

An issue has until respond_by (working days from when it was heard, a setting) to be
answered in public; the sweep tells managers once about each one that is not.
Services flush, never commit: the route commits. The rules are in answer_rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, cast, func, literal, select, update
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit.service import Actor, record_change
from app.config import get_settings
from app.errors import Conflict, NotFound
from app.forum import answer_rules as rules
from app.forum import followers
from app.forum.models import ForumSession
from app.forum.outcomes import (
    Commitment,
    CommitmentStatus,
    IssueItem,
    IssueRaised,
    Milestone,
    PublicUpdate,
)
from app.forum.session_schemas import Refused
from app.items.models import FamilyItem, ItemKind
from app.notify import service as notify
from app.sla.calendar import london_date
from app.sla.service import closure_days
from app.staff.models import Role, StaffUser, UserRole
from app.triage.case import Concern
from app.triage.visibility import visible_cases


@dataclass(frozen=True)
class IssueRow:
    issue: IssueRaised
    deadline: rules.Deadline
    latest: PublicUpdate | None


def create_issue(
    session: Session, actor: Actor[StaffUser], details: rules.IssueDetails, *, now: datetime
) -> IssueRaised:
    """Group the items with these references (ones the manager may see) into an issue.
    The clock starts at its session, or else at the first item heard."""
    assert actor.user is not None
    found = session.execute(
        select(FamilyItem.id, FamilyItem.reference, FamilyItem.received_at)
        .join(Concern, Concern.item_id == FamilyItem.id)
        .where(FamilyItem.reference.in_(details.references), visible_cases(actor.user))
    ).all()
    missing = sorted(set(details.references) - {ref for _, ref, _ in found})
    if missing:
        raise Refused([("references", f"There is no case you can see with reference {missing[0]}")])
    heard_at = min(received for _, _, received in found)
    if details.session_id is not None:
        forum_session = session.get(ForumSession, details.session_id)
        if forum_session is None:
            raise Refused([("session_id", "Select a session from the list")])
        heard_at = forum_session.starts_at
    settings = get_settings()
    issue = IssueRaised(
        title=details.title,
        summary=details.summary,
        summary_for_children=details.summary_for_children,
        theme_code=details.theme_code,
        session_id=details.session_id,
        heard_at=heard_at,
        respond_by=rules.respond_by(
            heard_at, settings.issue_respond_working_days, closure_days(session)
        ),
        created_by_id=actor.user.id,
        created_at=now,
    )
    session.add(issue)
    session.flush()
    for item_id, _, _ in found:
        session.add(
            IssueItem(issue_id=issue.id, item_id=item_id, added_by_id=actor.user.id, added_at=now)
        )
    emails = session.scalars(
        select(FamilyItem.contact_email).where(
            FamilyItem.id.in_([item_id for item_id, _, _ in found]),
            FamilyItem.kind == ItemKind.FORUM_FEEDBACK.value,
            FamilyItem.anonymous.is_(False),
            FamilyItem.contact_email.is_not(None),
        )
    ).all()
    followers.add_feedback_givers(session, issue, [e for e in emails if e], now=now)
    record_change(session, actor, actions.ISSUE_RAISED_ADDED, issue, now, items=len(found))
    return issue


def get_issue(session: Session, issue_id: int) -> IssueRaised:
    issue = session.get(IssueRaised, issue_id)
    if issue is None:
        raise NotFound("There is no issue raised with that number")
    return issue


def get_published(session: Session, issue_id: int) -> IssueRaised:
    """An issue the public may see: one with at least one published update."""
    issue = session.get(IssueRaised, issue_id)
    if issue is None or issue.first_published_at is None:
        raise NotFound("There is no published issue with that number")
    return issue


def items_of(session: Session, issue: IssueRaised) -> list[FamilyItem]:
    """For staff only: the items grouped in it, in the order they were heard."""
    return list(
        session.scalars(
            select(FamilyItem)
            .join(IssueItem, IssueItem.item_id == FamilyItem.id)
            .where(IssueItem.issue_id == issue.id)
            .order_by(FamilyItem.received_at, FamilyItem.id)
        )
    )


def get_commitment(issue: IssueRaised, commitment_id: int) -> Commitment:
    for commitment in issue.commitments:
        if commitment.id == commitment_id:
            return commitment
    raise NotFound("That issue has no commitment with that number")


def add_commitment(
    session: Session,
    actor: Actor[StaffUser],
    issue: IssueRaised,
    details: rules.CommitmentDetails,
    *,
    now: datetime,
) -> Commitment:
    commitment = Commitment(
        issue_id=issue.id,
        what=details.what,
        what_for_children=details.what_for_children,
        owner=details.owner,
        due_on=details.due_on,
        status=CommitmentStatus.PLANNED.value,
        created_at=now,
        updated_at=now,
    )
    issue.commitments.append(commitment)
    session.flush()
    record_change(session, actor, actions.COMMITMENT_ADDED, issue, now, commitment_id=commitment.id)
    return commitment


def add_milestone(
    session: Session,
    actor: Actor[StaffUser],
    commitment: Commitment,
    details: rules.MilestoneDetails,
    *,
    now: datetime,
) -> Milestone:
    milestone = Milestone(title=details.title, due_on=details.due_on)
    commitment.milestones.append(milestone)
    commitment.updated_at = now
    session.flush()
    record_change(
        session,
        actor,
        actions.COMMITMENT_ADDED,
        commitment.issue,
        now,
        commitment_id=commitment.id,
        milestone_id=milestone.id,
    )
    return milestone


def publish(
    session: Session,
    actor: Actor[StaffUser],
    issue: IssueRaised,
    *,
    now: datetime,
    note: str | None = None,
) -> PublicUpdate:
    """Write a public update: the staff-written words and the commitments as they are
    now, never changed afterwards. A later update (a move, a correction) names the one
    before it. Every confirmed follower is told."""
    if not issue.commitments:
        raise Conflict("Add what we will do (a commitment) before publishing")
    assert actor.user is not None
    previous = latest_update(session, issue.id)
    update_row = PublicUpdate(
        issue_id=issue.id,
        published_at=now,
        published_by_id=actor.user.id,
        title=issue.title,
        summary=issue.summary,
        summary_for_children=issue.summary_for_children,
        theme_code=issue.theme_code,
        commitments=rules.snapshot(issue.commitments),
        quotes=[],
        corrects_id=previous.id if previous is not None else None,
        note=note,
    )
    session.add(update_row)
    if issue.first_published_at is None:
        issue.first_published_at = now
    session.flush()
    told = followers.tell(session, issue, update_row, now=now)
    record_change(
        session,
        actor,
        actions.PUBLIC_UPDATE_PUBLISHED,
        issue,
        now,
        update_id=update_row.id,
        told=told,
    )
    return update_row


def move_commitment(
    session: Session,
    actor: Actor[StaffUser],
    commitment: Commitment,
    move: rules.Move,
    *,
    now: datetime,
) -> PublicUpdate:
    """A commitment's new status, published at once as a new update (so followers hear)."""
    was = commitment.status
    commitment.status = move.status.value
    commitment.status_reason = move.reason
    commitment.updated_at = now
    issue = commitment.issue
    record_change(
        session,
        actor,
        actions.COMMITMENT_MOVED,
        issue,
        now,
        commitment_id=commitment.id,
        was=was,
        now_status=move.status.value,
    )
    label = move.status.label.lower()
    return publish(session, actor, issue, now=now, note=f"{commitment.what} — now {label}")


def latest_update(session: Session, issue_id: int) -> PublicUpdate | None:
    return session.scalar(
        select(PublicUpdate)
        .where(PublicUpdate.issue_id == issue_id)
        .order_by(PublicUpdate.published_at.desc(), PublicUpdate.id.desc())
        .limit(1)
    )


def updates_of(session: Session, issue_id: int) -> list[PublicUpdate]:
    """Every update, newest first: the history as published."""
    return list(
        session.scalars(
            select(PublicUpdate)
            .where(PublicUpdate.issue_id == issue_id)
            .order_by(PublicUpdate.published_at.desc(), PublicUpdate.id.desc())
        )
    )


def _latest_by_issue(session: Session, issue_ids: list[int]) -> dict[int, PublicUpdate]:
    if not issue_ids:
        return {}
    newest = (
        select(func.max(PublicUpdate.id))
        .where(PublicUpdate.issue_id.in_(issue_ids))
        .group_by(PublicUpdate.issue_id)
    )
    rows = session.scalars(select(PublicUpdate).where(PublicUpdate.id.in_(newest)))
    return {row.issue_id: row for row in rows}


def staff_list(session: Session, *, now: datetime) -> list[IssueRow]:
    """Every issue raised, the soonest deadline first, each with its deadline status."""
    issues = session.scalars(
        select(IssueRaised).order_by(IssueRaised.respond_by, IssueRaised.id)
    ).all()
    latest = _latest_by_issue(session, [i.id for i in issues])
    closures = closure_days(session)
    today = london_date(now)
    soon = get_settings().issue_due_soon_working_days
    return [
        IssueRow(
            issue,
            rules.deadline(
                issue.respond_by,
                today=today,
                answered=issue.first_published_at is not None,
                due_soon_days=soon,
                closures=closures,
            ),
            latest.get(issue.id),
        )
        for issue in issues
    ]


def deadline_of(session: Session, issue: IssueRaised, *, now: datetime) -> rules.Deadline:
    return rules.deadline(
        issue.respond_by,
        today=london_date(now),
        answered=issue.first_published_at is not None,
        due_soon_days=get_settings().issue_due_soon_working_days,
        closures=closure_days(session),
    )


def published(session: Session) -> list[PublicUpdate]:
    """The public list: each published issue's latest update, the newest first."""
    newest = select(func.max(PublicUpdate.id)).group_by(PublicUpdate.issue_id)
    return list(
        session.scalars(
            select(PublicUpdate)
            .where(PublicUpdate.id.in_(newest))
            .order_by(PublicUpdate.published_at.desc(), PublicUpdate.id.desc())
        )
    )


def answers_for_sessions(session: Session, session_ids: list[int]) -> dict[int, list[PublicUpdate]]:
    """For each session, the latest published update of every issue raised from it: what
    was heard there and what was done, for the forum page's past sessions."""
    if not session_ids:
        return {}
    rows = session.execute(
        select(IssueRaised.id, IssueRaised.session_id).where(
            IssueRaised.session_id.in_(session_ids),
            IssueRaised.first_published_at.is_not(None),
        )
    )
    issues = {issue_id: sid for issue_id, sid in rows if sid is not None}
    found: dict[int, list[PublicUpdate]] = {}
    for issue_id, latest in sorted(_latest_by_issue(session, list(issues)).items()):
        found.setdefault(issues[issue_id], []).append(latest)
    return found


def alert_overdue(session: Session, *, now: datetime) -> int:
    """Tell every active manager, once, about each issue not answered by its deadline.
    Set-based: one INSERT of the messages, one UPDATE marking the issues told."""
    today = london_date(now)
    overdue = select(IssueRaised.id).where(
        IssueRaised.first_published_at.is_(None),
        IssueRaised.overdue_alerted_at.is_(None),
        IssueRaised.respond_by < today,
    )
    issue_ids = list(session.scalars(overdue.with_for_update(skip_locked=True)))
    if not issue_ids:
        return 0
    base = get_settings().links_base + "/staff/you-said-we-did/"
    recipients = (
        select(
            StaffUser.email.label("email"),
            IssueRaised.title.label("issue"),
            cast(IssueRaised.respond_by, String).label("respond_by"),
            (literal(base) + cast(IssueRaised.id, String)).label("link"),
        )
        .join(UserRole, UserRole.user_id == StaffUser.id)
        .join(IssueRaised, IssueRaised.id.in_(issue_ids))
        .where(UserRole.role == Role.MANAGER.value, StaffUser.is_active.is_(True))
    ).subquery()
    queued = notify.queue_emails(
        session,
        recipients,
        template="you-said-we-did-overdue",
        personalisation=("issue", "respond_by", "link"),
        now=now,
    )
    session.execute(
        update(IssueRaised).where(IssueRaised.id.in_(issue_ids)).values(overdue_alerted_at=now)
    )
    session.flush()
    return queued
