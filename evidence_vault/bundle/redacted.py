# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A redacted copy of a case (``export --redacted``): what changes from an ordinary bundle.

The export itself (export.py) is the same steps; this module supplies what differs:
- ``RedactedView`` stands in for the vault while pages are drawn and files attached: an item
  with a redaction, or whose words or files hold any hidden words, is shown as its redacted
  rendering (redacting.py): its details with the words replaced, the screen print with the
  boxed pixels overwritten, its text files rewritten; its other originals are left out;
- a staff member's own bundle kept by an investigation (``received_bundle``) is never attached:
  it is a sealed original that cannot be redacted, and the names it holds would go out with it
  (the item's page says so, and that the police copy, an ordinary export, carries it);
- the chain of custody keeps every event's hash (so the history still checks against the
  signed checkpoint) but hides the body of any event that holds hidden words (a text
  redaction itself, an item's record, a correction); those are listed as ``redacted``;
- the manifest says it is a redacted copy (docs/bundle-format.md, "Redacted copies"); each
  rendered file names the SHA-256 and size of the original it was made from;
- every page carries a "Redacted copy" line with who redacted it (``stamped_canvas``).

The verifier's side is ``describe`` (a report's ``redacted_copy``) and ``original_of``.
"""

from __future__ import annotations

import json
from dataclasses import replace

from ..errors import UsageError
from . import fonts, manifest

RED = (0.7, 0.0, 0.0)


class RedactedView:
    """The vault as a redacted copy sees it. Everything not overridden is the vault's own."""

    def __init__(self, vault):
        from .. import redacting
        from ..vault import redactions

        self._vault = vault
        self._redacting = redacting
        self.in_force = redactions.in_force(vault)
        if not self.in_force:
            raise UsageError("No item of this vault has a redaction yet, so a redacted copy would be the same as the "
                             "original. Mark what to hide first: 'evidence-vault redact ITEM --text \"WORDS\"' or "
                             "'--box X,Y,W,H'.")
        self.pattern = None
        self.renderings: dict[int, object] = {}
        self.hidden_events: list[int] = []

    def __getattr__(self, name):
        return getattr(self._vault, name)

    # -- choosing what is redacted ----------------------------------------------------------
    def prepare(self, sel) -> list[str]:
        """Render every chosen item that needs it; hide the custody entries that hold words.
        Returns the warnings for the person (words a screen print may still show)."""
        r = self._redacting
        own = {i.id: self.in_force.get(i.id, []) for i in sel.items}
        texts = [x.text for rs in own.values() for x in rs if x.kind == "text" and x.text]
        self.pattern = r.words_pattern(texts)
        if not any(own.values()):
            raise UsageError("None of the items in this export has a redaction, so a redacted copy would be the "
                             "same as the original. Mark what to hide first with 'evidence-vault redact'.")
        for item in sel.items:
            # a kept staff bundle is always left out (redacting.render attaches no PDF): unread here
            if item.info.get("received_bundle") or own[item.id] or self._holds_words(item):
                self.renderings[item.id] = r.render(self._vault, item, own[item.id], self.pattern)
        sel.items = [self.item(i.id) for i in sel.items]
        for n, e in enumerate(sel.custody):
            if e.body is not None and r.holds(json.loads(e.body), self.pattern):
                sel.custody[n] = replace(e, at=None, type="redacted", body=None, item_ids=())
                self.hidden_events.append(e.seq)
        return [f"Item {item_id}'s {'screen print' if done.item.kind == 'web_capture' else 'picture'} is a picture: "
                "words hidden with --text may still be readable in it. Look at the copy before you send it, and "
                f"cover them with a box (evidence-vault redact {item_id} --box X,Y,W,H)."
                for item_id, done in sorted(self.renderings.items())
                if r.picture_role(done.item) and self.pattern is not None]

    def case_shown(self, case):
        """The case as the copy names it (on every page's foot): its name with hidden words replaced."""
        return replace(case, name=self._redacting.hide(case.name, self.pattern))

    def _holds_words(self, item) -> bool:
        r = self._redacting
        if r.holds(item.info, self.pattern) or r.holds(list(item.amendments), self.pattern):
            return True
        return any(r.holds(self._vault.read_artefact(item.id, a.role), self.pattern) for a in item.artefacts)

    # -- what the export reads ---------------------------------------------------------------
    def item(self, item_id):
        done = self.renderings.get(int(item_id))
        item = done.item if done is not None else self._vault.item(item_id)
        # the case's name is in every item's record
        return replace(item, case=self._redacting.hide(item.case, self.pattern)) if self.pattern else item

    def wordings(self, item_id: int):
        """Every wording of the item's text (current and earlier, vault.wordings) with the hidden
        words replaced: a correction's column must not give back what the copy hides."""
        w = self._vault.wordings(item_id)
        if self.pattern is None:
            return w

        def hidden(x):
            return replace(x, text=self._redacting.hide(x.text, self.pattern))
        return replace(w, current=hidden(w.current), earlier=tuple(hidden(x) for x in w.earlier))

    def read_artefact(self, item_id: int, role: str) -> bytes:
        done = self.renderings.get(int(item_id))
        if done is None:
            return self._vault.read_artefact(item_id, role)
        if role not in done.files:
            from ..errors import NotFoundError
            raise NotFoundError(f"Item {item_id}'s {role} is left out of a redacted copy.")
        return done.files[role].data

    # -- what the manifest says ----------------------------------------------------------------
    def redacted_by(self) -> list[str]:
        names = {r.by for rs in self.in_force.values() for r in rs
                 if r.item_id in self.renderings and r.by}
        return sorted(names) or [str((self._vault.owner() or {}).get("name") or "the sender")]

    def stamp(self) -> str:
        return (f"REDACTED COPY - redacted by {', '.join(self.redacted_by())}. Some words and parts of pictures "
                "are hidden; this is not the original evidence.")

    def mark_attachments(self, atts: list) -> list:
        """Each file of a redacted item names the original it was made from."""
        out = []
        for a in atts:
            done = self.renderings.get(a.item) if a.item is not None else None
            f = done.files.get(a.role) if done is not None and a.role != "record" else None
            out.append(RenderedAttachment(*[getattr(a, k) for k in (
                "name", "role", "item", "media_type", "sha256", "size", "original_filename")],
                original_sha256=f.original_sha256, original_size=f.original_size, change=f.change) if f else a)
        return out

    def annotate(self, doc: dict) -> dict:
        """The manifest's ``redacted`` section, its items' and hidden events' marks."""
        items = []
        for item_id, done in sorted(self.renderings.items()):
            rs = done.redactions
            items.append({"item": item_id, "text_redactions": sum(1 for x in rs if x.kind == "text"),
                          "boxes": [list(x.box) for x in rs if x.kind == "box" and x.box],
                          "redaction_events": [x.seq for x in rs],
                          "left_out": [{"role": a.role, "sha256": a.sha256, "size": a.size} for a in done.left_out]})
        for entry in doc.get("items") or []:
            if entry.get("id") in self.renderings:
                entry["redacted"] = True
        hidden = set(self.hidden_events)
        for entry in doc.get("events") or []:
            if entry.get("seq") in hidden:
                entry["redacted"] = True
        doc["redacted"] = {"redacted_by": self.redacted_by(), "items": items, "hidden_events": sorted(hidden),
                           "mark": self._redacting.MARK}
        return doc


