"""Dates of birth, in every phrasing people use, are hidden; ordinary dates stay.

Issue 16: a correction ("her date of birth was put down as 07/11/2012 when it's 11/07/2012")
leaked both dates. The examples here were written for this module before it existed.
"""

import pytest

from app.text.redact import redact


def _hidden(text: str, *secrets: str) -> str:
    redacted = redact(text).redacted
    for secret in secrets:
        assert secret not in redacted, (secret, redacted)
    assert "[DATE_OF_BIRTH]" in redacted, redacted
    return redacted


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Corrections: both dates are the child's, the wrong one too.
        (
            "her date of birth was put down as 07/11/2012 when it's 11/07/2012",
            ["07/11/2012", "11/07/2012"],
        ),
        ("his DOB is not 3/4/2015, it's 4/3/2015", ["3/4/2015", "4/3/2015"]),
        ("DOB on the letter 12.06.2013 should be 12.06.2014", ["12.06.2013", "12.06.2014"]),
        (
            "They have her birth date as 2 May 2011, the right one is 20 May 2011.",
            ["2 May 2011", "20 May 2011"],
        ),
        (
            "The DOB on the plan is wrong. It says 07/11/2012 but she was 11/07/2012.",
            ["07/11/2012", "11/07/2012"],
        ),
        (
            "they keep putting 05/09/2010 for my date of birth instead of 09/05/2010",
            ["05/09/2010", "09/05/2010"],
        ),
    ],
)
def test_both_dates_in_a_correction_of_a_birth_date_are_hidden(text, secrets) -> None:
    _hidden(text, *secrets)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Leo was born 14/02/2016 in Hereford", "14/02/2016"),
        ("DOB 2/3/2014", "2/3/2014"),
        ("D.O.B. 02.03.2014", "02.03.2014"),
        ("d.o.b 2-3-14", "2-3-14"),
        ("DoB: 2014-03-02", "2014-03-02"),
        ("date of birth - 2014/03/02", "2014/03/02"),
        ("her birthday is 9 August 2013", "9 August 2013"),
        ("her bday is 9th aug 2013", "9th aug 2013"),
        ("she was born on the 3rd of May 2012", "3rd of May 2012"),
        ("he was born in March 2016", "March 2016"),
        ("my youngest was born 2011", "2011"),
        ("born: 2019", "2019"),
        ("b. 2011, lives with her nan", "2011"),
        ("DOB 4th jan 09", "4th jan 09"),
        ("born on the twelfth of March 2011", "twelfth"),
        ("born twenty-first of June 2009", "twenty-first"),
        ("she's 9 (born 1/2/2016)", "1/2/2016"),
        ("Name: Ava Jones, DOB 2/3/2014, school: Ledbury Primary", "2/3/2014"),
        ("her date of birth on the form, 07/11/2012, is wrong", "07/11/2012"),
        ("07/11/2012 is her date of birth, not the day she came into care", "07/11/2012"),
        ("3rd May is her birthday", "3rd May"),
        ("her birthday is on May 3rd 2012", "May 3rd 2012"),
        ("DOB:\n14.02.2016", "14.02.2016"),
    ],
)
def test_a_birth_date_in_every_phrasing_is_hidden(text, secret) -> None:
    _hidden(text, secret)


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Beside an age or a name, with no birth word at all.
        ("Mia, 3rd May 2014, is in year 5", "3rd May 2014"),
        ("she is 9, 01/02/2016, and in foster care", "01/02/2016"),
        ("Tyler (age 9) 1.2.17 needs a place", "1.2.17"),
        ("Children: Mia 03/04/2015 and Tyler 01/02/2017", "01/02/2017"),
    ],
)
def test_a_full_date_beside_a_child_or_an_age_is_hidden(text, secret) -> None:
    _hidden(text, secret)


@pytest.mark.parametrize(
    "text",
    [
        "The meeting is on 3 March 2025 at the council offices.",
        "On 3 March the social worker visited.",
        "We meet every Tuesday and Thursday.",
        "In March we moved to Leominster.",
        "The review is on 12/05/2025 at 10am.",
        "Since 2019 she has been in care.",
        "The panel sat in June 2024 and again in July.",
        "She was placed on 4th January and the plan was agreed in February.",
    ],
)
def test_ordinary_dates_stay(text) -> None:
    assert redact(text).redacted == text


def test_an_event_in_the_same_sentence_as_a_birth_without_a_year_stays() -> None:
    text = "His son, born 2 March 2015, was placed in foster care on 12 September."
    redacted = redact(text).redacted
    assert "2 March 2015" not in redacted and "12 September" in redacted


# Issue 16, second round: phrasings that leaked before (the examples are this file's own).
@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # A correction with no birth word: "put him down as" a date is the child's date.
        (
            "The school put him down as 04/10/2013 but it's really 10/04/2013.",
            ["04/10/2013", "10/04/2013"],
        ),
        ("the form has her down as 2.9.2012, wrong way round", ["2.9.2012"]),
        # Spelt-out letters and dates written with spaces, as typed on a phone.
        ("my d o b is 23 11 2010 not what the letter says", ["23 11 2010"]),
        ("d.o.b 7 3 12 ring me back", ["7 3 12"]),
        ("dob 08 04 11 name Tia", ["08 04 11"]),
        # "turned 12 on" a date without a year, like "turns 16 on".
        ("Ruby turned 12 on 9 June and we had a party.", ["9 June"]),
        ("he's turning 10 on 14th March", ["14th March"]),
        # A correction of a birth date that names the wrong date without a year.
        (
            "She was born on 4 April 2013 and the letter says April 14th, please fix it.",
            ["4 April 2013", "April 14th"],
        ),
    ],
)
def test_second_round_birth_dates_are_hidden(text, secrets) -> None:
    _hidden(text, *secrets)


@pytest.mark.parametrize(
    "text",
    [
        # Numbers with spaces that are not a date, or a date that is not a birth.
        "We have 3 4 and 5 year olds in the group.",
        "The review is on 12 05 2025 at the office.",
        "The worker put us down as a low priority on 3 May 2025.",
        "He turned up on 9 June at the contact centre.",
    ],
)
def test_second_round_ordinary_dates_stay(text) -> None:
    assert redact(text).redacted == text


def test_a_phone_number_is_not_read_as_a_date_written_with_spaces() -> None:
    assert (
        "[DATE_OF_BIRTH]" not in redact("my dob is on file, call 07700 900123 or 01 23 45").redacted
    )
