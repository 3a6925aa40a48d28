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
     shape, neighbours, lists and what the rules found elsewhere in the text, trained at
     first use on data/dev2 and data/dev3): a word is a name if the rules OR it say so.
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
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import phonenumbers

from app.text import name_model
from app.text.dates import MONTHS, WEEKDAYS, birth_dates
from app.text.names import (
    ABSTRACT_NAMES,
    ENGLISH_WORDS,
    english_words,
    name_lists,
    place_words,
)

# Bumped whenever the rules change what they find: stored redactions (quotes) say which
# version checked them, so they can be re-checked with better rules.
RULES_VERSION = 7


@dataclass(frozen=True)
class Entity:
    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Redaction:
    redacted: str
    entities: tuple[Entity, ...]


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
arabic somali urdu punjabi bengali bangla sylheti gujarati hindi tamil pashto dari farsi persian
kurdish tigrinya amharic oromo yoruba igbo hausa twi swahili lithuanian latvian bulgarian
slovak czech hungarian portuguese spanish italian french german russian ukrainian albanian
turkish greek vietnamese chinese cantonese mandarin filipino tagalog thai japanese korean
pakistani indian bangladeshi afghan iranian iraqi syrian sudanese eritrean ethiopian nigerian
ghanaian kenyan zimbabwean jamaican caribbean african asian european american brazilian
romani romany roma gypsy gypsies traveller travellers bsl makaton white black mixed
pc dc ds sgt epo cpo ico dols
herefordshire hereford leominster ross ross-on-wye ledbury bromyard kington worcestershire worcester
shropshire shrewsbury telford gloucestershire gloucester cheltenham monmouthshire powys wales
england scotland ireland britain uk gb london birmingham manchester liverpool leeds bristol
sheffield newcastle nottingham leicester coventry bradford cardiff swansea newport stoke derby
oxford cambridge reading york hull plymouth exeter bath wolverhampton walsall dudley kidderminster
malvern evesham redditch bromsgrove ludlow oswestry bridgnorth abergavenny hay hay-on-wye wye
valley mercia west east north south midlands street road avenue crescent gardens terrace estate
facebook whatsapp instagram tiktok snapchat youtube google zoom teams microsoft tesco asda
xbox playstation nintendo netflix uber amazon ebay iphone ipad android apple samsung aldi lidl
sainsbury's sainsburys morrisons argos primark greggs mcdonalds mcdonald's kfc
home-start homestart barnardos boxing imam rabbi vicar reverend pastor priest sheikh
mondays tuesdays wednesdays thursdays fridays saturdays sundays
lado pep cin lac sgo dbs adhd asd gcse gcses pru semh slt dsl yot yjs cse cce fgm plo icpc rcpc
eha taf caf cla cic cmht mp ot ae a&e ssw fsw sw iro's ehcps sendiass pip sen fasd nyas ptsd
asc pda ocd
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
cheers signed ta love x kind warm wishes bye
nani nanu dadi dada ammi ammu abbu abba amma appa ami baba mama khala chacha bibi aunty
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
# A capitalised word of any Latin script, with inner apostrophes or hyphens: "O'Brien", "McLean".
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?:[^\W\d_]|[\u0300-\u036f])*(?:['’-](?:[^\W\d_]|[\u0300-\u036f])+)*"
_AGE = re.compile(
    r"\b(?:aged|age)\s+(\d{1,2})\b|\b(\d{1,2})(?:[- ]years?[- ]old|[- ]year[- ]old|yo)\b",
    re.IGNORECASE,
)
_LETTERS = r"[^\W\d_](?:(?:[^\W\d_]|[\u0300-\u036f])|['’-](?=[^\W\d_]))+"
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
    r"\b(?:(?:my|our|her|his|their) (?:(?:little|big|baby|older|younger|eldest|oldest|youngest|middle|"
    r"twin|half|step|new|old|foster|birth|best|real) )?(?:son|daughter|child|kid|grandson|granddaughter|"
    r"grandchild|nephew|niece|brother|sister|partner|husband|wife|mum|mother|dad|father|ex|boyfriend|"
    r"girlfriend|stepdad|stepmum|stepfather|stepmother|baby|foster (?:son|daughter|child)|friend|"
    r"neighbour|cousin|uncle|aunt|auntie|aunty|nan|nana|nanna|gran|grandma|grandad|advocate|carer|"
    r"foster carer|"
    r"(?:children|kids|sons|daughters|grandchildren|grandsons|granddaughters|twins|boys|girls)(?: are)?)|"
    r"social worker|worker|teacher|manager|team manager|caseworker|keyworker|key worker|officer|"
    r"advocate|solicitor|nurse|health visitor|iro|"
    # "aunty manjit", "baby Jax"; "hi gurpreet", "Dear Sandra": kin and greetings.
    r"aunty|auntie|uncle|cousin|baby|hi|hiya|hey|hello|dear|"
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
    rf"({_CAP}),? (?:(?:is )?(?:our|my|his|her|their) (?:[a-z]+ )?(?:youngest|eldest|oldest|middle|"
    r"little|baby|son|daughter|grandson|granddaughter|boy|girl|nephew|niece|brother|sister|cousin|"
    r"twin)\b|\((?:the )?(?:twins?|my|our|\d{1,2}\)))"
)
# A title and an initial: "Mrs J Pugh", "Mr V. Popa".
_INITIAL = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ([A-Z])\.?(?= [A-Z])")
# Irish and other surname particles, which are short or common words on their own.
_PARTICLE = re.compile(
    rf"(?<![^\W\d_])(?:Ó|O|Ní|Nic|Uí|Ua|Mac an|Mac|Mhic|Mc|Bean Uí) [hnt]?-?{_CAP}"
)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# Words in any script: letters joined by inner apostrophes and hyphens ("O'Brien", "Smith-Jones").
# Combining accents count as letters: "Ìfẹ́olúwa" is one word, not "Ìfẹ" and "olúwa".
_TOKEN = re.compile(
    r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*(?:['\u2019-](?:[^\W\d_]|[\u0300-\u036f])+)*"
)
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
    skipped: str = (
        ""  # a contraction just before, which is no token: "hasn't" in "Kacey hasn't been"
    )

    @property
    def listed(self) -> bool:
        return self.first or self.last


# Verbs that follow a person at a sentence's start: "Umar goes", "Thembisile has".
_PERSON_VERBS = frozenset(
    """
is was has had goes went said says told tells wants wanted needs needed feels felt loves hates
keeps kept gets got lives lived stays stayed cries cried cannot can't won't didn't doesn't isn't
wasn't hasn't will would could should does did came comes started stopped missed misses refuses
refused ran runs left moved asked asks saw sees heard hears thinks thought knows knew likes
tries tried plays played wrote writes deserves deserved begged begs sleeps slept
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
    ("n",),  # "leon n caden", as people type "and"
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
    skipped = ""
    for m in _TOKEN.finditer(text):
        word, start = m.group(0), m.start()
        if _CONTRACTION.search(word):
            previous_end = m.end()
            skipped = word.lower().replace("\u2019", "'")
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
        parts = word.split("-")
        if len(parts) > 2 and word[0].isupper() and any(p.islower() for p in parts[1:]):
            # "Weston-super-Mare", "Stoke-on-Trent": a place, whatever its parts are.
            in_first = in_last = ambiguous = plain = False
            blocked = True
        # A name typed in capitals counts as capitalised ("TAYLA", "MARK"); an acronym
        # (no vowel, or a service's: "LADO", "EHCP") does not.
        shout = (
            word.isupper() and len(word) > 2 and key not in KEEP and any(c in "aeiouy" for c in key)
        )
        tokens.append(
            _Token(
                start=start,
                end=start + len(word),
                key=key,
                cap=word[0].isupper() and (not word.isupper() or shout),
                initial=initial,
                gap=text[previous_end:start],
                possessive=bool(possessive),
                first=in_first,
                last=in_last,
                ambiguous=ambiguous,
                blocked=blocked,
                word=plain,
                skipped=skipped,
            )
        )
        skipped = ""
        previous_end = m.end()
    return tokens


def _evident(tokens: list[_Token], marked: list[bool]) -> None:
    """Mark, in place, the words that the list and their shape make names on their own."""
    for i, t in enumerate(tokens):
        following = _key(tokens, i + 1)
        then = _key(tokens, i + 2)
        if t.blocked:
            # "Will is 16": the modal never stands before "is", the name does.
            # "Will's contact", "Will needs to know": the modal takes neither.
            marked[i] = marked[i] or (
                t.cap
                and t.key == "will"
                and (t.possessive or following in _WILL_VERBS or following == "and")
            )
            # "Big Dave", "Little Jax": a nickname's first word, before a capitalised name.
            marked[i] = marked[i] or (
                t.cap
                and t.key in ("big", "little")
                and i + 1 < len(tokens)
                and tokens[i + 1].cap
                and tokens[i + 1].gap == " "
                and not tokens[i + 1].blocked
                and not tokens[i + 1].word
            )
            continue
        if marked[i]:
            continue
        # The verb after the name, past one adverb: "jade NEVER cries", "Precious said".
        verb = then if following in _ADVERBS else following
        if (
            (t.initial or t.cap)
            and (t.first or t.key in ABSTRACT_NAMES or (not t.cap and t.listed))
            and t.key not in KEEP
            and (
                verb in _SPEECH_VERBS
                or (t.initial and t.possessive and following in _OWNED)
                or (not t.cap and verb in _PERSON_VERBS and t.key not in ABSTRACT_NAMES)
            )
        ):
            # "Precious said", "Faith's dad is", "jack said", "poppy cried": at a sentence's
            # start, a word names the one who speaks or owns, capitalised or not.
            marked[i] = True
        elif (
            t.cap
            and not t.initial
            and t.first
            and following in _PRONOUN_HE_SHE
            and i + 1 < len(tokens)
            and tokens[i + 1].gap == ", "
        ):
            marked[i] = True  # "the worst time for Dawn, she wakes up"
        elif (
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
            # "Arjun's diagnosis": a capitalised possessive is someone's, word or not.
            marked[i] = not t.word or t.possessive
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


# Sign-offs before a name at the end of a message: "thanks, dawn x", "Cheers, Huw".
_SIGN_OFFS = frozenset(
    "thanks thank you thx ta cheers love regards wishes from sincerely faithfully bye soon".split()
)
_KISSES = frozenset({"x", "xx", "xxx", "xxxx"})
# Relations that a list of names is said to be: "ivy daisy n rose r my sisters".
_RELATIONS = frozenset(
    """
son sons daughter daughters kid kids child children grandson grandsons granddaughter
granddaughters grandchild grandchildren nephew nephews niece nieces brother brothers sister
sisters twin twins cousin cousins uncle uncles aunt aunts auntie aunties boy boys girl girls baby
babies stepson stepdaughter stepbrother stepsister mum mam mom dad mother father nan nana gran
grandma grandad partner husband wife boyfriend girlfriend friend friends bestie mate carer carers
worker advocate
""".split()
)
# What a person owns at a sentence's start: "Faith's dad", "Hope's school".
_OWNED = _RELATIONS | frozenset(
    "school teacher contact placement room birthday diagnosis needs behaviour nursery class "
    "medication plan review carers social key foster".split()
)
# Verbs only a person takes: "Precious said", "Autumn hates"; not "Hope is", "Summer came".
_SPEECH_VERBS = frozenset(
    """
said says told tells cried cries rang rings phoned texted messaged wants wanted loves hates asked
asks won't didn't doesn't hasn't can't screamed refuses refused misses missed
""".split()
)
_ADVERBS = frozenset("never always still just really also even now already".split())
# Verbs after "Will" that the modal never takes: "Will needs", "Will said".
_WILL_VERBS = (_PERSON_VERBS | _SPEECH_VERBS) - {"will", "would", "could", "should", "cannot"}
# A person's verbs that a season, a time of day or a virtue seldom takes: "Summer has".
_SUBJECT_VERBS = _PERSON_VERBS - {"is", "was", "will", "would", "could", "should", "came", "comes"}
# Words after which a name that is also a word is that word: "I hope", "to mark", "will".
_VERB_BEFORE = frozenset(
    "i we you they he she it to will would can could should must might may not don't do a an the "
    "some this that".split()
)
_PRONOUN_HE_SHE = frozenset({"she", "he", "she's", "he's"})
# "Reign is 3", "Tyler turned 7": a word before an age is a child.
_AGE_OF = re.compile(
    r"(?:'s| is| was| turns| turned| turning| aged)(?: only| just| now| nearly| almost)? "
    r"\d{1,2}(?![\d:/.%]|\s*(?:am|pm|weeks?|days?|hours?|hrs?|minutes?|mins?|miles?|times?|"
    r"o'clock|percent|per|pounds?|quid|p\b|x\b|out\b|of\b))"
)
_ITS = re.compile(rf"(?i:\bit'?s)\s+({_CAP})(?=\s*(?:[.!,\n]|$))")


def _nameable(t: _Token) -> bool:
    """Could be a name given a cue: not a common or kept word, not plain English."""
    return not t.blocked and (t.listed or not t.word or t.key in ENGLISH_WORDS)


def _key(tokens: list[_Token], i: int) -> str:
    """Word i, or the contraction before it: "Angel hasn't been" follows "angel" with "hasn't"."""
    if not 0 <= i < len(tokens):
        return ""
    return tokens[i].skipped or tokens[i].key


def _cued(text: str, tokens: list[_Token], marked: list[bool]) -> None:
    """Mark, in place, the words that greetings, sign-offs and relations make names."""
    n = len(tokens)
    # "thanks, dawn x", "Thank you, Funmilayo Akande": the message's last words.
    end = n
    while end > 0 and tokens[end - 1].key in _KISSES:
        end -= 1
    if end and not any(c.isalnum() for c in text[tokens[end - 1].end :] if c not in "xX"):
        for size in (1, 2):
            first = end - size
            if first > 0 and tokens[first - 1].key in _SIGN_OFFS:
                names = range(first, end)
                if all(_nameable(tokens[k]) for k in names) and all(
                    tokens[k].gap == " " for k in names[1:]
                ):
                    for k in names:
                        marked[k] = True
    starts = [t.start for t in tokens]
    for m in _ITS.finditer(text):
        i = bisect_left(starts, m.start(1))
        if i < n and _nameable(tokens[i]):
            marked[i] = True  # "Hey Ty, its Mercy."
    ends = [t.end for t in tokens]
    for m in _AGE_OF.finditer(text):
        i = bisect_left(ends, m.start())
        if i < n and tokens[i].end == m.start() and _nameable(tokens[i]):
            marked[i] = True  # "Reign is 3, she's non-verbal"
    for i, t in enumerate(tokens):
        nxt, then = _key(tokens, i + 1), _key(tokens, i + 2)
        if t.key == "me" and nxt in ("and", "n") and i + 2 < n and _nameable(tokens[i + 2]):
            marked[i + 2] = True  # "me and jordan"
        if (
            _nameable(t)
            and nxt in ("and", "n")
            and (
                then in ("me", "i")
                or (then in ("his", "her") and _key(tokens, i + 3) in _RELATIONS)
            )
        ):
            marked[i] = True  # "Jade and I", "Grace and her brother"
        if (
            t.key in ("is", "are", "r", "was", "were")
            and nxt in ("my", "our", "his", "her", "their")
            and (then in _RELATIONS or _key(tokens, i + 3) in _RELATIONS)
        ) or (t.key in ("are", "r") and nxt == "twins"):
            # "Hope and Faith are my granddaughters": the list before it, back to its start.
            j = i - 1
            while j >= 0 and _nameable(tokens[j]):
                marked[j] = True
                gap = tokens[j].gap
                if j > 0 and tokens[j - 1].key in ("and", "n") and gap == " ":
                    j -= 2
                elif gap in (", ", ",", " & ") or (gap == " " and not tokens[j].initial):
                    j -= 1
                else:
                    break


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


def _as_person(tokens: list[_Token], i: int) -> bool:
    """Whether word i, a name that is also a word, stands as a person here: a capital
    mid-sentence, an owner, a subject; or, for a name that is no virtue, season or month,
    anywhere but a sentence's start or after "I", "to" ("looked after tony", not "I hope",
    "Holly bushes")."""
    t = tokens[i]
    if (t.cap and not t.initial) or t.possessive:
        return True
    following = _key(tokens, i + 1)
    verb = _key(tokens, i + 2) if following in _ADVERBS else following
    if verb in _SPEECH_VERBS or verb in _SUBJECT_VERBS:
        return True
    return (
        not t.initial
        and t.key not in ABSTRACT_NAMES
        and t.key not in _MONTH_NAMES
        and (t.skipped or (tokens[i - 1].key if i else "")) not in _VERB_BEFORE
    )


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
            # The same name again: "Oluwaseun ... oluwaseun's school"; a name that is also a
            # word only where it stands as a person ("Summer has", "not Autumn."), never
            # "Grace period", "I hope", "Dawn is usually the worst time".
            hit = not t.ambiguous or _as_person(tokens, i)
        elif t.cap and before:
            hit = True  # "Kayleigh May", "Adebayo Okafor"
        elif t.cap and after and t.key not in _MONTH_NAMES:
            hit = True  # "Will Okafor", "Priya Sharma" at a sentence's start
        elif (
            not t.cap
            and before
            and t.last
            and tokens[i - 1].first
            and not tokens[i - 1].cap
            and t.key not in NOT_NAMES
            and t.key not in KEEP
        ):
            # "gemma price", "dave wood": in lower-case writing, a surname-list word right
            # after a first name is the surname, even when it is also a word.
            hit = True
        else:
            listed_with = [
                j for j in (_joined(tokens, i, -1), _joined(tokens, i, 1)) if j is not None
            ]
            # "Jayden and Grace", "kayleigh, jayden and tom"; never "since August and Max".
            hit = (
                any(marked[j] for j in listed_with)
                and (t.key not in KEEP or (t.first and t.key not in MONTHS))
                and (
                    t.cap
                    or (t.first and not t.ambiguous)
                    # a lower-case word in no list nor dictionary, joined by a word, not a
                    # comma ("leon n zakariye"; not "the longest, Trish")
                    or (
                        not t.word
                        and not t.listed
                        and "-" not in t.key
                        and any(marked[j] and "," not in tokens[max(i, j)].gap for j in listed_with)
                    )
                )
            )
        if hit:
            marked[i] = changed = True
    return changed


def rule_names(text: str, known_names: Iterable[str] = ()) -> tuple[list[_Token], list[bool]]:
    """The text's words, and which of them the hand-written name layers call names."""
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
    _cued(text, tokens, marked)
    _evident(tokens, marked)
    for _ in range(6):  # a name spreads along a list a word at a time
        if not _spread(tokens, marked):
            break
    return tokens, marked


def _initials(text: str) -> list[Entity]:
    return [Entity("NAME", m.start(1), m.end(1)) for m in _INITIAL.finditer(text)]


def _names(
    text: str, known_names: Iterable[str], model: name_model.NameModel | None
) -> list[Entity]:
    tokens, marked = rule_names(text, known_names)
    if model is not None:
        # Fail-closed: a word is a name if the rules or the learned model say so.
        for i in model.names(text, tokens, marked):
            marked[i] = True
    return _initials(text) + [
        Entity("NAME", t.start, t.end) for t, m in zip(tokens, marked, strict=True) if m
    ]


def _phrases(text: str, phrases: Iterable[str]) -> list[Entity]:
    found: list[Entity] = []
    for phrase in {p.strip() for p in phrases if len(p.strip()) > 2}:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
        found += [Entity("SCHOOL", m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    return found


def _ordinary(word: str) -> bool:
    """A capitalised word that is no person's name: "On", "Monday", "Ofsted"."""
    return word.lower() in KEEP or word.lower() in COMMON


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
    text: str,
    known_names: Sequence[str] = (),
    known_phrases: Sequence[str] = (),
    *,
    learned: name_model.NameModel | Literal[False] | None = None,
) -> list[Entity]:
    """Every span of personal data, longest first where spans overlap.

    known_names: people's names to hide wherever they appear, word by word; known_phrases:
    schools and the like, hidden as whole phrases ([SCHOOL]) whatever their case.
    learned: the name model used beside the rules: None for the shipped one (trained on
    first use), False for the rules alone (bench/names.py compares the two).
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
    found += [Entity("DATE_OF_BIRTH", s, e) for s, e in birth_dates(text, _ordinary)]
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