class RenderedAttachment(manifest.Attachment):
    """An attached file made from an original (a redacted rendering), naming that original."""

    def __init__(self, *args, original_sha256: str, original_size: int, change: str = "words"):
        super().__init__(*args)
        object.__setattr__(self, "original_sha256", original_sha256)
        object.__setattr__(self, "original_size", original_size)
        object.__setattr__(self, "change", change)

    def to_json(self) -> dict:
        out = super().to_json()
        # "redacted": made for this copy from the original named; "change": what was hidden in it
        # ("boxes", "words"), or that nothing was ("no_box": a picture with no box; "unchanged")
        out.update(redacted=True, original_sha256=self.original_sha256, original_size=self.original_size,
                   change=self.change)
        return out


def stamped_canvas(stamp: str):
    """A reportlab Canvas class that writes ``stamp`` across the top of every page it ends."""
    from reportlab.pdfgen.canvas import Canvas

    class StampedCanvas(Canvas):
        def showPage(self):  # noqa: N802 - reportlab's name
            width, height = self._pagesize
            self.saveState()
            self.setFillColorRGB(*RED)
            bold = fonts.registered()["bold"]  # the bundle's own font: a redactor's name in any script
            self.setFont(bold, 8.5)
            self.drawCentredString(width / 2, height - 20, fonts.drawn(stamp[:160], bold))
            self.restoreState()
            super().showPage()

    return StampedCanvas


# -- the verifier's side -------------------------------------------------------------------
def describe(man: dict) -> dict | None:
    """A report's ``redacted_copy``: which items are redacted, by whom; None for an original."""
    section = man.get("redacted")
    if not isinstance(section, dict):
        return None
    items = section.get("items") if isinstance(section.get("items"), list) else []
    by = section.get("redacted_by") if isinstance(section.get("redacted_by"), list) else []
    return {"items": [i.get("item") for i in items if isinstance(i, dict)][:1000],
            "redacted_by": [str(b)[:120] for b in by][:20]}


def original_of(entry: dict) -> tuple | None:
    """(SHA-256, size) of the original a redacted rendering was made from, or None."""
    if entry.get("redacted") is True:
        return entry.get("original_sha256"), entry.get("original_size")
    return None
