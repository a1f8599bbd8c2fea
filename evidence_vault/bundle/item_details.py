# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The details of an item page that say what the person did and what the item says about
itself: the note (with its corrections, item_words.py), when it happened beside when it was
added, an email's From/To/Date/Subject with its DKIM result in words, and which clock a
capture's times come from, in words a head teacher reads (issue 20)."""

from __future__ import annotations

from ..vault.when import first_added_at
from . import item_words
from .layout import PageWriter
from .timefmt import both, local_text


def note(pw: PageWriter, p, label: str = "Note") -> None:
    if p.words is not None:
        item_words.draw_note(pw, p.words, p.item.id, label)


def when_fields(pw: PageWriter, item, zone: str | None, added_label: str) -> None:
    """When it happened (with who or what said so), then when it was added: by the sender, for
    an item imported from a staff bundle, followed by when it was received here."""
    pw.field("When it happened", item_words.happened_words(item, zone)
             or "not given when it was added (the index places it by when it was added)", max_lines=3)
    first = first_added_at(item)
    pw.field(added_label, both(first, zone), max_lines=2)
    if first != item.created_at:  # imported from a staff bundle: the sender's time above
        pw.field("Received here", both(item.created_at, zone), max_lines=2)


def email_details(pw: PageWriter, vault, item, metadata: dict) -> None:
    """From, To, Date and Subject as the email says, and its DKIM check in words."""
    info = item.info
    headers = metadata.get("headers") or {}
    headers = headers if isinstance(headers, dict) else {}
    pw.field("File name", info.get("filename"), max_lines=2)
    pw.field("From", info.get("from") or headers.get("From"), max_lines=2)
    pw.field("To", headers.get("To"), max_lines=3)
    if headers.get("Cc"):
        pw.field("Copy to", headers.get("Cc"), max_lines=2)
    pw.field("Date", info.get("sent_date") or headers.get("Date"), max_lines=2)
    pw.field("Subject", info.get("subject") or headers.get("Subject"), max_lines=2)
    pw.field("Sender's signature", dkim_words(vault, item), max_lines=4)


def dkim_words(vault, item) -> str:
    """The latest DKIM result of an email, in words (mail.DkimResult.in_words)."""
    from ..mail import DkimResult, dkim_history
    last = (dkim_history(vault, item.id) or [{}])[-1]
    status = last.get("status") or item.info.get("dkim")
    if not status:
        return "not checked"
    result = DkimResult(status=status, reason=str(last.get("reason") or "no reason recorded"),
                        domain=last.get("domain") or item.info.get("dkim_domain"))
    when = last.get("checked_at")
    return result.in_words() + (f" (checked {local_text(when, seconds=False)})" if when else "")


def clock_words(source, info) -> str | None:
    """Which clock the times of a capture come from, in words."""
    if not source:
        return None
    if str(source).startswith("system clock"):
        return ("this computer's own clock (not checked against an independent clock; a timestamp, "
                "if the cover shows one, is)")
    return str(source)


#: The details printed from an item's record (its note is handled with its wordings).
SHOWN_DETAILS = ("filename", "final_url", "requested_url", "title", "summary", "from", "subject", "sent_date")


def details_undrawable(item) -> bool:
    """Does a detail printed on the item's page hold characters the fonts cannot draw?"""
    from . import fonts
    return any(fonts.undrawable(str(item.info.get(key) or "")) for key in SHOWN_DETAILS)
