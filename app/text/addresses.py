"""Street addresses, house names, the village after them, and schools, in any case.

"flat 2, 18 Widemarsh Street", "33a holmer rd", "7 the Paddocks", "Rose Cottage,
Tarrington"; "Kingsmead Primary", "St Peter's", "hereford college". Ordinary words between
a number and a street word ("2 kids who walk") make no address.
"""

from __future__ import annotations

import re

from app.text import lexicon
from app.text.entities import Entity
from app.text.lexicon import COMMON, KEEP, NOT_NAMES
from app.text.names import place_words
from app.text.tokens import CAP

_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|"
    r"gardens|gdns|terrace|tce|grove|row|walk|square|sq|hill|rise|view|mews|park|green|meadows?|"
    r"fields?|paddocks?|croft|bank|parade|gate|chase|vale|heights|orchards?|end|yard|wharf|quay|"
    r"approach|circle|boulevard|cottages|villas|estate|common|brook|leys|nook|glade|grange)"
)
# A village after a house name or street: ", Tarrington", ", Sutton St Nicholas".
_VILLAGE = re.compile(r"(?:,? |,?\s*\n\s*)((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)\b")
_VILLAGE_FIRST = lexicon.words("cues", "village-first")
_ADDR_WORD = r"[A-Za-zÀ-ÖØ-öø-ž][^\W\d_]*(?:['’-][^\W\d_]+)*"
# A street address: an optional flat or unit, a number, then a street ("flat 2, 18 Widemarsh
# Street", "33a holmer rd", "7 the Paddocks"), in any case; the words between the number
# and the street word are checked in _addresses (not "2 kids who walk").
_ADDRESS = re.compile(
    r"(?<![\w/.])(?:(?:flat|apartment|apt|unit|room|plot|pitch|no\.?|number)\s*\d{1,4}[a-z]?,?\s+)?"
    rf"\d{{1,4}}[a-z]?(?:-\d{{1,4}})?,?\s+((?:(?:the\s+)?{_ADDR_WORD}\s+){{0,3}}{_STREET}\b"
    rf"|the\s+(?-i:{CAP}))",
    re.IGNORECASE,
)
# "I live at 15 Westfields": a number and a capitalised name after "at" or an address cue.
_AT_NUMBER = re.compile(
    rf"\b(?:at|address(?: is)?:?|live at|lives at)\s+(\d{{1,4}}[a-z]?,? {CAP}(?: {CAP})?)"
)
# Words a street's name is never made of: "2 kids who walk", "3 days in the close".
_NOT_STREET = (
    NOT_NAMES - {"the", "old", "new", "first", "last", "next", "same", "one", "two", "three"}
) | lexicon.words("cues", "not-street")
# A flat alone: "flat 4", "flat 2b"; and a street without a number ("Widemarsh Street").
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|plot|pitch)\s*\d{1,4}[a-z]?\b", re.IGNORECASE)
_NAMED_STREET = re.compile(
    rf"\b(?:{CAP} ){{1,2}}(?:Road|Rd|Street|Lane|Avenue|Ave|Close|Drive|Crescent|Terrace|Grove|"
    r"Gardens|Mews|Way|Rise|Meadows|Paddocks|Croft|Estate)\b(?: (?:site|estate|caravan site))?"
)
_LOWER_STREET = re.compile(
    rf"\b(?:on|in|off|at|along|down|up|near|live|lives|living)\s+((?:{_ADDR_WORD}\s+){{1,2}}"
    r"(?:road|rd|street|lane|avenue|ave|close|drive|crescent|terrace|grove|gardens|mews|estate))\b",
    re.IGNORECASE,
)
# House names: "Rose Cottage", "The Old Rectory", "Brook Farm", then a village: ", Kingsland".
_HOUSE = re.compile(
    rf"\b(?:(?:The )?(?:{CAP} ){{1,2}}(?:Cottage|Cottages|Farm|Farmhouse|House|Lodge|Barn|Bungalow|"
    rf"Manor|Rectory|Vicarage|Grange|Mill|Hall|Forge|Stables|Smithy|Granary|Oast|Dairy|Chapel)"
    rf"|The Old {CAP})\b"
)
_SCHOOL = re.compile(
    r"\b(?:(?:St\.?|Saint) )?(?:[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?(?: of)? ){1,4}"
    r"(?:(?:C of E|CE|C\.E\.|RC|Catholic|Church of England|Community|Methodist|Free|Church) )?"
    r"(?:(?:(?:Primary|Secondary|High|Infants?|Junior|Juniors|Nursery|First|Middle|Grammar|Sixth Form)"
    r" )?(?:School|Academy|College)|Primary|Infants|Juniors|Nursery|Grammar|Sixth Form|"
    r"High(?! (?:Court|Street|Sheriff|Road|Commission|Needs|Risk)))\b"
)
_SAINT = re.compile(
    rf"\b(?:St\.?|Saint) {CAP}(?: (?!Hospital|Church|Hospice)[A-Z][a-z]+)?(?:['’]s)?(?:\s+(?:C of E|CE|RC))?"
)
# "hereford college of arts", "ledbury primary": a town and a school word, in any case.
_TOWN_SCHOOL = re.compile(
    r"\b([a-z]+(?:-[a-z]+)*) (?:primary|secondary|high|academy|college|infants|juniors|nursery)"
    r"(?: school| academy)?(?: of (?:arts?|technology|further education))?\b",
    re.IGNORECASE,
)
_ESTATE = re.compile(rf"\b(?:the )?(?:{CAP} ){{1,2}}[Ee]state\b")


