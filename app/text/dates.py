"""Dates of birth in free text, in every way people write them.

The policy (issue 16), because the two mistakes are not equal: a leaked date of birth
identifies a child, while a meeting date hidden by mistake costs a Commission quote little.
So, fail-closed:

1. A birth sentence: in a sentence with a birth cue (born, birthday, bday, birth date,
   birth certificate, DOB, D.O.B., "d o b", date of birth, "b. 2011", "turns 16 on",
   "turned 11 on", or a correction with no birth word: "put her down as 07/11/2012") EVERY date with
   a year is hidden, before or after the cue and however many there are. Corrections name
   two dates and both are the child's: "put down as 07/11/2012 when it's 11/07/2012",
   "not 3/4/2015, it's 4/3/2015", "X should be Y", "they have X, the right one is Y".
2. The next sentence: a birth cue reaches one sentence on for dates with a year, because
   corrections run on ("The DOB on the plan is wrong. It says X but she was Y.").
3. Dates without a year and bare years ("her birthday is 21/6", "born 2011", "3rd May is
   her birthday") are births only where the cue introduces them: the first within a few
   words after it, the next ones across names, commas and "not", and one right before it.
   Other dates without a year in the sentence are events: "born 2 March 2015, was placed in
   foster care on 12 September" keeps "12 September"; a correction chains on across
   "the letter says", "the form has" ("born 4 April 2013 and the letter says April 14th").
4. No birth word: a date with a year right after a person's name ("Mia, 3rd May 2014",
   "Oliver (03/09/2016)") or within a few words of an age ("she is 9, 01/02/2016",
   "Tyler (age 9) 1.2.17") is a child's birth date.

Everything else stays: "the meeting is on 3 March 2025", "on 3 March the social worker
visited", weekdays, months alone, "since 2019". Dates are numeric (1/2/16, 01.02.2016,
"19 10 2009" typed with spaces,
2016-02-01, 2016/02/01), written ("3rd of May 2012", "May 3rd", "4th jan 09", "the
twelfth of March 2011", "twenty-third of October two thousand and thirteen", "March 2016",
"Friday 3 June 2016") or a holiday with a year ("Christmas Day 2008"). Pure functions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

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

_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_NTH = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_MONTH = r"\b(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" for m in MONTHS) + r"|sept)\b\.?"
_WEEKDAY = r"(?:\b(?:" + "|".join(d[:3] + f"(?:{d[3:]})?" for d in WEEKDAYS) + r")\b,? (?:the )?)"
# "twenty-first" before "twentieth": the longer spelling first, as the regex takes the first.
_WORD_ORDINAL = (
    rf"(?:(?:twenty|thirty)[- ]?(?:{'|'.join(_NTH[:9])})|twentieth|thirtieth|{'|'.join(_NTH)})"
)
_ORDINAL = rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\b|\b{_WORD_ORDINAL}\b)"
_SMALL = rf"(?:twenty(?:[- ](?:{'|'.join(_UNITS)}))?|{'|'.join(_TEENS)}|{'|'.join(_UNITS)})"
_WORD_YEAR = (
    rf"(?:two thousand(?:,? and)?(?: {_SMALL})?|twenty (?:{_SMALL})"
    rf"|nineteen (?:nineties|(?:eighty|ninety)(?:[- ](?:{'|'.join(_UNITS)}))?))"
)
# A year after a day and month: "2012", "'09", "09", "two thousand and thirteen"; not "10am".
_YEAR = rf"(?:\d{{4}}|'?\d{{2}}|{_WORD_YEAR})(?![\w:])"
_HOLIDAY = (
    r"\b(?:christmas (?:day|eve)|boxing day|new year'?s (?:day|eve)|valentine'?s day"
    r"|hallowe'?en|bonfire night)\b"
)
# A number that is part of a longer one (a phone, a reference, a time) is no date.
_NOT_AFTER_NUMBER = r"(?<![\d/])(?<!\d[.-])"
_NOT_BEFORE_NUMBER = r"(?![\d/])(?![.-]\d)"
# Typed on a phone, a date may be three numbers and spaces ("19 10 2009", "05 06 11"):
# only a real day and month, and never inside a longer run of numbers (a phone number).
_SPACED = (
    r"(?<![\d/.-])(?<!\d )(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) (?:(?:19|20)\d{2}|\d{2})"
    r"(?![\d/])(?![.-]\d)(?! \d)"
)
_NUMERIC = (
    rf"{_NOT_AFTER_NUMBER}(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}){_NOT_BEFORE_NUMBER}|{_SPACED}"
)
# Where a date can start: a word that begins with a digit or a date word's first letters.
# Checked first, so the alternatives below are tried at few places: twice as fast.
_FIRST = (
    r"\b(?=\d|the|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|fir|sec|thi|fou|fif|six|sev|eig|nin|ten|ele|twe|chr|box|new|val|hal|bon)"
)
# Each alternative names its year group: a date "has a year" if one of them matched.
_DATE = re.compile(
    rf"{_FIRST}(?:(?P<num>{_NUMERIC})"
    rf"|{_WEEKDAY}?(?:(?:the )?{_ORDINAL}(?: of)? {_MONTH}|{_MONTH} (?:the )?{_ORDINAL})"
    rf"(?:,? (?:of )?(?P<y1>{_YEAR}))?"
    rf"|{_MONTH},? (?:of )?(?P<y2>\d{{4}})\b"
    rf"|{_HOLIDAY}(?:,? (?:in )?(?P<y3>\d{{4}})\b)?"
    rf"|{_NOT_AFTER_NUMBER}\d{{1,2}}/\d{{1,2}}{_NOT_BEFORE_NUMBER}"
    rf"|(?<![\d/.-])\b(?:19|20)\d{{2}}\b{_NOT_BEFORE_NUMBER})",
    re.IGNORECASE,
)
_BIRTH_CUE = re.compile(
    r"\b(?:born|birth ?days?|b'?-?days?|birth ?dates?|dates? of birth|years? of birth"
    r"|birth cert\w*|d\.?o\.?b(?![a-z])'?s?\.?|d\.? o\.? b\b\.?|b\. ?(?=\d)"
    r"|(?:turns|turned|turning) \d{1,2} on"
    # A correction with no birth word: "the referral put her down as 07/11/2012".
    r"|(?:put|puts|putting|has|had|have|got) (?:her|him|me|them|my \w+|our \w+) down as(?= \d))",
    re.IGNORECASE,
)
# A sentence ends at ".", "!" or "?" before a capital, or at a line break; not inside
# "12.05.12" nor after "D.O.B." before a number.
_BOUNDARY = re.compile(r"[.!?]+(?=\s+[A-Z\"'‘“(])|\n")
# Words that may stand between a cue and its next date: "DOB for Mia is 03/04/2015, Tyler
# 1.2.17", "birthday is 3 May not 5 May".
_GAP = frozenset(
    [
        "and",
        "is",
        "was",
        "dob",
        "born",
        "on",
        "the",
        "it's",
        "its",
        "it",
        "not",
        "but",
        "actually",
        "or",
        # A correction names the wrong date too: "born 4 April 2013 and the letter says
        # April 14th", "the form has 14 April".
        "says",
        "say",
        "said",
        "has",
        "form",
        "letter",
        "plan",
        "record",
        "referral",
    ]
)
_AGE = re.compile(
    r"\b(?:aged?:?\s*\d{1,2}|\d{1,2}\s*(?:years?|yrs?)[- ]?old|\d{1,2}\s*y/?o)\b"
    r"|\b(?:she|he|they)(?:'s| is| was| are)(?: now| only| nearly| almost| just)? \d{1,2}\b"
    r"|\(\d{1,2}\)",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(r"([A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*)(?:['’]s)?,?\s*\(?\s*$")
_REACH = 200  # characters a cue reaches either way, for texts with no full stops
_CHAIN = 60  # characters between a cue (or the last birth) and the next date it introduces
_BESIDE = 25  # characters between an age or a cue and a date beside it


@dataclass(frozen=True)
class _Date:
    start: int
    end: int
    has_year: bool


def dates(text: str) -> list[_Date]:
    """Every date-like span in the text, whether or not it is a birth."""
    return [
        _Date(m.start(), m.end(), any(m.group(g) for g in ("num", "y1", "y2", "y3")))
        for m in _DATE.finditer(text)
    ]


def _sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence."""
    spans, last = [], 0
    for m in _BOUNDARY.finditer(text):
        spans.append((last, m.start()))
        last = m.end()
    spans.append((last, len(text)))
    return spans


