"""The redaction engine's word lists: data files in app/text/data/, read once, here.

Below every text engine that reads them (tokens, name rules, the name detector,
addresses), so none of them imports another to get a list. A list is a section of a file:

    # a comment
    [section]
    words separated by spaces or lines

The files are package data (pyproject.toml), and their hash is part of the key of every
model built from them (app/text/artefacts.py): edit a list and the models rebuild.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from app.text.dates import MONTHS, WEEKDAYS

DATA = Path(__file__).resolve().parent / "data"


@cache
def _sections(name: str) -> dict[str, frozenset[str]]:
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = found.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{name}.txt: words before the first [section]")
        else:
            current.extend(line.split())
    return {section: frozenset(words) for section, words in found.items()}


def words(name: str, section: str) -> frozenset[str]:
    """The words of [section] in app/text/data/<name>.txt."""
    return _sections(name)[section]


def data_files() -> tuple[Path, ...]:
    """Every word-list file, in name order: what a model built from them depends on."""
    return tuple(sorted(DATA.glob("*.txt")))


# Public bodies, services, places, job titles, months and weekdays: kept wherever they
# stand, and never names.
KEEP = frozenset({*MONTHS, *WEEKDAYS}) | words("kept", "keep")
# Words that follow a cue but are not names ("my son is", "social worker said").
NOT_NAMES = words("common", "not-names")
# With the everyday words that start sentences or headings: never a name on its own.
COMMON = NOT_NAMES | words("common", "common")
