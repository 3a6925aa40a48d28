"""What forum feedback is made of, validated alike for the online form, the JSON API and
a facilitator's meeting entry. Free text is kept exactly as typed; contact details are
checked for shape by the same rules as a concern's."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, model_validator
from pydantic_core import PydanticCustomError

from app.concerns.models import ContactMethod, Role
from app.concerns.schemas import Email, Name, Phone, Strict
from app.forms import MAX_ID

MAX_FEEDBACK = 10_000


def _feedback_text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "Enter your feedback")
    if len(value) > MAX_FEEDBACK:
        raise PydanticCustomError(
            "too_long", f"Your feedback must be {MAX_FEEDBACK:,} characters or fewer"
        )
    return value  # as typed: never trimmed or changed


FeedbackText = Annotated[
    str, BeforeValidator(lambda v: "" if v is None else v), AfterValidator(_feedback_text)
]


class FeedbackCreate(Strict):
    """One piece of forum feedback, as POST /api/v1/feedback takes it."""

    role: Role = Field(description="Who is giving the feedback")
    feedback: FeedbackText = Field(
        description="What they want to tell the forum, up to 10,000 characters",
        json_schema_extra={"minLength": 1, "maxLength": MAX_FEEDBACK},
    )
    session_id: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="The forum session it is about (one that has begun); none for the forum "
        "in general",
    )
    anonymous: bool = Field(False, description="Anonymous feedback cannot get a reply")
    consent_to_share: bool = Field(
        False,
        description="Consent to use an anonymised summary in reports to the Families Commission",
    )
    contact_name: Name = None
    contact_email: Email = None
    contact_phone: Phone = None

    @model_validator(mode="after")
    def _anonymous_means_no_contact(self) -> FeedbackCreate:
        if self.anonymous and (self.contact_name or self.contact_email or self.contact_phone):
            raise PydanticCustomError(
                "anonymous_contact",
                "Anonymous feedback cannot have contact details: remove them, or do not "
                "choose anonymous",
            )
        return self

    def preferred_contact(self) -> ContactMethod:
        if self.anonymous:
            return ContactMethod.NONE
        if self.contact_email:
            return ContactMethod.EMAIL
        if self.contact_phone:
            return ContactMethod.PHONE
        return ContactMethod.NONE


class FeedbackReceipt(BaseModel):
    """The answer to feedback given: its reference, whether it went to safeguarding, and
    the private tracking code (shown once) that tracks it, and the concern it may become."""

    reference: str = Field(examples=["FV-2026-000124"])
    safeguarding: bool
    tracking_code: str = Field(examples=["K7QM-4TXB-9HNP"])