def _cue_reach(
    text: str, cue: re.Match[str], sentences: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """Where a cue's sentence starts, where it ends, and where the next sentence ends.

    A cue at a line's end ("DOB:\\n14.02.2016") carries on to the next line."""
    lead = re.match(r"[\s:.\-–]*", text[cue.end() :])
    after = cue.end() + (lead.end() if lead else 0)
    starts = [s for s, _ in sentences]
    first = max(bisect_right(starts, cue.start()) - 1, 0)
    last = max(bisect_right(starts, min(after, len(text) - 1)) - 1, first)
    start = max(sentences[first][0], cue.start() - _REACH)
    end = min(sentences[last][1], cue.end() + _REACH)
    following = sentences[last + 1][1] if last + 1 < len(sentences) else end
    return start, end, min(following, end + _REACH)


def _introduced(text: str, cue_end: int, found: list[_Date], end: int) -> list[_Date]:
    """The dates a cue introduces: the first within a few words, then the next ones
    across names, commas and "not" ("Mia 03/04/2015, Tyler 1.2.17"), until other words."""
    chosen: list[_Date] = []
    last = cue_end
    for date in found:
        if date.start < cue_end or date.end > end:
            continue
        gap = text[last : date.start]
        words = re.findall(r"\b[a-z][\w'’]*", gap)
        if date.start - last > _CHAIN or (chosen and any(w.lower() not in _GAP for w in words)):
            break
        chosen.append(date)
        last = date.end
    return chosen


def birth_dates(text: str, ordinary: Callable[[str], bool]) -> list[tuple[int, int]]:
    """The (start, end) of every date of birth in the text, by the policy above.

    ordinary: whether a capitalised word is an ordinary one ("On", "Monday", "Ofsted")
    rather than a person's name; redact.py knows its word lists."""
    found = dates(text)
    if not found:
        return []
    starts = [d.start for d in found]
    sentences = _sentences(text)
    births: set[_Date] = set()
    for cue in _BIRTH_CUE.finditer(text):
        start, end, following = _cue_reach(text, cue, sentences)
        # Rules 1 and 2: every date with a year in the sentence and the next one.
        for date in found[bisect_left(starts, start) :]:
            if date.start >= following:
                break
            if date.has_year and date.end <= following:
                births.add(date)
        # Rule 3: dates without a year that the cue introduces, after it or right before it.
        births.update(_introduced(text, cue.end(), found, end))
        before = [d for d in found if d.end <= cue.start() and d.start >= start]
        if before and cue.start() - before[-1].end <= _BESIDE:
            births.add(before[-1])
    # Rule 4: a date with a year beside a person's name or an age.
    ages = [(m.start(), m.end()) for m in _AGE.finditer(text)]
    for date in found:
        if not date.has_year or date in births:
            continue
        name = _NAME_BEFORE.search(text, max(0, date.start - 40), date.start)
        if (name and not ordinary(name.group(1))) or any(
            0 <= date.start - age_end <= _BESIDE or 0 <= age_start - date.end <= _BESIDE
            for age_start, age_end in ages
        ):
            births.add(date)
    return sorted((d.start, d.end) for d in births)
