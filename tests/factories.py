"""Ready-made inputs for tests."""

from __future__ import annotations

from typing import Any

from app.concerns.schemas import ConcernCreate

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100


def concern_fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "role": "parent-carer",
        "on_behalf_of_child": True,
        "description": "We have had four social workers this year and nobody calls back.",
        "happened_on": "March 2026",
        "service_area": "Children in need team",
        "desired_outcome": "A named worker who stays.",
        "contact_name": "Jo Example",
        "contact_email": "jo@example.com",
        "preferred_contact": "email",
        "anonymous": False,
        "consent_to_share": False,
    }
    fields.update(overrides)
    return fields


def concern_create(**overrides: Any) -> ConcernCreate:
    return ConcernCreate.model_validate(concern_fields(**overrides))
