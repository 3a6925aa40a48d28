"""A follower's links name them only when signed by us, and each link does one thing."""

from app.forum import links


def test_a_link_names_its_follower_and_only_for_its_own_purpose() -> None:
    token = links.unsubscribe_token(42)
    assert links.follower_to_unsubscribe(token) == 42
    assert links.follower_to_confirm(token) is None  # an unsubscribe link cannot confirm
    assert links.follower_to_confirm(links.confirm_token(7)) == 7


def test_a_forged_or_mangled_link_names_nobody() -> None:
    token = links.unsubscribe_token(42)
    assert links.follower_to_unsubscribe(token[:-2] + "xx") is None
    assert links.follower_to_unsubscribe("42") is None
    assert links.follower_to_unsubscribe("") is None
    assert links.unsubscribe_path(3).startswith("/you-said-we-did/unsubscribe/")
