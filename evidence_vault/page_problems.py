# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A captured page that is not the page: an error, a login or consent wall, "not available".

Why: a mistyped address was sealed as item 3, "Error response" (HTTP 404), looking like any
other evidence, and the only way out was to withdraw it, which stays in the history for ever.
A page the website did not show is still worth keeping sometimes ("the post is gone" is the
point of a re-capture), but never by accident and never unmarked. So every capture is looked
at before it is sealed (workflows.capture_page): when its main response is an HTTP error, it
is a login or consent wall, or it is a known "content not available" page, the person is asked
(the app) or it is not kept unless asked for (``--keep-error-pages``; ``recapture`` keeps them),
and a kept one carries the problem in its record (``info["page_problem"]``: kind, status,
``mark`` and ``says``), so every list, the timeline and the evidence bundle can show the mark
beside its title.

What counts, in this order (the first that applies):

- ``http_error``: the main response's status is 400 or more;
- ``login_wall``: the address led to a login page the request did not ask for, or the
  capture's quality check saw a password box over the page (capture/_quality.py);
- ``consent_wall``: the address led to a consent page (``consent.`` host, ``/consent`` path),
  or a consent banner covers most of the first screen or locks its scrolling;
- ``not_available``: a short page whose text says the content is not available, removed,
  deleted or not found (the words of Facebook, X, Instagram, TikTok, YouTube, Reddit …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

GONE_TEXT = re.compile(
    r"(this|the) (content|page|post|tweet|video|account|user|link) (is|isn't|is not|was|has been)?\s*"
    r"(no longer available|not available|unavailable|removed|deleted|suspended|not found)"
    r"|page (not found|doesn't exist|does not exist|isn't available)|sorry, (this|that) page"
    r"|content (isn't|is not|not) available|404 not found|video unavailable"
    r"|this (post|tweet) (is unavailable|was deleted)|(account|page) (doesn't|does not) exist",
    re.I,
)
LOGIN_URL = re.compile(r"/(login|log-in|signin|sign-in|sign_in|accounts/login|auth)\b", re.I)
CONSENT_URL = re.compile(r"^consent\.|^guce\.|/consent\b|collectconsent", re.I)
#: A "not available" message counts only on a page this short (in words): an article that
#: happens to say "page not found" somewhere is not a missing page.
SHORT_PAGE_WORDS = 400

KINDS = ("http_error", "login_wall", "consent_wall", "not_available")


@dataclass(frozen=True)
class PageProblem:
    """Why a captured page is not the page. ``mark`` goes beside its title everywhere;
    ``says`` is the sentence the person reads; ``question`` asks whether to keep it."""

    kind: str
    status: int | None
    mark: str
    says: str

    @property
    def question(self) -> str:
        if self.kind == "not_available" or self.status in (404, 410):
            return f"{self.says} Keep it as a record that the page is gone, or discard it?"
        return f"{self.says} Keep it as a record of what the address showed, or discard it?"

    def to_json(self) -> dict:
        return {"kind": self.kind, "status": self.status, "mark": self.mark, "says": self.says}

    @classmethod
    def from_json(cls, data: dict) -> "PageProblem":
        return cls(str(data.get("kind")), data.get("status"), str(data.get("mark") or ""),
                   str(data.get("says") or ""))


def _http(status: int) -> PageProblem:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "error"
    if status in (404, 410):
        gone = "does not exist" if status == 404 else "has been removed"
        return PageProblem("http_error", status, f"Page gone (HTTP {status})",
                           f"The website says this page {gone} ({status}).")
    if status in (401, 403):
        return PageProblem("http_error", status, f"Refused (HTTP {status})",
                           f"The website refused to show this page ({status}: {phrase}).")
    if status >= 500:
        return PageProblem("http_error", status, f"Server error (HTTP {status})",
                           f"The website had a fault and sent an error page instead ({status}: {phrase}).")
    return PageProblem("http_error", status, f"Error page (HTTP {status})",
                       f"The website answered with an error instead of the page ({status}: {phrase}).")


def _moved_to(pattern: re.Pattern, requested: str, final: str, *, host: bool = False) -> bool:
    if not final or final == requested:
        return False
    def where(url: str) -> str:
        parts = urlsplit(url)
        return (parts.hostname or "") + (parts.path or "") if host else (parts.path or "")
    return bool(pattern.search(where(final))) and not pattern.search(where(requested))


def page_problem(metadata: dict, text: str) -> PageProblem | None:
    """What is wrong with a captured page, from its metadata and visible text; None if nothing."""
    status = metadata.get("http_status")
    if isinstance(status, int) and status >= 400:
        return _http(status)
    requested, final = metadata.get("requested_url") or "", metadata.get("final_url") or ""
    quality = metadata.get("quality") or {}
    kinds = {w.get("kind") for w in quality.get("warnings") or []}
    seen = quality.get("seen") or {}
    if _moved_to(LOGIN_URL, requested, final) or "login_wall" in kinds:
        return PageProblem("login_wall", status, "Login wall",
                           "The page asks you to log in, so it does not show the post itself.")
    consent_wall = "consent_banner" in kinds and (seen.get("overlayShare", 0) >= 0.5 or seen.get("scrollLocked"))
    if _moved_to(CONSENT_URL, requested, final, host=True) or consent_wall:
        return PageProblem("consent_wall", status, "Consent wall",
                           "The page shows a cookie or consent question in place of the post itself.")
    words = len(text.split())
    found = GONE_TEXT.search(text[:20000]) if words < SHORT_PAGE_WORDS else None
    if found:  # quote the line the words are on, as the page shows it
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        line = " ".join(text[start:end if end >= 0 else len(text)].split())
        quoted = line if len(line) <= 80 else found.group(0)
        return PageProblem("not_available", status, "Content not available",
                           f"The page says the content is not available (\u201c{quoted}\u201d).")
    return None


def problem_of(item) -> PageProblem | None:
    """The mark of a kept web capture: as stored when it was kept, or, for a capture made
    before this check existed, from its HTTP status alone."""
    if item.kind != "web_capture":
        return None
    stored = item.info.get("page_problem")
    if isinstance(stored, dict):
        return PageProblem.from_json(stored)
    status = item.info.get("http_status")
    return _http(status) if isinstance(status, int) and status >= 400 else None
