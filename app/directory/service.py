"""Names redaction should know for a case: the family's own, the staff directory, the schools."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.directory.models import School
from app.staff.models import StaffUser

# Words that make a school's name a school's but name nobody: "St Mary's CE Primary
# School" is found as "St Mary's CE Primary School", and as "St Mary's" too.
SCHOOL_WORDS = frozenset(
    {
        "school",
        "academy",
        "primary",
        "secondary",
        "high",
        "infant",
        "infants",
        "junior",
        "juniors",
        "college",
        "nursery",
        "community",
        "foundation",
        "federation",
        "church",
        "england",
        "ce",
        "c",
        "of",
        "e",
        "rc",
        "catholic",
        "voluntary",
        "aided",
        "controlled",
        "free",
        "studio",
        "trust",
        "the",
        "and",
        "&",
    }
)


@dataclass(frozen=True)
class KnownNames:
    people: tuple[str, ...]
    schools: tuple[str, ...]


def school_phrases(name: str) -> list[str]:
    """The school's full name and its distinctive part (the name without school words)."""
    words = name.split()
    core = words[:]
    while core and core[-1].lower().strip(".,()") in SCHOOL_WORDS:
        core.pop()
    while core and core[0].lower() in {"the"}:
        core.pop(0)
    phrases = [name]
    # A one-word core that is a town ("Hereford High School" -> "Hereford") would hide the
    # town everywhere; only cores of two words or more, or with a saint, stand alone.
    if core and core != words and (len(core) > 1 or "'" in core[0]):
        phrases.append(" ".join(core))
    return phrases


class Family(Protocol):
    """What the directory reads of a case: the name its family gave (a Concern is one).

    A protocol, not the model, so the directory sits below the case domain."""

    @property
    def contact_name(self) -> str | None: ...


def known_names(session: Session, concern: Family | None = None) -> KnownNames:
    staff = session.scalars(select(StaffUser.display_name)).all()
    people = [n for n in ((concern.contact_name if concern else None), *staff) if n]
    schools = [p for name in session.scalars(select(School.name)) for p in school_phrases(name)]
    return KnownNames(tuple(people), tuple(schools))


class ImportProblem(ValueError):
    """The file is not a GIAS export this command understands."""


def read_gias(raw: bytes) -> list[tuple[int, str, str | None]]:
    """(URN, name, town) rows from a GIAS CSV export (UTF-8, or Windows-1252 as GIAS writes it)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    reader = csv.DictReader(io.StringIO(text))
    fields = set(reader.fieldnames or ())
    if not {"URN", "EstablishmentName"} <= fields:
        raise ImportProblem("The file needs URN and EstablishmentName columns (a GIAS export)")
    rows = []
    for number, row in enumerate(reader, start=2):
        urn, name = (row.get("URN") or "").strip(), (row.get("EstablishmentName") or "").strip()
        if not urn.isdigit() or not name:
            raise ImportProblem(f"Line {number}: a URN (digits) and a name are needed")
        rows.append((int(urn), name[:200], (row.get("Town") or "").strip()[:100] or None))
    return rows


def import_schools(session: Session, rows: Iterable[tuple[int, str, str | None]]) -> int:
    """Add or update schools by URN; returns how many rows were read."""
    count = 0
    for urn, name, town in rows:
        school = session.get(School, urn)
        if school is None:
            session.add(School(urn=urn, name=name, town=town))
        else:
            school.name, school.town = name, town
        count += 1
    session.flush()
    return count
