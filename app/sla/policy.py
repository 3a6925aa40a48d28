"""Service-level policies as versioned data: which clocks run, from what, to what, for how long.

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

from dataclasses import dataclass
from enum import StrEnum

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


STATUTORY_V1 = Policy(
    "statutory",
    1,
    "Statutory complaint (Children Act 1989)",
    (
        ClockRule(
            "acknowledgement",
            "Acknowledgement",
            Trigger("received"),
            Trigger("acknowledged", 1),
            target=3,
            pausable=False,
            due_soon=1,
        ),
        ClockRule(
            "stage-1-response",
            "Stage 1 response",
            Trigger("received"),
            Trigger("responded", 1),
            target=10,
            extension_limit=20,
            due_soon=3,
        ),
        ClockRule(
            # Stage 2 runs from the request, and "usually" from when the family agrees the
            # written statement of complaint: recording that agreement restarts the count.
            "stage-2-investigation",
            "Stage 2 investigation",
            Trigger("escalated", 2),
            Trigger("responded", 2),
            target=25,
            extension_limit=65,
            due_soon=5,
            restarts=Trigger("statement-agreed", 2),
        ),
        ClockRule(
            "stage-3-panel",
            "Stage 3 review panel",
            Trigger("escalated", 3),
            Trigger("panel-held"),
            target=30,
            due_soon=5,
        ),
        ClockRule(
            "stage-3-report",
            "Stage 3 panel report",
            Trigger("panel-held"),
            Trigger("report-issued"),
            target=5,
            due_soon=1,
        ),
        ClockRule(
            "stage-3-response",
            "Stage 3 council response",
            Trigger("report-issued"),
            Trigger("responded", 3),
            target=15,
            due_soon=3,
        ),
    ),
)

CORPORATE_V1 = Policy(
    "corporate",
    1,
    "Corporate complaint (Ombudsman's Complaint Handling Code)",
    (
        ClockRule(
            "acknowledgement",
            "Stage 1 acknowledgement",
            Trigger("received"),
            Trigger("acknowledged", 1),
            target=5,
            pausable=False,
            due_soon=1,
        ),
        ClockRule(
            "stage-1-response",
            "Stage 1 response",
            Trigger("acknowledged", 1),
            Trigger("responded", 1),
            target=10,
            extension_limit=20,
            due_soon=3,
        ),
        ClockRule(
            "stage-2-acknowledgement",
            "Stage 2 acknowledgement",
            Trigger("escalated", 2),
            Trigger("acknowledged", 2),
            target=5,
            pausable=False,
            due_soon=1,
        ),
        ClockRule(
            "stage-2-response",
            "Stage 2 response",
            Trigger("acknowledged", 2),
            Trigger("responded", 2),
            target=20,
            extension_limit=30,
            due_soon=5,
        ),
    ),
)

SAFEGUARDING_V1 = Policy(
    "safeguarding",
    1,
    "Safeguarding referral",
    (
        ClockRule(
            "safeguarding-decision",
            "Safeguarding decision",
            Trigger("received"),
            Trigger("decided"),
            target=24,
            unit=Unit.HOURS,
            pausable=False,
            due_soon=0,
        ),
    ),
)

POLICIES: dict[tuple[str, int], Policy] = {
    (p.code, p.version): p for p in (STATUTORY_V1, CORPORATE_V1, SAFEGUARDING_V1)
}
CURRENT_VERSION = {"statutory": 1, "corporate": 1, "safeguarding": 1}


def policy_for(code: str, version: int | None = None) -> Policy:
    """A policy by code, at a given version (default: the current one)."""
    return POLICIES[(code, version or CURRENT_VERSION[code])]
