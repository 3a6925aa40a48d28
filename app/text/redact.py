"""Redaction: personal data in free text replaced by typed placeholders.

Layered and fail-closed: when in doubt about a structured identifier, redact it.
- Structured identifiers, found by pattern and checked where a check exists: emails,
  web addresses, UK phone numbers in every usual form (phonenumbers' matcher for the
  GB region: +44, (0), spaces, dashes), UK postcodes, NHS numbers (mod-11 check digit),
  National Insurance numbers (valid prefixes only), dates of birth and ages in context,
  and this service's own case references.
- Names: every name the family gave in the form (known_names), and words after cues
  such as "my son", "social worker", "Mr" — capitalised or not, as people type.
- Street addresses (number, name, street word) and schools (name + Primary/Academy...).

Kept, because they identify nobody: months and weekdays, public bodies and services
(Ofsted, MASH, CAMHS, the council, the Families Commission...), job titles and
ordinary words after a cue ("my son is", "the social worker said").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers


@dataclass(frozen=True)
class Entity:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    redacted: str
    entities: tuple[Entity, ...]


MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
KEEP = frozenset(
    {
        *MONTHS,
        *WEEKDAYS,
        "ofsted",
        "mash",
        "camhs",
        "nhs",
        "council",
        "commission",
        "families",
        "police",
        "court",
        "school",
        "team",
        "service",
        "services",
        "hospital",
        "gp",
        "cafcass",
        "iro",
        "edt",
        "herefordshire",
        "worcestershire",
        "shropshire",
        "leeds",
        "hereford",
        "leominster",
        "ross",
        "ledbury",
    }
)
# Words that follow a cue but are not names: "my son is", "social worker said".
NOT_NAMES = frozenset(
    """
