"""Followers of an issue raised: a member of the public asks with an email address and
confirms by a link; everyone confirmed is told of each new public update, with a link to
stop. No account: the signed links (app/forum/links.py) are the key.

Services flush, never commit: the route commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import throttle
from app.audit import actions
from app.audit.service import record
from app.config import get_settings
from app.errors import NotFound
from app.forum import links
from app.forum.outcomes import COMMITMENT_STATUS_LABELS, Follower, IssueRaised, PublicUpdate
from app.notify import service as notify

# Confirm links sent to one address about one issue, at most, in a day: the form takes any
# address, so it must not become a way to flood someone's inbox.
CONFIRMS_A_DAY = 3


def public_path(issue_id: int) -> str:
    return f"/you-said-we-did/{issue_id}"


def follow(session: Session, issue: IssueRaised, email: str, *, now: datetime) -> Follower:
    """Ask to follow: a confirm link goes to the address, and nothing is sent to it until
    it is used. Asking again sends the link again (a lost email), up to CONFIRMS_A_DAY
    times a day; someone already confirmed is sent nothing, and the page says the same
    whichever it is."""
    email = email.strip().lower()
    follower = session.scalar(
        select(Follower).where(Follower.issue_id == issue.id, Follower.email == email)
    )
    if follower is None:
        follower = Follower(issue_id=issue.id, email=email, source="public", created_at=now)
        session.add(follower)
        session.flush()
    elif follower.unsubscribed_at is not None:
        follower.unsubscribed_at = None
        follower.confirmed_at = None
    elif follower.confirmed_at is not None:
        return follower
    key = f"follow:{issue.id}:{email}"
    if throttle.seconds_blocked(session, key, now=now):
        return follower  # the page says the same: nothing tells who asked before
    day = timedelta(days=1)
    throttle.record_failure(session, key, limit=CONFIRMS_A_DAY, window=day, block=day, now=now)
    base = get_settings().links_base
    notify.queue_email(
        session,
        to=email,
        template="you-said-we-did-confirm",
        personalisation={
            "issue": issue.title,
            "confirm_link": base + links.confirm_path(follower.id),
            "unsubscribe_link": base + links.unsubscribe_path(follower.id),
        },
        now=now,
    )
    _audit(session, follower, "asked", now)
    return follower


def _by_token(session: Session, follower_id: int | None) -> Follower:
    follower = session.get(Follower, follower_id) if follower_id is not None else None
    if follower is None:
        raise NotFound("That link is not one of ours, or it has been removed")
    return follower


def follower_to_confirm(session: Session, token: str) -> Follower:
    return _by_token(session, links.follower_to_confirm(token))


def confirm(session: Session, token: str, *, now: datetime) -> Follower:
    """Use a confirm link: from now on, every update is sent. A second click changes
    nothing; a link used after unsubscribing does not start the messages again."""
    follower = follower_to_confirm(session, token)
    if follower.confirmed_at is None and follower.unsubscribed_at is None:
        follower.confirmed_at = now
        _audit(session, follower, "confirmed", now)
        session.flush()
    return follower


def follower_to_unsubscribe(session: Session, token: str) -> Follower:
    return _by_token(session, links.follower_to_unsubscribe(token))


def unsubscribe(session: Session, token: str, *, now: datetime) -> Follower:
    follower = follower_to_unsubscribe(session, token)
    if follower.unsubscribed_at is None:
        follower.unsubscribed_at = now
        _audit(session, follower, "unsubscribed", now)
        session.flush()
    return follower


def add_feedback_givers(
    session: Session, issue: IssueRaised, emails: list[str], *, now: datetime
) -> int:
    """The people behind an issue's forum feedback who left an email follow it at once:
    they told us, so they are told what came of it (each message can stop the rest)."""
    known = set(session.scalars(select(Follower.email).where(Follower.issue_id == issue.id)))
    added = 0
    for email in dict.fromkeys(e.strip() for e in emails if e and e.strip()):
        if email not in known:
            session.add(
                Follower(
                    issue_id=issue.id,
                    email=email,
                    source="feedback",
                    confirmed_at=now,
                    created_at=now,
                )
            )
            added += 1
    session.flush()
    return added


def tell(session: Session, issue: IssueRaised, update: PublicUpdate, *, now: datetime) -> int:
    """One email per confirmed follower about a new update, each with its own link to
    stop; all in one statement. Returns how many were queued."""
    followers = session.execute(
        select(Follower.id, Follower.email)
        .where(
            Follower.issue_id == issue.id,
            Follower.confirmed_at.is_not(None),
            Follower.unsubscribed_at.is_(None),
        )
        .order_by(Follower.id)
    ).all()
    base = get_settings().links_base
    statuses = ", ".join(
        COMMITMENT_STATUS_LABELS.get(c["status"], c["status"]) for c in update.commitments
    )
    common = {
        "issue": update.title,
        "what_changed": update.note or "We published what we are doing about it",
        "status": statuses,
        "update_link": base + public_path(issue.id),
    }
    return notify.queue_each(
        session,
        [
            (email, {**common, "unsubscribe_link": base + links.unsubscribe_path(fid)})
            for fid, email in followers
        ],
        template="you-said-we-did-update",
        now=now,
    )


def _audit(session: Session, follower: Follower, change: str, now: datetime) -> None:
    record(
        session,
        action=actions.FOLLOWER_CHANGED,
        now=now,
        actor_label="a member of the public (their link)",
        target_type="issue_follower",
        target_id=str(follower.id),
        details={"change": change, "issue_id": follower.issue_id},
    )
