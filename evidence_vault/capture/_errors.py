# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one place where Playwright's errors become Evidence Vault's.

Playwright reports network failures as Chromium ``net::ERR_*`` codes inside its message
text; there is no structured code. We match those codes and say, in plain words, what
happened and what the user can do. Anything we do not recognise becomes a generic
``CaptureError``; the original is kept as ``__cause__`` for the log, never shown.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from evidence_vault.errors import CaptureError, NavigationError, PageChangedError

_NET_CODE = re.compile(r"net::(ERR_[A-Z0-9_]+)")

BROWSER_GONE = (
    "The browser closed unexpectedly during the capture, so nothing was saved. "
    "Please try again; if it keeps happening, the page may be crashing the browser."
)
PAGE_CHANGED = (
    "The page went to a different address while it was being captured, so the capture was "
    "stopped to avoid mixing two pages. Try again, or open the page in the evidence browser."
)


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def navigation_error(exc: BaseException, url: str, timeout_s: float) -> CaptureError:
    """Turn a failure of ``page.goto`` into the error the user should see."""
    host = _host(url)
    if isinstance(exc, PlaywrightTimeoutError):
        return NavigationError(
            f"The website {host} did not send a page within {timeout_s:g} seconds. "
            "It may be down or very slow; try again later."
        )
    text = str(exc)
    if "Download is starting" in text:
        return NavigationError(
            "This address starts a file download instead of showing a web page. Evidence Vault "
            "captures pages and does not save downloaded files, so nothing was saved."
        )
    if _looks_closed(text):
        return CaptureError(BROWSER_GONE)
    match = _NET_CODE.search(text)
    code = match.group(1) if match else ""
    return NavigationError(_net_message(code, host))


def _net_message(code: str, host: str) -> str:
    if code in ("ERR_NAME_NOT_RESOLVED", "ERR_NAME_RESOLUTION_FAILED"):
        return (
            f"The website name '{host}' could not be found. Check the address for typing "
            "mistakes, and check that this computer is connected to the internet."
        )
    if code == "ERR_CONNECTION_REFUSED":
        return f"The website {host} refused the connection. It may be down; try again later."
    if code in (
        "ERR_CONNECTION_TIMED_OUT", "ERR_TIMED_OUT", "ERR_ADDRESS_UNREACHABLE",
        "ERR_INTERNET_DISCONNECTED", "ERR_NETWORK_CHANGED", "ERR_NETWORK_ACCESS_DENIED",
        "ERR_PROXY_CONNECTION_FAILED", "ERR_TUNNEL_CONNECTION_FAILED",
    ):
        return (
            f"The website {host} could not be reached. Check that this computer is connected "
            "to the internet, then try again."
        )
    if code.startswith("ERR_CERT_") or code == "ERR_BAD_SSL_CLIENT_AUTH_CERT":
        return (
            f"The security certificate of {host} is not trusted ({code}), so Evidence Vault "
            "did not open the page: the connection could not be shown to be genuine. Check "
            "the address; if it is right, the site is misconfigured or someone is interfering."
        )
    if code.startswith("ERR_SSL_") or code in ("ERR_SSL_PROTOCOL_ERROR", "ERR_QUIC_PROTOCOL_ERROR"):
        return (
            f"A secure connection to {host} could not be made ({code}), so the page was not "
            "opened."
        )
    if code == "ERR_TOO_MANY_REDIRECTS":
        return (
            f"The website {host} keeps redirecting to itself in a loop, so there is no page to "
            "capture. The site may be broken, or it may need you to log in first (use the "
            "evidence browser)."
        )
    if code in ("ERR_EMPTY_RESPONSE", "ERR_CONNECTION_RESET", "ERR_CONNECTION_CLOSED",
                "ERR_CONNECTION_ABORTED"):
        return f"The website {host} closed the connection without sending a page."
    if code in ("ERR_BLOCKED_BY_CLIENT", "ERR_BLOCKED_BY_RESPONSE", "ERR_BLOCKED_BY_ADMINISTRATOR"):
        return f"Opening {host} was blocked, so nothing was captured."
    if code == "ERR_ABORTED":
        return (
            f"Loading {host} was cancelled before a page appeared (the address may be a file "
            "download). Nothing was saved."
        )
    if code == "ERR_UNSAFE_PORT":
        return f"The browser refuses to open {host} on that port number, for safety."
    if code:
        return f"The page at {host} could not be loaded ({code})."
    return f"The page at {host} could not be loaded."


def _looks_closed(text: str) -> bool:
    return any(
        phrase in text
        for phrase in (
            "has been closed", "Target closed", "Browser closed", "Connection closed",
            "browser has disconnected", "Target crashed", "Page crashed",
        )
    )


def during_capture(exc: BaseException) -> CaptureError:
    """Map a failure after the page loaded (evaluate, screenshot, snapshot)."""
    text = str(exc)
    if "Execution context was destroyed" in text or "navigat" in text.lower():
        return PageChangedError(PAGE_CHANGED)
    if _looks_closed(text):
        return CaptureError(BROWSER_GONE)
    if isinstance(exc, PlaywrightTimeoutError):
        return CaptureError(
            "The page stopped responding while it was being captured, so nothing was saved."
        )
    return CaptureError("The browser reported a problem while capturing the page; nothing was saved.")


__all__ = ["PlaywrightError", "PlaywrightTimeoutError", "navigation_error", "during_capture"]
