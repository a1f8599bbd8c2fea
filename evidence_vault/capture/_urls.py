# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Decide, before any browser starts, whether an address is one we will open.

Only ordinary web pages (http and https with a host) are evidence. Other schemes either run
code with no page behind it (``javascript:``), read the capturing computer's own files
(``file:``), carry their content inside the address (``data:``, which a harasser could use to
plant content), or show the browser's own internals (``chrome:``, ``about:``). Each refusal
says which kind of address it was, so the user knows what to paste instead.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from evidence_vault.errors import InvalidURLError

_SCHEME_REASONS = {
    "javascript": "a javascript: link runs code instead of opening a page",
    "file": "a file: address points at a file on this computer, not a web page",
    "data": "a data: address carries its content inside the address, not a web page",
    "chrome": "a chrome: address is one of the browser's own settings pages",
    "chrome-extension": "a chrome-extension: address belongs to a browser add-on",
    "edge": "an edge: address is one of the browser's own settings pages",
    "about": "an about: address is one of the browser's own pages",
    "blob": "a blob: address only exists inside one open browser tab",
    "view-source": "a view-source: address shows page code, not the page",
    "ftp": "ftp: addresses are not supported",
    "ws": "a ws: address is a live connection, not a page",
    "wss": "a wss: address is a live connection, not a page",
    "mailto": "a mailto: link opens an e-mail, not a page",
    "tel": "a tel: link is a phone number, not a page",
}

_MAX_URL_LENGTH = 8192


class WebAddress(str):
    """An address ``validate_url`` accepted, trimmed. It is checked once, where it comes in
    (``workflows.capture_page`` and ``open_evidence_browser``, or a direct call on the
    worker); handed on, it is not checked again on the way to the browser."""

    __slots__ = ()


def validate_url(url: str) -> WebAddress:
    """Return ``url`` (trimmed) if it is an http(s) address with a host, else InvalidURLError.
    An address this has accepted already (a ``WebAddress``) is returned as it is."""
    if isinstance(url, WebAddress):
        return url
    if not isinstance(url, str):
        raise InvalidURLError("The web address must be text.")
    candidate = url.strip()
    if not candidate:
        raise InvalidURLError("No web address was given.")
    if len(candidate) > _MAX_URL_LENGTH:
        raise InvalidURLError("That web address is too long to be a real page address.")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate) or " " in candidate:
        raise InvalidURLError("That web address contains spaces or control characters.")
    try:
        parts = urlsplit(candidate)
    except ValueError as exc:
        raise InvalidURLError("That web address is not written correctly.") from exc
    scheme = parts.scheme.lower()
    if not scheme:
        raise InvalidURLError(
            "That web address has no http:// or https:// at the start. "
            "Copy the full address from the browser's address bar."
        )
    if scheme not in ("http", "https"):
        reason = _SCHEME_REASONS.get(scheme, f"{scheme}: addresses are not web pages")
        raise InvalidURLError(
            f"Evidence Vault only captures web pages (http or https): {reason}."
        )
    try:
        host = parts.hostname
        port = parts.port  # raises ValueError for a port that is not a number or is out of range
    except ValueError as exc:
        raise InvalidURLError("That web address has an invalid port number.") from exc
    if not host:
        raise InvalidURLError("That web address has no website name after the //.")
    if port == 0:
        raise InvalidURLError("That web address has an invalid port number.")
    if not _host_is_plausible(host):
        raise InvalidURLError(f"'{host}' is not a valid website name.")
    return WebAddress(candidate)


def _host_is_plausible(host: str) -> bool:
    """A host is an IP address or dot-separated labels of letters, digits, hyphens (or IDN)."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    if len(host) > 253 or host.startswith(".") or ".." in host:
        return False
    for label in host.rstrip(".").split("."):
        if not label or len(label) > 63 or label.startswith("-") or label.endswith("-"):
            return False
        if not all(ch.isalnum() or ch in "-_" for ch in label):
            return False
    return True
