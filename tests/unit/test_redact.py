"""Redaction: identifiers never leak, names go, ordinary words and public bodies stay."""

import pytest

from app.text.redact import find_entities, nhs_number_valid, redact


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("email me at jo.bloggs+fv@example.co.uk please", "EMAIL"),
        ("ring 07700 900982", "PHONE"),
        ("ring 07700900982", "PHONE"),
        ("ring +44 7700 900982", "PHONE"),
        ("ring +44 (0)1432 260800", "PHONE"),
        ("ring (01432) 260800", "PHONE"),
        ("ring 01432-260-800", "PHONE"),
        ("we live at HR4 9AB now", "POSTCODE"),
        ("we live at hr49ab now", "POSTCODE"),
        ("my postcode: HR4", "POSTCODE"),
        ("NHS number 943 476 5919", "NHS_NUMBER"),
        ("NHS number 9434765919", "NHS_NUMBER"),
        ("NI number QQ123456C", "NI_NUMBER"),
        ("NI number ab 12 34 56 d", "NI_NUMBER"),
        ("she was born on 03/04/2019", "DATE_OF_BIRTH"),
        ("DOB: 3rd March 2019", "DATE_OF_BIRTH"),
        ("he is 7 years old", "AGE"),
        ("see https://example.com/page?id=1", "URL"),
        ("about case FV-2026-000123", "CASE_REF"),
        ("we live at 12 Elm Road", "ADDRESS"),
        ("she goes to Oak Tree Primary School", "SCHOOL"),
    ],
)
def test_structured_identifiers_are_found(text, kind) -> None:
    assert kind in {e.type for e in find_entities(text)}
    assert f"[{kind}]" in redact(text).redacted


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My son Jayden was upset", "Jayden"),
        ("my son jayden was upset", "jayden"),
        ("the social worker Sarah Jones came", "Sarah"),
        ("social worker sarah never called", "sarah"),
        ("we met Mrs Patel", "Patel"),
        ("Dr. Okafor said so", "Okafor"),
    ],
)
def test_names_after_cues_go(text, name) -> None:
    redacted = redact(text).redacted
    assert name not in redacted and "[NAME]" in redacted


def test_names_given_in_the_form_go_wherever_they_appear() -> None:
    text = "Kayleigh told me that kayleigh's brother Tom was scared of Tom's dad"
    redacted = redact(text, known_names=["Kayleigh Smith", "tom"]).redacted
    assert "ayleigh" not in redacted and "Tom" not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "The social worker said my son is sad on Monday in March.",
        "Ofsted and the MASH and CAMHS and Herefordshire Council and the Families Commission.",
        "We waited 6 weeks and 3 days.",
        "It was at 10 30 and cost £12.50.",
    ],
)
def test_ordinary_words_public_bodies_months_and_small_numbers_stay(text) -> None:
    assert redact(text).redacted == text


def test_offsets_point_into_the_input() -> None:
    text = "Call 07700 900982 or email a@b.com"
    for entity in redact(text).entities:
        assert text[entity.start : entity.end] in ("07700 900982", "a@b.com")


def test_nhs_check_digit() -> None:
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("123")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am Ruth Baker, grandmother to Philip", "I am [NAME] [NAME], grandmother to [NAME]"),
        ("her date of birth is 29/07/2012", "her date of birth is [DATE_OF_BIRTH]"),
        ("I am sorry and I am writing because", "I am sorry and I am writing because"),
        ("my name is Jo", "my name is [NAME]"),
    ],
)
def test_introductions_and_relations_found_by_the_benchmark(text, expected) -> None:
    assert redact(text).redacted == expected
