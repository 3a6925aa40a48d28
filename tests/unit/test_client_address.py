"""Who the client is: forwarded headers count only when a trusted proxy sent them."""

import pytest

from app.proxies import client_address, parse_trusted

PROXY = parse_trusted("10.0.0.5, 192.168.0.0/16")


def test_without_trusted_proxies_the_peer_is_the_client_whatever_it_claims() -> None:
    assert client_address("127.0.0.1", ["6.6.6.6"], parse_trusted("")) == "127.0.0.1"
    assert client_address("10.0.0.5", ["6.6.6.6"], parse_trusted("")) == "10.0.0.5"


def test_a_peer_outside_the_trusted_set_cannot_claim_another_address() -> None:
    assert client_address("203.0.113.9", ["6.6.6.6"], PROXY) == "203.0.113.9"


def test_behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() -> None:
    # The client put 6.6.6.6 in the header itself; the proxy appended what it saw.
    assert client_address("10.0.0.5", ["6.6.6.6, 198.51.100.7"], PROXY) == "198.51.100.7"
    # Through two trusted proxies, and with the header split over two lines.
    assert (
        client_address("10.0.0.5", ["6.6.6.6", "198.51.100.7, 192.168.3.4"], PROXY)
        == "198.51.100.7"
    )


def test_rotating_the_claimed_address_changes_nothing() -> None:
    seen = {client_address("10.0.0.5", [f"6.6.6.{i}, 198.51.100.7"], PROXY) for i in range(50)}
    assert seen == {"198.51.100.7"}


@pytest.mark.parametrize("junk", ["", "not-an-ip", "unknown", "1.2.3.4.5", "<script>"])
def test_a_malformed_entry_is_never_taken_as_the_client(junk: str) -> None:
    # The last address a trusted proxy vouched for is used instead.
    assert client_address("10.0.0.5", [f"{junk}"], PROXY) == "10.0.0.5"
    assert client_address("10.0.0.5", [f"{junk}, 192.168.1.1"], PROXY) == "192.168.1.1"


def test_ports_and_ipv6_forms_are_understood() -> None:
    assert client_address("10.0.0.5", ["198.51.100.7:4711"], PROXY) == "198.51.100.7"
    assert client_address("10.0.0.5", ["[2001:db8::1]:443"], PROXY) == "2001:db8::1"
    assert client_address("10.0.0.5", ["2001:db8::1"], PROXY) == "2001:db8::1"
    v6 = parse_trusted("2001:db8:ffff::/48")
    assert client_address("2001:db8:ffff::2", ["198.51.100.7"], v6) == "198.51.100.7"


def test_no_peer_is_unknown() -> None:
    assert client_address(None, ["198.51.100.7"], PROXY) == "unknown"


def test_a_bad_trusted_proxy_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="FV_TRUSTED_PROXIES"):
        parse_trusted("10.0.0.5, localhost")
