"""Who may use the workbench: anyone on this machine when it listens on a loopback address;
someone holding its token when it listens on another. The token arrives once in the url
(`?token=`, as `graph serve` prints it) or as `Authorization: Bearer`, and is then kept in a
cookie the browser sends to this site only. Requests naming another host than the one served
are refused too, so a web page elsewhere cannot reach the workbench by rebinding its name."""

from __future__ import annotations

import hmac
import ipaddress
import secrets

COOKIE = "graph_token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "[::1]"}


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or name to bind) is this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A token for a workbench bound to another address (32 random bytes, url-safe)."""
    return secrets.token_urlsafe(32)


def token_matches(given: str | None, token: str) -> bool:
    """Whether `given` is the token, compared in constant time."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def host_allowed(host_header: str, bound: str) -> bool:
    """Whether a request's Host header names the workbench: on a loopback binding only
    localhost, 127.0.0.1 or [::1] (any port: a rebinding page controls the name, not the
    port); elsewhere any (the token decides).

    >>> host_allowed("127.0.0.1:8765", "127.0.0.1"), host_allowed("evil.example:8765", "127.0.0.1")
    (True, False)
    >>> host_allowed("localhost", "::1"), host_allowed("evil.example", "0.0.0.0")
    (True, True)
    """
    if not is_loopback(bound):
        return True
    name = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
    return name.lower() in LOOPBACK_NAMES
