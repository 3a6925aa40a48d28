"""Structured identifiers: found by pattern, checked where a check exists, fail-closed.

Emails, web addresses (with or without a scheme) and social media handles; UK phone
numbers (phonenumbers' matcher for the GB region); UK postcodes and outward codes alone;
NHS numbers (mod-11 check digit); National Insurance numbers; this service's case
references; dates of birth (app/text/dates.py) and ages in context.
"""

from __future__ import annotations

import re

import phonenumbers

from app.text import lexicon
from app.text.dates import birth_dates
from app.text.entities import Entity
from app.text.lexicon import COMMON, KEEP
from app.text.names import english_words

_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
# Web addresses without a scheme: "facebook.com/tracey.hollins.77", "mysite.co.uk".
_DOMAIN = re.compile(
    r"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:com|co\.uk|org\.uk|org|net|uk|gov\.uk|me\.uk|io|me|info|biz|ly|tv|co|app|page|link)"
    r"(?![\w-])(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
# Social media handles: "@lils.x.morgan", and a bare handle after the platform's name.
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_SOCIAL = re.compile(
    r"\b(?:insta|instagram|ig|snap|snapchat|sc|tiktok|tik tok|twitter|facebook|fb|threads)"
    r"(?: (?:handle|name|account|page|username))?(?: is| its| it's|:| -) ?"
    r"([A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_])",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
# The UK's postcode areas: an outward code alone ("HR2", "hr4") is redacted wherever it stands,
# fail-closed: the odd "M5" motorway or "CO2" is a price worth paying.
_AREA_SET = lexicon.words("postcode-areas", "areas")
_OUTWARD = re.compile(r"(?<![\w/.-])([A-Za-z]{1,2})\d[A-Za-z\d]?(?![\w/])")
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Any two letters: a mistyped or example prefix (QQ) is still someone's number to hide.
_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_CASE_REF = re.compile(r"\bFV-\d{4}-\d{6}\b", re.IGNORECASE)
_AGE = re.compile(
    r"\b(?:aged|age)\s+(\d{1,2})\b|\b(\d{1,2})(?:[- ]years?[- ]old|[- ]year[- ]old|yo)\b",
    re.IGNORECASE,
)


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _ordinary(word: str) -> bool:
    """A capitalised word that is no person's name: "On", "Monday", "Ofsted"."""
    return word.lower() in KEEP or word.lower() in COMMON


def identifiers(text: str) -> list[Entity]:
    """Every structured identifier in text, in the order find_entities has always listed
    them (of two spans with the same start and length, the first names the type)."""
    found: list[Entity] = []
    found += [Entity("CASE_REF", m.start(), m.end()) for m in _CASE_REF.finditer(text)]
    found += [Entity("EMAIL", m.start(), m.end()) for m in _EMAIL.finditer(text)]
    for m in [*_URL.finditer(text), *_DOMAIN.finditer(text)]:
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)":
            end -= 1
        found.append(Entity("URL", m.start(), end))
    found += [Entity("URL", m.start(), m.end()) for m in _HANDLE.finditer(text)]
    for m in _SOCIAL.finditer(text):
        handle = m.group(1)
        # "my insta is lils_morgan", not "my facebook is down".
        if any(c in handle for c in "._0123456789") or handle.lower() not in english_words():
            found.append(Entity("URL", m.start(1), m.end(1)))
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
    found += [
        Entity("POSTCODE", m.start(), m.end())
        for m in _OUTWARD.finditer(text)
        if m.group(1).upper() in _AREA_SET
    ]
    found += [Entity("DATE_OF_BIRTH", s, e) for s, e in birth_dates(text, _ordinary)]
    for m in _AGE.finditer(text):
        group = 1 if m.group(1) else 2
        found.append(Entity("AGE", m.start(group), m.end(group)))
    return found
