"""The audit event hash: a fixed serialisation, sensitive to every field and to the chain."""

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.audit.service import GENESIS_HASH, event_hash
from tests.conftest import utc

FIELDS = {
    "seq": 1,
    "occurred_at": utc(2026, 11, 24, 9, 0),
    "actor_id": 7,
    "actor_label": "ana@example.org",
    "action": "case-viewed",
    "target_type": "case",
    "target_id": "FV-2026-000001",
    "ip": "192.0.2.1",
    "details": {"b": "é", "a": 1},
}


def hash_of(**overrides):
    return event_hash(**{**FIELDS, "prev_hash": GENESIS_HASH, **overrides})


def test_the_serialisation_is_exactly_the_documented_one() -> None:
    # Written out by hand, not with json.dumps: every stored chain depends on these bytes.
    canonical = (
        '{"action":"case-viewed","actor_id":7,"actor_label":"ana@example.org",'
        '"details":{"a":1,"b":"é"},"ip":"192.0.2.1",'
        '"occurred_at":"2026-11-24T09:00:00.000000+00:00","seq":1,'
        '"target_id":"FV-2026-000001","target_type":"case"}'
    )
    expected = hashlib.sha256((canonical + "0" * 64).encode("utf-8")).hexdigest()
    assert hash_of() == expected
    assert len(expected) == 64


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("seq", 2),
        ("occurred_at", utc(2026, 11, 24, 9, 0) + timedelta(microseconds=1)),
        ("actor_id", 8),
        ("actor_id", None),
        ("actor_label", "someone@example.org"),
        ("actor_label", ""),
        ("action", "case-changed"),
        ("target_type", "user"),
        ("target_id", "FV-2026-000002"),
        ("ip", "192.0.2.2"),
        ("details", {"b": "é", "a": 2}),
        ("details", {}),
    ],
)
def test_changing_any_field_changes_the_hash(field, value) -> None:
    assert hash_of(**{field: value}) != hash_of()


def test_the_previous_hash_is_sealed_in() -> None:
    assert hash_of(prev_hash="f" * 64) != hash_of()


def test_none_and_an_empty_string_are_told_apart() -> None:
    assert hash_of(target_id=None) != hash_of(target_id="")


def test_the_order_of_details_keys_does_not_matter() -> None:
    assert hash_of(details={"a": 1, "b": "é"}) == hash_of(details={"b": "é", "a": 1})
    nested_one = {"x": {"p": 1, "q": [1, 2]}, "y": None}
    nested_two = {"y": None, "x": {"q": [1, 2], "p": 1}}
    assert hash_of(details=nested_one) == hash_of(details=nested_two)


def test_the_same_instant_in_another_time_zone_hashes_the_same() -> None:
    london_summer = timezone(timedelta(hours=1))
    same_instant = datetime(2026, 11, 24, 10, 0, tzinfo=london_summer)
    assert same_instant == FIELDS["occurred_at"]
    assert hash_of(occurred_at=same_instant) == hash_of()
    assert hash_of(occurred_at=datetime(2026, 11, 24, 9, 0, tzinfo=UTC)) == hash_of()


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        hash_of(occurred_at=datetime(2026, 11, 24, 9, 0))
