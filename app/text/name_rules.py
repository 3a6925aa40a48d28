"""The hand-written name layers of redaction: which words of a text are people's names.

Each word at a time (app/text/tokens.py), in layers: the names the family gave; words after
cues ("my son", "social worker", "Mr", "Mum:", "I am"); a capital mid-sentence on a word that
is no ordinary word; the name lists with a person's verb or a possessive; greetings,
sign-offs and lists said to be relations; then evidence spreads to neighbours, list-mates
and the same word elsewhere. redact.py documents the policy; the word lists are data
(app/text/data/cues.txt).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from app.text import lexicon
from app.text.dates import MONTHS
from app.text.entities import Entity
from app.text.lexicon import COMMON, KEEP, NOT_NAMES
from app.text.names import ABSTRACT_NAMES, ENGLISH_WORDS, english_words, name_lists, place_words
from app.text.tokens import CAP, LETTERS, POSSESSIVE, TOKEN, Token, tokenise, word_at

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
    rf"[,:]? +({LETTERS})(?: ({LETTERS}))?",
    re.IGNORECASE,
)
# Introductions need a capital: "I am Ruth" names someone, "I am sorry" does not.
_INTRO = re.compile(
    rf"(?i:\b(?:i am|i'm|my name is|this is|called|named|our))\s+({CAP})(?: ({CAP}))?"
)
# "Rose, our youngest," "Tyler, my eldest": a name set off by a relation.
_APPOSITION = re.compile(
    rf"({CAP}),? (?:(?:is )?(?:our|my|his|her|their) (?:[a-z]+ )?(?:youngest|eldest|oldest|middle|"
    r"little|baby|son|daughter|grandson|granddaughter|boy|girl|nephew|niece|brother|sister|cousin|"
    r"twin)\b|\((?:the )?(?:twins?|my|our|\d{1,2}\)))"
)
# A title and an initial: "Mrs J Pugh", "Mr V. Popa".
_INITIAL = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ([A-Z])\.?(?= [A-Z])")
# Irish and other surname particles, which are short or common words on their own.
_PARTICLE = re.compile(
    rf"(?<![^\W\d_])(?:Ó|O|Ní|Nic|Uí|Ua|Mac an|Mac|Mhic|Mc|Bean Uí) [hnt]?-?{CAP}"
)
# Months that are also girls' names: a name only with evidence beside them.
_MONTH_NAMES = frozenset({"may", "april", "june", "august"})
_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor)\.?$", re.IGNORECASE)
# The word lists these rules read (data/cues.txt).
_PERSON_VERBS = lexicon.words("cues", "person-verbs")
_FROM_BODIES = lexicon.words("cues", "from-bodies")
PLACE_PREPOSITIONS = lexicon.words("cues", "place-prepositions")
_NOT_FROM = ABSTRACT_NAMES | {"may", "april", "june", "august"}
# "and" and "or" join a list of names; "and to" too ("to Ikenna or to Victor").
_JOINERS = (
    ("and",),
    ("n",),  # "leon n caden", as people type "and"
    ("or",),
    ("nor",),
    *((joiner, word) for joiner in ("and", "or") for word in ("to", "for", "with", "from")),
)

_SIGN_OFFS = lexicon.words("cues", "sign-offs")
_KISSES = frozenset({"x", "xx", "xxx", "xxxx"})
_RELATIONS = lexicon.words("cues", "relations")
_OWNED = _RELATIONS | lexicon.words("cues", "owned")
_SPEECH_VERBS = lexicon.words("cues", "speech-verbs")
_ADVERBS = lexicon.words("cues", "adverbs")
# Verbs after "Will" that the modal never takes: "Will needs", "Will said".
_WILL_VERBS = (_PERSON_VERBS | _SPEECH_VERBS) - {"will", "would", "could", "should", "cannot"}
# A person's verbs that a season, a time of day or a virtue seldom takes: "Summer has".
_SUBJECT_VERBS = _PERSON_VERBS - {"is", "was", "will", "would", "could", "should", "came", "comes"}
_VERB_BEFORE = lexicon.words("cues", "verb-before")
_PRONOUN_HE_SHE = frozenset({"she", "he", "she's", "he's"})
# "Reign is 3", "Tyler turned 7": a word before an age is a child.
_AGE_OF = re.compile(
    r"(?:'s| is| was| turns| turned| turning| aged)(?: only| just| now| nearly| almost)? "
    r"\d{1,2}(?![\d:/.%]|\s*(?:am|pm|weeks?|days?|hours?|hrs?|minutes?|mins?|miles?|times?|"
    r"o'clock|percent|per|pounds?|quid|p\b|x\b|out\b|of\b))"
)
_ITS = re.compile(rf"(?i:\bit'?s)\s+({CAP})(?=\s*(?:[.!,\n]|$))")


def _nameable(t: Token) -> bool:
    """Could be a name given a cue: not a common or kept word, not plain English."""
    return not t.blocked and (t.listed or not t.word or t.key in ENGLISH_WORDS)


def _evident(tokens: list[Token], marked: list[bool]) -> None:
    """Mark, in place, the words that the list and their shape make names on their own."""
    for i, t in enumerate(tokens):
        following = word_at(tokens, i + 1)
        then = word_at(tokens, i + 2)
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
                            and tokens[i - 1].key in PLACE_PREPOSITIONS
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


def _cued(text: str, tokens: list[Token], marked: list[bool]) -> None:
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
        nxt, then = word_at(tokens, i + 1), word_at(tokens, i + 2)
        if t.key == "me" and nxt in ("and", "n") and i + 2 < n and _nameable(tokens[i + 2]):
            marked[i + 2] = True  # "me and jordan"
        if (
            _nameable(t)
            and nxt in ("and", "n")
            and (
                then in ("me", "i")
                or (then in ("his", "her") and word_at(tokens, i + 3) in _RELATIONS)
            )
        ):
            marked[i] = True  # "Jade and I", "Grace and her brother"
        if (
            t.key in ("is", "are", "r", "was", "were")
            and nxt in ("my", "our", "his", "her", "their")
            and (then in _RELATIONS or word_at(tokens, i + 3) in _RELATIONS)
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


def _joined(tokens: list[Token], i: int, step: int) -> int | None:
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


def _as_person(tokens: list[Token], i: int) -> bool:
    """Whether word i, a name that is also a word, stands as a person here: a capital
    mid-sentence, an owner, a subject; or, for a name that is no virtue, season or month,
    anywhere but a sentence's start or after "I", "to" ("looked after tony", not "I hope",
    "Holly bushes")."""
    t = tokens[i]
    if (t.cap and not t.initial) or t.possessive:
        return True
    following = word_at(tokens, i + 1)
    verb = word_at(tokens, i + 2) if following in _ADVERBS else following
    if verb in _SPEECH_VERBS or verb in _SUBJECT_VERBS:
        return True
    return (
        not t.initial
        and t.key not in ABSTRACT_NAMES
        and t.key not in _MONTH_NAMES
        and (t.skipped or (tokens[i - 1].key if i else "")) not in _VERB_BEFORE
    )


def _spread(tokens: list[Token], marked: list[bool]) -> bool:
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


def rule_names(text: str, known_names: Iterable[str] = ()) -> tuple[list[Token], list[bool]]:
    """The text's words, and which of them the hand-written name layers call names."""
    tokens = tokenise(text)
    first_names = name_lists()[0]
    english = english_words()
    marked = [False] * len(tokens)
    known = {t.lower() for name in known_names for t in TOKEN.findall(name) if len(t) > 1}
    known -= KEEP | COMMON
    spans: list[tuple[int, int]] = [m.span() for m in _PARTICLE.finditer(text)]
    spans += [
        m.span(1)
        for m in _APPOSITION.finditer(text)
        if POSSESSIVE.sub("", m.group(1)).lower() not in KEEP | COMMON
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


def initials(text: str) -> list[Entity]:
    """A title's initial: the "J" of "Mrs J Pugh"."""
    return [Entity("NAME", m.start(1), m.end(1)) for m in _INITIAL.finditer(text)]
