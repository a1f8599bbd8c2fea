# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Each item's pages: a page of details in words, then what it showed.

Web captures get the clause-61 screen print (screenshots.py), imported pictures are shown the
same way, and the words a head teacher needs to read are printed in full: incident-log entries,
emails (their rendering without anything loaded from the internet) and imported text files.
Other imported files are described (name, size, fingerprint). An item is called by its number
in the sender's vault everywhere (pages, index, custody log, attachment names), so sender and
recipient name the same item the same way. Page counts are worked out before drawing (``plan``)
so the index on page 3 can name the page each item starts on.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from ..vault.models import PageRecord, capture_address
from ..vault.wordings import current_summary
from . import fonts as bundle_fonts
from . import item_words, pages_provenance, pages_redacted_files, screenshots
from .item_details import clock_words, details_undrawable, email_details, note, when_fields
from .manifest import record_name
from .layout import CONTENT_W, MARGIN, PAGE_H, PageWriter, fonts, wrap
from .pages_front import KIND_WORDS
from .timefmt import both, local_text, parse_utc, utc_text

TEXT_SIZE = 10.5
TEXT_LEADING = 1.35
MAX_TEXT_LINES = 3000  # about 60 pages; the rest is in the attached file
TEXT_HEADINGS = {
    "incident": "The entry, word for word:",
    "email": "The email as a person reads it (nothing loaded from the internet):",
    "file": "The file's text, word for word:",
}


@dataclass
class ItemPlan:
    number: int
    item: object
    zone: str | None
    image_role: str | None = None
    geometry: screenshots.Geometry | None = None
    text_lines: list[str] | None = None
    text_cut: int = 0  # lines left out of the pages (in the attached file)
    first_page: int = 0
    words: item_words.WordsPlan | None = None  # the note or entry, with its corrections
    text_undrawable: bool = False  # the printed text has characters the fonts cannot draw
    details_undrawable: bool = False  # so do its details (a file name, a subject, a title)
    metadata: dict | None = None  # the item's metadata.json, read once here (captures, emails)
    metadata_bytes: bytes | None = None  # ... and as sealed, attached as it is (export.py)

    @property
    def page(self) -> PageRecord:
        """A web capture's facts: from its metadata, else from its record (``Item.info``)."""
        return PageRecord.from_metadata(self.metadata) if self.metadata else PageRecord.from_info(self.item.info)

    @property
    def extra_h(self) -> float:
        """Height the details take beyond the fixed allowance: corrections, email lines."""
        extra = 30.0 + (self.words.height if self.words else 0.0) + pages_redacted_files.height(self.item)
        if self.item.kind == "email":
            extra += 60
        if self.details_undrawable:
            extra += 26
        if self.text_undrawable:
            extra += 26
        return extra

    @property
    def detail_pages(self) -> int:
        if self.text_lines is not None:
            first = _lines_first_page(self.extra_h, self.item)
            rest = max(0, len(self.text_lines) - first)
            return 1 + math.ceil(rest / _lines_per_page())
        return 1

    @property
    def pages(self) -> int:
        return self.detail_pages + (self.geometry.parts if self.geometry else 0)


