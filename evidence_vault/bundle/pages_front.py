# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The pages around the evidence: cover, how to check, index, and the chain of custody.

Words follow docs/for-recipients.md and the app's vocabulary (evidence, item, history,
fingerprint, "locked away under the safeguarding policy"); technical names appear only where
a recipient's own tools print them (SHA-256, pdfsig, pdfdetach).
"""

from __future__ import annotations

from ..fingerprints import short_code, spaced
from .fonts import MARKER, undrawable
from .layout import CONTENT_W, MARGIN, PAGE_H, PageWriter, safe, wrap
from .timefmt import both, local_text

INDEX_ROW_H = 38.0  # three lines: when it happened, its source, when it was added
INDEX_TOP = 124.0  # heading, two lines of words and column titles
CUSTODY_ROW_H = 30.0

KIND_WORDS = {"web_capture": "Web page", "file": "Imported file", "incident": "Incident log", "email": "Email"}
EVENT_WORDS = {
    "vault_created": "Vault created (owner and signing key recorded)",
    "case_created": "Case opened",
    "item_added": "Evidence added and sealed",
    "item_extracted": "Copied out of the vault (extract)",
    "export_made": "Included in an earlier bundle",
    "police_reference_recorded": "Police reference recorded",
    "item_amended": "Note corrected",
    "item_withdrawn": "Withdrawn",
    "item_viewed": "Opened to look at",
    "item_quarantined": "Locked away under the safeguarding policy",
    "item_released": "Released from lock-away",
    "email_rechecked": "Email's sender signature checked again",
    "checkpoint_made": "History signed (checkpoint)",
    "item_redacted": "Marked to hide in redacted copies",
    "redaction_removed": "A mark to hide taken back",
    "platform_report_made": "Reported to the platform",
    "platform_reply_added": "The platform's reply added",
}


def rows_per_index_page(bottom: float) -> int:
    return max(1, int((PAGE_H - MARGIN - INDEX_TOP - bottom) // INDEX_ROW_H))


def rows_per_custody_page(bottom: float) -> int:
    return max(1, int((PAGE_H - MARGIN - INDEX_TOP - bottom) // CUSTODY_ROW_H))


def cover(pw: PageWriter, info: dict) -> None:
    pw.y -= 10
    pw.heading("Evidence bundle", 24)
    pw.para(info["case"], 15, font="bold")
    pw.rule()
    pw.field("Prepared by", f"{info['owner_name']}, {info['owner_role']}")
    pw.field("For", info["recipient"] or "not stated")
    pw.field("Made", both(info["created_at"]), max_lines=2)
    if any(undrawable(str(info.get(k) or "")) for k in ("case", "owner_name", "owner_role", "recipient")):
        pw.para(f"Part of these names is in a script this bundle cannot draw (shown as {MARKER}); the exact "
                "text is in the attached manifest.json.", 9, indent=150)
    pw.field("Items of evidence", str(info["count"]))
    if info["withheld"]:
        pw.field("Withheld", f"{info['withheld']} item(s) withheld under the safeguarding policy "
                 "(not shown, not attached, not described).", max_lines=3)
    if info.get("withdrawn"):
        pw.field("Withdrawn", f"{len(info['withdrawn'])} item(s) withdrawn by the owner (listed in the "
                 "chain of custody).", max_lines=2)
    pw.field("Sealed by", info["signer_name"], max_lines=2)
    pw.field("Sender's code", short_code(info["signer_fingerprint"]), mono=True, size=12)
    pw.para("Do not confirm the sender from this page: whoever changed a file could print any code here. "
            "Ring the sender, ask them to read you their code, and give it to the check on page 2, "
            "which reads the code from the seal itself.", 9, indent=150)
    pw.field("History sealed up to", f"entry {info['checkpoint_seq']}, on {local_text(info['checkpoint_at'])}",
             max_lines=2)
    pw.rule()
    pw.heading("What this document is", 12)
    pw.para(
        f"This PDF is a sealed copy of the evidence that {info['owner_name']} kept in Evidence Vault, "
        "an encrypted store on their computer. Web pages were saved by an automated browser at the "
        "moment shown on each page (address, date and time are printed at the top of every screen "
        "print). Every original file is attached to this PDF unchanged, bit for bit, together with "
        "a list of their fingerprints (SHA-256) and the vault's history of each item.", 10.5)
    pw.heading("How it was made, and how to check it", 12)
    pw.para(
        "The whole file is digitally signed. Any change to it, even one character, breaks the "
        "signature. Page 2 says how to check it: a phone call to confirm who sealed it, then a free "
        "check that nothing was changed.", 10.5)
    pw.para(f"Certificate SHA-256 (for IT staff): {spaced(info['signer_fingerprint'])}", 7.5, font="mono")
    pw.finish_page()


def how_to_check(pw: PageWriter, info: dict) -> None:
    """Page 2: what the person who received the bundle can do, in their words. The commands
    are in the appendix for IT staff (``it_appendix``), on the last page."""
    pw.heading("How to check this bundle", 18)
    steps = [
        ("1. Ring the sender and compare the short code",
         "Call the person who sent you this file on a number you already have (not one given in the "
         "message that brought it). Ask them to read you their code: four groups of five letters and "
         "digits, which Evidence Vault shows them. Write it down. Do not take the code from the cover of "
         "this file: whoever changed a file could print any code there."),
        ("2. Check the file in Evidence Vault",
         "Evidence Vault is free and needs no account and no password of the sender. Open it, choose "
         "'Check a bundle I received', pick this file and type the code the sender read out into 'The "
         "code the sender read out'. The check reads the code from the seal itself, so it fails if anyone "
         "else sealed the file. 'Bundle intact' means every check passed: the seal covers the whole file, "
         "every attached file is exactly as it was saved, and each item's history matches the history "
         "the sender's vault signed. Without the code it says 'sender not yet confirmed'."),
        ("3. What a PDF reader says",
         "A PDF reader's signature panel should say the signature is valid. It may call the signer "
         "'unknown', because the certificate is the sender's own: the phone call is what confirms them."),
        ("What the history is",
         "Every action in the vault (saving an item, correcting a note, copying it out, exporting it) is an "
         "entry in a chained history. The vault signed all its entries up to entry "
         f"{info['checkpoint_seq']} when this bundle was made. The chain of custody at the end lists the "
         "entries about these items, and every original file is attached to this PDF, unchanged."),
        ("If a check fails",
         "Do not rely on this copy. Ask the sender for a fresh bundle, and keep the failing file as it is: "
         "a failed check is itself information."),
        ("For IT staff",
         f"The same checks with command-line tools, and how to save the attached files safely, are on page "
         f"{info['appendix_page']}, the last page."),
    ]
    for title, text in steps:
        pw.para(title, 11.5, font="bold")
        pw.para(text, 10)
        pw.y -= 4
    pw.finish_page()


def it_appendix(pw: PageWriter, info: dict) -> None:
    """The last page: the checks of page 2 as commands, for IT staff."""
    pw.heading("Appendix for IT staff: checking from the command line", 16)
    steps = [
        ("Evidence Vault's check",
         "The same check as 'Check a bundle I received', with the code the sender read out. It checks the "
         "seal covers the whole file, every attached file, each item's history against the vault's signed "
         "checkpoint, and any timestamp. Run it before saving the attached files: it refuses a file whose "
         "attachments would be saved outside their folder.",
         ['evidence-vault verify-bundle --expect "CODE" bundle.pdf']),
        ("The same with poppler's free tools",
         "pdfsig must print 'Signature is Valid.' for the seal (EvidenceVaultSeal) and 'Total document "
         "signed' for the last signature listed. With a timestamp, that is the timestamp (the seal covers "
         "all but it), which pdfsig cannot check itself: the check above does. Save the attachments only "
         "after the check above passed, into a new empty folder, and compare each fingerprint with "
         "manifest.json and the item's page.",
         ["pdfsig bundle.pdf", "mkdir originals && cd originals && pdfdetach -saveall ../bundle.pdf && sha256sum *"]),
        ("With a password",
         "A bundle made with a password needs it for each tool.",
         ["pdfsig -upw PASSWORD bundle.pdf", "pdfdetach -upw PASSWORD -saveall ../bundle.pdf",
          "evidence-vault verify-bundle --password-file FILE bundle.pdf"]),
        ("The history, recomputed",
         f"manifest.json holds the full entries of each item's history and the fingerprint (SHA-256) of "
         f"every entry up to entry {info['checkpoint_seq']}, which checkpoint.json signs, so the chain can be "
         f"recomputed (Evidence Vault's docs/bundle-format.md explains how). The certificate's SHA-256: "
         f"{spaced(info['signer_fingerprint'])}.", []),
    ]
    for title, text, commands in steps:
        pw.para(title, 11.5, font="bold")
        pw.para(text, 10)
        for command in commands:
            pw.para(command, 9.5, font="mono", indent=20)
        pw.y -= 4
    pw.finish_page()


def index(pw: PageWriter, rows: list[dict], per_page: int, custody_page: int) -> None:
    f = pw.f
    cols = [(0, "No."), (34, "When (local time)"), (168, "Kind"), (238, "Address or title"),
            (420, "SHA-256"), (492, "Page")]
    chunks = [rows[i:i + per_page] for i in range(0, len(rows), per_page)] or [[]]
    for n, chunk in enumerate(chunks):
        pw.table_start("Index of evidence", n, len(chunks),
                       f"Items are listed in the order things happened, where the person who added them said "
                       f"when (otherwise by when the page was captured or the item added), and numbered as in "
                       f"the sender's vault, so you and the sender name each item the same way. The chain of "
                       f"custody (every recorded action on these items) starts on page {custody_page}.", cols)
        for row in chunk:
            top = pw.y
            pw.c.setFont(f["regular"], 8.5)
            pw.c.drawString(MARGIN, top - 9, str(row["number"]))
            when = [(line, 7 if line.startswith("(") else 7.5) for line in row["when"]][:3]
            for i, (line, size) in enumerate(when):
                pw.c.setFont(f["regular"], size)
                pw.c.drawString(MARGIN + 34, top - 9 - i * 10, wrap(line, f["regular"], size, 136)[0])
            pw.c.setFont(f["regular"], 8.5)
            pw.c.drawString(MARGIN + 168, top - 9, KIND_WORDS.get(row["kind"], row["kind"]))
            title = wrap(row["title"], f["regular"], 8, 176)
            if len(title) > 2:
                title = [title[0], title[1][:-1] + "…"]
            if row.get("changed"):
                title = title[:2] if len(title) <= 2 else [title[0], title[1][:-1] + "…"]
                title.append(wrap(row["changed"], f["regular"], 8, 176)[0])
            for i, line in enumerate(title):
                pw.c.setFont(f["bold" if line == title[-1] and row.get("changed") and i == len(title) - 1
                               else "regular"], 8)
                pw.c.drawString(MARGIN + 238, top - 9 - i * 10, line)
            pw.c.setFont(f["mono"], 8)
            pw.c.drawString(MARGIN + 420, top - 9, (row["sha256"] or "")[:12])
            pw.c.setFont(f["regular"], 8.5)
            pw.c.drawString(MARGIN + 492, top - 9, str(row["page"]))
            pw.row_end(top, INDEX_ROW_H)
        pw.finish_page()


def custody(pw: PageWriter, entries: list, item_numbers: dict[int, int], per_page: int,
            first_wordings: dict[int, tuple[str, str]] | None = None) -> None:
    """``first_wordings``: each item's (subject, text as first added), so a correction can say
    what changed ("Entry corrected" for an incident's words)."""
    f = pw.f
    said = {i: text for i, (_subject, text) in (first_wordings or {}).items()}
    entries_of = {i for i, (subject, _text) in (first_wordings or {}).items() if subject == "entry"}
    chunks = [entries[i:i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    for n, chunk in enumerate(chunks):
        pw.table_start("Chain of custody", n, len(chunks),
                       "Every entry of the vault's history that concerns these items, oldest first. The "
                       "fingerprint is the entry's SHA-256 in the chained history (manifest.json has each "
                       "entry in full).")
        for e in chunk:
            top = pw.y
            if e.body is None and e.type == "redacted":
                what = "Hidden in this redacted copy (it holds redacted words)"
            elif e.body is None:
                what = "Locked away under the safeguarding policy (no detail)"
            else:
                what = EVENT_WORDS.get(e.type, e.type.replace("_", " ").capitalize())
                if e.type == "item_amended" and set(e.item_ids) & entries_of:
                    what = "Entry corrected"
                if len(e.item_ids) > 5:
                    what += f" – {len(e.item_ids)} items"
                elif e.item_ids:
                    what += " – " + ", ".join(f"item {i}" if i in item_numbers
                                              else f"item {i} (withdrawn)" for i in e.item_ids)
                what += event_detail(e, said)
            pw.c.setFont(f["bold"], 8.5)
            pw.c.drawString(MARGIN, top - 9, f"#{e.seq}")
            pw.c.setFont(f["regular"], 8.5)
            pw.c.drawString(MARGIN + 44, top - 9, safe(local_text(e.at, seconds=False) if e.at else "")[:60])
            lines = wrap(what, f["regular"], 8, CONTENT_W - 196)
            if len(lines) > 3:
                lines = [lines[0], lines[1], lines[2][:-1] + "…"]
            pw.c.setFont(f["regular"], 8)
            for i, line in enumerate(lines):
                pw.c.drawString(MARGIN + 196, top - 9 - i * 9.5, line)
            pw.c.setFont(f["mono"], 6)
            pw.c.drawString(MARGIN + 44, top - 19, e.hash[:32])
            pw.c.drawString(MARGIN + 44, top - 26, e.hash[32:])
            pw.y = top - CUSTODY_ROW_H
        pw.finish_page()


def event_detail(e, said: dict[int, str]) -> str:
    """What a correction changed, why a lock-away was released, in words: ': '18 November' →
    '19 November''. ``said`` holds each item's text so far and is updated."""
    import json

    from .item_words import change_words
    try:
        data = json.loads(e.body).get("data") or {}
    except (ValueError, AttributeError):
        return ""
    item = data.get("item_id")
    if e.type == "item_amended":
        before, after = said.get(item), data.get("note")
        said[item] = after
        return f": {change_words(before, after)}" + (f", by {data['by']}" if data.get("by") else "")
    if e.type == "item_released":
        return (f": {data.get('reason')}; agreed by {data.get('agreed_by')} (safeguarding lead)"
                + (f"; released by {data['by']}" if data.get("by") else ""))
    if e.type == "item_withdrawn" and data.get("reason"):
        return f": {data['reason']}"
    if e.type == "police_reference_recorded" and data.get("reference"):
        return f": {data['reference']}"
    if e.type == "platform_report_made" and data.get("platform"):
        return f": {data['platform']}" + (f", reference {data['reference']}" if data.get("reference") else "")
    if e.type == "item_redacted" and data.get("kind"):
        return ": some words" if data["kind"] == "text" else ": part of the picture"
    return ""
