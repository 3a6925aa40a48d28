"""The theme taxonomy: reading it, and the four changes a manager may make.

Policy (see models.py): codes are permanent and never reused, so a count by code
means the same thing in every period; every change is a new version, recorded with
who made it, when and why, and put on the audit trail. A retired theme is no longer
offered for tagging, but the cases that carry it keep it and it stays in the history.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import actions
from app.audit import service as audit
from app.audit.service import Actor
from app.db import take_turns
from app.errors import NotFound, ServiceError
from app.staff.models import StaffUser
from app.taxonomy.models import TaxonomyVersion, Theme, ThemeChange

CODE_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
CODE_MAX, LABEL_MAX, DESCRIPTION_MAX, REASON_MAX = 40, 80, 500, 1000

ADDED, RENAMED, DESCRIBED, RETIRED, REINSTATED = (
    "added",
    "renamed",
    "description",
    "retired",
    "reinstated",
)
CHANGE_LABELS = {
    ADDED: "Added",
    RENAMED: "Renamed",
    DESCRIBED: "Description changed",
    RETIRED: "Retired",
    REINSTATED: "Reinstated",
}


class ChangeRefused(ServiceError):
    """A change the rules do not allow; errors name the form field each is about."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        super().__init__(errors[0][1])
        self.errors = errors


# Reading ----------------------------------------------------------------------------------


def current_version(session: Session) -> int:
    """The taxonomy's version now: the latest change's (1 is THEMES.md, seeded by 0008)."""
    return session.scalar(select(func.max(TaxonomyVersion.version))) or 0


def list_themes(session: Session, *, active: bool | None = None) -> Sequence[Theme]:
    """Themes in their listed order; active=True for those offered for tagging."""
    query = select(Theme).order_by(Theme.position)
    if active is not None:
        query = query.where(Theme.active.is_(active))
    return session.scalars(query).all()


def active_codes(session: Session) -> list[str]:
    """The codes staff may tag a case with now, in listed order."""
    return list(
        session.scalars(select(Theme.code).where(Theme.active.is_(True)).order_by(Theme.position))
    )


def retired_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Theme.code).where(Theme.active.is_(False))))


def labels(session: Session) -> dict[str, str]:
    """Every theme's label by code, retired ones too: old cases still carry them."""
    rows = session.execute(select(Theme.code, Theme.label).order_by(Theme.position))
    return {code: label for code, label in rows}


def get_theme(session: Session, code: str) -> Theme:
    theme = session.get(Theme, code)
    if theme is None:
        raise NotFound("There is no theme with that code")
    return theme


@dataclass(frozen=True)
class HistoryEntry:
    version: TaxonomyVersion
    changed_by: StaffUser | None
    changes: list[ThemeChange] = field(default_factory=list)


def history(session: Session) -> list[HistoryEntry]:
    """Every version, newest first, with who made it and what it changed."""
    versions = session.scalars(
        select(TaxonomyVersion).order_by(TaxonomyVersion.version.desc())
    ).all()
    changes: dict[int, list[ThemeChange]] = {}
    for change in session.scalars(select(ThemeChange).order_by(ThemeChange.id)):
        changes.setdefault(change.version, []).append(change)
    people = {
        u.id: u
        for u in session.scalars(
            select(StaffUser).where(
                StaffUser.id.in_({v.changed_by_id for v in versions if v.changed_by_id})
            )
        )
    }
    return [
        HistoryEntry(
            v, people.get(v.changed_by_id) if v.changed_by_id else None, changes.get(v.version, [])
        )
        for v in versions
    ]


# Changing ---------------------------------------------------------------------------------


def _text_errors(
    errors: list[tuple[str, str]], *, label: str | None, description: str | None, reason: str
) -> None:
    if label is not None:
        if not label:
            errors.append(("label", "Enter a name for the theme"))
        elif len(label) > LABEL_MAX:
            errors.append(("label", f"The name must be {LABEL_MAX} characters or fewer"))
    if description is not None:
        if not description:
            errors.append(("description", "Enter what the theme covers"))
        elif len(description) > DESCRIPTION_MAX:
            errors.append(
                ("description", f"What it covers must be {DESCRIPTION_MAX} characters or fewer")
            )
    if not reason:
        errors.append(("reason", "Enter why you are making this change"))
    elif len(reason) > REASON_MAX:
        errors.append(("reason", f"The reason must be {REASON_MAX} characters or fewer"))


def _label_taken(session: Session, label: str, *, other_than: str | None = None) -> bool:
    # Retired themes count too: two themes with one name would make old counts ambiguous.
    query = select(Theme.code).where(func.lower(Theme.label) == label.lower())
    if other_than is not None:
        query = query.where(Theme.code != other_than)
    return session.scalar(query.limit(1)) is not None