a an the and or but is was are were be been has had have do does did not no so to of in on at for
with from by about as who which that this it he she they we i you him her them his hers their our
my your said says told keeps kept came went will would could should can may might must just also
still now then when where why how what very really too again ever never always often sometimes has
hasn't wasn't isn't didn't doesn't don't won't can't couldn't wouldn't shouldn't since because
until after before while new old first last next other another same own every each any all some
many much more most few called named lives lived left moved stayed goes going gets got has been
being one two three
""".split()
)

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_OUTWARD = re.compile(r"(?i:\bpostcode\b[\s:]*)([A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\b", re.IGNORECASE)
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Any two letters: a mistyped or example prefix (QQ) is still someone's number to hide.
_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_CASE_REF = re.compile(r"\bFV-\d{4}-\d{6}\b", re.IGNORECASE)
_MONTH = "(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" for m in MONTHS) + ")"
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}(?:,? \d{{4}})?"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?)"
)
_DOB = re.compile(
    rf"\b(?:born(?: on)?|date of birth|d\.?o\.?b\.?|birthday)(?: (?:is|was))?[\s:,-]*({_DATE})",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\b(?:aged|age)\s+(\d{1,2})\b|\b(\d{1,2})(?:[- ]years?[- ]old|[- ]year[- ]old|yo)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z]+ ){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|"
    r"Place|Gardens|Terrace|Grove|Rd|St|Ave|Row|Walk|Square|Hill)\b"
)
_SCHOOL = re.compile(
    r"\b(?:St\.? )?(?:[A-Z][a-z]+ ){1,4}(?:Primary|Secondary|High|Infant|Junior|C of E|CE)? ?"
    r"(?:School|Academy|College)\b"
)
_CUE = re.compile(
    r"\b(?:(?:my|our|her|his|their) (?:son|daughter|child|kid|grandson|granddaughter|grandchild|nephew|niece|"
    r"brother|sister|partner|husband|wife|mum|mother|dad|father|ex|boyfriend|girlfriend|stepdad|stepmum|"
    r"stepfather|stepmother|baby|foster (?:son|daughter|child)|friend|neighbour)|social worker|worker|"
    r"teacher|manager|team manager|caseworker|keyworker|key worker|"
    r"(?:grand)?(?:mother|father|mum|dad|nan|nanna|grandma|grandad|aunt|auntie|uncle|carer|guardian) (?:to|of)|"
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?)[,:]? +"
    r"([A-Za-z][A-Za-z'-]+)(?: ([A-Za-z][A-Za-z'-]+))?",
    re.IGNORECASE,
)
# Letters and inner hyphens: "Kayleigh's" is the name Kayleigh and an "s".
# Introductions need a capital: "I am Ruth" names someone, "I am sorry" does not.
_INTRO = re.compile(
    r"(?i:\b(?:i am|i'm|my name is|this is|called|named))\s+([A-Z][a-z'-]+)(?: ([A-Z][a-z'-]+))?"
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _names(text: str, known_names: Iterable[str]) -> list[Entity]:
    found: list[Entity] = []
    tokens = {t.lower() for name in known_names for t in _WORD.findall(name) if len(t) > 1}
    tokens -= KEEP | NOT_NAMES
    if tokens:
        for m in _WORD.finditer(text):
            if m.group(0).lower() in tokens:
                found.append(Entity("NAME", m.start(), m.end()))
    for m in [*_CUE.finditer(text), *_INTRO.finditer(text)]:
        for group in (1, 2):
            word = m.group(group)
            if word and word.lower() not in NOT_NAMES and word.lower() not in KEEP:
                found.append(Entity("NAME", m.start(group), m.end(group)))
            elif group == 1:
                break  # "my son is ...": no name, and nothing after it either
    return found


def find_entities(text: str, known_names: Sequence[str] = ()) -> list[Entity]:
    """Every span of personal data, longest first where spans overlap."""
    found: list[Entity] = []
    found += [Entity("CASE_REF", m.start(), m.end()) for m in _CASE_REF.finditer(text)]
    found += [Entity("EMAIL", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        found.append(Entity("URL", m.start(), end))
    found += [
        Entity("NHS_NUMBER", m.start(), m.end())
        for m in _NHS.finditer(text)
        if nhs_number_valid("".join(m.groups()))
    ]
    found += [Entity("NI_NUMBER", m.start(), m.end()) for m in _NI.finditer(text)]
    for match in phonenumbers.PhoneNumberMatcher(
        text, "GB", leniency=phonenumbers.Leniency.POSSIBLE
    ):
        # UK numbers have at least 10 digits; shorter runs are times, sums or references.
        if sum(ch.isdigit() for ch in match.raw_string) >= 10:
            found.append(Entity("PHONE", match.start, match.end))
    found += [Entity("POSTCODE", m.start(), m.end()) for m in _POSTCODE.finditer(text)]
    found += [Entity("POSTCODE", m.start(1), m.end(1)) for m in _OUTWARD.finditer(text)]
    found += [Entity("DATE_OF_BIRTH", m.start(1), m.end(1)) for m in _DOB.finditer(text)]
    for m in _AGE.finditer(text):
        group = 1 if m.group(1) else 2
        found.append(Entity("AGE", m.start(group), m.end(group)))
    found += [Entity("ADDRESS", m.start(), m.end()) for m in _ADDRESS.finditer(text)]
    found += [Entity("SCHOOL", m.start(), m.end()) for m in _SCHOOL.finditer(text)]
    found += _names(text, known_names)
    # Overlaps: the earliest, then the longest, wins; a span inside it is dropped.
    chosen: list[Entity] = []
    for entity in sorted(found, key=lambda e: (e.start, -(e.end - e.start))):
        if chosen and entity.start < chosen[-1].end:
            continue
        chosen.append(entity)
    return chosen


def redact(text: str, known_names: Sequence[str] = ()) -> Redaction:
    """The text with each piece of personal data replaced by [TYPE]."""
    entities = find_entities(text, known_names)
    parts: list[str] = []
    last = 0
    for entity in entities:
        parts.append(text[last : entity.start])
        parts.append(f"[{entity.type}]")
        last = entity.end
    parts.append(text[last:])
    return Redaction("".join(parts), tuple(entities))
