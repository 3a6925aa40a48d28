"""What counts as a valid concern, and the messages a person sees when it is not."""

import pytest
from pydantic import ValidationError

from app.concerns.schemas import ConcernCreate, ContactAnswers

BASE = {"role": "parent-carer", "description": "Nobody calls me back.", "anonymous": True}


def messages(exc: ValidationError) -> dict[str, str]:
    return {str(e["loc"][0]) if e["loc"] else "": e["msg"] for e in exc.errors()}


def test_free_text_is_kept_exactly_as_typed() -> None:
    typed = "  <b>Line one</b>\r\n\tLine two — “quoted” 👍  "
    concern = ConcernCreate.model_validate({**BASE, "description": typed})
    assert concern.description == typed


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_description_is_required(blank: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "description": blank})
    assert messages(exc.value)["description"] == "Enter what your concern is about"


def test_description_limit_is_10000_characters() -> None:
    ConcernCreate.model_validate({**BASE, "description": "x" * 10_000})
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "description": "x" * 10_001})
    assert "10,000 characters or fewer" in messages(exc.value)["description"]


def test_role_must_be_one_of_the_listed_roles() -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "role": "judge"})
    assert "role" in messages(exc.value)


def test_a_reply_needs_a_way_to_reach_the_family() -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "anonymous": False})
    assert "contact_email" in messages(exc.value)


def test_preferred_contact_defaults_to_a_given_detail() -> None:
    assert (
        ConcernCreate.model_validate(
            {**BASE, "anonymous": False, "contact_phone": "07700 900982"}
        ).preferred_contact
        == "phone"
    )
    assert ConcernCreate.model_validate(BASE).preferred_contact == "none"


def test_preferred_method_must_have_its_detail() -> None:
    with pytest.raises(ValidationError) as exc:
        ContactAnswers.model_validate(
            {"anonymous": False, "contact_email": "a@example.com", "preferred_contact": "post"}
        )
    assert messages(exc.value) == {
        "contact_address": "Enter your address, or choose another way to contact you"
    }


def test_anonymous_concerns_carry_no_contact_details() -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "contact_email": "a@example.com"})
    assert "stay anonymous" in messages(exc.value)["contact_email"]


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.com", "a b@example.com"])
def test_email_must_look_like_an_email(email: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "anonymous": False, "contact_email": email})
    assert "correct format" in messages(exc.value)["contact_email"]


@pytest.mark.parametrize(
    "phone", ["07700 900982", "+44 7700 900982", "(01432) 260800", "01432260800"]
)
def test_uk_phone_numbers_in_usual_forms_are_accepted(phone: str) -> None:
    concern = ConcernCreate.model_validate({**BASE, "anonymous": False, "contact_phone": phone})
    assert concern.contact_phone == phone


@pytest.mark.parametrize("phone", ["12", "call me", "0770"])
def test_impossible_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "anonymous": False, "contact_phone": phone})
    assert "Enter a phone number" in messages(exc.value)["contact_phone"]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        ConcernCreate.model_validate({**BASE, "is_admin": True})
    assert "is_admin" in messages(exc.value)
