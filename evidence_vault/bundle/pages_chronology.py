# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The investigation bundle's chronology: what happened, in order, across everyone who reported it.

Why: a bundle of a case holding staff bundles (imported with ``import-bundle``) is read by a
police or HR officer who needs the story before the items: each row is the day, the time, who
reported it (the sender named in their bundle's certificate, or the leader for their own
items), what it was, and the item's number here (and in the sender's own bundle). The rows are
the case timeline (timeline.py), so the app, ``evidence-vault timeline`` and the bundle agree.
Drawn only when the case holds imported items; page counts are known before drawing.
"""

from __future__ import annotations

from ..timeline import KIND_SAID, entry_of
from .layout import MARGIN, PAGE_H, PageWriter, wrap
from .timefmt import local_text

ROW_H = 27.0
TOP = 124.0


def has_imported(items) -> bool:
    """Whether the chronology is drawn: some item came from someone else's bundle."""
    return any(isinstance(i.info.get("source"), dict) for i in items)


def rows(items, owner: dict, numbers: dict[int, int]) -> list[dict]:
    """One row per item (the sealed bundle files are not events), oldest first."""
    out = []
    for entry in (entry_of(i, owner) for i in items):
        if entry is None:
            continue
        src = entry.source
        out.append({"at": entry.at, "unknown": entry.time_unknown, "label": entry.label,
                    "who": entry.person + (f", {entry.role}" if entry.role else ""),
                    "what": f"{KIND_SAID.get(entry.kind, entry.kind)}: {entry.what}",
                    "number": numbers.get(entry.item_id, entry.item_id),
                    "theirs": src.get("item_number") if src else None})
    return sorted(out, key=lambda r: (r["at"], r["number"]))


def per_page(bottom: float) -> int:
    return max(1, int((PAGE_H - MARGIN - TOP - bottom) // ROW_H))


def pages_needed(count: int, bottom: float) -> int:
    return -(-count // per_page(bottom)) if count else 0


def draw(pw: PageWriter, chron: list[dict], bottom: float) -> None:
    f = pw.f
    n_rows = per_page(bottom)
    chunks = [chron[i:i + n_rows] for i in range(0, len(chron), n_rows)]
    cols = [(0, "When (local time)"), (120, "Reported by"), (250, "What"), (470, "Item")]
    for n, chunk in enumerate(chunks):
        pw.table_start("Chronology across people", n, len(chunks),
                       "Everything in this case in the order it happened, whoever reported it. Items from a "
                       "bundle a member of staff sent keep that bundle, unchanged and still sealed, as an "
                       "attachment; 'their no.' is the item's number in it. Each item's page says where it "
                       "came from.", cols)
        for row in chunk:
            top = pw.y
            when = local_text(row["at"], seconds=False) if not row["unknown"] else f"{row['at']}, time not known"
            if row["label"] != "happened":
                when += f" ({row['label']})"
            for x, text, width in ((0, when, 116), (120, row["who"], 126), (250, row["what"], 216)):
                lines = wrap(text, f["regular"], 8, width)
                if len(lines) > 2:
                    lines = [lines[0], lines[1][:-1] + "…"]
                pw.c.setFont(f["regular"], 8)
                for i, line in enumerate(lines):
                    pw.c.drawString(MARGIN + x, top - 9 - i * 10, line)
            pw.c.setFont(f["regular"], 8)
            pw.c.drawString(MARGIN + 470, top - 9, str(row["number"]))
            if row["theirs"] is not None:
                pw.c.drawString(MARGIN + 470, top - 19, f"their no. {row['theirs']}")
            pw.row_end(top, ROW_H)
        pw.finish_page()


__all__ = ["has_imported", "rows", "pages_needed", "draw"]
