"""Recording audit events in a hash chain, checking the chain, and searching the trail.

Each event's hash covers its own fields and the previous event's hash. Changing any
recorded field, or deleting an event from the middle, breaks every link after it, so
`verify_chain` finds it even though the database itself was written to directly. The
database also refuses UPDATE and DELETE on the table (migration 0002): the chain is
how we would notice if someone with enough access switched that off.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.audit.models import AuditEvent
from app.db import take_turns

GENESIS_HASH = "0" * 64
"""The prev_hash of the first event: there is nothing before it to point at."""

# Any fixed number works, as long as nothing else in the database takes the same advisory
# lock for another purpose: these are the ASCII bytes of "FVAUDIT", which fit a bigint.
CHAIN_LOCK_KEY = 0x46564155444954


class Person(Protocol):
    """What the trail needs of whoever acted: staff accounts are one (app.staff.models).

    Typed object, not int and str: mypy does not match SQLAlchemy's Mapped[int] to a
    narrower protocol member when the protocol bounds a type variable.
    """

    @property
    def id(self) -> object: ...

    @property
    def email(self) -> object: ...


U = TypeVar("U", bound=Person)


@dataclass(frozen=True)
class Actor(Generic[U]):
    """Who did something, and from where, for the audit trail.

    Generic in the user so the trail sits below the staff accounts and never imports them:
    domains write Actor[StaffUser] and still read actor.user as a StaffUser.
    """

    user: U | None
    ip: str | None

    @property
    def id(self) -> int | None:
        value = self.user.id if self.user else None
        return value if isinstance(value, int) else None

    @property
    def label(self) -> str | None:
        return str(self.user.email) if self.user else None


def _canonical_details(details: dict[str, Any] | None) -> dict[str, Any]:
    """details as they will read back from the database's JSON column.

    Hashing what the database will return, not what the caller passed, keeps a valid
    event valid: a tuple comes back a list and an integer key comes back a string, which
    would otherwise change the hash. NaN and infinity are refused because PostgreSQL's
    JSON refuses them too, and we would rather fail the same way on every database.
    """
    if not details:
        return {}
    return dict(json.loads(json.dumps(details, ensure_ascii=False, allow_nan=False)))


# event_hash's arguments, in the order of the audit_event columns.
SEALED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "ip",
    "details",
    "prev_hash",
)


def event_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str | None,
    action: str,
    target_type: str | None,
    target_id: str | None,
    ip: str | None,
    details: dict[str, Any],
    prev_hash: str,
) -> str:
    """The SHA-256 hex digest that seals an event's fields to the previous event's hash.

    The serialisation is part of every stored chain: changing it (a field, the date
    format, the JSON separators) would make every existing event fail verification.
    """
    if occurred_at.tzinfo is None:
        # A naive time would be read as local time here and as UTC by the database.
        raise ValueError("naive datetime given to the audit trail")
    fields = {
        "seq": seq,
        # Always with microseconds, so the text does not depend on the value.
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "ip": ip,
        "details": details,
    }
    # Sorted keys and fixed separators: the same event gives the same bytes on every run,
    # Python version and database. The JSON object ends with "}", so appending prev_hash
    # cannot make two different events serialise alike.
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((canonical + prev_hash).encode("utf-8")).hexdigest()


def _lock_chain(session: Session) -> None:
    # Two transactions appending at once would both read the same last event and both
    # claim the next seq: the primary key would then fail one of them. The lock makes
    # them take turns instead.
    take_turns(session, CHAIN_LOCK_KEY)


def record(
    session: Session,
    actor: Actor[Any] | None = None,
    /,
    *,
    action: str,
    now: datetime,
    actor_id: int | None = None,
    actor_label: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    ip: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction (flushed, not committed).

    Who acted comes from actor; without one (the CLI, a system job) from actor_id,
    actor_label and ip as given.
    """
    if actor is not None:
        actor_id, actor_label, ip = actor.id, actor.label, actor.ip
    canonical = _canonical_details(details)
    _lock_chain(session)
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS_HASH)
    # The fields the hash seals are the fields stored: one list, so they cannot drift.
    sealed: dict[str, Any] = dict(
        zip(
            SEALED_FIELDS,
            (
                seq,
                now,
                actor_id,
                actor_label,
                action,
                target_type,
                target_id,
                ip,
                canonical,
                prev_hash,
            ),
            strict=True,
        )
    )
    event = AuditEvent(**sealed, hash=event_hash(**sealed))
    session.add(event)
    # Flushed at once so the next record in this transaction reads this one as the last.
    session.flush()
    return event


def record_change(
    session: Session,
    actor: Actor[Any],
    action: str,
    target: Any,
    now: datetime,
    **details: Any,
) -> AuditEvent:
    """record() for a staff change to one row: the target named by its table and id, so a
    domain need not wrap record() to say what it changed."""
    return record(
        session,
        actor,
        action=action,
        now=now,
        target_type=target.__tablename__,
        target_id=str(target.id),
        details=details or None,
    )


@dataclass(frozen=True)
class ChainReport:
    """The outcome of verify_chain.

    checked counts the events found intact: all of them when ok, otherwise those
    before the first broken link.
    """

    ok: bool
    checked: int
    first_broken_seq: int | None
    reason: str | None


_CHAIN_COLUMNS = (
    AuditEvent.seq,
    AuditEvent.occurred_at,
    AuditEvent.actor_id,
    AuditEvent.actor_label,
    AuditEvent.action,
    AuditEvent.target_type,
    AuditEvent.target_id,
    AuditEvent.ip,
    AuditEvent.details,
    AuditEvent.prev_hash,
    AuditEvent.hash,
)


