"""The rules: every phrase searched in the normalised text, each match kept with its
strength, the words in the original text it came from, and what its context says.

Strengths: "protected" (a disclosure that must reach safeguarding whatever else the text
says: sexual abuse, intent to end one's life, a young child alone, and the warning signs so
marked), "context" (context may lower it: see context.py) and "weak" (a bare harm word;
context may lower it, and so may a confident model, see model.py).
"""

from __future__ import annotations

import re

from app.text.risk import context, gate
from app.text.risk.assessment import Cue, Evidence, RiskAssessment
from app.text.risk.patterns import (
    _CONTEXTUAL_PATTERNS,
    _DISCOUNTS,
    _PROTECTED_PATTERNS,
    _PROTECTED_SIGNALS,
    _SIGNALS,
    _WEAK_PATTERNS,
)
from app.text.risk.signs import sign_discounts, warning_signs
from app.text.risk.words import _normalise

# A gap of a few words stops at the end of a sentence: "he was really hurt. Children in
# care..." is two thoughts, not "hurt children".
_ANY_WORD = r"(?:\S+ )"
_SAME_SENTENCE_WORD = r"(?:[^\s.!?]+ )"


def _strength(signal: str, pattern: str) -> str:
    if pattern in _PROTECTED_PATTERNS:
        return "protected"
    if pattern in _WEAK_PATTERNS:
        return "weak"
    if pattern in _CONTEXTUAL_PATTERNS:
        return "context"
    return "protected" if signal in _PROTECTED_SIGNALS else "context"


# A compiled phrase, its strength, the opening words that gate it, and (for a warning
# sign) the ordinary reason that sets it aside when the writer gives it in the sentence.
_Row = tuple[re.Pattern[str], str, gate.Gate | None, re.Pattern[str] | None]


def _row(pattern: str, strength: str, unless: str | None = None) -> _Row:
    compiled = re.compile(pattern.replace(_ANY_WORD, _SAME_SENTENCE_WORD))
    return compiled, strength, gate.openings(compiled), re.compile(unless) if unless else None


def _compile() -> dict[str, tuple[_Row, ...]]:
    """Each phrase compiled, with its strength and the opening words that gate it."""
    table: dict[str, list[_Row]] = {
        signal: [_row(p, _strength(signal, p)) for p in patterns]
        for signal, patterns in _SIGNALS.items()
    }
    for sign in warning_signs():
        table[sign.signal].extend(_row(p, sign.strength, sign.unless) for p in sign.patterns)
    return {signal: tuple(rows) for signal, rows in table.items()}


_COMPILED = _compile()
_COMPILED_DISCOUNTS = tuple(re.compile(p) for p in (*_DISCOUNTS, *sign_discounts()))
# What dates a harm or frames it as somebody's record of it. A match in such a sentence
# may still be a disclosure ("he hit me last year and he's back"), so it is only handed
# to the model to vote down, never dropped.
_CONTEXT = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|many|some|few) (?:years?|yrs|months) ago|"
    r"(?:years|months|ages) ago|(?:19|20)\d\d|used to|historic\w*|in the past|as a (?:child|kid|teenager)|"
    r"when (?:i|he|she|they|we) (?:was|were) (?:\d+|little|younger|small|a baby|a child|a kid|a teenager|"
    r"in (?:care|year|yr))|last (?:year|winter|summer|spring|autumn|term)|aged \d+|in (?:year|yr) \d+|"
    r"reports?|assessment\w*|investigat\w*|accus\w*|allegation\w*|alleged|referral\w*|file|files|"
    r"records?|recorded|letters?|care plan|statement|the word|described|calls? me|called me|labelled|"
    r"section (?:47|7)|screening|tone|language|unfounded|no further action|complain\w*|convicted|"
    r"finding|minutes|register|policy|training)\b"
)
# Harm told in the present tense is explicit present harm whatever the sentence also
# says ("he hits my son, it is in the report"): never handed to the model to vote down.
_PRESENT_HARM = re.compile(
    r"\b(?:hits|hitting|punches|punching|kicks|kicking|beats|beating|batters|battering|slaps|"
    r"slapping|smacks|smacking|whacks|thumps|lamps|belts|belting|throttles|throttling|"
    r"strangles|strangling|chokes|choking|stamps|stamping|hurts|hurting|harms|harming|drags|"
    r"pins|shoves|attacks|injures|bullies|bullying|pushes|grabs|shakes|bites|burns|locks|"
    r"locking|leaves|leaving|keeps|still|again|now|every)\b"
)
_SENTENCE_ENDS = (" . ", " ! ", " ? ")
_QUOTE_MARKS = "'\"\u2018\u2019\u201c\u201d"


