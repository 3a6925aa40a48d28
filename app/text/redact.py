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
  4. the first-name/surname list (app/text/names.py, from the mimesis package): a listed
     name at a sentence's start, a listed first name in lower case, "Grace Baker";
     a sentence's first word before a person's verb ("Umar goes") or possessive ("Umar's");
  5. evidence spreads: the neighbour of a name ("Adebayo Okafor"), the rest of a list
     ("Jayden, Grace and Tom"), the same word elsewhere in the text.
  Names that are also English words or kept terms (Will, May, Grace, Hope, Jack, Ross, Hill)
  are names only with such evidence, never on the list alone.
- Street addresses (number, name, street word) and schools (name + Primary/Academy...).

Kept, because they identify nobody: months and weekdays, public bodies and services
(Ofsted, MASH, CAMHS, the council, the Families Commission...), counties and towns, job
titles, and ordinary words after a cue ("my son is", "the social worker said") or at a
sentence's start. bench/redaction.py measures all of this against Presidio.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from app.text.names import ABSTRACT_NAMES, ENGLISH_WORDS, name_lists

# Bumped whenever the rules change what they find: stored redactions (quotes) say which
# version checked them, so they can be re-checked with better rules.
RULES_VERSION = 2


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
# Public bodies, services, places, job titles and the title-case words of this field: kept
# wherever they stand, and never names. Places are counties and towns, which identify nobody.
KEEP = frozenset(
    {
        *MONTHS,
        *WEEKDAYS,
        *"""
ofsted mash camhs nhs council councils commission commissioner families police court courts school
schools team teams service services hospital gp cafcass iro edt dfe lga send ehcp sendco senco
department education health social care children children's childrens family young people adult
adults early help protection conference conferences plan plans review reviews panel board forum
forums partnership trust foundation authority authorities local county city borough district
government minister ministry secretary state office unit centre center hub house home homes
safeguarding improvement listening concerns careconcerns complaint complaints ombudsman advocacy
fostering foster adoption adoptive leaving leaver leavers looked after virtual head headteacher
teacher teachers manager managers officer officers worker workers director directors assistant
deputy chief executive cabinet member members chair reviewing independent practitioner lead
coordinator co-ordinator advisor adviser visitor nurse nurses doctor doctors consultant therapist
psychologist paediatrician midwife solicitor barrister judge magistrate magistrates clerk staff
support supervisor senior principal academy primary secondary high infant junior college nursery
university section order orders hearing assessment strategy discussion meeting meetings need needs
child children-in-need in-need early-help youth offending justice probation housing benefits
universal credit citizens advice women women's aid barnardo barnardo's nspcc samaritans childline kooth mind
christmas easter diwali eid ramadan hanukkah god allah jesus bible quran church mosque temple
covid covid-19 coronavirus lockdown brexit
english british welsh scottish irish polish romanian muslim christian hindu sikh jewish catholic
herefordshire hereford leominster ross ross-on-wye ledbury bromyard kington worcestershire worcester
shropshire shrewsbury telford gloucestershire gloucester cheltenham monmouthshire powys wales
england scotland ireland britain uk gb london birmingham manchester liverpool leeds bristol
sheffield newcastle nottingham leicester coventry bradford cardiff swansea newport stoke derby
oxford cambridge reading york hull plymouth exeter bath wolverhampton walsall dudley kidderminster
malvern evesham redditch bromsgrove ludlow oswestry bridgnorth abergavenny hay hay-on-wye wye
valley mercia west east north south midlands street road avenue crescent gardens terrace estate
facebook whatsapp instagram tiktok snapchat youtube google zoom teams microsoft tesco asda
""".split(),
    }
)
# Words that follow a cue but are not names ("my son is", "social worker said"), and the
# everyday words that start sentences or headings: none of them is a name on its own.
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
COMMON = NOT_NAMES | frozenset(
    """
yes yeah ok okay hi hello dear thanks thank please sorry regards yours sincerely faithfully best
today yesterday tomorrow tonight morning afternoon evening night week weeks month months year years
day days time times date dates later earlier soon recently currently previously finally eventually
nobody everybody somebody anybody nothing everything something anything noone everyone someone
anyone none both either neither these those there here its mine ours theirs yourself myself
himself herself themselves ourselves me us if than though although however therefore instead
otherwise meanwhile unfortunately fortunately sadly honestly apparently obviously clearly luckily
basically literally actually anyway anyhow besides despite during through throughout without within
between among against towards toward under over above below around across along behind beside
beyond into onto upon off out up down away back forward once twice only even yet already almost
enough quite rather such well better worse worst good bad great little big small large long short
high low full empty whole half four five six seven eight nine ten eleven twelve twenty hundred
thousand second third fourth fifth again why whose whom whatever whoever whenever wherever however
let lets let's make made take took taken give gave given get got see saw seen know knew known think
thought feel felt want wanted need needed ask asked tell try tried call called phone phoned ring
rang email emailed write wrote written wait waited waiting visit visited meet met keep help helped
mum mom mummy mam dad daddy nan nana nanna nanny gran granny grandma grandad grandpa grandmother
grandfather mother father parent parents son sons daughter daughters brother brothers sister
sisters baby babies kids kid boy boys girl girls husband wife partner ex aunt auntie uncle cousin
nephew niece stepdad stepmum carer carers guardian friend friends neighbour neighbours
mr mrs ms miss mx dr prof sir madam cllr councillor rev
no-one nobody's everyone's someone's anyone's today's yesterday's tomorrow's
i'm i've i'd i'll we're we've they're they've you're you've he's she's it's that's there's what's
note subject re fw fwd update summary background contact name address details reference
things stuff people person everyone worker social
""".split()
)
# Particles of a surname ("Ó Cléireacháin", "Mac Goill", "van Dijk") that join a name they precede.
PARTICLES = frozenset(
    "ó o ní nic mac mc uí ui ua de del della di da van von der den le la st bin binti ibn al el ap".split()
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
# A capitalised word of any Latin script, with inner apostrophes or hyphens: "O'Brien", "McLean".
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’-][^\W\d_]+)*"
_LETTERS = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+"
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}[A-Za-z]?,? (?:{_CAP} ){{1,3}}(?:Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Court|"
    r"Place|Gardens|Terrace|Grove|Rd|St|Ave|Row|Walk|Square|Hill)\b"
)
_SCHOOL = re.compile(
    rf"\b(?:St\.? )?(?:{_CAP} ){{1,4}}(?:(?:C of E|CE|RC|Catholic|Church of England) )?"
    r"(?:(?:Primary|Secondary|High|Infant|Junior|Nursery|First|Middle) )?(?:School|Academy|College)\b"
)
_CUE = re.compile(
    r"\b(?:(?:my|our|her|his|their) (?:son|daughter|child|kid|grandson|granddaughter|grandchild|nephew|niece|"
    r"brother|sister|partner|husband|wife|mum|mother|dad|father|ex|boyfriend|girlfriend|stepdad|stepmum|"
    r"stepfather|stepmother|baby|foster (?:son|daughter|child)|friend|neighbour|"
    r"(?:children|kids|sons|daughters|grandchildren|grandsons|granddaughters|twins|boys|girls)(?: are)?)|"
    r"social worker|worker|teacher|manager|team manager|caseworker|keyworker|key worker|"
    r"(?:grand)?(?:mother|father|mum|dad|nan|nanna|grandma|grandad|aunt|auntie|uncle|carer|guardian) (?:to|of)|"
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor)\.?|"
    r"(?:mum|dad|mother|father|child|children|kids|son|daughter|carer|name|parent|parents|worker)(?= ?:))"
    rf"[,:]? +({_LETTERS})(?: ({_LETTERS}))?",
    re.IGNORECASE,
)
# Introductions need a capital: "I am Ruth" names someone, "I am sorry" does not.
_INTRO = re.compile(
    rf"(?i:\b(?:i am|i'm|my name is|this is|called|named))\s+({_CAP})(?: ({_CAP}))?"
)
# Irish and other surname particles, which are short or common words on their own.
_PARTICLE = re.compile(
    rf"(?<![^\W\d_])(?:Ó|O|Ní|Nic|Uí|Ua|Mac an|Mac|Mhic|Mc|Bean Uí) [hnt]?-?{_CAP}"
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Words in any script: letters joined by inner apostrophes and hyphens ("O'Brien", "Smith-Jones").
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_CONTRACTION = re.compile(r"['\u2019](?:m|ve|d|ll|re|t)$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# What may stand between a sentence's end and its first word: spaces, quotes, brackets, bullets.
_LEAD_IN = " \t\"'\u2018\u201c([-*\u2022"
_COORDINATION = (" and ", " & ", " or ", ", ", ", and ")
# Months that are also girls' names: a name only with evidence beside them.
_MONTH_NAMES = frozenset({"may", "april", "june", "august"})
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor)\.?$", re.IGNORECASE)


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's mod-11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    key: str
    cap: bool  # "Kayleigh", not "kayleigh" nor "MASH"
    initial: bool  # first word of a sentence, line or heading
    gap: str  # the text between the previous word and this one
    possessive: bool  # "Kayleigh's"
    first: bool  # in the first-name list (or a part of it is)
    last: bool  # in the surname list (or a part of it is)
    ambiguous: bool  # also an English word or a kept term: a name only with evidence
    blocked: bool  # never a name by itself: a common word, a public body, a place

    @property
    def listed(self) -> bool:
        return self.first or self.last


# Verbs that follow a person at a sentence's start: "Umar goes", "Thembisile has".
_PERSON_VERBS = frozenset(
    """
is was has had goes went said says told tells wants wanted needs needed feels felt loves hates
keeps kept gets got lives lived stays stayed cries cried cannot can't won't didn't doesn't isn't
wasn't hasn't will would could should does did came comes started stopped missed misses refuses
refused ran runs left moved asked asks saw sees
""".split()
)
# "and" and "or" join a list of names; "and to" too ("to Ikenna or to Victor").
_JOINERS = (
    ("and",),
    ("or",),
    ("nor",),
    *((joiner, word) for joiner in ("and", "or") for word in ("to", "for", "with", "from")),
)


def _tokens(text: str) -> list[_Token]:
    first_names, surnames = name_lists()
    tokens: list[_Token] = []
    previous_end = 0
    for m in _TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        if _CONTRACTION.search(word):
            previous_end = m.end()
            continue  # "I'm", "don't": never names
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 3:
            word = word[: possessive.start()]
        key = word.lower()
        parts = key.split("-")
        lead = text[:start].rstrip(_LEAD_IN)
        initial = not lead or lead[-1] in ".!?:\n" or "\n" in text[len(lead) : start]
        in_first = key in first_names or any(p in first_names for p in parts if len(p) > 2)
        in_last = key in surnames or any(p in surnames for p in parts if len(p) > 2)
        listed = in_first or in_last
        tokens.append(
            _Token(
                start=start,
                end=start + len(word),
                key=key,
                cap=word[0].isupper() and not word.isupper(),
                initial=initial,
                gap=text[previous_end:start],
                possessive=bool(possessive),
                first=in_first,
                last=in_last,
                ambiguous=key in ENGLISH_WORDS or (key in KEEP and listed),
                blocked=key in COMMON or (key in KEEP and not listed) or len(key) < 2,
            )
        )
        previous_end = m.end()
    return tokens


def _evident(tokens: list[_Token], marked: list[bool]) -> None:
    """Mark, in place, the words that the list and their shape make names on their own."""
    for i, t in enumerate(tokens):
        if marked[i] or t.blocked:
            continue
        following = tokens[i + 1].key if i + 1 < len(tokens) else ""
        if t.ambiguous:
            # "Grace's school" mid-sentence, "Jack has" at a sentence's start; never a
            # month or a virtue on these grounds alone ("Hope is", "May was").
            marked[i] = (
                t.cap
                and t.key not in KEEP
                and (
                    (not t.initial and t.possessive)
                    or (
                        t.initial
                        and t.first
                        and following in _PERSON_VERBS
                        and t.key not in ABSTRACT_NAMES
                    )
                )
            )
        elif t.cap and not t.initial:
            # A capital mid-sentence on a word that is neither common nor kept: a proper
            # noun, and in a family's account that is a person unless shown otherwise.
            marked[i] = True
        elif t.cap and (t.listed or t.possessive or following in _PERSON_VERBS):
            # First word of a sentence: a listed name, "Umar's", or "Umar goes".
            marked[i] = True
        elif not t.cap and t.first and len(t.key) > 3 and t.key.isalpha():
            marked[i] = True  # "i told kayleigh": a listed first name typed in lower case
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if (
            a.cap
            and b.cap
            and b.gap == " "
            and (a.first or (a.initial and not a.ambiguous))
            and b.last
            and not (a.blocked or b.blocked or a.possessive)
            and a.key not in _MONTH_NAMES
        ):
            # "Grace Baker": a first name and a surname together; "Beth Smith" at a start.
            marked[i] = marked[i + 1] = True


def _joined(tokens: list[_Token], i: int, step: int) -> int | None:
    """The word listed with word i before it (step -1) or after it (step 1): "X, Y and Z"."""
    j = i + step
    if not 0 <= j < len(tokens):
        return None
    right = tokens[max(i, j)]
    if right.gap in (", ", " & ", " / ", "/", " + "):
        return j
    for joiner in _JOINERS:
        words = joiner if step > 0 else joiner[::-1]
        k = i
        for word in words:
            k += step
            if not (0 <= k < len(tokens)) or tokens[k].key != word:
                break
        else:
            k += step
            if 0 <= k < len(tokens):
                return k
    return None


def _spread(tokens: list[_Token], marked: list[bool]) -> bool:
    """Mark the words that stand beside, or are listed with, a name. True if any changed."""
    changed = False
    names = {t.key for t, m in zip(tokens, marked, strict=True) if m}
    for i, t in enumerate(tokens):
        if marked[i]:
            continue
        # Beside a name, but not the thing a name owns: "Ikenna's Head Teacher".
        before = i > 0 and marked[i - 1] and t.gap == " " and not tokens[i - 1].possessive
        after = (
            i + 1 < len(tokens) and marked[i + 1] and tokens[i + 1].gap == " " and not t.possessive
        )
        if t.blocked:
            # "Aimee Day", "Kayleigh May", "Will Okafor": a capitalised common word that is
            # also a name, beside a name, mid-sentence.
            hit = (
                t.cap
                and not t.initial
                and t.key in ENGLISH_WORDS
                and ((t.last and before) or (t.first and (before or after)))
            )
        elif t.key in names:
            hit = True  # the same name again: "Oluwaseun ... oluwaseun's school"
        elif t.cap and before:
            hit = True  # "Kayleigh May", "Adebayo Okafor"
        elif t.cap and after and t.key not in _MONTH_NAMES:
            hit = True  # "Will Okafor", "Priya Sharma" at a sentence's start
        else:
            listed_with = [
                j for j in (_joined(tokens, i, -1), _joined(tokens, i, 1)) if j is not None
            ]
            # "Jayden and Grace", "kayleigh, jayden and tom"; never "since August and Max".
            hit = (
                any(marked[j] for j in listed_with)
                and (t.key not in KEEP or (t.first and t.key not in MONTHS))
                and (t.cap or (t.first and not t.ambiguous))
            )
        if hit:
            marked[i] = changed = True
    return changed


def _names(text: str, known_names: Iterable[str]) -> list[Entity]:
    tokens = _tokens(text)
    first_names = name_lists()[0]
    marked = [False] * len(tokens)
    known = {t.lower() for name in known_names for t in _TOKEN.findall(name) if len(t) > 1}
    known -= KEEP | COMMON
    spans: list[tuple[int, int]] = [m.span() for m in _PARTICLE.finditer(text)]
    for m in [*_CUE.finditer(text), *_INTRO.finditer(text)]:
        titled = bool(_TITLE.search(text[m.start() : m.start(1)].strip(" ,:")))
        for group in (1, 2):
            word = m.group(group)
            key = word.lower() if word else ""
            # A kept word after a relation cue is still a name if it is a first name and
            # not a public body: "my daughter christian", "my daughter May".
            kept = key in KEEP and key not in first_names
            # "my son Will", "my daughter May": capitalised, a common word is a name here.
            named = (
                (word or "")[:1].isupper()
                and key in ENGLISH_WORDS
                and (key in first_names or key in _MONTH_NAMES)
            )
            stop = not named and (key in COMMON or (kept and not titled))
            if word and not stop and (group == 1 or word[0].isupper() or not titled):
                spans.append((m.start(group), m.end(group)))
            else:
                break  # "my son is ...": no name, and nothing after it either
    for i, t in enumerate(tokens):
        if t.key in known or any(s <= t.start < e for s, e in spans):
            marked[i] = True
    _evident(tokens, marked)
    for _ in range(6):  # a name spreads along a list a word at a time
        if not _spread(tokens, marked):
            break
    return [Entity("NAME", t.start, t.end) for t, m in zip(tokens, marked, strict=True) if m]


def _phrases(text: str, phrases: Iterable[str]) -> list[Entity]:
    found: list[Entity] = []
    for phrase in {p.strip() for p in phrases if len(p.strip()) > 2}:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        found += [Entity("SCHOOL", m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    return found


def find_entities(
    text: str, known_names: Sequence[str] = (), known_phrases: Sequence[str] = ()
) -> list[Entity]:
    """Every span of personal data, longest first where spans overlap.

    known_names: people's names to hide wherever they appear, word by word; known_phrases:
    schools and the like, hidden as whole phrases ([SCHOOL]) whatever their case.
    """
    found: list[Entity] = _phrases(text, known_phrases)
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
    return apply(text, find_entities(text, known_names))


def apply(text: str, entities: Sequence[Entity]) -> Redaction:
    """The text with the given (non-overlapping, ordered) spans replaced by [TYPE]."""
    parts: list[str] = []
    last = 0
    for entity in entities:
        parts.append(text[last : entity.start])
        parts.append(f"[{entity.type}]")
        last = entity.end
    parts.append(text[last:])
    return Redaction("".join(parts), tuple(entities))
