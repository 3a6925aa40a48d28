"""Who, when and how meant: the words around a rule's match that may lower it, or keep it up.

A harm word alone does not make a child at risk now. Four readings may lower a match
that is not protected (see patterns.py for what is protected: sexual abuse, intent to end
one's life, a young child alone, and the warning signs marked so in warning-signs.json):

- **how meant**: a joke marked as one ("lol", "jk", a laughing emoji in the sentence or
  right after it), or a figure of speech about a trivial object ("kill him, he ate the whole
  cake", "drowning in paperwork", "not going to die over it"), sport ("we battered them
  5-0") or exasperation ("shoot me now, my fourth worker"); never when the writer says
  they mean it;
- **when**: harm dated in the past (its sentence says "years ago", "as a kid", "after the
  …") *and* the text says it was dealt with ("safe now", "restraining order", "in prison");
  never when anything in the text says it goes on ("still", "again", "he's back");
- **who**: harm done to an adult ("Grandad was assaulted", "my bro is 19 and got stabbed")
  and not now, with no child in that sentence;
- **a record**: a word in quotes, or a sentence about a file, flag, plan or meeting that is
  closed, old, disputed or to be removed ("the 'suicide risk' flag from years ago").

A warning sign may also carry its own ordinary reason (warning-signs.json "unless": "a
goodbye letter to my carers because I'm moving out"), and minutes that pass on what a
parent or child said are a disclosure, not a record (passed_on).

Each reading returns the cues that decided it, in the normalised text's offsets, so the
duty officer sees the words that lowered a flag as well as the words that raised it.
Everything here is a pure function of the normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# How a harm is meant ------------------------------------------------------------------
_JOKE = re.compile(
    r"\b(?:lol|lols|lolz|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|jks|only joking|just joking|"
    r"im joking|kidding|xd)\b|[\U0001F602\U0001F923\U0001F606\U0001F605\U0001F61C\U0001F61D"
    r"\U0001F644\U0001F639\U0001F92A\U0001F61B\U0001F480\U0001F922]|\( laughing \)"
)
# Said after a joke marker, these take the joke back ("lol no but seriously").
_SERIOUS = re.compile(
    r"\b(?:seriously|not joking|no joke|not even joking|im serious|i am serious|i mean it|"
    r"means it|meant it|no but|for real|deadass|not a joke)\b"
)
# Figures of speech: killing or dying over something trivial.
_HYPERBOLE_VERB = re.compile(
    r"\b(?:kill\w*|murder\w*|die|dying|dead|death|drown\w*|strangle|throttle)\b"
)
_TRIVIAL = re.compile(
    r"\b(?:ate|eaten|eats|eating|finished|finishes|finish|took|takes|take|nicked|nicks|used|"
    r"uses|borrowed|borrows|stole|steals|hogging|hogs|leave|leaves|left) (?:\S+ ){0,4}?"
    r"(?:cake|biscuits?|chocolate|pizza|chips|crisps|sweets|charger|hoodie|makeup|towels?|"
    r"remote|last (?:slice|bit|one|biscuit)|snacks|leftovers|my food|the milk|straighteners)\b|"
    r"\b(?:homework|paperwork|exams?|revision|wifi|maths|traffic|this form|these forms|the forms|"
    r"spreadsheets?|emails|admin|the queue|sprouts|lac review|reviews?|meetings?|embarrassment|"
    r"boredom|laughing|laughter|lego|easter eggs?)\b|"
    # "not going to die over it", "kill him for breaking my headphones"
    r"\b(?:die|dying|dead) over (?:it|this|that|a|the|some)\b|\bnot (?:going to|about to) die\b|"
    r"\bfor (?:breaking|taking|eating|nicking|losing|using) (?:my|his|her|their) \S+"
)
# A bare threat word over something trivial ("she threatened to tell dad I ate her chocolate").
_BARE_THREAT = re.compile(r"(?:threat\w*|menac\w*)")
# Sport: "we battered them 5-0", "killed it at five-a-side"; never a match naming a child or me.
_SPORT = re.compile(
    r"\b(?:football|footy|match|5 a side|five a side|rugby|netball|hockey|basketball|cricket|"
    r"league|rematch|fifa|tournament|final|semi final|quiz|\d+ nil)\b"
)
_SPORT_VERB = re.compile(
    r"\b(?:battered|battering|batter|smashed|thrashed|destroyed|hammered|killed|murdered|beat|beaten)\b"
)
# "hurt his feelings": a figure of speech whatever verb pattern read "hurt" as harm.
_FEELINGS = re.compile(r"\bhurt (?:\S+ )?(?:my|his|her|their|your|our|the) feelings\b")
_SPORT_VICTIM = re.compile(r"\b(?:me|him|her|my|his|their|our|you)\b")
# Exasperation at the service ("shoot me now, that's my fourth worker"), said of oneself
# at the start of a sentence: never "he said he'd shoot me now".
_EXASPERATION = re.compile(
    r"(?:^|(?<=[.!?,] )|\b(?:just|someone|somebody|please|honestly|omg) )(?:shoot|kill) me "
    r"(?:now|already)\b"
)

# When: past and dealt with ------------------------------------------------------------
_PAST = re.compile(
    r"\b(?:(?:\d+|a few|two|three|four|five|six|seven|eight|nine|ten|many|some|few|couple of|"
    r"a|an|over a|about a|more than a) (?:years?|yrs|months?|weeks?) ago|(?:years|months|ages) ago|"
    r"(?:19|20)\d\d|used to|"
    r"in the past|as a (?:child|kid|teenager|baby|toddler)|when (?:i|he|she|they|we) (?:was|were) "
    r"(?:\d+|little|younger|small|a baby|a child|a kid|a teenager|young|in care|in year \w+)|"
    r"last (?:year|month|winter|summer|spring|autumn|term|christmas)|"
    r"in (?:january|february|march|april|june|july|august|september|october|november|december)|"
    r"after (?:the|all the|what)|back then|at the time|previously|historic\w*|"
    r"(?:was|were) (?:\S+ )?(?:hit|assaulted|abused|attacked|groomed|violent|beaten)|"
    # "before the children came to me", "that night", "when my ex hurt me"
    r"before (?:\S+ ){0,3}?(?:came|come|moved|went into care|were placed|was placed|lived|living)|"
    r"(?:that|the same) (?:night|day)|when (?:my|her|his|their|our) (?:\S+ )?(?:ex|partner|dad|"
    r"husband|boyfriend|stepdad|mum|father) (?:hurt|hit|attacked|beat|was violent))\b"
)
_RESOLVED = re.compile(
    r"\b(?:(?:im|i am|we are|were|were all|she is|shes|he is|hes|they are|theyre|kids are|"
    r"children are|all|feel|feels|i feel|we feel|been|is|are) (?:\S+ ){0,2}?(?:safe|fine|settled|"
    r"well|happy|doing well|ok|okay|good|recovered) now|(?:safe|fine|settled|doing well|well) "
    r"(?:now|for (?:years|months|ages|a long time|over))|restraining order|non molestation order|"
    r"injunction|(?:he|she|they)(?: has| have| s)? (?:moved|left|gone)(?: away| abroad| out)?|"
    r"in prison|(?:was|got|been|were) (?:convicted|sent down|jailed|locked up|sentenced)|"
    r"dealt with|got (?:me|us|her|him|them) out|(?:has|have|had|ive|weve) been (?:fine|ok|okay|"
    r"settled|safe|well) for|(?:not|hasnt|havent|never) (?:done|happened|had) (?:it |that |so |any )?"
    r"(?:since|again|for)|nothing since|no contact|moved away|out of hospital|recovered|in rehab|"
    r"all sorted|is over now|its over now|it stopped|got help|had help|been settled|"
    r"(?:has|have|had|got) (?:had )?(?:\S+ )?support|"
    r"(?:are|is) (?:all )?(?:safe|settled|fine) (?:with|at|now)|"
    r"(?:all )?behind (?:them|us|me|her|him)(?: now)?|thriving|doing (?:great|brilliantly|really well|so well)|"
    r"(?:our|my|their) own (?:place|flat|house|home) now|(?:a|the) refuge|"
    r"(?:im|i am|were|we are) (?:all )?(?:good|fine|ok|okay)(?= [.!?]|$)|"
    # "my social worker moved me to my nan's", "got placed with my auntie"
    r"(?:moved|placed) (?:me |us |him |her |them )?(?:to|with|in with) (?:my|his|her|our) (?:\S+ )?"
    r"(?:nans?|nanas?|grans?|grandparents|aunt\w*|uncles?|foster \w+|carers?)|"
    # "the last time I felt suicidal was over a year ago": it has not come back since.
    r"last time (?:i|he|she|they) (?:\S+ ){1,3}?was (?:over |more than |about )?(?:a|an|\d+|two|three|"
    r"a few|many) (?:years?|months?|weeks?) ago)\b"
)
# What says a harm goes on: blocks the past reading anywhere in the text, and is shown
# to the duty officer as what kept a flag up.
_ONGOING = re.compile(
    # "still" about a record or a wait ("the file still says", "still waiting") is not harm
    # going on.
    r"\b(?:still(?! (?:says|say|calls|call|lists|shows|show|has|have|records|mentions|describes|"
    r"refers|names|labels|waiting|wait|not|no|dont|doesnt|hasnt|havent|chasing|need|needs|"
    r"want|wants|hope|think|leads|lead|talks|brings|uses|quotes))|"
    # "looked at again", "reviewed again": the record is read again, not the harm done again.
    r"(?<!looked at )(?<!look at )(?<!looking at )(?<!reviewed )(?<!checked )(?<!considered )again|"
    r"every (?:day|night|time|week|weekend)|keeps|keep on|right now|rn|tonight|"
    r"at the moment|atm|these days|(?:is|are|s|hes|shes|theyre|has|have) (?:\S+ )?back"
    # "back at school", "back home", "back and fine": a return to normal, not the harm.
    r"(?! (?:at|in|to) (?:school|college|work|uni|nursery|normal)| home| and (?:fine|safe|well|ok|"
    r"okay|settled|happy))|"
    r"moved back|back living|started (?:again|on)|ever since|wont stop|doesnt stop|"
    r"happening|going on)\b"
)
# An ongoing word in another sentence than the match is mostly about the service ("the
# school still sends letters", "my worker keeps cancelling"); these say the harm itself
# goes on or its author is back, and speak for a match from anywhere in the text.
_HARM_GOES_ON = re.compile(
    r"\b(?:happening|going on|back|back living|moved back|started (?:again|on)|ever since|"
    r"wont stop|doesnt stop)\b"
)
# "as if it is still happening", "as though im still that kid": a worry about being treated as
# if it went on, which says it does not.
_AS_IF = re.compile(r"\b(?:as if|as though)(?: \S+){0,3} $")

# Who: an adult, not a child, and not now ---------------------------------------------
_ADULT_VICTIM = re.compile(
    r"\b(?:grandad|granddad|grandpa|grandma|granny|grandmother|grandfather|nan|nanna|nana|"
    r"(?:my|her|his|their) (?:husband|wife)|(?:a|an|the|some|this|that) (?:\S+ )?(?:man|woman|lady|bloke|guy|"
    r"pensioner|neighbour|stranger|driver|adult)|(?:my|our|her|his|the) neighbour|"
    r"(?:my|her|his) (?:uncle|aunt|auntie|colleague|boss)|(?:is|s|hes|shes|aged|age) "
    r"(?:1[89]|[2-9]\d)|(?:1[89]|[2-9]\d) (?:year old|years old|yr old|yo)|i as (?:a|the) carer|"
    r"as (?:a|the) (?:kinship |foster )?carer i) (?:\S+ ){0,3}?(?:was|were|got|has been|had been|"
    r"been) (?:\S+ )?(?:assaulted|attacked|mugged|stabbed|beaten|hit|punched|robbed|threatened|"
    r"hurt|injured|jumped|shot|abused|harassed|in hospital)\b"
)
_CHILD = re.compile(
    r"\b(?:son|sons|daughter|daughters|kids?|child|children|baby|babies|toddler|little (?:brother|"
    r"sister|one|ones)|grandson|granddaughter|grandchild\w*|grandkids|boy|girl|young person|yp|"
    r"teenager|nephew|niece)\b"
)

# A record, a process, a quoted label --------------------------------------------------
_RECORD = re.compile(
    r"\b(?:flag|flagged|flags|record|records|file|files|report|plan|assessment|minutes|"
    r"strategy (?:discussion|meeting)|section 47|s47|enquiry|case conference|conference|"
    r"core group|register|category|label|labelled|alert|marker|database|system)\b"
)
_RECORD_CLOSED = re.compile(
    r"\b(?:removed?|taken off|take (?:it|this|that) off|never true|not true|untrue|wrong|"
    r"mistake|error|incorrect|inaccurate|closed|no further action|nfa|unfounded|from (?:19|20)\d\d|"
    # "old", not "13 year old"
    r"years ago|(?<!year )(?<!years )(?<!yr )(?<!yrs )old|historic\w*|still (?:says|shows|has)|"
    r"out of date|outdated|deleted?|"
    r"corrected|correction|disputed?|appeal\w*|without (?:her|him|me|us|them) being told|"
    r"happened without|from (?:year|yr|age) \d+|from when (?:i|she|he|they) (?:was|were)|reviewed|"
    r"looked at again|inaccurac\w*|"
    # "he never smacked her and the file says he did": the writer disputes the record.
    r"(?:report|record|file|letter|plan|assessment) (?:says|said|claims|states) (?:he|she|i|we|they) "
    r"(?:did|was|had|does))\b"
)
_SENTENCE_ENDS = (" . ", " ! ", " ? ")


@dataclass(frozen=True)
class Hit:
    """A word or phrase that moved a flag: what kind of reading, and where (normalised offsets)."""

    kind: str  # joke, figure-of-speech, past, dealt-with, adult, record, ongoing, serious
    start: int
    end: int


@dataclass(frozen=True)
class Reading:
    """What the context says about one match: lowered (with the cues that lowered it) or
    standing (with any cues that speak for it: still, again, "I mean it")."""

    lowered_by: tuple[Hit, ...]
    raised_by: tuple[Hit, ...]


def sentence_bounds(normalised: str, start: int, end: int) -> tuple[int, int]:
    """The normalised sentence around [start, end)."""
    left = max(normalised.rfind(mark, 0, start) for mark in _SENTENCE_ENDS)
    right = min(
        (i for i in (normalised.find(mark, end) for mark in _SENTENCE_ENDS) if i >= 0),
        default=len(normalised),
    )
    return left + 1, right


def _cues(
    pattern: re.Pattern[str], kind: str, text: str, lo: int = 0, hi: int | None = None
) -> list[Hit]:
    hi = len(text) if hi is None else hi
    return [Hit(kind, *m.span()) for m in pattern.finditer(text, lo, hi)]


@lru_cache(maxsize=64)
def _text_cues(normalised: str) -> tuple[tuple[Hit, ...], tuple[Hit, ...]]:
    """What the whole text says about when: dealt with, and still going on (not counting
    "again" inside "never happened again"). Read once per text, not once per match."""
    resolved = tuple(_cues(_RESOLVED, "dealt-with", normalised))
    ongoing = tuple(
        c
        for c in _cues(_ONGOING, "ongoing", normalised)
        if not any(r.start <= c.start and c.end <= r.end for r in resolved)
        and not _AS_IF.search(normalised, max(0, c.start - 40), c.start)
    )
    return resolved, ongoing


def _joke_window(normalised: str, left: int, right: int) -> tuple[int, int]:
    """The sentence, and a short one after it ("…cake. 😂", "… lol")."""
    nxt = min(
        (i for i in (normalised.find(mark, right + 1) for mark in _SENTENCE_ENDS) if i >= 0),
        default=len(normalised),
    )
    if len(normalised[right:nxt].split()) <= 4:
        return left, nxt
    return left, right


def read(normalised: str, start: int, end: int, *, quoted: bool, present_harm: bool) -> Reading:
    """How the context reads the match at normalised[start:end] (a match that may be
    lowered: callers never ask about protected ones)."""
    left, right = sentence_bounds(normalised, start, end)
    resolved, ongoing = _text_cues(normalised)
    near_ongoing = [c for c in ongoing if left <= c.start < right]
    window = _joke_window(normalised, left, right)
    serious = _cues(_SERIOUS, "serious", normalised, *window)
    # What keeps the match up (shown as such, and the model may not vote it down): an
    # ongoing word in its own sentence, or one elsewhere that says the harm itself goes on.
    far = [
        c
        for c in ongoing
        if not left <= c.start < right and _HARM_GOES_ON.search(normalised, c.start, c.end)
    ]
    raised = tuple(near_ongoing + far) + tuple(serious)

    # How meant: a marked joke, or killing and dying over something trivial.
    if not serious:
        jokes = _cues(_JOKE, "joke", normalised, *window)
        if jokes:
            return Reading(tuple(jokes), ())
        if _HYPERBOLE_VERB.search(normalised, start, end) or _BARE_THREAT.fullmatch(
            normalised, start, end
        ):
            trivial = _cues(_TRIVIAL, "figure-of-speech", normalised, left, right)
            if trivial and not present_harm:
                return Reading(tuple(trivial), ())
        if figure := _figure_of_speech(normalised, start, end, left, right):
            return Reading(figure, ())
    if present_harm:
        return Reading((), raised)
    # When: dated in the past and said to be dealt with, with nothing saying it goes on.
    past = _cues(_PAST, "past", normalised, left, right)
    if past and resolved and not ongoing:
        return Reading((*past[:1], *resolved[:2]), ())
    # Who: an adult was harmed, not now, and no child in the sentence.
    adult = _cues(_ADULT_VICTIM, "adult", normalised, left, right)
    child = _CHILD.search(normalised, left, right)
    if adult and (past or resolved) and not near_ongoing and not child:
        return Reading((*adult[:1], *(past or resolved)[:1]), ())
    # A record: a quoted label, or a file or flag that is old, closed or disputed.
    if not near_ongoing:
        records = _cues(_RECORD, "record", normalised, left, right)
        closed = _cues(_RECORD_CLOSED, "record", normalised, left, right)
        if records and closed:
            return Reading((records[0], closed[0]), ())
        if quoted and (past or closed or records):
            return Reading((*(records or closed or past)[:1],), ())
    return Reading((), raised)


def _figure_of_speech(
    normalised: str, start: int, end: int, left: int, right: int
) -> tuple[Hit, ...]:
    """Sport ("battered them 5-0"), exasperation ("shoot me now") or hurt feelings around
    the match."""
    match = normalised[start:end]
    feelings = [
        h
        for h in _cues(_FEELINGS, "figure-of-speech", normalised, left, right)
        if h.start < end and start < h.end
    ]
    if feelings:
        return tuple(feelings[:1])
    if (
        _SPORT_VERB.search(match)
        and not _SPORT_VICTIM.search(match)
        and not _CHILD.search(normalised, left, right)
    ):
        sport = _cues(_SPORT, "figure-of-speech", normalised, left, right)
        if sport:
            return tuple(sport[:1])
    return tuple(
        h
        for h in _cues(_EXASPERATION, "figure-of-speech", normalised, left, right)
        if h.start <= start < h.end or start <= h.start < end
    )[:1]


# Reported speech in meeting notes: a parent's or a child's words passed on in minutes are
# a disclosure (Working Together: often indirect, made to a trusted adult and passed on),
# not a record of the past, so the word "minutes" does not hand them to the model to veto.
_MEETING_RECORD = re.compile(r"\bminutes\b")
_PASSED_ON = re.compile(
    r"\b(?:mum|mam|dad|parent|carer|granddad|grandad|grandma|nan|gran|girl|boy|young person|yp|"
    r"child|pupil|member|aunt\w*|uncle)s? (?:\S+ ){0,3}?(?:said|says|mentioned|told|disclosed|"
    r"shared|explained|admitted) (?:\S+ ){0,3}?(?:that|how|she|he|they|her|his|their)\b"
)


def passed_on(normalised: str, start: int, end: int, framing: re.Pattern[str]) -> tuple[Hit, ...]:
    """The words that pass on a disclosure, when the only thing framing the match's sentence
    as a record is that it sits in minutes; empty otherwise."""
    left, right = sentence_bounds(normalised, start, end)
    frames = [m.group() for m in framing.finditer(normalised, left, right)]
    if not frames or not all(_MEETING_RECORD.fullmatch(f) for f in frames):
        return ()
    return tuple(_cues(_PASSED_ON, "disclosed", normalised, left, right))[:1]


def ordinary_reason(
    unless: re.Pattern[str], normalised: str, start: int, end: int
) -> tuple[Hit, ...]:
    """The ordinary reason a warning sign's writer gives in its sentence ("a goodbye letter
    to my carers because I'm moving out"): the sign's own exception (warning-signs.json)."""
    left, right = sentence_bounds(normalised, start, end)
    return tuple(_cues(unless, "ordinary-reason", normalised, left, right))[:1]


# A short message the model flags, marked as a joke all through ("…lentil bake im ringing
# childline lol"): the model reads words, not how they are meant.
JOKE_MAX_WORDS = 30


def marked_joke(normalised: str) -> tuple[Hit, ...]:
    """The joke markers of a short text that does not take them back; empty otherwise."""
    if len(normalised.split()) > JOKE_MAX_WORDS or _SERIOUS.search(normalised):
        return ()
    return tuple(_cues(_JOKE, "joke", normalised))
