"""Who may write curated files from the explorer: off unless asked for, and never a public server.

Curation is on with `STANCEKG_CURATE=1` (or `curate = true` in stancekg.toml). Even then the
page refuses to work unless the server listens only on a loopback address (this machine) or the
operator set a password (`STANCEKG_CURATE_PASSWORD`), so a public explorer can never write.
Streamlit listens on every interface when `server.address` is unset, so unset counts as public.
"""

from __future__ import annotations

import hmac
import ipaddress
import os

from kg.store import StoreError, read_config

CURATE_ENV = "STANCEKG_CURATE"
PASSWORD_ENV = "STANCEKG_CURATE_PASSWORD"  # noqa: S105 - the variable's name
_YES = {"1", "true", "yes", "on"}


def enabled(environ=None, config: dict | None = None) -> bool:
    """Whether the explorer was started for curation: the environment, else stancekg.toml."""
    environ = os.environ if environ is None else environ
    value = environ.get(CURATE_ENV)
    if value is not None:
        return value.strip().lower() in _YES
    if config is None:
        try:
            config = read_config()
        except StoreError:
            return False
    return config.get("curate") is True


def is_loopback(address: str | None) -> bool:
    """`127.0.0.1`, `::1`, `localhost`: reachable from this machine only. Unset or `0.0.0.0` is not."""
    address = (address or "").strip().strip("[]")
    if address.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def password(environ=None) -> str:
    return ((os.environ if environ is None else environ).get(PASSWORD_ENV) or "").strip()


def refused(address: str | None, environ=None) -> bool:
    """True when writing must be refused: a non-loopback address and no password set."""
    return not is_loopback(address) and not password(environ)


def password_ok(given: str, environ=None) -> bool:
    expected = password(environ)
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