def _lines_per_page() -> int:
    return int((PAGE_H - 2 * MARGIN - 60 - 30) // (TEXT_SIZE * TEXT_LEADING))


def _lines_first_page(extra_h: float = 0.0, item=None) -> int:
    if item is not None and pages_provenance.lines(item):
        extra_h += pages_provenance.HEIGHT  # an item from a bundle someone sent: from whom
    return max(0, int((PAGE_H - 2 * MARGIN - 280 - 30 - extra_h) // (TEXT_SIZE * TEXT_LEADING)))


def _read_metadata(vault, item) -> tuple[dict, bytes | None]:
    """The item's metadata.json, decrypted once per export (the plan keeps it for the pages
    and the attachments): parsed, and the bytes as sealed."""
    if not any(a.role == "metadata" for a in item.artefacts):
        return {}, None
    data = vault.read_artefact(item.id, "metadata")
    try:
        value = json.loads(data)
    except ValueError:
        return {}, data
    return (value if isinstance(value, dict) else {}), data


def _text_role(item) -> str | None:
    """The artefact whose words are printed on the item's pages, if any."""
    if item.kind == "incident":
        return "entry"
    if item.kind == "email" and any(a.role == "text" for a in item.artefacts):
        return "text"
    if item.kind == "file" and str(item.info.get("media_type") or "").startswith("text/"):
        return "original"
    return None


def plan(vault, item, number: int, bottom: float) -> ItemPlan:
    """How many pages the item takes; reads the picture's header (not its pixels)."""
    zone = None
    p = ItemPlan(number, item, zone)
    device_scale = None
    if item.kind in ("web_capture", "email"):
        p.metadata, p.metadata_bytes = _read_metadata(vault, item)
    if item.kind == "web_capture":
        page = p.page
        p.zone = page.zone
        p.image_role = "screenshot" if any(a.role == "screenshot" for a in item.artefacts) else None
        scale = page.device_scale
        device_scale = scale if scale is not None and 0.5 <= scale <= 8 else 1.0
    elif item.kind == "file":
        media = str(item.info.get("media_type") or "")
        if media.startswith("image/") and media not in ("image/svg+xml",):
            p.image_role = "original"
    role = _text_role(item)
    p.details_undrawable = details_undrawable(item)
    wordings = vault.wordings(item.id)
    p.words = item_words.plan_words(wordings, item.id, compact=item.kind == "web_capture")
    if role is not None:
        data = vault.read_artefact(item.id, role)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("utf-8", "replace")
            text = ("(This file is not UTF-8 text; characters that could not be read are shown as \ufffd. "
                    "The attached file is exact.)\n\n" + text)
        p.text_undrawable = bundle_fonts.undrawable(text, fonts()["regular"])
        lines = wrap(text, fonts()["regular"], TEXT_SIZE, CONTENT_W)
        if len(lines) > MAX_TEXT_LINES:
            p.text_cut = len(lines) - (MAX_TEXT_LINES - 1)
            lines = lines[:MAX_TEXT_LINES - 1] + [f"… {p.text_cut:,} more lines are in the attached file."]
        p.text_lines = lines
    if p.image_role:
        try:
            w, h = screenshots.image_size(vault.read_artefact(item.id, p.image_role))
            p.geometry = screenshots.geometry(w, h, bottom, device_scale=device_scale)
        except (OSError, ValueError, SyntaxError):
            p.geometry = None  # not a picture after all: described, not shown
    return p


def _title(item) -> str:
    info = item.info
    if item.kind == "incident" and item.amendments:  # its first line as it reads now
        return current_summary(item) or f"item {item.id}"
    return str(capture_address(info) or info.get("filename")
               or info.get("summary") or info.get("title") or f"item {item.id}")


def index_row(p: ItemPlan) -> dict:
    words = p.words.wordings if p.words else None
    changed = None
    if words is not None and words.corrected:
        what = "Entry" if words.subject == "entry" else "Note"
        times = len(words.earlier)
        changed = f"{what} corrected{f' {times} times' if times > 1 else ''}, see page {p.first_page}"
    return {"number": p.number, "when": item_words.index_when(p.item, p.zone), "kind": p.item.kind,
            "title": item_words.marked_title(p.item, _title(p.item)), "changed": changed,
            "sha256": p.item.main_sha256, "page": p.first_page}


def _artefact_lines(pw: PageWriter, item, names: dict) -> None:
    if item.info.get("redacted_copy"):  # which files are redacted, which are not, what is left out
        return pages_redacted_files.draw(pw, item, names)
    pw.para("Attached original files (name, size, SHA-256):", 10, font="bold")
    for a in item.artefacts:
        pw.para(f"{names[(item.id, a.role)]}  ({a.size:,} bytes)", 9, indent=10)
        pw.para(a.sha256, 8, font="mono", indent=10, leading=1.1)


def draw(pw: PageWriter, vault, p: ItemPlan, names: dict) -> None:
    item = p.item
    info = item.info
    pw.heading(f"Item {p.number}: {KIND_WORDS.get(item.kind, item.kind)}", 16)
    pages_provenance.draw(pw, item)  # an item from a bundle someone sent: from whom (issue 22)
    found = item_words.mark(item)
    if found:
        pw.para(f"{found.upper()}: {item_words.problem_of(item).says} It was kept as a record of what the "
                "address showed, not as the page itself.", 10, font="bold")
    if item.kind == "web_capture":
        _web_details(pw, item, p.page, p.zone)
        if item_words.happened_at(item):
            pw.field("When it happened", item_words.happened_words(item, p.zone), max_lines=3)
        note(pw, p)
    elif item.kind == "file":
        pw.field("File name", info.get("filename"), max_lines=2)
        pw.field("Type", info.get("media_type"))
        when_fields(pw, item, p.zone, "Imported")
        note(pw, p)
        for key in ("taken_at", "sent_at", "from", "subject"):
            if info.get(key):
                pw.field(key.replace("_", " ").capitalize(), info.get(key), max_lines=2)
    elif item.kind == "incident":
        pw.field("What kind", str(info.get("incident_kind", "")).replace("_", " "))
        when_fields(pw, item, p.zone, "Written down")
        if p.words is not None and p.words.wordings.corrected:
            note(pw, p, "Entry")
    elif item.kind == "email":
        email_details(pw, vault, item, p.metadata or {})
        when_fields(pw, item, p.zone, "Imported")
        note(pw, p)
    else:  # a kind this page layout does not know in detail: its recorded details
        pw.field("Added", both(item_words.first_added_at(item)), max_lines=2)
        shown = [(k, v) for k, v in sorted(info.items()) if isinstance(v, (str, int)) and k != "created_at"]
        for key, value in shown[:14]:
            pw.field(key.replace("_", " ").capitalize(), value, max_lines=2)
    if p.details_undrawable:
        pw.para(item_words.cannot_draw_sentence(f"{record_name(item.id)} (the item's record)")
                .replace("Part of this text", "Part of these details"), 9)
    pw.rule()
    _artefact_lines(pw, item, names)
    if p.words is not None and p.words.typed_text is not None:
        pw.para(f"{item_words.typed_name(item.id)}  ({len(p.words.typed_text):,} bytes): the "
                f"{'entry' if p.words.wordings.subject == 'entry' else 'note'} exactly as typed (UTF-8 text)",
                9, indent=10)
    if p.text_lines is not None:
        pw.rule()
        heading = TEXT_HEADINGS.get(item.kind, TEXT_HEADINGS["file"])
        if item.kind == "incident" and p.words is not None and p.words.wordings.corrected:
            heading = "The entry as first written, word for word (corrected since: see above):"
        pw.para(heading, 10, font="bold")
        if p.text_undrawable:
            role = _text_role(item) or "original"
            pw.para(item_words.cannot_draw_sentence(names[(item.id, role)]), 9)
        lines = p.text_lines
        first = _lines_first_page(p.extra_h, item)
        _text_block(pw, lines[:first])
        rest = lines[first:]
        per = _lines_per_page()
        for i in range(0, len(rest), per):
            pw.finish_page()
            pw.heading(f"Item {p.number} (continued)", 12)
            _text_block(pw, rest[i:i + per])
    pw.finish_page()
    if p.geometry is not None:
        _picture(pw, vault, p)


def _text_block(pw: PageWriter, lines: list[str]) -> None:
    pw.c.setFont(pw.f["regular"], TEXT_SIZE)
    for line in lines:
        pw.y -= TEXT_SIZE * TEXT_LEADING
        pw.c.drawString(MARGIN, pw.y, line)


def _web_details(pw: PageWriter, item, page: PageRecord, zone: str | None) -> None:
    pw.field("Address asked for", page.requested_url or None, max_lines=3)
    pw.field("Address shown", page.final_url or None, max_lines=3)
    chain = page.redirect_chain
    if len(chain) > 1:
        hops = "; ".join(f"{h.get('status')} {h.get('url')}" for h in chain)
        pw.field("Redirects", hops, max_lines=4)
    else:
        pw.field("Redirects", "none")
    pw.field("Page title", page.title or None, max_lines=2)
    status = page.http_status
    found = item_words.mark(item)
    pw.field("Server answer", f"HTTP status {status}" + (f" ({found})" if found else " (the page was shown)"
                                                         if status == 200 else ""))
    pw.field("Server address", f"{page.server_ip} port {page.server_port}" if page.server_ip else None)
    tls = page.tls
    if tls is not None and tls.get("subject_name"):
        pw.field("Secure connection", f"{tls.get('protocol')}; certificate for {tls.get('subject_name')}, "
                 f"issued by {tls.get('issuer')}; valid {utc_text(tls.get('valid_from'))} "
                 f"to {utc_text(tls.get('valid_to'))}", max_lines=3)
    else:
        pw.field("Secure connection", "none (plain http)" if tls is None else "details not available")
    pw.field("Capture started", both(page.started_at, zone), max_lines=2)
    pw.field("Capture finished", both(page.finished_at, zone), max_lines=2)
    pw.field("Clock", clock_words(page.clock_source, item.info), max_lines=2)
    pw.field("Browser", browser_words(page.browser), max_lines=2)
    vp = page.viewport or {}
    size = f", window {vp.get('width')} x {vp.get('height')}" if vp else ""
    pw.field("Device", f"{page.device or 'desktop'}{size}", max_lines=2)
    notes = page.warnings
    pw.field("Capture warnings", "; ".join(notes) if notes else "none", max_lines=6)


def browser_words(browser) -> str | None:
    """'Chromium 156.0.8078.114 (headless)' from the capture's browser record."""
    if not isinstance(browser, dict):
        return browser
    words = " ".join(str(browser[k]) for k in ("name", "version") if browser.get(k))
    if browser.get("headless") is True:
        words += " (headless: no window was shown)"
    return words or None


def _picture(pw: PageWriter, vault, p: ItemPlan) -> None:
    item, geo = p.item, p.geometry
    info = item.info
    if item.kind == "web_capture":
        address = capture_address(info)
        when = info.get("captured_at") or item.created_at
        label, verb = "Screen print", "Captured"
        finished = p.page.finished_at
        # The pixels are taken near the end: say when that was, and whether the page was whole.
        finish_clock = local_text(finished, p.zone).split(", ", 1)[-1].split(" (", 1)[0]
        after = f"; finished {finish_clock}" if parse_utc(finished) else ""
        if info.get("timed_out"):
            after += " (page still loading)"
    else:
        address = f"Imported file: {info.get('filename')}"
        when = item_words.first_added_at(item)
        label, verb = "Picture", "Imported"
        lines = item_words.index_when(item, p.zone)
        after = f"; {lines[0][0].lower()}{lines[0][1:]} {lines[1]}" if item_words.happened_at(item) else ""
    image = screenshots.decode_rgb(vault.read_artefact(item.id, p.image_role))
    try:
        def header(part, top, bottom, left, right):
            if geo.columns > 1:
                side = f" ({'left' if left == 0 else 'right' if right == geo.width else 'middle'} of the page)"
                shows = (f"Shows pixel rows {top + 1:,}-{bottom:,} of {geo.height:,} and columns {left + 1:,}-"
                         f"{right:,} of {geo.width:,}")
            else:
                side = ""
                shows = f"Shows pixel rows {top + 1:,}-{bottom:,} of {geo.height:,} (width {geo.width:,} px)"
            return [
                (f"Item {p.number}  |  {label}, part {part + 1} of {geo.parts}{side}", "bold", 11),
                (f"Address: {address}", "regular", 8.5),
                (f"{verb}: {both(when, p.zone)}{after}", "regular", 8.5),
                (f"{shows}; SHA-256 of the whole picture {item.main_sha256[:16]}...", "regular", 7.5),
            ]
        screenshots.draw_parts(pw, image, geo, header)
    finally:
        image.close()
