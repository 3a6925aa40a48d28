"""Warning signs from published guidance (suicide prevention, child sexual abuse), kept as
data in warning-signs.json beside this file rather than scattered through the rules, each
with the guidance it comes from, so a reviewer can check a sign against its source and a
council can add one without touching code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SIGNS_FILE = Path(__file__).with_name("warning-signs.json")
STRENGTHS = frozenset({"protected", "context"})


@dataclass(frozen=True)
class WarningSign:
    """One sign: the harm it signals, how far context may lower it, the phrases that show
    it (in the rules' normalised text) and the guidance it was taken from."""

    id: str
    signal: str
    strength: str
    patterns: tuple[str, ...]
    source: str
    # An ordinary reason the writer gives in the same sentence ("because I'm moving to my
    # own flat"): part of what the sign is, so it sets aside even a protected one.
    unless: str | None = None


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[WarningSign, ...], tuple[str, ...]]:
    data = json.loads(SIGNS_FILE.read_text(encoding="utf-8"))
    sources: dict[str, str] = data["sources"]
    signs = []
    for row in data["signs"]:
        if row["strength"] not in STRENGTHS:
            raise ValueError(f"warning sign {row['id']}: unknown strength {row['strength']!r}")
        signs.append(
            WarningSign(
                id=row["id"],
                signal=row["signal"],
                strength=row["strength"],
                patterns=tuple(row["patterns"]),
                source=" ".join(sources[key] for key in row["source"]),
                unless=row.get("unless"),
            )
        )
    return tuple(signs), tuple(row["pattern"] for row in data.get("discounts", ()))


def warning_signs() -> tuple[WarningSign, ...]:
    """Every warning sign in warning-signs.json."""
    return _load()[0]


def sign_discounts() -> tuple[str, ...]:
    """Phrases that cover a sign's words without meaning it ("won't be here, we're on holiday")."""
    return _load()[1]
