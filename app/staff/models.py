"""Staff users, their roles and teams, sessions, one-time links and API tokens.

Secrets are never stored as given: passwords are Argon2id hashes, and session ids,
link tokens, recovery codes and API tokens are stored as SHA-256 hashes, so a copy
of the database lets nobody sign in.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, belongs_to
from app.labels import Labelled, labels


class Role(Labelled):
    TRIAGE = "triage", "Triage officer"
    CASEWORKER = "caseworker", "Caseworker"
    MANAGER = "manager", "Manager"
    ADMIN = "admin", "Administrator"
    FACILITATOR = "facilitator", "Forum facilitator"
    COMMISSION = "commission", "Families Commission member"


ROLE_LABELS = labels(Role)
STAFF_ROLES = frozenset({Role.TRIAGE, Role.CASEWORKER, Role.MANAGER, Role.ADMIN})


class Team(Base):
    """Caseworkers grouped under a service area (e.g. 'Children in need')."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    service_area: Mapped[str] = mapped_column(String(120))


class StaffUser(Base):
    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The id that appears in URLs: random, so users cannot be enumerated by counting.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(200))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_enrolled_at: Mapped[datetime | None]
    # The last time step whose code was accepted: an older or equal step is a replay.
    totp_last_step: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime | None]

    team: Mapped[Team | None] = relationship(lazy="joined")
    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", back_populates="user"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.role_rows)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles & set(roles))


class UserRole(Base):
    __tablename__ = "user_role"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[StaffUser] = relationship(back_populates="role_rows")


class RecoveryCode(Base):
    """Single-use codes for signing in when the authenticator app is lost."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = belongs_to("staff_user")
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None]


class StaffSession(Base):
    """A signed-in browser. Only the hash of the id in the cookie is kept."""

    __tablename__ = "staff_session"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = belongs_to("staff_user")
    # "mfa": password checked, one-time code still owed; "full": signed in;
    # "enrol": signed in by a set-up link, authenticator still to be set up.
    stage: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]  # the absolute limit; idle time is checked on last_seen_at
    revoked_at: Mapped[datetime | None]


class ActionToken(Base):
    """A single-use, expiring link: account set-up or password reset."""

    __tablename__ = "action_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = belongs_to("staff_user")
    purpose: Mapped[str] = mapped_column(String(10))  # "setup" or "reset"
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class ApiToken(Base):
    """A personal token for the staff JSON API: shown once, stored hashed, revocable."""

    __tablename__ = "api_token"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    user_id: Mapped[int] = belongs_to("staff_user")
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12))  # shown in lists, to tell tokens apart
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
