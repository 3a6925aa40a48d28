"""Who the client is: the one place that decides the address throttles and the audit use.

The address is the TCP peer's, unless the peer is a proxy named in FV_TRUSTED_PROXIES
(default: none). Only then is X-Forwarded-For read, from the right: each trusted proxy
appends the address it saw, so the right-most address that is not a trusted proxy is
the last one a trusted proxy vouched for. Everything to the left of it was written by
the client and could say anything, so it is never used. uvicorn is told not to rewrite
the client itself (see `familyvoice serve`), so this is the only rule in force.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN = "unknown"


@lru_cache
def parse_trusted(value: str) -> tuple[Network, ...]:
    """The networks in a comma-separated list of IP addresses and CIDR ranges."""
    networks = []
    for item in (part.strip() for part in value.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"FV_TRUSTED_PROXIES: {item!r} is not an IP address or CIDR range "
                "(use e.g. 10.0.0.5 or 10.0.0.0/24, separated by commas)"
            ) from None
    return tuple(networks)


def _address(text: str) -> Address | None:
    """The IP address in one X-Forwarded-For entry (bare, with a port, or [IPv6]:port)."""
    text = text.strip()
    if text.startswith("["):
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4 with a port; IPv6 has more colons
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: Address, trusted: Sequence[Network]) -> bool:
    return any(address.version == net.version and address in net for net in trusted)


def client_address(
    peer: str | None, forwarded_for: Iterable[str], trusted: Sequence[Network]
) -> str:
    """The client's address: the peer's, or the right-most untrusted forwarded one."""
    if peer is None:
        return UNKNOWN
    hop = _address(peer)
    if hop is None or not _trusted(hop, trusted):
        return peer
    entries = [e for value in forwarded_for for e in value.split(",")]
    for entry in reversed(entries):
        address = _address(entry)
        if address is None:
            # Not an address: stop at the last hop a trusted proxy vouched for.
            break
        hop = address
        if not _trusted(address, trusted):
            break
    return str(hop)


def scope_client(scope: Mapping[str, Any], trusted: Sequence[Network]) -> str:
    """client_address for an ASGI request scope (trusted: Settings.trusted_networks).

    The caller passes the networks: this module sits below the settings (they use
    parse_trusted to refuse a typo at start-up), so it never reads them itself.
    """
    client = scope.get("client")
    peer = str(client[0]) if client else None
    if not trusted:
        return peer or UNKNOWN
    forwarded = [
        value.decode("latin-1") for name, value in scope["headers"] if name == b"x-forwarded-for"
    ]
    return client_address(peer, forwarded, trusted)
