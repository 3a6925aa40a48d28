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
  A capital counts as a proper noun only on a word that is no ordinary English word
  (names.english_words: "the Emergency Duty Team" stays), at a sentence's start too.
- Outward postcodes alone ("HR2", "hr4"), fail-closed; web addresses without a scheme and
  social media handles; dates of birth in numeric and written forms after a birth cue, before
  one, or right after a name ("Oliver (03/09/2016)").
- Street addresses (flat/unit/plot, number, street or "the Paddocks", any case), house names
  and the village after them; schools with or without "School" ("Kingsmead Primary",
  "St Peter's", "hereford college"). Overlapping spans merge, so nothing inside one leaks.

Kept, because they identify nobody: months and weekdays, public bodies and services
(Ofsted, MASH, CAMHS, the council, the Families Commission...), counties and towns, job
titles, and ordinary words after a cue ("my son is", "the social worker said") or at a
sentence's start. bench/redaction.py measures all of this against Presidio.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from app.text.names import (
    ABSTRACT_NAMES,
    ENGLISH_WORDS,
    english_words,
    name_lists,
    place_words,
)

# Bumped whenever the rules change what they find: stored redactions (quotes) say which
# version checked them, so they can be re-checked with better rules.
RULES_VERSION = 3


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
hiya hey im ive id ill youre theyre thats theres whats cant didnt couldnt wouldnt shouldnt isnt
wasnt arent havent hasnt doesnt dont wont hes shes weve theyve youve thankyou thanx thx pls plz ps
tbh idk lol omg btw asap cos coz cuz gonna wanna gotta innit aint ya yep nope nah xx xxx
tel mob mobile telephone tel. ph email e-mail ref attn dob nb fao
""".split()
)
# Particles of a surname ("Ó Cléireacháin", "Mac Goill", "van Dijk") that join a name they precede.
PARTICLES = frozenset(
    "ó o ní nic mac mc uí ui ua de del della di da van von der den le la st bin binti ibn al el ap".split()
)

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
_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E "
    "EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL "
    "LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM "
    "SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
_AREA_SET = frozenset(_AREAS)
_OUTWARD = re.compile(r"(?<![\w/.-])([A-Za-z]{1,2})\d[A-Za-z\d]?(?![\w/])")
_NHS = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
# Any two letters: a mistyped or example prefix (QQ) is still someone's number to hide.
_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_CASE_REF = re.compile(r"\bFV-\d{4}-\d{6}\b", re.IGNORECASE)
_MONTH = "(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" for m in MONTHS) + ")"
# A capitalised word of any Latin script, with inner apostrophes or hyphens: "O'Brien", "McLean".
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:['’-][^\W\d_]+)*"
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_NUMERIC_DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"
_DATE = (
    rf"(?:{_NUMERIC_DATE}(?![\d/])|(?:the )?{_ORDINAL}(?: of)? {_MONTH}\.?(?:,? (?:\d{{4}}|'?\d{{2}})(?!\d))?"
    rf"|{_MONTH}\.? (?:the )?{_ORDINAL}(?:,? \d{{4}})?(?!\d)|{_MONTH} \d{{4}}|(?<=in )\d{{4}})"
)
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
# Cues to a date of birth; the dates that follow in the same sentence (within a few words:
# "born on the 2nd of feb 2019", "DOB for Mia is 03/04/2015, Tyler 1.2.17") are births.
_BIRTH_CUE = re.compile(
    r"\b(?:born|birth ?days?|birth dates?|dates? of birth|d\.?o\.?b'?s?\.?|b\. ?(?=\d))",
    re.IGNORECASE,
)
_BIRTH_AFTER = re.compile(
    rf"({_NUMERIC_DATE}|{_ORDINAL}(?: of)? {_MONTH}\.?,? \d{{4}})\s*[(,-]?\s*"
    r"(?:d\.?o\.?b|date of birth|born)\b",
    re.IGNORECASE,
)
# A numeric date right after a person's name or in brackets after it: "Oliver (03/09/2016)",
# "Mia 03/04/2017". A weekday or month before it makes it an event: "Monday 03/04/2024".
_NAME_DATE = re.compile(rf"({_CAP})(?:'s)?,? \(?({_NUMERIC_DATE})(?![\d/])")
_BIRTH_GAP = frozenset("and is was dob born on the it's its it not but actually".split())
_YEAR_OF_BIRTH = re.compile(r"\b(?:born|b\.) in (\d{4})\b", re.IGNORECASE)
_AGE = re.compile(
    r"\b(?:aged|age)\s+(\d{1,2})\b|\b(\d{1,2})(?:[- ]years?[- ]old|[- ]year[- ]old|yo)\b",
    re.IGNORECASE,
)
_LETTERS = r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+"
_STREET = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|cl|drive|dr|way|crescent|cres|court|ct|place|pl|"
    r"gardens|gdns|terrace|tce|grove|row|walk|square|sq|hill|rise|view|mews|park|green|meadows?|"
    r"fields?|paddocks?|croft|bank|parade|gate|chase|vale|heights|orchards?|end|yard|wharf|quay|"
    r"approach|circle|boulevard|cottages|villas|estate|common|brook|leys|nook|glade|grange)"
)
# A village after a house name or street: ", Tarrington", ", Sutton St Nicholas".
_VILLAGE = re.compile(r"(?:,? |,?\s*\n\s*)((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)\b")
_VILLAGE_FIRST = frozenset(
    "much little great upper lower long east west north south old new".split()
)
_ADDR_WORD = r"[A-Za-zÀ-ÖØ-öø-ž][^\W\d_]*(?:['’-][^\W\d_]+)*"
# A street address: an optional flat or unit, a number, then a street ("flat 2, 18 Widemarsh
# Street", "33a holmer rd", "7 the Paddocks"), in any case; the words between the number
# and the street word are checked in _addresses (not "2 kids who walk").
_ADDRESS = re.compile(
    r"(?<![\w/.])(?:(?:flat|apartment|apt|unit|room|plot|pitch|no\.?|number)\s*\d{1,4}[a-z]?,?\s+)?"
    rf"\d{{1,4}}[a-z]?(?:-\d{{1,4}})?,?\s+((?:(?:the\s+)?{_ADDR_WORD}\s+){{0,3}}{_STREET}\b"
    rf"|the\s+(?-i:{_CAP}))",
    re.IGNORECASE,
)
# "I live at 15 Westfields": a number and a capitalised name after "at" or an address cue.
_AT_NUMBER = re.compile(
    rf"\b(?:at|address(?: is)?:?|live at|lives at)\s+(\d{{1,4}}[a-z]?,? {_CAP}(?: {_CAP})?)"
)
# Words a street's name is never made of: "2 kids who walk", "3 days in the close".
_NOT_STREET = (
    NOT_NAMES - {"the", "old", "new", "first", "last", "next", "same", "one", "two", "three"}
) | frozenset("days weeks months years times hours minutes kids children people miles".split())
# A flat alone: "flat 4", "flat 2b"; and a street without a number ("Widemarsh Street").
_FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|plot|pitch)\s*\d{1,4}[a-z]?\b", re.IGNORECASE)
_NAMED_STREET = re.compile(
    rf"\b(?:{_CAP} ){{1,2}}(?:Road|Rd|Street|Lane|Avenue|Ave|Close|Drive|Crescent|Terrace|Grove|"
    r"Gardens|Mews|Way|Rise|Meadows|Paddocks|Croft|Estate)\b(?: (?:site|estate|caravan site))?"
)
_LOWER_STREET = re.compile(
    rf"\b(?:on|in|off|at|along|down|up|near|live|lives|living)\s+((?:{_ADDR_WORD}\s+){{1,2}}"
    r"(?:road|rd|street|lane|avenue|ave|close|drive|crescent|terrace|grove|gardens|mews|estate))\b",
    re.IGNORECASE,
)
# House names: "Rose Cottage", "The Old Rectory", "Brook Farm", then a village: ", Kingsland".
_HOUSE = re.compile(
    rf"\b(?:(?:The )?(?:{_CAP} ){{1,2}}(?:Cottage|Cottages|Farm|Farmhouse|House|Lodge|Barn|Bungalow|"
    rf"Manor|Rectory|Vicarage|Grange|Mill|Hall|Forge|Stables|Smithy|Granary|Oast|Dairy|Chapel)"
    rf"|The Old {_CAP})\b"
)
_SCHOOL = re.compile(
    r"\b(?:(?:St\.?|Saint) )?(?:[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?(?: of)? ){1,4}"
    r"(?:(?:C of E|CE|C\.E\.|RC|Catholic|Church of England|Community|Methodist|Free|Church) )?"
    r"(?:(?:(?:Primary|Secondary|High|Infants?|Junior|Juniors|Nursery|First|Middle|Grammar|Sixth Form)"
    r" )?(?:School|Academy|College)|Primary|Infants|Juniors|Nursery|Grammar|Sixth Form|"
    r"High(?! (?:Court|Street|Sheriff|Road|Commission|Needs|Risk)))\b"
)
_SAINT = re.compile(
    rf"\b(?:St\.?|Saint) {_CAP}(?: (?!Hospital|Church|Hospice)[A-Z][a-z]+)?(?:['’]s)?(?:\s+(?:C of E|CE|RC))?"
)
# "hereford college of arts", "ledbury primary": a town and a school word, in any case.
_TOWN_SCHOOL = re.compile(
    r"\b([a-z]+(?:-[a-z]+)*) (?:primary|secondary|high|academy|college|infants|juniors|nursery)"
    r"(?: school| academy)?(?: of (?:arts?|technology|further education))?\b",
    re.IGNORECASE,
)
_ESTATE = re.compile(rf"\b(?:the )?(?:{_CAP} ){{1,2}}[Ee]state\b")
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
    rf"(?i:\b(?:i am|i'm|my name is|this is|called|named|our))\s+({_CAP})(?: ({_CAP}))?"
)
# "Rose, our youngest," "Tyler, my eldest": a name set off by a relation.
_APPOSITION = re.compile(
    rf"({_CAP}),? (?:(?:is )?(?:our|my|his|her|their) (?:youngest|eldest|oldest|middle|little|baby|"
    r"son|daughter|grandson|granddaughter|boy|girl|nephew|niece)|\((?:the )?(?:twins?|my|our|\d{1,2}\)))"
)
# A title and an initial: "Mrs J Pugh", "Mr V. Popa".
_INITIAL = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ([A-Z])\.?(?= [A-Z])")
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
_LEAD_IN_OR_NEWLINE = frozenset(_LEAD_IN + "\n\r")
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
    word: bool  # an ordinary English word in no name list: "Emergency", "Rent"

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
# "Mark from the leaving care team": a first name before "from" and a service.
_FROM_BODIES = frozenset(
    "the social children's childrens school camhs cafcass mash ofsted council early leaving "
    "fostering youth nhs".split()
)
_PLACE_PREPOSITIONS = frozenset("in to from at near of around outside into".split())
_NOT_FROM = ABSTRACT_NAMES | {"may", "april", "june", "august"}
# "and" and "or" join a list of names; "and to" too ("to Ikenna or to Victor").
_JOINERS = (
    ("and",),
    ("or",),
    ("nor",),
    *((joiner, word) for joiner in ("and", "or") for word in ("to", "for", "with", "from")),
)


# What the lists say of a word, worked out once per word: (first, last, ambiguous, blocked,
# plain English word). Bounded: cleared when it grows past 100,000 words.
_KEY_INFO: dict[str, tuple[bool, bool, bool, bool, bool]] = {}


def _key_info(
    key: str,
    first_names: frozenset[str],
    surnames: frozenset[str],
    english: frozenset[str],
    places: frozenset[str],
) -> tuple[bool, bool, bool, bool, bool]:
    parts = key.split("-")
    in_first = key in first_names or any(p in first_names for p in parts if len(p) > 2)
    in_last = key in surnames or any(p in surnames for p in parts if len(p) > 2)
    listed = in_first or in_last
    info = (
        in_first,
        in_last,
        key in ENGLISH_WORDS or (listed and (key in KEEP or key in places or key in english)),
        key in COMMON or ((key in KEEP or key in places) and not listed) or len(key) < 2,
        key in english and not listed,
    )
    if len(_KEY_INFO) > 100_000:
        _KEY_INFO.clear()
    _KEY_INFO[key] = info
    return info


def _tokens(text: str) -> list[_Token]:
    first_names, surnames = name_lists()
    english, places = english_words(), place_words()
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
        # Look back over spaces, quotes and bullets to the previous character (no slicing
        # of the text before it: that made this quadratic).
        j = start - 1
        newline = False
        while j >= 0 and text[j] in _LEAD_IN_OR_NEWLINE:
            newline = newline or text[j] == "\n"
            j -= 1
        initial = j < 0 or newline or text[j] in ".!?:"
        info = _KEY_INFO.get(key)
        if info is None:
            info = _key_info(key, first_names, surnames, english, places)
        in_first, in_last, ambiguous, blocked, plain = info
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
                ambiguous=ambiguous,
                blocked=blocked,
                word=plain,
            )
        )
        previous_end = m.end()
    return tokens


def _evident(tokens: list[_Token], marked: list[bool]) -> None:
    """Mark, in place, the words that the list and their shape make names on their own."""
    for i, t in enumerate(tokens):
        following = tokens[i + 1].key if i + 1 < len(tokens) else ""
        then = tokens[i + 2].key if i + 2 < len(tokens) else ""
        if t.blocked:
            # "Will is 16": the modal never stands before "is", the name does.
            marked[i] = marked[i] or (
                t.cap and t.key == "will" and following in ("is", "was", "has", "had", "and")
            )
            continue
        if marked[i]:
            continue
        if (
            t.first
            and following == "from"
            and then in _FROM_BODIES
            and (t.cap or t.key not in _NOT_FROM)
        ):
            marked[i] = True  # "mark from the leaving care team", "Will from CAMHS"
        elif t.ambiguous:
            # "Grace's school" mid-sentence, "Jack has" at a sentence's start, "told Ruby";
            # never a month or a virtue on these grounds alone ("Hope is", "May was").
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            titled = nxt is not None and nxt.cap and nxt.gap == " " and nxt.key in KEEP
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
                    or (
                        not t.initial
                        and t.first
                        and not titled
                        and t.key not in ABSTRACT_NAMES
                        and t.key not in _MONTH_NAMES
                        # "moved to Preston" is a town, "told Preston" a boy
                        and not (
                            t.key in place_words()
                            and t.gap == " "
                            and i > 0
                            and tokens[i - 1].key in _PLACE_PREPOSITIONS
                        )
                    )
                )
            )
        elif t.cap and not t.initial:
            # A capital mid-sentence on a word that is neither common, kept nor an ordinary
            # English word: a proper noun, and in a family's account that is a person
            # unless shown otherwise ("the Emergency Duty Team" is not).
            marked[i] = not t.word
        elif t.cap and (t.listed or t.possessive or not t.word):
            # First word of a sentence: a listed name, "Umar's", or a word that is no
            # English word ("Thembisile goes"; "Rent is due" stays).
            marked[i] = True
        elif not t.cap and t.first and len(t.key) > 3 and t.key.replace("-", "").isalpha():
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
            # "Susan Whitby": a town after a name is a surname; "Will Harris" at a start.
            hit = hit or (
                t.cap
                and not t.initial
                and before
                and t.key in place_words()
                and t.key not in KEEP
                and not tokens[i - 1].initial
            )
            hit = hit or (t.cap and t.key == "will" and after and tokens[i + 1].last)
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
    english = english_words()
    marked = [False] * len(tokens)
    known = {t.lower() for name in known_names for t in _TOKEN.findall(name) if len(t) > 1}
    known -= KEEP | COMMON
    spans: list[tuple[int, int]] = [m.span() for m in _PARTICLE.finditer(text)]
    spans += [
        m.span(1)
        for m in _APPOSITION.finditer(text)
        if _POSSESSIVE.sub("", m.group(1)).lower() not in KEEP | COMMON
    ]
    initials = [Entity("NAME", m.start(1), m.end(1)) for m in _INITIAL.finditer(text)]
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
            # "his teacher reported", "my son absolutely": a lower-case English word that
            # is in no name list is the sentence going on, not a name.
            plain = (
                word is not None
                and word[:1].islower()
                and key in english
                and key not in first_names
                and key not in ENGLISH_WORDS
            )
            stop = not named and (key in COMMON or (kept and not titled) or plain)
            if word and not stop and (group == 1 or word[0].isupper() or not titled):
                spans.append((m.start(group), m.end(group)))
            else:
                break  # "my son is ...": no name, and nothing after it either
    starts = [t.start for t in tokens]
    for s, e in spans:
        for i in range(bisect_left(starts, s), bisect_left(starts, e)):
            marked[i] = True
    for i, t in enumerate(tokens):
        if t.key in known:
            marked[i] = True
    _evident(tokens, marked)
    for _ in range(6):  # a name spreads along a list a word at a time
        if not _spread(tokens, marked):
            break
    return initials + [
        Entity("NAME", t.start, t.end) for t, m in zip(tokens, marked, strict=True) if m
    ]


def _phrases(text: str, phrases: Iterable[str]) -> list[Entity]:
    found: list[Entity] = []
    for phrase in {p.strip() for p in phrases if len(p.strip()) > 2}:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        found += [Entity("SCHOOL", m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    return found


def _births(text: str) -> list[Entity]:
    """Dates of birth: every date in the sentence after a birth cue, a date before one
    ("03/09/2016 (DOB)"), and a numeric date right after a name ("Oliver (03/09/2016)")."""
    found: list[Entity] = []
    for cue in _BIRTH_CUE.finditer(text):
        window = text[cue.end() : cue.end() + 120]
        # The sentence ends at ". " and a capital, or a line break; not at "12.05.12".
        stop = re.search(r"[.!?](?=\s+[A-Z])|\n", window)
        window = window[: stop.start()] if stop else window
        last = 0
        for m in _DATE_RE.finditer(window):
            # The first date within a few words; the next only across names and commas:
            # "Mia 03/04/2015, Tyler 1.2.17", not "was placed in care on 3 September".
            gap = window[last : m.start()]
            if m.start() - last > 60 or (
                last
                and any(w.lower() not in _BIRTH_GAP for w in re.findall(r"\b[a-z][\w'’]*", gap))
            ):
                break
            found.append(Entity("DATE_OF_BIRTH", cue.end() + m.start(), cue.end() + m.end()))
            last = m.end()
    found += [Entity("DATE_OF_BIRTH", m.start(1), m.end(1)) for m in _BIRTH_AFTER.finditer(text)]
    found += [Entity("DATE_OF_BIRTH", m.start(1), m.end(1)) for m in _YEAR_OF_BIRTH.finditer(text)]
    for m in _NAME_DATE.finditer(text):
        if m.group(1).lower() not in KEEP | COMMON:
            found.append(Entity("DATE_OF_BIRTH", m.start(2), m.end(2)))
    return found


def _addresses(text: str) -> list[Entity]:
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
    found += _births(text)
    for m in _AGE.finditer(text):
        group = 1 if m.group(1) else 2
        found.append(Entity("AGE", m.start(group), m.end(group)))
    found += _addresses(text)
    found += [Entity("SCHOOL", m.start(), m.end()) for m in _SCHOOL.finditer(text)]
    found += [Entity("SCHOOL", m.start(), m.end()) for m in _SAINT.finditer(text)]
    found += [
        Entity("SCHOOL", m.start(), m.end())
        for m in _TOWN_SCHOOL.finditer(text)
        if m.group(1).lower() in place_words()
    ]
    found += _names(text, known_names)
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
