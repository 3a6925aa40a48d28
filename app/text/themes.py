"""Themes: the taxonomy of ../shared/domain/THEMES.md (codes fixed), and keyword rules.

First generation: phrase rules per theme, explainable by construction (each theme
says which words matched). The supervised model and staff corrections come next; the
contract (classify) stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAXONOMY_VERSION = 1


@dataclass(frozen=True)
class Theme:
    code: str
    label: str
    patterns: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "worker-changes",
        "Changes of worker",
        (
            r"\b(new|another|different|changed?|changing|fourth|third|fifth|many|so many) (social )?workers?\b",
            r"\b(agency|temporary|locum) (staff|workers?|social workers?)\b",
            r"\bworkers? (keeps?|kept) changing\b",
            r"\bhand(ed)? ?over\b",
            r"\bno (consistent|named) worker\b",
            r"\b\d+ (different )?social workers\b",
            r"\b(four|five|six|three) (different )?social workers\b",
        ),
    ),
    Theme(
        "not-listened-to",
        "Not listened to",
        (
            r"\bnot (being )?listened\b",
            r"\b(nobody|no one|no-one) (listens|listened)\b",
            r"\bignored\b",
            r"\bviews? (were|was)? ?not (recorded|written down|taken into account)\b",
            r"\bnot (invited|involved|included)\b",
            r"\bleft out of\b",
            r"\bdid(n't| not) listen\b",
            r"\bmy (views|voice|wishes)\b",
        ),
    ),
    Theme(
        "communication",
        "Communication",
        (
            r"\b(calls?|emails?|messages?) (are |were )?(not|never) (returned|answered)\b",
            r"\b(nobody|no one|never) (calls?|rings?|rang|called|returns?|replies|replied|gets? back)\b",
            r"\bnot (kept )?informed\b",
            r"\bno (reply|response|update|updates|information)\b",
            r"\binterpreter\b",
            r"\bnot told\b",
            r"\bno one told\b",
            r"\bcall(ed)? me back\b",
        ),
    ),
    Theme(
        "delays",
        "Delays",
        (
            r"\bdelays?\b",
            r"\bdelayed\b",
            r"\b(still )?waiting\b",
            r"\bmonths?\b.{0,20}\b(wait|later|nothing)\b",
            r"\b(slow|drift|drifting)\b",
            r"\btaking (so )?long\b",
            r"\btoo long\b",
        ),
    ),
    Theme(
        "face-to-face",
        "Face-to-face contact",
        (
            r"\b(never|hardly|rarely|not) (been )?(visited|seen)\b",
            r"\b(no|few|missed) (home )?visits?\b",
            r"\bonly (by )?(phone|video|teams|zoom)\b",
            r"\bnever met\b",
        ),
    ),
    Theme(
        "records-accuracy",
        "Accuracy of records",
        (
            r"\b(report|assessment|record|records|file|notes?)\b.{0,40}"
            r"\b(wrong|untrue|not true|false|inaccurate|incorrect|lies|errors?|mistakes?)\b",
            r"\b(wrong|untrue|inaccurate|incorrect|false)\b.{0,30}\b(report|assessment|record|records|file)\b",
            r"\bone-sided\b",
            r"\bnot what (i|we) said\b",
        ),
    ),
    Theme(
        "support-services",
        "Help and services",
        (
            r"\b(no|lack of|never got|didn't get|did not get) (help|support)\b",
            r"\bearly help\b",
            r"\b(respite|therapy|counselling|camhs|send|ehcp|short breaks)\b",
            r"\bfamily support\b",
            r"\bpassed (between|from one|around)\b",
            r"\bfinancial (help|support)\b",
        ),
    ),
    Theme(
        "attitude-respect",
        "Attitude and respect",
        (
            r"\b(rude|rudely|disrespectful|patronising|patronizing|condescending|arrogant)\b",
            r"\b(judged|blamed|threatened|disbelieved|not believed|shouted)\b",
            r"\bno empathy\b",
            r"\btreated (me|us) like\b",
            r"\bspoke(n)? down\b",
        ),
    ),
    Theme(
        "family-time",
        "Family time and contact",
        (
            r"\bfamily time\b",
            r"\bcontact (sessions?|visits?|with (my|our|her|his))\b",
            r"\b(cancelled|reduced|stopped)\b.{0,30}\b(contact|visits?|family time)\b",
            r"\bsupervised contact\b",
            r"\bsee (my|our) (son|daughter|children|kids|brother|sister|grandchildren)\b",
        ),
    ),
    Theme(
        "placements-care",
        "Care and placements",
        (
            r"\bplacements?\b",
            r"\bfoster (carers?|placement|home|care)\b",
            r"\bchildren'?s home\b",
            r"\bcare leavers?\b",
            r"\bleaving care\b",
            r"\bmoved (again|placements?|homes?)\b",
            r"\bin care\b",
        ),
    ),
    Theme(
        "safeguarding-practice",
        "Handling of risk",
        (
            r"\b(child protection|safeguarding|risk assessment|section 47|s47)\b",
            r"\b(removed|taken) (my|our|the) (children|child|kids|son|daughter)\b",
            r"\b(heavy[- ]handed|overreact\w*|too slow to act|didn't act|did not act)\b",
        ),
    ),
    Theme(
        "complaints-handling",
        "Complaints handling",
        (
            r"\b(complained|complaint|complaints)\b.{0,40}"
            r"\b(before|already|ignored|nothing|no response|went nowhere)\b",
            r"\bprevious (complaint|concern)s?\b",
            r"\bwent nowhere\b",
        ),
    ),
    Theme(
        "information-rights",
        "Information and privacy",
        (
            r"\b(access to|copy of|see) (my|our) (records|file|notes)\b",
            r"\bsubject access\b",
            r"\b(shared|told|gave)\b.{0,30}\b(without (my|our) (consent|permission))\b",
            r"\b(confidential\w*|privacy|data protection|gdpr)\b",
        ),
    ),
    Theme(
        "praise",
        "Praise",
        (
            r"\b(thank you|thanks|grateful|brilliant|fantastic|amazing|excellent|really helped"
            r"|so helpful|went above)\b",
            r"\b(best|great|lovely|kind) (social )?worker\b",
        ),
    ),
)
CODES = tuple(t.code for t in THEMES)
_COMPILED = tuple(
    (t.code, tuple(re.compile(p, re.IGNORECASE | re.DOTALL) for p in t.patterns)) for t in THEMES
)


def classify(text: str) -> list[str]:
    """The theme codes the text shows, in taxonomy order."""
    return [code for code, patterns in _COMPILED if any(p.search(text) for p in patterns)]


def explain(text: str) -> dict[str, list[str]]:
    """For each theme found, the words that matched: why the text carries it."""
    found: dict[str, list[str]] = {}
    for code, patterns in _COMPILED:
        hits = [m.group(0) for p in patterns for m in [p.search(text)] if m]
        if hits:
            found[code] = hits
    return found
