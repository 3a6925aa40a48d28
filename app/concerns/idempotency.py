"""Once only: a request sent again with the same key (a retried API call, a double-clicked
Send, a form sent again after Back) gets the first answer back instead of a second item.

One mechanism for every way an item enters (concerns, forum feedback): each names its own
scope, so a key used for a concern and the same key used for feedback never meet. The
answer is stored with the case it opened, in the same savepoint as the item, so either
both are kept or neither is; records expire (a setting) and are purged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.concerns.models import IdempotencyRecord
from app.config import get_settings
from app.errors import Conflict


@dataclass(frozen=True)
class Answer:
    response: dict[str, Any]
    replayed: bool  # True when an earlier identical request's answer was returned


def key_hash(scope: str, key: str) -> str:
    return hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()


def request_hash(body: dict[str, Any]) -> str:
    """What the request asked for, so a key reused for something else is refused."""
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def find(session: Session, scope: str, key: str, *, now: datetime) -> dict[str, Any] | None:
    """The answer first given for this key, while it is kept."""
    record = session.get(IdempotencyRecord, key_hash(scope, key))
    if record is None or record.expires_at <= now:
        return None
    return dict(record.response)


def _replay(
    session: Session, hashed: str, asked: str, now: datetime, conflict: str
) -> Answer | None:
    record = session.get(IdempotencyRecord, hashed, populate_existing=True)
    if record is None or record.expires_at <= now:
        return None
    if not hmac.compare_digest(record.request_hash, asked):
        raise Conflict(conflict)
    return Answer(dict(record.response), replayed=True)


def once(
    session: Session,
    *,
    scope: str,
    key: str | None,
    body: dict[str, Any],
    now: datetime,
    make: Callable[[], tuple[int, dict[str, Any]]],
    conflict: str,
) -> Answer:
    """make()'s answer, made once per key: it stores the item and returns (case id, answer).

    Without a key every call makes. With one, a repeat of the same body returns the first
    answer; a different body under the same key raises Conflict (with the words given).
    Everything make() stores and the record are one savepoint: both or neither.
    """
    hashed = key_hash(scope, key) if key else None
    asked = request_hash(body)
    if hashed and (replay := _replay(session, hashed, asked, now, conflict)):
        return replay
    try:
        with session.begin_nested():
            if hashed:  # an expired record gives its key back
                session.execute(
                    delete(IdempotencyRecord).where(IdempotencyRecord.key_hash == hashed)
                )
            case_id, response = make()
            if hashed:
                lifetime = timedelta(hours=get_settings().idempotency_lifetime_hours)
                session.add(
                    IdempotencyRecord(
                        key_hash=hashed,
                        request_hash=asked,
                        concern_id=case_id,
                        response=response,
                        created_at=now,
                        expires_at=now + lifetime,
                    )
                )
                session.flush()
    except IntegrityError:
        # The same key committed first in a concurrent request: answer as it did.
        if hashed and (replay := _replay(session, hashed, asked, now, conflict)):
            return replay
        raise
    return Answer(response, replayed=False)


def purge_expired(session: Session, *, now: datetime) -> int:
    """Delete records past their lifetime."""
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
