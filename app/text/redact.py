"""Redaction: personal data in free text replaced by typed placeholders.

Layered and fail-closed: when in doubt about a structured identifier, redact it.
- Structured identifiers, found by pattern and checked where a check exists: emails,
  web addresses, UK phone numbers in every usual form (phonenumbers' matcher for the
  GB region: +44, (0), spaces, dashes), UK postcodes, NHS numbers (mod-11 check digit),
  National Insurance numbers (valid prefixes only), dates of birth and ages in context,
  and this service's own case references.
- Names, in layers, each word at a time:
  1. every name the family gave in the form (known_names), wherever and however typed;
  2. words after cues: "my son", "social worker", "Mr", "Dr", "Mum:", "I am" — capitalised
     or not, as people type — and Irish particles ("Ó Cléireacháin", "Mac an Mhilidh");
  3. a capital mid-sentence on a word that is not common, not kept and not an English word:
     a proper noun, which in a family's account is a person unless shown otherwise;
  4. the first-name/surname list (app/text/names.py, from the mimesis package, with a
     supplement of common UK names it lacks): a listed name at a sentence's start, a listed
     first name in lower case or in capitals ("TAYLA"), "Grace Baker"; a sentence's first
     word before a person's verb ("Umar goes", "jack said", "Precious won't") or a thing a
     person owns ("Faith's dad"); a capitalised possessive anywhere ("Arjun's diagnosis");
     a word before an age ("Reign is 3");
  4b. messages' own cues: greetings ("Hi Gemma,", "hey summer"), sign-offs at the end
     ("thanks, dawn x"), "its Mercy.", "me and jordan", "Grace and her brother", and lists
     said to be relations ("ivy daisy n rose r my sisters", "Hope and Faith are my
     granddaughters");
  5. evidence spreads: the neighbour of a name ("Adebayo Okafor", "Big Dave"), the rest of a
     list ("Jayden, Grace and Tom", "leon n caden"), the same word elsewhere in the text
     (a name that is also a word only where it stands as a person: "Summer has", not
     "I hope" nor "Grace period").
  6. a learned detector (app/text/name_model.py, logistic regression over each word's
     shape, neighbours, lists and what the rules found elsewhere in the text, trained on
     data/dev2 to dev5 and stored as a model file: app/text/artefacts.py): a word is a name if the rules OR it say so.
     It never scores kept terms nor names that are also words: those are the rules' alone.
  Names that are also English words or kept terms (Will, May, Grace, Hope, Jack, Ross, Hill)
  are names only with such evidence, never on the list alone.
  A capital counts as a proper noun only on a word that is no ordinary English word
  (names.english_words: "the Emergency Duty Team" stays), at a sentence's start too.
- Outward postcodes alone ("HR2", "hr4"), fail-closed; web addresses without a scheme and
  social media handles; dates of birth by app/text/dates.py's fail-closed policy (every dated
  year in a sentence about a birth, corrections too; a dated year beside a name or an age).
- Street addresses (flat/unit/plot, number, street or "the Paddocks", any case), house names
  and the village after them; schools with or without "School" ("Kingsmead Primary",
  "St Peter's", "hereford college"). Overlapping spans merge, so nothing inside one leaks.

Kept, because they identify nobody: months and weekdays, public bodies and services
(Ofsted, MASH, CAMHS, the council, the Families Commission...), counties and towns, job
titles, languages and peoples ("speaks Somali", "Romany Gypsies"), brands, acronyms, and
ordinary words after a cue ("my son is", "the social worker said") or at a sentence's start.
bench/redaction.py measures all of this against Presidio.

This module is the engine's entry point; the layers are modules of their own, below it:
identifiers.py (structured identifiers), addresses.py (addresses and schools),
name_rules.py (the name layers), name_model.py (the learned detector), tokens.py (words),
and lexicon.py with app/text/data/*.txt (the word lists).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from app.text import name_model
from app.text.addresses import addresses, schools
from app.text.entities import Entity, Redaction, apply
from app.text.identifiers import identifiers, nhs_number_valid
from app.text.lexicon import COMMON, KEEP, NOT_NAMES
from app.text.name_rules import initials, rule_names

__all__ = [
    "COMMON",
    "KEEP",
    "NOT_NAMES",
    "RULES_VERSION",
    "Entity",
    "Redaction",
    "apply",
    "find_entities",
    "nhs_number_valid",
    "redact",
    "rule_names",
]

# Bumped whenever the rules change what they find: stored redactions (quotes) say which
# version checked them, so they can be re-checked with better rules.
RULES_VERSION = 7


def _names(
    text: str, known_names: Iterable[str], model: name_model.NameModel | None
) -> list[Entity]:
    tokens, marked = rule_names(text, known_names)
    if model is not None:
        # Fail-closed: a word is a name if the rules or the learned model say so.
        for i in model.names(text, tokens, marked):
            marked[i] = True
    return initials(text) + [
        Entity("NAME", t.start, t.end) for t, m in zip(tokens, marked, strict=True) if m
    ]


def _phrases(text: str, phrases: Iterable[str]) -> list[Entity]:
    found: list[Entity] = []
    for phrase in {p.strip() for p in phrases if len(p.strip()) > 2}:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        found += [Entity("SCHOOL", m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    return found


def find_entities(
    text: str,
    known_names: Sequence[str] = (),
    known_phrases: Sequence[str] = (),
    *,
    learned: name_model.NameModel | Literal[False] | None = None,
) -> list[Entity]:
    """Every span of personal data, longest first where spans overlap.

    known_names: people's names to hide wherever they appear, word by word; known_phrases:
    schools and the like, hidden as whole phrases ([SCHOOL]) whatever their case.
    learned: the name model used beside the rules: None for the shipped one (built once and
    stored: app/text/artefacts.py), False for the rules alone (bench/names.py compares them).
    """
    found: list[Entity] = _phrases(text, known_phrases)
    found += identifiers(text)
    found += addresses(text)
    found += schools(text)
    model = name_model.shipped() if learned is None else learned or None
    found += _names(text, known_names, model)
    # Overlaps: the earliest, then the longest, names the span, which grows to cover
    # whatever overlaps it: fail-closed, a postcode inside a long address is still hidden.
    chosen: list[Entity] = []
    for entity in sorted(found, key=lambda e: (e.start, -(e.end - e.start))):
        if chosen and entity.start < chosen[-1].end:
            if entity.end > chosen[-1].end:
                last = chosen[-1]
                chosen[-1] = Entity(last.type, last.start, entity.end)
            continue
        chosen.append(entity)
    return chosen


def redact(text: str, known_names: Sequence[str] = ()) -> Redaction:
    """The text with each piece of personal data replaced by [TYPE]."""
    return apply(text, find_entities(text, known_names))