def verify_chain(session: Session, *, batch: int = 1000) -> ChainReport:
    """Check every event's hash and link in seq order; report the first broken link.

    Detected: a changed field in any event (its hash no longer matches), an event
    rewritten with a freshly computed hash (the next event's prev_hash no longer
    matches), and an event missing from the start or middle (a gap in seq).

    Not detected by a chain alone: deleting the last event or events (what is left is
    still a valid chain), events forged onto the end, or a whole chain rebuilt from some
    point on by someone with write access. The signed checkpoints of the chain's head
    kept outside the database (app/audit/checkpoints.py) are what catch those.

    Reads in batches of `batch` rows, each starting after the last seq seen (not OFFSET),
    as plain rows rather than ORM objects, so memory stays flat however long the trail.
    """
    if batch < 1:
        raise ValueError("batch must be at least 1")
    expected_seq, prev_hash, checked = 1, GENESIS_HASH, 0
    last_seq: int | None = None
    while True:
        query = select(*_CHAIN_COLUMNS).order_by(AuditEvent.seq).limit(batch)
        # The first batch has no lower bound, so that a row numbered below 1 is seen too.
        if last_seq is not None:
            query = query.where(AuditEvent.seq > last_seq)
        rows = session.execute(query).all()
        for row in rows:
            broken = _broken_link(row, expected_seq, prev_hash)
            if broken is not None:
                return ChainReport(
                    ok=False, checked=checked, first_broken_seq=broken[0], reason=broken[1]
                )
            checked += 1
            last_seq, expected_seq, prev_hash = row.seq, row.seq + 1, row.hash
        if len(rows) < batch:
            return ChainReport(ok=True, checked=checked, first_broken_seq=None, reason=None)


def _broken_link(row: Row[Any], expected_seq: int, prev_hash: str) -> tuple[int, str] | None:
    """(seq, reason) if this row breaks the chain, else None."""
    if row.seq > expected_seq:
        return expected_seq, f"event {expected_seq} is missing"
    if row.seq < expected_seq:  # only a number below 1 can come first in seq order
        return row.seq, f"event {row.seq} is numbered out of sequence (the chain starts at 1)"
    recomputed = event_hash(**{field: getattr(row, field) for field in SEALED_FIELDS})
    if recomputed != row.hash:
        return row.seq, "hash does not match the event's contents"
    if row.prev_hash != prev_hash:
        if row.seq == 1:
            return row.seq, "prev_hash of the first event is not the starting value (64 zeros)"
        return row.seq, f"prev_hash does not match the hash of event {row.seq - 1}"
    return None


def search(
    session: Session,
    *,
    actor_id: int | None = None,
    action: str | None = None,
    target_type: str | None = None,
    target_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_seq: int | None = None,
    limit: int = 50,
) -> list[AuditEvent]:
    """Events matching every filter given, newest first; since and until are inclusive.

    For the next page pass the last event's seq as before_seq: paging by seq, not by
    OFFSET, stays fast deep into the trail and never skips or repeats an event when
    new ones are recorded between pages.
    """
    conditions: list[ColumnElement[bool]] = []
    if actor_id is not None:
        conditions.append(AuditEvent.actor_id == actor_id)
    if action is not None:
        conditions.append(AuditEvent.action == action)
    if target_type is not None:
        conditions.append(AuditEvent.target_type == target_type)
    if target_id is not None:
        conditions.append(AuditEvent.target_id == target_id)
    if since is not None:
        conditions.append(AuditEvent.occurred_at >= since)
    if until is not None:
        conditions.append(AuditEvent.occurred_at <= until)
    if before_seq is not None:
        conditions.append(AuditEvent.seq < before_seq)
    query = select(AuditEvent).where(*conditions).order_by(AuditEvent.seq.desc()).limit(limit)
    return list(session.scalars(query))


def for_target(
    session: Session,
    target_type: str,
    target_id: str,
    *,
    actions: Sequence[str] | None = None,
    limit: int = 200,
) -> list[AuditEvent]:
    """Events about one target (e.g. who has looked at a case), newest first."""
    query = select(AuditEvent).where(
        AuditEvent.target_type == target_type, AuditEvent.target_id == target_id
    )
    if actions is not None:
        query = query.where(AuditEvent.action.in_(list(actions)))
    return list(session.scalars(query.order_by(AuditEvent.seq.desc()).limit(limit)))


@dataclass(frozen=True)
class Run:
    """One person's consecutive events of one kind, as one line: "viewed 4 times"."""

    actor_id: int | None
    actor_label: str | None
    action: str
    count: int
    first_at: datetime
    last_at: datetime


def runs(events: Sequence[AuditEvent]) -> list[Run]:
    """Events (newest first) with each unbroken run by one actor of one action merged,
    newest run first. The trail itself keeps every event; this is only how it is read."""
    merged: list[Run] = []
    for event in events:
        last = merged[-1] if merged else None
        if last and (last.actor_id, last.actor_label, last.action) == (
            event.actor_id,
            event.actor_label,
            event.action,
        ):
            merged[-1] = Run(
                last.actor_id,
                last.actor_label,
                last.action,
                last.count + 1,
                event.occurred_at,
                last.last_at,
            )
        else:
            merged.append(
                Run(
                    event.actor_id,
                    event.actor_label,
                    event.action,
                    1,
                    event.occurred_at,
                    event.occurred_at,
                )
            )
    return merged
