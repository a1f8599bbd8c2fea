# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the person wrote and when it happened, as the head teacher reads it in the bundle.

Why (issue 20): the teacher corrected a note ("18 November" -> "19 November") and the bundle
printed the wrong one; an imported screenshot said when it was filed, not when it happened; a
kept "page gone" capture looked like any other page. So every place an item is named in the
bundle prints:

- its text as it reads now, and right beside it every earlier wording, with when and by whom
  each was written and replaced (vault.wordings: a view of the ledger, nothing hidden);
- when it happened, with who or what said so ("according to the file's name, confirmed by the
  person who added it"), beside when it was added (vault.when);
- the mark of a page that is not the page ("Page gone (HTTP 404)", page_problems).

Text a font cannot draw (fonts.py) is marked where it stands, and the page says which attached
file holds it exactly: the item's own file for an entry, an email or a text file, else
``item0007-typed-text.txt``, the note and every wording as typed, in UTF-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..page_problems import problem_of
from ..times import format_local
from ..vault.when import first_added_at, happened_at  # noqa: F401  (pages_items uses happened_at from here)
from ..vault.wordings import Wordings
from . import fonts
from .layout import CONTENT_W, MARGIN, PageWriter, wrap
from .timefmt import local_text

TEXT_SIZE = 9.5
CAPTION_SIZE = 8
LEADING = 1.3
GAP = 12
COLUMN_W = (CONTENT_W - GAP) / 2
MAX_NOW_LINES = 14      # the current wording, on the item's first page
MAX_EARLIER_LINES = 30  # every earlier wording with its captions, beside it
TYPED_ROLE = "typed_text"


def typed_name(item_id: int) -> str:
    return f"item{item_id:04d}-typed-text.txt"


def mark(item) -> str | None:
    """'Page gone (HTTP 404)' for a kept page that is not the page; None otherwise."""
    problem = problem_of(item)
    return problem.mark if problem is not None else None


def marked_title(item, title: str) -> str:
    found = mark(item)
    return f"{found.upper()}: {title}" if found else title


def short_source(source: str | None, item) -> str:
    """'according to the file's name' from the stored source, for a narrow column."""
    if not source:
        return "as written down" if item.kind == "incident" else "as recorded"
    words = source.split(" (")[0].split(", confirmed")[0]
    return "as given by the person" if words.startswith("given by") else words


def happened_words(item, zone: str | None = None) -> str | None:
    """'Thu 19 Nov 2026, 16:30:12 GMT, according to the file's name (...), confirmed by the
    person who added it'; None when nobody said when it happened."""
    at = happened_at(item)
    if not at:
        return None
    when = format_local(at) if item.info.get("time_unknown") or len(at) == 10 else local_text(at, zone)
    source = item.info.get("occurred_at_source") or (
        "as written down by the person who logged it" if item.kind == "incident" else None)
    return f"{when}, {source}" if source else when


def index_when(item, zone: str | None) -> list[str]:
    """The index's 'when' column: happened (and its source), then added."""
    from .timefmt import parse_utc
    def short(at: str) -> str:  # the column's heading says "local time"
        return local_text(at, zone, seconds=False).rsplit(" ", 1)[0]
    added = short(first_added_at(item))
    at = happened_at(item)
    lines = []
    if at:
        day_only = bool(item.info.get("time_unknown") or len(at) == 10 or parse_utc(at) is None)
        happened = format_local(at).replace(", time not known", "") if day_only else short(at)
        source = short_source(item.info.get("occurred_at_source"), item)
        lines += [f"Happened {happened}", f"(day only; {source})" if day_only else f"({source})"]
    elif item.kind == "web_capture" and item.info.get("captured_at"):
        lines.append(f"Captured {short(item.info['captured_at'])}")
    else:
        lines.append("Happened: not given")
    lines.append(f"Added {added}")
    return lines


@dataclass
class WordsPlan:
    """The note or entry block of an item's first page, laid out before drawing."""

    wordings: Wordings
    now: list[str] = field(default_factory=list)                   # wrapped current wording
    earlier: list[tuple[str, str]] = field(default_factory=list)   # (font key, line), with captions
    cut: bool = False
    cannot_draw: bool = False
    typed_text: bytes | None = None  # the attachment, when something is cut or cannot be drawn

    @property
    def height(self) -> float:
        if not self.wordings.corrected:
            return 0.0
        rows = max(len(self.now) + 1, len(self.earlier))
        return rows * TEXT_SIZE * LEADING + 16


def _what(wordings: Wordings) -> str:
    return "entry" if wordings.subject == "entry" else "note"


def plan_words(wordings: Wordings, item_id: int, *, compact: bool = False) -> WordsPlan:
    """Lay out the wordings; decide whether the exact text must be attached.

    ``compact``: the details page is already full (a web capture's): fewer lines on it, the
    rest in the attached text."""
    max_now, max_earlier = (MAX_NOW_LINES // 2, MAX_EARLIER_LINES // 2) if compact else (MAX_NOW_LINES,
                                                                                        MAX_EARLIER_LINES)
    regular = fonts.registered()["regular"]
    plan = WordsPlan(wordings)
    texts = [wordings.current.shown()] + [w.shown() for w in wordings.earlier]
    plan.cannot_draw = any(fonts.undrawable(t, regular) for t in texts)
    if wordings.corrected:
        now = wrap(wordings.current.shown(), regular, TEXT_SIZE, COLUMN_W)
        if len(now) > max_now:
            now, plan.cut = now[:max_now - 1] + ["… (continues in the attached text)"], True
        plan.now = now
        lines: list[tuple[str, str]] = []
        share = max(4, max_earlier // len(wordings.earlier))  # each wording its part of the column
        for n, w in enumerate(wordings.earlier, 1):
            caption = (f"Earlier wording {n}{' (the original)' if w.original else ''}: written "
                       f"{format_local(w.written_at)}{f' by {w.written_by}' if w.written_by else ''}; replaced "
                       f"{format_local(w.replaced_at)}{f' by {w.replaced_by}' if w.replaced_by else ''}")
            head = [("bold", line) for line in wrap(caption, fonts.registered()["bold"], CAPTION_SIZE, COLUMN_W)]
            body = [("regular", line) for line in wrap(w.shown(), regular, TEXT_SIZE, COLUMN_W)]
            room = max(1, share - len(head))
            if len(body) > room:
                body, plan.cut = body[:room - 1] + [("regular", "… (continues in the attached text)")], True
            if len(lines) + len(head) + len(body) > max_earlier:
                left = len(wordings.earlier) - n + 1
                lines.append(("regular", f"… {left} more earlier wording{'s' if left > 1 else ''} in the attached text"))
                plan.cut = True
                break
            lines += head + body
        plan.earlier = lines
    else:
        plan.cut = len(wrap(wordings.current.shown(), regular, 10, CONTENT_W - 150)) > 6
    only_in_record = wordings.corrected or wordings.subject != "entry"
    if (plan.cut or plan.cannot_draw) and only_in_record:
        plan.typed_text = typed_text(wordings).encode("utf-8")
    return plan


def typed_text(wordings: Wordings) -> str:
    """The attached text: the wording as typed; with corrections, every wording headed."""
    if not wordings.corrected:
        return wordings.current.text or ""
    parts = [f"The {_what(wordings)} as it reads now (corrected {wordings.current.written_at}"
             f"{f' by {wordings.current.written_by}' if wordings.current.written_by else ''}):",
             wordings.current.text or ""]
    for n, w in enumerate(wordings.earlier, 1):
        parts += ["", f"Earlier wording {n}{' (the original)' if w.original else ''}, written {w.written_at}"
                  f"{f' by {w.written_by}' if w.written_by else ''}, replaced {w.replaced_at}"
                  f"{f' by {w.replaced_by}' if w.replaced_by else ''}:", w.text or ""]
    return "\n".join(parts) + "\n"


def cannot_draw_sentence(file_name: str) -> str:
    return (f"Part of this text is in a script this bundle cannot draw (shown as {fonts.MARKER}); "
            f"the exact text is attached as {file_name}.")


def draw_note(pw: PageWriter, plan: WordsPlan, item_id: int, label: str = "Note") -> None:
    """The note field, or (corrected) the current wording with every earlier one beside it."""
    w = plan.wordings
    if not w.corrected:
        pw.field(label, w.current.text, max_lines=6)
    else:
        _draw_columns(pw, plan, label)
    if plan.typed_text is not None:
        why = (cannot_draw_sentence(typed_name(item_id)) if plan.cannot_draw else
               f"The {_what(w)} is longer than this page shows; every wording is attached in full as "
               f"{typed_name(item_id)}.")
        pw.para(why, 9, indent=150 if not w.corrected else 0)


def _draw_columns(pw: PageWriter, plan: WordsPlan, label: str) -> None:
    f, c = pw.f, pw.c
    w = plan.wordings
    count = len(w.earlier)
    pw.y -= 4
    top = pw.y
    c.setFont(f["bold"], 10)
    c.drawString(MARGIN, top - 10, f"{label} as it reads now (corrected)")
    c.drawString(MARGIN + COLUMN_W + GAP, top - 10,
                 f"Earlier wording{'s' if count != 1 else ''} ({count}), oldest first")
    step = TEXT_SIZE * LEADING
    y = top - 10
    c.setFont(f["regular"], TEXT_SIZE)
    for line in plan.now:
        y -= step
        c.drawString(MARGIN, y, line)
    y_right = top - 10
    for font, line in plan.earlier:
        y_right -= step
        c.setFont(f[font], CAPTION_SIZE if font == "bold" else TEXT_SIZE)
        c.drawString(MARGIN + COLUMN_W + GAP, y_right, line)
    c.setStrokeColorRGB(0.6, 0.6, 0.6)
    c.line(MARGIN + COLUMN_W + GAP / 2, top, MARGIN + COLUMN_W + GAP / 2, top - plan.height + 8)
    pw.y = top - plan.height


def change_words(old: str | None, new: str | None, limit: int = 22) -> str:
    """"'18 November' → '19 November'": the part that changed, with a little of its context."""
    old, new = " ".join((old or "").split()), " ".join((new or "").split())
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    start = old.rfind(" ", 0, max(0, start)) + 1  # from the start of the changed word
    def piece(text: str) -> str:
        stop = len(text) - end
        nxt = text.find(" ", stop + 1)  # to the end of the word after it
        stop = nxt if nxt >= 0 else len(text)
        middle = text[start:stop]
        if len(middle) > limit:
            middle = middle[:limit - 1] + "…"
        return ("…" if start else "") + middle + ("…" if stop < len(text) else "")
    return f"'{piece(old)}' → '{piece(new)}'"