def rule_assessment(text: str) -> RiskAssessment:
    """What the rules alone see in text."""
    return _rule_assessment(text, *_normalise(text))


def _rule_assessment(text: str, normalised: str, origin: list[tuple[int, int]]) -> RiskAssessment:
    return _rule_matches(text, normalised, origin)[0]


def cue(text: str, origin: list[tuple[int, int]], hit: context.Hit) -> Cue:
    """A context hit as the words of the original text it covers."""
    begin, finish = origin[hit.start][0], origin[max(hit.end - 1, hit.start)][1]
    return Cue(hit.kind, text[begin:finish], begin, finish)


def _rule_matches(
    text: str, normalised: str, origin: list[tuple[int, int]]
) -> tuple[RiskAssessment, bool]:
    """What the rules see, and whether every match that stands is one the model may vote
    down (a weak pattern, or a non-protected one in a sentence that dates or frames it).

    Every match that is not protected is read in its context first (context.read): one
    the context lowers is kept apart, with the words that lowered it."""
    if not normalised:
        return RiskAssessment(urgent=False, signals=()), False
    discounted = [m.span() for pattern in _COMPILED_DISCOUNTS for m in pattern.finditer(normalised)]
    found: list[Evidence] = []
    lowered: list[Evidence] = []
    all_weak = True
    words = gate.text_words(normalised)
    for signal, patterns in _COMPILED.items():
        for pattern, strength, heads, unless in patterns:
            if not gate.may_match(heads, words):
                continue  # none of the words a match opens with is in the text
            for m in pattern.finditer(normalised):
                start, end = m.span()
                if end <= start:
                    continue
                if any(d_start <= start and end <= d_end for d_start, d_end in discounted):
                    continue
                begin, finish = origin[start][0], origin[end - 1][1]
                if unless and (reasons := context.ordinary_reason(unless, normalised, start, end)):
                    cues = tuple(cue(text, origin, h) for h in reasons)
                    lowered.append(
                        Evidence(signal, text[begin:finish], begin, finish, lowered_by=cues)
                    )
                    continue
                raised: tuple[Cue, ...] = ()
                framed = False
                if strength != "protected":
                    present = _PRESENT_HARM.search(m.group()) is not None
                    reading = context.read(
                        normalised,
                        start,
                        end,
                        quoted=_quoted(text, begin, finish),
                        present_harm=present,
                    )
                    raised = tuple(cue(text, origin, h) for h in reading.raised_by)
                    if reading.lowered_by:
                        lowered.append(
                            Evidence(
                                signal,
                                text[begin:finish],
                                begin,
                                finish,
                                lowered_by=tuple(cue(text, origin, h) for h in reading.lowered_by),
                            )
                        )
                        continue
                    if all_weak and strength == "context" and not raised and not present:
                        # Only asked while the flag could still be voted down (it is slow).
                        framed = _in_context(text, normalised, start, end, begin, finish)
                        if framed and (told := context.passed_on(normalised, start, end, _CONTEXT)):
                            # Minutes passing on what somebody said: a disclosure, not a record.
                            raised = tuple(cue(text, origin, h) for h in told)
                            framed = False
                found.append(Evidence(signal, text[begin:finish], begin, finish, raised_by=raised))
                # Words that say the harm goes on ("he's moved back in") keep the flag
                # up against the model too.
                if all_weak and (strength != "weak" or raised):
                    all_weak = not raised and strength == "context" and framed
    found.sort(key=lambda e: (e.start, e.end, e.signal))
    lowered.sort(key=lambda e: (e.start, e.end, e.signal))
    signals = tuple(s for s in _COMPILED if any(e.signal == s for e in found))
    assessment = RiskAssessment(
        urgent=bool(signals), signals=signals, evidence=tuple(found), lowered=tuple(lowered)
    )
    return assessment, all_weak and bool(found)


def _quoted(text: str, begin: int, finish: int) -> bool:
    edges = text[max(begin - 1, 0) : begin + 1] + text[max(finish - 1, 0) : finish + 1]
    return any(mark in edges for mark in _QUOTE_MARKS)


def _in_context(text: str, normalised: str, start: int, end: int, begin: int, finish: int) -> bool:
    """Whether a match sits in a sentence that dates the harm or frames it as a record,
    a process or a quoted word ("the report says I hit him", "years ago", "'violent'")."""
    if _quoted(text, begin, finish):
        return True
    left, right = context.sentence_bounds(normalised, start, end)
    return _CONTEXT.search(normalised, left, right) is not None
