# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bundle's "Reports to the platform" page(s): each report and the platform's replies.

Why: Report Harmful Content, the police and HR ask what the person already did and what the
platform answered. The page is drawn from the same ledger entries the chain of custody lists
(``collect.select`` puts a case's reports and replies there), never from anything else, so
every line on it has its entry number and can be checked against manifest.json. A reply whose
screenshot is withheld under the safeguarding policy is listed there without detail, and so is
not on this page. The page count is worked out before drawing (``plan``: a dry run), as the
index and the custody log need the page numbers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ..times import format_local
from ..vault.ledger import Event
from ..vault.platform_reports import EVENTS, PlatformReport, reports_from_events
from .layout import MARGIN, PageWriter, wrap
from .timefmt import local_text

HEADING = "Reports to the platform"


@dataclass
class ReportsPlan:
    reports: list[PlatformReport] = field(default_factory=list)
    pages: int = 0
    first_page: int = 0


def plan(sel, item_pages: dict[int, int] | None = None) -> ReportsPlan:
    """The case's reports from the selection's custody entries, and how many pages they take
    (none when there are no reports: the bundle then has no such page)."""
    events = [(e.seq, e.hash, Event.decode(e.body.encode("utf-8")))
              for e in sel.custody if e.body is not None and e.type in EVENTS]
    out = ReportsPlan(reports_from_events(events))
    if out.reports:
        pw = PageWriter(Canvas(io.BytesIO(), pagesize=A4), case="", total_pages=0, first_page=1)
        draw(pw, out, item_pages or {})
        out.pages = pw.page - 1
    return out


def _when(at: str | None) -> str:
    if not at:
        return "not said"
    if "T" not in at:  # only the day is known
        return format_local(at)
    return local_text(at, seconds=False)


def _item(item_id: int | None, item_pages: dict[int, int]) -> str:
    if item_id is None:
        return "none named"
    page = item_pages.get(item_id)
    return f"item {item_id}" + (f" (page {page})" if page else " (not in this bundle)")


def _room(pw: PageWriter, height: float) -> None:
    if pw.y - height < pw.bottom:
        pw.finish_page()
        pw.heading(f"{HEADING} (continued)", 13)


def draw(pw: PageWriter, reports: ReportsPlan, item_pages: dict[int, int]) -> None:
    pw.heading(HEADING, 16)
    pw.para("What the owner of this vault recorded about reporting the matter to the platform, and the "
            "platform's replies, oldest first. Each line comes from the vault's history: '#' numbers are "
            "the entries in the chain of custody (manifest.json has each in full).", 9.5)
    pw.rule()
    for report in reports.reports:
        _room(pw, 110)
        pw.para(f"Report {report.number} to {report.platform}", 12, font="bold")
        pw.field("Reported", _when(report.reported_at), max_lines=2)
        pw.field("Platform's reference", report.reference or "none given", max_lines=2)
        pw.field("About", _item(report.item_id, item_pages))
        pw.field("Recorded", f"#{report.seq}, {local_text(report.recorded_at, seconds=False)}"
                 + (f", by {report.by}" if report.by else ""), max_lines=2)
        if not report.replies:
            pw.para("No reply from the platform had been recorded when this bundle was made.", 10, indent=12)
        for n, reply in enumerate(report.replies, 1):
            _room(pw, 70)
            pw.para(f"Reply {n} from {report.platform}", 10.5, font="bold", indent=12)
            pw.field("  Received", _when(reply.received_at), max_lines=2)
            if reply.screenshot_item_id is not None:
                pw.field("  Screenshot", _item(reply.screenshot_item_id, item_pages))
            pw.field("  Recorded", f"#{reply.seq}, {local_text(reply.recorded_at, seconds=False)}"
                     + (f", by {reply.by}" if reply.by else ""), max_lines=2)
            if reply.text:
                _reply_text(pw, reply.text)
        pw.rule()
    pw.finish_page()


def _reply_text(pw: PageWriter, text: str) -> None:
    """The reply's words in full, across pages when long."""
    size, indent = 10, 24
    font = pw.f["regular"]
    _room(pw, 30)
    pw.para("Its words:", 10, font="bold", indent=12)
    for paragraph in text.splitlines() or [""]:
        for line in wrap(paragraph, font, size, pw.content_w - indent) or [""]:
            _room(pw, size * 1.4)
            pw.c.setFont(font, size)
            pw.y -= size * 1.35
            pw.c.drawString(MARGIN + indent, pw.y, line)
    pw.y -= 6
