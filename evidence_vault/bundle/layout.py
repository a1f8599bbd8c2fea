# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Drawing primitives shared by every page: fonts, wrapped text, the page frame.

Everything is black on white with mid-grey rules and a pale grey header band, so a bundle
printed on a school's greyscale laser printer reads the same as on screen. The words are drawn
with the bundle's own DejaVu fonts (fonts.py: Latin, Greek, Cyrillic and more); what they
cannot draw is marked where it stands, never replaced silently.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics

from .fonts import drawn, registered

PAGE_W, PAGE_H = A4
MARGIN = 36.0
CONTENT_W = PAGE_W - 2 * MARGIN
FOOTER_H = 22.0
GREY_BAND = Color(0.9, 0.9, 0.9)
GREY_RULE = Color(0.45, 0.45, 0.45)
GREY_TEXT = Color(0.25, 0.25, 0.25)


def fonts() -> dict[str, str]:
    """{'regular','bold','mono'} font names: the bundle's own DejaVu fonts (fonts.py)."""
    return registered()


def safe(text: object, font: str | None = None) -> str:
    """Text ``font`` can draw: what it cannot draw is marked, never silently replaced (fonts.py)."""
    return drawn(str(text), font)


def wrap(text: object, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for para in str(text).splitlines() or [""]:
        para = safe(para, font)
        if not para.strip():
            lines.append("")
            continue
        for line in simpleSplit(para, font, size, width):
            # a URL with no spaces: simpleSplit leaves it whole, so cut it by width
            while pdfmetrics.stringWidth(line, font, size) > width and len(line) > 1:
                cut = len(line)
                while cut > 1 and pdfmetrics.stringWidth(line[:cut], font, size) > width:
                    cut = max(1, int(cut * 0.9))
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines


class PageWriter:
    """A reportlab canvas plus the bundle's running footer and a text cursor."""

    def __init__(self, canvas, *, case: str, total_pages: int, first_page: int = 1):
        self.c = canvas
        self.case = case
        self.total = total_pages
        self.page = first_page
        self.page_w, self.page_h = PAGE_W, PAGE_H
        self.y = PAGE_H - MARGIN
        self.f = fonts()

    @property
    def content_w(self) -> float:
        return self.page_w - 2 * MARGIN

    def start_page(self, *, landscape: bool = False) -> None:
        """Begin the next page upright or turned (a desktop screen print needs the width)."""
        self.page_w, self.page_h = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
        self.c.setPageSize((self.page_w, self.page_h))
        self.y = self.page_h - MARGIN

    def finish_page(self) -> None:
        c = self.c
        c.setStrokeColor(GREY_RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN, MARGIN + FOOTER_H - 6, self.page_w - MARGIN, MARGIN + FOOTER_H - 6)
        c.setFillColor(GREY_TEXT)
        c.setFont(self.f["regular"], 8)
        c.drawString(MARGIN, MARGIN + 4, safe(f"Evidence bundle: {self.case}")[:110])
        c.drawRightString(self.page_w - MARGIN, MARGIN + 4, f"Page {self.page} of {self.total}")
        c.setFillColor(black)
        c.showPage()
        self.page += 1
        self.start_page()  # upright unless the next page asks otherwise

    @property
    def bottom(self) -> float:
        return MARGIN + FOOTER_H + 4

    def heading(self, text: str, size: float = 16) -> None:
        self.c.setFont(self.f["bold"], size)
        for line in wrap(text, self.f["bold"], size, CONTENT_W):
            self.y -= size * 1.25
            self.c.drawString(MARGIN, self.y, line)
        self.y -= size * 0.5

    def para(self, text: str, size: float = 10.5, *, font: str = "regular", indent: float = 0,
             leading: float = 1.35, max_lines: int | None = None) -> None:
        name = self.f[font]
        lines = wrap(text, name, size, CONTENT_W - indent)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[: max_lines - 1] + [lines[max_lines - 1][:-2] + " …"]
        self.c.setFont(name, size)
        for line in lines:
            self.y -= size * leading
            self.c.drawString(MARGIN + indent, self.y, line)
        self.y -= size * 0.4

    def field(self, label: str, value: object, *, label_w: float = 150, size: float = 10,
              max_lines: int = 4, mono: bool = False) -> None:
        """'Label    value' with the value wrapped in its own column; long values are cut."""
        text = "not recorded" if value in (None, "", [], {}) else str(value)
        vfont = self.f["mono" if mono else "regular"]
        lines = wrap(text, vfont, size, CONTENT_W - label_w)
        if len(lines) > max_lines:
            lines = lines[: max_lines - 1] + ["… (in full in the attached files)"]
        self.y -= size * 1.35
        self.c.setFont(self.f["bold"], size)
        self.c.drawString(MARGIN, self.y, safe(label))
        self.c.setFont(vfont, size)
        for i, line in enumerate(lines):
            if i:
                self.y -= size * 1.3
            self.c.drawString(MARGIN + label_w, self.y, line)
        self.y -= size * 0.35

    def table_start(self, title: str, part: int, parts: int, intro: str,
                    columns: list[tuple[float, str]] | None = None) -> None:
        """The top of one page of a table that runs over ``parts`` pages (``part`` counts from 0):
        its title, '(continued, 2 of 3)' after the first, the intro, the column titles, a rule."""
        self.heading(title + (f" (continued, {part + 1} of {parts})" if part else ""), 16)
        self.para(intro, 9.5)
        if columns:
            self.c.setFont(self.f["bold"], 8.5)
            self.y -= 12
            for x, text in columns:
                self.c.drawString(MARGIN + x, self.y, text)
            self.y -= 4
        self.rule()

    def row_end(self, top: float, height: float) -> None:
        """Move below a table row drawn from ``top`` and draw the pale line under it."""
        self.y = top - height
        self.c.setStrokeColorRGB(0.75, 0.75, 0.75)
        self.c.line(MARGIN, self.y + 3, MARGIN + CONTENT_W, self.y + 3)

    def rule(self) -> None:
        self.y -= 4
        self.c.setStrokeColor(GREY_RULE)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, self.y, PAGE_W - MARGIN, self.y)
        self.y -= 6

    def band(self, lines: list[tuple[str, str, float]], height: float | None = None) -> None:
        """A grey header band holding (text, font key, size) lines, full width, at the cursor.

        ``height`` fixes the band's height (screenshot pages need a known image area)."""
        wrapped = []
        for text, font, size in lines:
            for line in wrap(text, self.f[font], size, self.content_w - 12)[:2]:
                wrapped.append((line, self.f[font], size))
        if height is None:
            height = sum(s * 1.3 for _t, _f, s in wrapped) + 10
        top = self.y
        self.c.setFillColor(GREY_BAND)
        self.c.setStrokeColor(GREY_RULE)
        self.c.rect(MARGIN, top - height, self.content_w, height, stroke=1, fill=1)
        self.c.setFillColor(black)
        y = top - 4
        for text, font, size in wrapped:
            y -= size * 1.3
            self.c.setFont(font, size)
            self.c.drawString(MARGIN + 6, y + size * 0.25, text)
        self.y = top - height - 6
        self.c.setFillColor(black)


__all__ = ["PageWriter", "PAGE_W", "PAGE_H", "MARGIN", "CONTENT_W", "wrap", "safe", "fonts",
           "white", "black"]
