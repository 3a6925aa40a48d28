"""Service-level policies as versioned data (policies.toml beside this file): which clocks
run, from what, to what, for how long.

Timescales from ../shared/domain/RULES.md:
- statutory (Children Act 1989 representations procedure): acknowledge in 3 working days
  (this council's promise); stage 1 response in 10, extendable to 20; stage 2
  investigation 25, up to 65; stage 3 panel within 30 of the request, its report within
  5 of the panel, the council's response within 15 of the report.
- corporate (Ombudsman's Complaint Handling Code): stage 1 acknowledged in 5 and answered
  within 10 of the acknowledgement (up to 10 more); stage 2 acknowledged in 5 and answered
  within 20 of the acknowledgement (up to 10 more, with reasons).
- safeguarding: a decision on next steps within one working day, counted as 24 real hours
  (clock-hour targets count every hour of every day).

A policy never changes once cases use it: a change is a new version, and each case keeps
the version it was triaged under, so counts stay comparable over time.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from importlib.resources import files
from typing import Any

from app.labels import Labelled, labels


class PauseReason(Labelled):
    AWAITING_INFORMATION = "awaiting-information", "awaiting information from the family"
    # Regulation 8: going on could prejudice court or police work.
    LEGAL_PROCEEDINGS = "legal-proceedings", "legal proceedings (regulation 8)"
    FAMILY_REQUEST = "family-request", "at the family's request"


PAUSE_REASON_LABELS = labels(PauseReason)


class Unit(StrEnum):
    WORKING_DAYS = "working-days"
    HOURS = "hours"


@dataclass(frozen=True)
class Trigger:
    """An event kind, and for staged events the stage it must be at (None: any)."""

    kind: str
    stage: int | None = None

    def matches(self, kind: str, stage: int | None) -> bool:
        return kind == self.kind and (self.stage is None or self.stage == stage)


@dataclass(frozen=True)
class ClockRule:
    name: str
    label: str
    starts: Trigger
    stops: Trigger
    target: int
    unit: Unit = Unit.WORKING_DAYS
    extension_limit: int | None = None  # the longest target an extension may set
    pausable: bool = True
    due_soon: int = 2  # working days left at which the clock shows "due soon"
    # An event that starts the count again from its own day (the clock keeps running).
    restarts: Trigger | None = None


@dataclass(frozen=True)
class Policy:
    code: str
    version: int
    label: str
    clocks: tuple[ClockRule, ...]

    def clock(self, name: str) -> ClockRule:
        for rule in self.clocks:
            if rule.name == name:
                return rule
        raise KeyError(name)


def _trigger(text: str) -> Trigger:
    kind, _, stage = text.partition("@")
    return Trigger(kind, int(stage) if stage else None)


def _rule(row: dict[str, Any]) -> ClockRule:
    return ClockRule(
        row["name"],
        row["label"],
        _trigger(row["starts"]),
        _trigger(row["stops"]),
        target=row["target"],
        unit=Unit(row.get("unit", Unit.WORKING_DAYS)),
        extension_limit=row.get("extension_limit"),
        pausable=row.get("pausable", True),
        due_soon=row.get("due_soon", 2),
        restarts=_trigger(row["restarts"]) if "restarts" in row else None,
    )


def _load() -> tuple[dict[tuple[str, int], Policy], dict[str, int]]:
    """The policies as data (policies.toml beside this file), checked as they are read."""
    data = tomllib.loads(files("app.sla").joinpath("policies.toml").read_text("utf-8"))
    policies = {
        (p["code"], p["version"]): Policy(
            p["code"], p["version"], p["label"], tuple(_rule(c) for c in p["clocks"])
        )
        for p in data["policy"]
    }
    current: dict[str, int] = data["current"]
    missing = {(code, v) for code, v in current.items()} - policies.keys()
    if missing:
        raise ValueError(f"policies.toml names current versions it does not define: {missing}")
    return policies, current


POLICIES, CURRENT_VERSION = _load()
STATUTORY_V1 = POLICIES[("statutory", 1)]
CORPORATE_V1 = POLICIES[("corporate", 1)]
SAFEGUARDING_V1 = POLICIES[("safeguarding", 1)]


def policy_for(code: str, version: int | None = None) -> Policy:
    """A policy by code, at a given version (default: the current one)."""
    return POLICIES[(code, version or CURRENT_VERSION[code])]