def addresses(text: str) -> list[Entity]:
    found: list[Entity] = []
    for m in _ADDRESS.finditer(text):
        words = m.group(1).lower().split()[:-1]
        # "2 kids who walk", "3 days in the close": ordinary words are not a street's name.
        if any(w in _NOT_STREET for w in words):
            continue
        found.append(Entity("ADDRESS", m.start(), m.end()))
    for m in _AT_NUMBER.finditer(text):
        words = m.group(1).lower().replace(",", "").split()[1:]
        if not any(w in _NOT_STREET or w in KEEP or w in place_words() for w in words):
            found.append(Entity("ADDRESS", m.start(1), m.end(1)))
    found += [Entity("ADDRESS", m.start(), m.end()) for m in _FLAT.finditer(text)]
    for m in _NAMED_STREET.finditer(text):
        first = m.group(0).split()[0].lower()
        if first not in COMMON:
            found.append(Entity("ADDRESS", m.start(), m.end()))
    for m in _LOWER_STREET.finditer(text):
        words = m.group(1).lower().split()[:-1]
        if not any(w in COMMON for w in words):
            found.append(Entity("ADDRESS", m.start(1), m.end(1)))
    for m in _HOUSE.finditer(text):
        first = m.group(0).split()[0].lower()
        if first == "the" or first not in COMMON:
            found.append(Entity("ADDRESS", m.start(), m.end()))
    found += [Entity("ADDRESS", m.start(), m.end()) for m in _ESTATE.finditer(text)]
    # The village after a street or a house name, not the county town: "Rose Cottage,
    # Tarrington", "3 Chapel Row\nPembridge", but "18 Widemarsh Street, Hereford" ends there.
    villages = []
    places = place_words()
    for entity in found:
        village = _VILLAGE.match(text, entity.end)
        words = village.group(1).lower().split() if village else []
        if (
            village
            and not any(w in KEEP or w in places for w in words)
            and (words[0] in _VILLAGE_FIRST or words[0] not in COMMON)
        ):
            villages.append(Entity("ADDRESS", village.start(1), village.end(1)))
    return found + villages


def schools(text: str) -> list[Entity]:
    """Schools by their shape: "Kingsmead Primary", "St Peter's", "ledbury primary"."""
    found = [Entity("SCHOOL", m.start(), m.end()) for m in _SCHOOL.finditer(text)]
    found += [Entity("SCHOOL", m.start(), m.end()) for m in _SAINT.finditer(text)]
    found += [
        Entity("SCHOOL", m.start(), m.end())
        for m in _TOWN_SCHOOL.finditer(text)
        if m.group(1).lower() in place_words()
    ]
    return found