def _checked_words(
    session: Session, label: str, description: str, reason: str, *, other_than: str | None = None
) -> tuple[str, str, str, list[tuple[str, str]]]:
    """A theme's name, description and the reason for the change, trimmed, and what is wrong
    with them: the one check for a new theme and an edited one."""
    label, description, reason = label.strip(), description.strip(), reason.strip()
    errors: list[tuple[str, str]] = []
    _text_errors(errors, label=label, description=description, reason=reason)
    if (
        label
        and not any(f == "label" for f, _ in errors)
        and _label_taken(session, label, other_than=other_than)
    ):
        errors.append(
            (
                "label",
                "Another theme already has that name"
                if other_than
                else "A theme already has that name",
            )
        )
    return label, description, reason, errors


# Two managers saving at once would both read the same version and claim the next.
VERSION_LOCK_KEY = 0x46565458  # "FVTX"


def _new_version(session: Session, actor: Actor[StaffUser], reason: str, now: datetime) -> int:
    take_turns(session, VERSION_LOCK_KEY)
    version = current_version(session) + 1
    session.add(
        TaxonomyVersion(version=version, changed_at=now, changed_by_id=actor.id, reason=reason)
    )
    session.flush()
    return version


def _record(
    session: Session,
    actor: Actor[StaffUser],
    *,
    version: int,
    code: str,
    changes: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]],
    now: datetime,
) -> None:
    for kind, before, after in changes:
        session.add(ThemeChange(version=version, code=code, kind=kind, before=before, after=after))
    session.flush()
    audit.record(
        session,
        actor,
        action=actions.TAXONOMY_CHANGED,
        now=now,
        target_type="theme",
        target_id=code,
        details={
            "version": version,
            "changes": [{"kind": k, "before": b, "after": a} for k, b, a in changes],
        },
    )


def add_theme(
    session: Session,
    actor: Actor[StaffUser],
    *,
    code: str,
    label: str,
    description: str,
    reason: str,
    now: datetime,
) -> Theme:
    """A new theme, offered for tagging from the new version on."""
    code = code.strip()
    label, description, reason, word_errors = _checked_words(session, label, description, reason)
    errors: list[tuple[str, str]] = []
    if not code:
        errors.append(("code", "Enter a code for the theme"))
    elif len(code) > CODE_MAX:
        errors.append(("code", f"The code must be {CODE_MAX} characters or fewer"))
    elif not CODE_PATTERN.fullmatch(code):
        errors.append(
            (
                "code",
                "The code must be lowercase letters and numbers in words joined by hyphens, "
                "like school-transport",
            )
        )
    elif session.get(Theme, code) is not None:
        # Codes are never reused, a retired one included: its old counts would mix.
        errors.append(("code", "That code is already used by a theme: choose another"))
    errors += word_errors
    if errors:
        raise ChangeRefused(errors)
    version = _new_version(session, actor, reason, now)
    # Listed after every theme there is, retired ones included.
    last = session.scalar(select(func.max(Theme.position))) or 0
    theme = Theme(code=code, label=label, description=description, active=True)
    theme.position, theme.added_in_version = last + 1, version
    session.add(theme)
    session.flush()
    added = {"label": label, "description": description}
    _record(session, actor, version=version, code=code, changes=[(ADDED, None, added)], now=now)
    return theme


def edit_theme(
    session: Session,
    actor: Actor[StaffUser],
    code: str,
    *,
    label: str,
    description: str,
    reason: str,
    now: datetime,
) -> Theme:
    """A new label or description (the code stays): one version, however many fields."""
    theme = get_theme(session, code)
    label, description, reason, errors = _checked_words(
        session, label, description, reason, other_than=code
    )
    if not errors and label == theme.label and description == theme.description:
        errors.append(("label", "Change the name or what it covers, or go back"))
    if errors:
        raise ChangeRefused(errors)
    changes: list[tuple[str, dict[str, Any] | None, dict[str, Any] | None]] = []
    if label != theme.label:
        changes.append((RENAMED, {"label": theme.label}, {"label": label}))
    if description != theme.description:
        changes.append(
            (DESCRIBED, {"description": theme.description}, {"description": description})
        )
    version = _new_version(session, actor, reason, now)
    theme.label, theme.description = label, description
    _record(session, actor, version=version, code=code, changes=changes, now=now)
    return theme


def set_active(
    session: Session,
    actor: Actor[StaffUser],
    code: str,
    *,
    active: bool,
    reason: str,
    now: datetime,
) -> Theme:
    """Retire a theme (no longer offered for tagging) or reinstate it."""
    theme = get_theme(session, code)
    reason = reason.strip()
    errors: list[tuple[str, str]] = []
    _text_errors(errors, label=None, description=None, reason=reason)
    if theme.active == active:
        errors.insert(0, ("reason", "That theme is already " + ("in use" if active else "retired")))
    if errors:
        raise ChangeRefused(errors)
    version = _new_version(session, actor, reason, now)
    theme.active = active
    theme.retired_in_version = None if active else version
    _record(
        session,
        actor,
        version=version,
        code=code,
        changes=[(REINSTATED if active else RETIRED, {"active": not active}, {"active": active})],
        now=now,
    )
    return theme
