"""What a concern is made of, validated the same way for the web form and the JSON API.

Free text is kept exactly as typed (only its length and presence are checked);
contact details are trimmed and checked for shape. Each web page validates its own
part (WhoAnswers, AboutAnswers, ContactAnswers, ConsentAnswers); ConcernCreate is
the whole, as the API receives it and as a draft becomes when submitted.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from app.concerns.models import ContactMethod, Role
from app.forms import refuse_bad_characters

MAX_DESCRIPTION = 10_000
MAX_OUTCOME = 5_000
MAX_SHORT = 200
MAX_ADDRESS = 500

ROLE_LABELS: dict[Role, str] = {
    Role.PARENT_CARER: "A parent or carer",
    Role.YOUNG_PERSON: "A child or young person",
    Role.RELATIVE: "A relative, such as a grandparent, aunt or uncle",
    Role.FOSTER_CARER: "A foster carer or special guardian",
    Role.PROFESSIONAL: "An advocate or professional",
    Role.OTHER: "Someone else",
}
CONTACT_LABELS: dict[ContactMethod, str] = {
    ContactMethod.EMAIL: "Email",
    ContactMethod.PHONE: "Phone",
    ContactMethod.POST: "Post",
    ContactMethod.NONE: "Do not contact me",
}


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _required_text(field: str, limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if not value.strip():
            raise PydanticCustomError("blank", f"Enter {field}")
        if len(value) > limit:
            raise PydanticCustomError(
                "too_long", f"{field[0].upper()}{field[1:]} must be {limit:,} characters or fewer"
            )
        return value  # as typed: never trimmed or changed

    return AfterValidator(check)


def _optional_text(field: str, limit: int) -> AfterValidator:
    def check(value: str | None) -> str | None:
        if value is not None and len(value) > limit:
            raise PydanticCustomError(
                "too_long", f"{field[0].upper()}{field[1:]} must be {limit:,} characters or fewer"
            )
        return value

    return AfterValidator(check)


def _check_email(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise PydanticCustomError(
            "email", "Enter an email address in the correct format, like name@example.com"
        ) from None
    return value


def _check_phone(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    try:
        number = phonenumbers.parse(value, "GB")
        reason = phonenumbers.is_possible_number_with_reason(number)
        valid = reason == phonenumbers.ValidationResult.IS_POSSIBLE
    except phonenumbers.NumberParseException:
        valid = False
    if not valid or len(value) > 40:
        raise PydanticCustomError(
            "phone", "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
        )
    return value


Description = Annotated[
    str,
    BeforeValidator(lambda v: "" if v is None else v),
    _required_text("what your concern is about", MAX_DESCRIPTION),
]
ShortText = Annotated[
    str | None, BeforeValidator(_blank_to_none), _optional_text("this answer", MAX_SHORT)
]
Outcome = Annotated[
    str | None,
    BeforeValidator(_blank_to_none),
    _optional_text("the outcome you would like", MAX_OUTCOME),
]
Email = Annotated[str | None, BeforeValidator(_blank_to_none), AfterValidator(_check_email)]
Phone = Annotated[str | None, BeforeValidator(_blank_to_none), AfterValidator(_check_phone)]
Address = Annotated[
    str | None, BeforeValidator(_blank_to_none), _optional_text("your address", MAX_ADDRESS)
]
Name = Annotated[
    str | None, BeforeValidator(_blank_to_none), _optional_text("your name", MAX_SHORT)
]


def contact_problems(
    *,
    anonymous: bool,
    email: str | None,
    phone: str | None,
    address: str | None,
    name: str | None,
    preferred: ContactMethod | None,
) -> list[tuple[str, str]]:
    """(field, message) for every way the contact answers do not fit together."""
    if anonymous:
        given = [
            f
            for f, v in (
                ("contact_email", email),
                ("contact_phone", phone),
                ("contact_address", address),
                ("contact_name", name),
            )
            if v
        ]
        return [(f, "Leave contact details empty if you want to stay anonymous") for f in given]
    problems: list[tuple[str, str]] = []
    if not (email or phone or address):
        problems.append(
            (
                "contact_email",
                "Enter an email address, a phone number or an address so we can reply",
            )
        )
        return problems
    needs = {
        ContactMethod.EMAIL: (
            "contact_email",
            email,
            "Enter an email address, or choose another way to contact you",
        ),
        ContactMethod.PHONE: (
            "contact_phone",
            phone,
            "Enter a phone number, or choose another way to contact you",
        ),
        ContactMethod.POST: (
            "contact_address",
            address,
            "Enter your address, or choose another way to contact you",
        ),
    }
    if preferred is None:
        problems.append(("preferred_contact", "Select how you would like us to contact you"))
    elif preferred == ContactMethod.NONE:
        problems.append(
            (
                "preferred_contact",
                "Select how you would like us to contact you, or choose to stay anonymous",
            )
        )
    elif preferred in needs:
        field, value, message = needs[preferred]
        if not value:
            problems.append((field, message))
    return problems


def _raise_problems(title: str, problems: list[tuple[str, str]], data: Any) -> None:
    if problems:
        raise ValidationError.from_exception_data(
            title,
            [
                InitErrorDetails(
                    type=PydanticCustomError("contact", message), loc=(field,), input=data
                )
                for field, message in problems
            ],
        )


def _check_contact(answers: Any) -> None:
    """Raise the contact problems of a model with the contact fields, each on its field."""
    _raise_problems(
        type(answers).__name__,
        contact_problems(
            anonymous=answers.anonymous,
            email=answers.contact_email,
            phone=answers.contact_phone,
            address=answers.contact_address,
            name=answers.contact_name,
            preferred=answers.preferred_contact,
        ),
        answers.model_dump(),
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)

    # Every text field of every model below, in one place: no control characters or
    # lone surrogates (app.forms says why). Before the field's own checks, so a lone
    # surrogate never reaches them.
    _no_bad_characters = field_validator("*", mode="before")(refuse_bad_characters)


class WhoAnswers(Strict):
    role: Role
    on_behalf_of_child: bool


class AboutAnswers(Strict):
    description: Description
    happened_on: ShortText = None
    service_area: ShortText = None
    desired_outcome: Outcome = None


class AnonymityAnswers(Strict):
    anonymous: bool


class ContactAnswers(Strict):
    anonymous: bool = False
    contact_name: Name = None
    contact_email: Email = None
    contact_phone: Phone = None
    contact_address: Address = None
    preferred_contact: ContactMethod | None = None

    @model_validator(mode="after")
    def _fits_together(self) -> ContactAnswers:
        _check_contact(self)
        if self.anonymous:
            self.preferred_contact = ContactMethod.NONE
        return self


class ConsentAnswers(Strict):
    consent_to_share: bool


class ConcernCreate(Strict):
    """A whole concern, as POST /api/v1/concerns takes it."""

    role: Role = Field(description="Who is raising the concern")
    on_behalf_of_child: bool = Field(False, description="Raised on behalf of a child")
    description: Description = Field(
        description="What the concern is about, up to 10,000 characters",
        # Declared for the API's schema; Description's own checks give the plain-words errors.
        json_schema_extra={"minLength": 1, "maxLength": MAX_DESCRIPTION},
    )
    happened_on: ShortText = Field(
        None, description='When it happened, in the family\'s words, e.g. "March 2026"'
    )
    service_area: ShortText = Field(None, description="Which team or service, if known")
    desired_outcome: Outcome = None
    contact_name: Name = None
    contact_email: Email = None
    contact_phone: Phone = None
    contact_address: Address = Field(None, description="Needed only when preferred_contact is post")
    preferred_contact: ContactMethod | None = Field(
        None, description="Defaults to email if given, else phone, else post; none when anonymous"
    )
    anonymous: bool = Field(False, description="An anonymous concern cannot get a reply")
    consent_to_share: bool = Field(
        False,
        description="Consent to use an anonymised summary in reports to the Families Commission",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_contact_method(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("preferred_contact") in (None, ""):
            data = dict(data)
            if data.get("anonymous") is True:
                data["preferred_contact"] = ContactMethod.NONE.value
            else:
                for method, field in (
                    ("email", "contact_email"),
                    ("phone", "contact_phone"),
                    ("post", "contact_address"),
                ):
                    if _blank_to_none(data.get(field)) is not None:
                        data["preferred_contact"] = method
                        break
        return data

    @model_validator(mode="after")
    def _contact_fits(self) -> ConcernCreate:
        _check_contact(self)
        return self


class ConcernReceipt(BaseModel):
    """The answer to a successful submission: shown once, keep the tracking code safe."""

    reference: str = Field(examples=["FV-2026-000123"])
    tracking_code: str = Field(examples=["K7QM-4TXB-9HNP"])
    status: str
    safeguarding: bool
    acknowledge_by: date
    respond_by: date


class ConcernStatusPublic(BaseModel):
    """What tracking shows: status and key dates, no personal data."""

    reference: str
    status: str = Field(
        examples=["received", "in-progress", "waiting-for-you", "responded", "closed"]
    )
    status_label: str
    status_description: str
    safeguarding: bool
    received_on: date
    acknowledge_by: date
    respond_by: date
    acknowledged_on: date | None = None
    responded_on: date | None = None
    outcome: str | None = Field(None, description="The outcome in plain words, once closed")
